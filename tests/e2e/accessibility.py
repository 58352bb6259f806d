"""axe-core in a browser context, as axe-playwright-python runs it (the
same bundled axe.min.js, the same options, the same report), but
injected once per context by an init script: the library sends its
570 kB script over the wire before every run, a third of a page's time.

In both colour schemes: the whole set of rules in the light one; in the
dark one, axe's colour rules only, once the page has shown that the
dark scheme changes nothing but colours (otherwise every rule again).
The other rules cannot answer differently there; the colour rules are
most of a run's cost, so this saves a tenth of the axe passes' CPU
(bench/navigateur.py: 21 pages, 11.2 s -> 10.1 s)."""

from __future__ import annotations

import json

from axe_playwright_python.sync_playwright import DEFAULT_OPTIONS, Axe, AxeResults

_AXE = Axe()
# Before the page's own scripts: the colour-scheme queries they make.
_WATCH_SCHEME_QUERIES = """
window.__requetesTheme = [];
const matchMediaOriginal = window.matchMedia;
window.matchMedia = function (query) {
  if (/prefers-color-scheme/.test(query)) window.__requetesTheme.push(query);
  return matchMediaOriginal.call(this, query);
};
"""

# What the dark scheme changes on the loaded page beyond colours: every
# rule under a prefers-color-scheme condition must be ``:root`` setting
# custom properties to colours; no stylesheet, picture source or script
# may depend on the scheme (the theme-color meta only tints the
# browser's own frame). Empty: only colours change.
DARK_SCHEME_CHANGES = """() => {
  const scheme = /prefers-color-scheme/;
  const found = [...(window.__requetesTheme || []).map((q) => `matchMedia(${q})`)];
  const walk = (rules, dark) => {
    for (const rule of rules) {
      if (rule instanceof CSSImportRule) {
        if (scheme.test(rule.media.mediaText)) found.push(rule.cssText);
        if (rule.styleSheet) walk(rule.styleSheet.cssRules, dark);
        continue;
      }
      const inDark = dark || (rule instanceof CSSConditionRule && scheme.test(rule.conditionText));
      if (rule.cssRules && rule.cssRules.length) walk(rule.cssRules, inDark);
      if (!inDark || rule instanceof CSSConditionRule) continue;
      if (!(rule instanceof CSSStyleRule) || rule.selectorText !== ':root') {
        found.push(rule.cssText);
        continue;
      }
      for (const name of rule.style) {
        const value = rule.style.getPropertyValue(name).trim();
        if (!name.startsWith('--') || !CSS.supports('color', value))
          found.push(`${name}: ${value}`);
      }
    }
  };
  for (const sheet of document.styleSheets) {
    if (sheet.media && scheme.test(sheet.media.mediaText)) found.push(`feuille ${sheet.href}`);
    try {
      walk(sheet.cssRules, false);
    } catch (error) {
      found.push(`feuille illisible ${sheet.href}`);
    }
  }
  for (const element of document.querySelectorAll('[media]')) {
    if (scheme.test(element.getAttribute('media')) && !element.matches('meta[name="theme-color"]'))
      found.push(element.outerHTML);
  }
  return found;
}"""

# axe's colour rules (tag « cat.color ») among those the light run ran:
# the AAA one, off by default, stays off.
_COLOUR_RULES = """(ran) =>
  axe.getRules(['cat.color']).map((rule) => rule.ruleId).filter((id) => ran.includes(id))"""


def axe_context(browser, **options):
    """A new browser context in which every document loads axe-core
    before its own scripts (an init script runs whatever the page's CSP)."""
    context = browser.new_context(**options)
    context.add_init_script(script=_AXE.axe_script + _WATCH_SCHEME_QUERIES)
    return context


def axe_run(page, rules: list[str] | None = None) -> AxeResults:
    """axe-core's verdict on the page loaded in an ``axe_context``: the
    same rules and the same report as ``Axe().run(page)``, or only
    ``rules``."""
    options = dict(DEFAULT_OPTIONS)
    if rules is not None:
        options["runOnly"] = {"type": "rule", "values": rules}
    return AxeResults(page.evaluate(f"axe.run({json.dumps(options)})"))


def axe_in_both_schemes(page) -> dict[str, AxeResults]:
    """axe-core's verdicts on the loaded page, light then dark."""
    page.emulate_media(color_scheme="light")
    light = axe_run(page)
    page.emulate_media(color_scheme="dark")
    if page.evaluate(DARK_SCHEME_CHANGES):
        return {"light": light, "dark": axe_run(page)}
    ran = [
        rule["id"]
        for kind in ("violations", "passes", "incomplete", "inapplicable")
        for rule in light.response[kind]
    ]
    return {"light": light, "dark": axe_run(page, page.evaluate(_COLOUR_RULES, ran))}
