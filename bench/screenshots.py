"""Screenshots of every page type, to look at the design as a reader does.

    .venv/bin/python bench/screenshots.py [--essai] [--dossier DOSSIER]

Builds the site with production settings (or, with --essai, the test
fixture site: four interviews, a series, three people), serves it on
127.0.0.1 with its Content-Security-Policy and saves full-page PNGs of
each page at 320, 375, 768, 1280 and 1600 px, light and dark, in
bench/captures/ (not committed). Needs /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
from pages import PAGES as REAL_PAGES  # noqa: E402  (bench/pages.py: the same page types)

from sitetools.serve import StaticSite, free_port  # noqa: E402

WIDTHS = (320, 375, 768, 1280, 1600)
SCHEMES = ("light", "dark")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def fixture_pages(output: Path) -> dict[str, str]:
    """The fixture site's addresses, read from what was built."""
    interview = next(
        p for p in sorted(output.glob("*/index.html")) if 'class="rencontre"' in p.read_text()
    )
    person = sorted((output / "personnes").glob("*/index.html"))[0]
    programme = sorted((output / "programmes").glob("*/index.html"))[0]
    theme = sorted((output / "themes").glob("*/index.html"))[0]
    series = sorted((output / "series").glob("*/index.html"))[0]
    return {
        "accueil": "/",
        "entretien": f"/{interview.parent.name}/",
        "programme": f"/programmes/{programme.parent.name}/",
        "personne": f"/personnes/{person.parent.name}/",
        "liste": "/rencontres/",
        "theme": f"/themes/{theme.parent.name}/",
        "programmes": "/programmes/",
        "personnes": "/personnes/",
        "serie": f"/series/{series.parent.name}/",
        "page": "/a-propos/",
        "recherche": "/recherche/",
        "404": "/404.html",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--essai", action="store_true", help="le site d’essai des tests")
    parser.add_argument("--dossier", type=Path, default=ROOT / "bench" / "captures")
    parser.add_argument("--largeurs", default=",".join(map(str, WIDTHS)))
    parser.add_argument("--pages", default="", help="accueil,entretien… (toutes par défaut)")
    arguments = parser.parse_args()
    content = ROOT / ("tests/fixtures/site" if arguments.essai else "content")
    arguments.dossier.mkdir(parents=True, exist_ok=True)
    for old in arguments.dossier.glob("*.png"):  # no stale picture left to mislead
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        output = Path(tmp) / "site"
        subprocess.run(
            [sys.executable, "-m", "pelican", str(content), "-s", "publishconf.py"]
            + ["-o", str(output), "-q"],
            cwd=ROOT,
            check=True,
            env={**__import__("os").environ, "SITEURL": f"http://127.0.0.1:{port}"},
        )
        from pelican.settings import read_settings

        csp = read_settings(str(ROOT / "pelicanconf.py"))["CONTENT_SECURITY_POLICY"]
        site = StaticSite(output, port, {"Content-Security-Policy": csp})
        pages = dict(fixture_pages(output) if arguments.essai else REAL_PAGES)
        # The search page as a reader sees it once she has typed a word.
        pages["resultats"] = f"/recherche/?q={'essai' if arguments.essai else 'centsept'}"
        if arguments.pages:
            pages = {name: pages[name] for name in arguments.pages.split(",")}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
                )
                for width in map(int, arguments.largeurs.split(",")):
                    for scheme in SCHEMES:
                        context = browser.new_context(
                            viewport={"width": width, "height": 800}, color_scheme=scheme
                        )
                        page = context.new_page()
                        for name, path in pages.items():
                            response = page.goto(site.url + path, wait_until="networkidle")
                            if "?q=" in path:
                                page.locator("#recherche-resultats li").first.wait_for()
                            if response.status != 200 or "<h1" not in page.content():
                                raise SystemExit(f"{path} : réponse {response.status} inattendue")
                            target = arguments.dossier / f"{name}-{width}-{scheme}.png"
                            page.screenshot(path=str(target), full_page=True)
                        context.close()
                browser.close()
        finally:
            site.close()
    print(f"Captures dans {arguments.dossier}")


if __name__ == "__main__":
    main()
