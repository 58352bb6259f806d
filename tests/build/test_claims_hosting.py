"""README claims about the legal notice and the files for Netlify and
Cloudflare Pages that had no test of their own (docs/affirmations.md)."""

import json

from bs4 import BeautifulSoup

from tests.helpers import FIXTURE, run_pelican, settings

FILLED = {
    "editeur": "Le Centsept, association",
    "siege": "1 rue de l’Essai, 69000 Lyon",
    "telephone": "04 00 00 00 00",
    "courriel": "contact@exemple.fr",
    "directeur_publication": "Camille Essai",
    "hebergeur_nom": "Hébergeur Essai",
    "hebergeur_adresse": "2 avenue de l’Essai, 75000 Paris",
    "hebergeur_telephone": "01 00 00 00 00",
}


def legal_page(site):
    page = BeautifulSoup(
        (site / "mentions-legales" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    return page, [dd.get_text(" ", strip=True) for dd in page.select("main dd")]


# R-legal-notice: « Le bloc `LEGAL_NOTICE` de `pelicanconf.py` remplit
# `/mentions-legales/` » ; R-mentions-legales: « jamais aux lecteurs ».
def test_legal_notice_fills_its_page_and_never_shows_gaps_to_readers(fixture_published, tmp_path):
    assert set(settings("publishconf.py")["LEGAL_NOTICE"]) == set(FILLED)
    page, shown = legal_page(fixture_published)
    assert shown == ["Le Centsept, association"]  # the only field known today
    assert not page.select(".note-redaction") and "None" not in page.get_text()
    output = tmp_path / "site"
    result = run_pelican(
        output,
        "publishconf.py",
        content=FIXTURE,
        extra=("-e", f"LEGAL_NOTICE={json.dumps(FILLED)}"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    _, shown = legal_page(output)
    assert shown == list(FILLED.values())


# R-netlify: « **Netlify, Cloudflare Pages…** : `_headers` et `_redirects` ».
def test_netlify_files_carry_every_security_header_and_redirect(fixture_published):
    production = settings("publishconf.py")
    blocks, current = {}, None
    for line in (fixture_published / "_headers").read_text(encoding="utf-8").splitlines():
        if line.startswith("/"):
            current = blocks.setdefault(line.strip(), [])
        elif line.startswith("  ") and current is not None:
            current.append(line.strip())
    assert "Strict-Transport-Security" in production["SECURITY_HEADERS"]
    for name, value in production["SECURITY_HEADERS"].items():
        assert f"{name}: {value}" in blocks["/*"], name
    redirects = (fixture_published / "_redirects").read_text(encoding="utf-8").splitlines()
    for old, new in production["REDIRECTS"].items():
        assert any(line.split()[:3] == [old, new, "301"] for line in redirects), old
