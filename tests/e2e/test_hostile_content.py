"""Content that passes the validation but was written to break out of
its context (quotes, ampersands, « < », code that shows a script): built
for production and loaded page by page in Chromium, with the site's
headers and without any (GitHub Pages), no dialog opens, no script of
the content runs, no request leaves the origin."""

from __future__ import annotations

import shutil
from xml.etree import ElementTree

import pytest

from sitetools.check import check_site
from sitetools.serve import StaticSite
from tests.helpers import FIXTURE, build_site, free_port, settings

ALERT = "alert(document.domain)"
# Each (file, old, new): a value that is legal text, yet dangerous if
# printed unescaped in HTML, an attribute, JSON-LD, a feed or a sitemap.
HOSTILE = [
    (
        "rencontres/premier.md",
        "title: Premier entretien",
        f'title: \'Premier " onmouseover="{ALERT}" x=" & a < b\'',
    ),
    (
        "rencontres/premier.md",
        "summary: Le premier entretien d’essai.",
        f"summary: 'Chapô \"entre guillemets\" {ALERT} & co ; a < b'",
    ),
    (
        "rencontres/premier.md",
        "themes: [Emploi]",
        'themes: [\'Emploi " onclick="x\', "L\'été & co"]',
    ),
    (
        "personnes/paul-petit.md",
        "portrait_alt: Paul Petit, souriant, devant un mur de briques.",
        f"portrait_alt: 'Photo\" onerror=\"{ALERT}'",
    ),
    ("personnes/paul-petit.md", "role: Fondateur", f"role: \"Fondateur' onfocus='{ALERT}\""),
    (
        "personnes/marie-durand.md",
        "organisation: Entreprise Essai",
        "organisation: 'Entreprise \"Essai\" & fils'",
    ),
]
BODY = f"""

## Et le code ?

Du code montré, jamais exécuté : `<img src=x onerror={ALERT}>`.

```html
<script>{ALERT}</script>
```

Un lien correct : [le deuxième]({{filename}}deuxieme.md).

Du texte qui ressemble à un gabarit, jamais exécuté : {{{{ 7*7 }}}} et {{% raw %}}.

Une image dont un attribut contient « alt= » (la typographie ne doit
toucher que le vrai texte alternatif) :
<img src="/images/paul-petit.png" alt="ok" title=" alt='" data-x='" onerror="{ALERT}"'> fin.
"""


# The events Playwright's `dispatch_event` would build (MouseEvent,
# FocusEvent, Event; bubbling, cancelable, composed), dispatched on the
# first 80 elements in the page; returns how many elements got them.
DISPATCH = """() => {
    const init = {bubbles: true, cancelable: true, composed: true};
    const elements = [...document.querySelectorAll("a, img, p, h1, h2, li, span")].slice(0, 80);
    for (const element of elements) {
        element.dispatchEvent(new MouseEvent("mouseover", init));
        element.dispatchEvent(new FocusEvent("focus", init));
        element.dispatchEvent(new Event("error", init));
    }
    return elements.length;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    content = tmp / "content"
    shutil.copytree(FIXTURE, content)
    for relative, old, new in HOSTILE:
        path = content / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    premier = content / "rencontres" / "premier.md"
    premier.write_text(premier.read_text(encoding="utf-8") + BODY, encoding="utf-8")
    errors = [p for p in check_site(content, settings()) if p.severity == "erreur"]
    assert errors == [], errors  # legal text: the site is built
    port = free_port()
    root = build_site(
        tmp / "site",
        settings="publishconf.py",
        content=content,
        env={"SITEURL": f"http://127.0.0.1:{port}"},
    )
    return root, port


def test_template_syntax_in_content_is_text(hostile_site):
    """No template language runs on content: « {{ 7*7 }} » stays as written."""
    root, _ = hostile_site
    page = (root / "premier" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in page and "{% raw %}" in page and ">49<" not in page


def test_no_payload_becomes_markup_in_any_output_file(hostile_site):
    """Parsed as a browser would: no event handler on any element, no
    script but the site's own, no tag from the content in feeds,
    sitemap, JSON or server files."""
    from bs4 import BeautifulSoup

    root, _ = hostile_site
    checked = 0
    for path in root.rglob("*"):
        if not path.is_file() or "pagefind" in path.parts:
            continue
        if path.suffix == ".html":
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for element in soup.find_all(True):
                assert not [a for a in element.attrs if a.startswith("on")], (path, element)
            for script in soup.find_all("script"):
                assert script.get("type") == "application/ld+json" or script.get("src"), path
                assert ALERT not in (script.string or "") or script.get("type"), path
            checked += 1
        elif path.suffix == ".xml":
            # Well-formed (nothing broke out), and the HTML it carries
            # (Atom summaries and contents) holds no handler or script.
            for element in ElementTree.parse(path).iter():
                if element.get("type") == "html" and element.text:
                    fragment = BeautifulSoup(element.text, "html.parser")
                    assert not fragment.find("script"), path
                    for tag in fragment.find_all(True):
                        assert not [a for a in tag.attrs if a.startswith("on")], (path, tag)
            checked += 1
    assert checked >= 18


@pytest.mark.parametrize("headers", ["avec en-têtes", "sans en-tête"])
def test_chromium_loads_every_page_without_running_content(browser, hostile_site, headers):
    root, port = hostile_site
    sent = {"Content-Security-Policy": settings()["CONTENT_SECURITY_POLICY"]}
    site = StaticSite(root, port, sent if headers == "avec en-têtes" else {})
    try:
        context = browser.new_context()
        page = context.new_page()
        dialogs, origins = [], set()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda request: origins.add(request.url.split("/")[2]))
        pages = site.pages()
        assert len(pages) >= 15
        for path in pages:
            page.goto(site.url + path)
            # Mouse over and focus everything, so that injected handlers
            # would fire: in one round trip per page, not one per event.
            assert page.evaluate(DISPATCH) > 0
            page.keyboard.press("Tab")
        context.close()
    finally:
        site.close()
    assert dialogs == []
    assert origins == {f"127.0.0.1:{port}"}
