"""Page budgets of the real site: Lighthouse scores (mobile) and weights.

    .venv/bin/python bench/pages.py [accueil entretien …]

Builds the site with production settings, serves it on 127.0.0.1 with
the site's Content-Security-Policy, and for each page type prints:
- the four Lighthouse 12.2.3 scores (npm, run with Debian's Chromium),
  cumulative layout shift, render-blocking resources, requests to other
  origins;
- HTML and CSS, raw and gzip (what a first visit downloads).
Needs `npm ci` (Lighthouse) and /usr/bin/chromium.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from sitetools.serve import StaticSite, free_port  # noqa: E402

PAGES = {
    "accueil": "/",
    "entretien": (
        "/a-la-rencontre-de-nos-membres-entretien-avec-alain-blum-vice-president-du-centsept/"
    ),
    "programme": "/programmes/centsept-labs/",
    "personne": "/personnes/alain-blum/",
    "liste": "/rencontres/",
    "theme": "/themes/emploi-et-insertion/",
    "programmes": "/programmes/",
    "personnes": "/personnes/",
    "serie": "/series/a-la-rencontre-de-nos-membres/",
    "page": "/a-propos/",
    "recherche": "/recherche/",
    "404": "/404.html",
}
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-quic"
)


def csp() -> str:
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "pelicanconf.py"))["CONTENT_SECURITY_POLICY"]


def lighthouse(url: str, report: Path) -> dict:
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
    )
    return json.loads(report.read_text(encoding="utf-8"))


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        output = Path(tmp) / "site"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pelican",
                str(ROOT / "content"),
                "-s",
                str(ROOT / "publishconf.py"),
                "-o",
                str(output),
                "--fatal",
                "warnings",
                "-q",
            ],
            cwd=ROOT,
            check=True,
            env={**os.environ, "SITEURL": f"http://127.0.0.1:{port}"},
        )
        site = StaticSite(output, port, {"Content-Security-Policy": csp()})
        css = (output / "theme" / "css" / "site.css").read_bytes()
        print(
            "| page | perf. | access. | bonnes pratiques | SEO | CLS | bloquants | autres origines "
            "| HTML brut / gzip | HTML + CSS gzip |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        try:
            chosen = sys.argv[1:] or list(PAGES)  # e.g. `bench/pages.py accueil`
            for name, path in ((n, PAGES[n]) for n in chosen):
                report = lighthouse(site.url + path, Path(tmp) / f"{name}.json")
                failed = [
                    key
                    for key, audit in report["audits"].items()
                    if audit.get("score") is not None
                    and audit["score"] < 1
                    and audit.get("scoreDisplayMode") in ("binary", "numeric")
                ]
                print(f"<!-- {name} : audits sous 1 : {failed} -->", file=sys.stderr)
                scores = [
                    round(report["categories"][c]["score"] * 100)
                    for c in ("performance", "accessibility", "best-practices", "seo")
                ]
                audits = report["audits"]
                cls = audits["cumulative-layout-shift"]["numericValue"]
                blocking = len(
                    audits["render-blocking-resources"].get("details", {}).get("items", [])
                )
                origins = {
                    item["url"].split("/")[2]
                    for item in audits["network-requests"]["details"]["items"]
                }
                other = len(origins - {f"127.0.0.1:{port}"})
                file = output / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
                html = file.read_bytes()
                print(
                    f"| {name} | {' | '.join(map(str, scores))} | {cls:.3f} | {blocking} | {other} "
                    f"| {len(html) / 1024:.1f} Ko / {gz(html) / 1024:.1f} Ko "
                    f"| {(gz(html) + gz(css)) / 1024:.1f} Ko |"
                )
        finally:
            site.close()


if __name__ == "__main__":
    main()
