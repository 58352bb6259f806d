"""axe-core in a browser context, as axe-playwright-python runs it (the
same bundled axe.min.js, the same options, the same report), but
injected once per context by an init script: the library sends its
570 kB script over the wire before every run, a third of a page's time."""

from __future__ import annotations

import json

from axe_playwright_python.sync_playwright import DEFAULT_OPTIONS, Axe, AxeResults

_AXE = Axe()
# The library's call: the whole document, violations only.
_RUN = f"axe.run({json.dumps(DEFAULT_OPTIONS)})"


def axe_context(browser, **options):
    """A new browser context in which every document loads axe-core
    before its own scripts (an init script runs whatever the page's CSP)."""
    context = browser.new_context(**options)
    context.add_init_script(script=_AXE.axe_script)
    return context


def axe_run(page) -> AxeResults:
    """axe-core's verdict on the page loaded in an ``axe_context``: the
    same rules and the same report as ``Axe().run(page)``."""
    return AxeResults(page.evaluate(_RUN))
