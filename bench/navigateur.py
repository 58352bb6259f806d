"""What the browser tests cost in CPU: a page load, axe-core in each
colour scheme.

    .venv/bin/python bench/navigateur.py [--runs R]

Builds the real site (production settings), serves it with its
Content-Security-Policy and, in one Chromium driven by Playwright as
tests/e2e/ drives it, loads every page and runs axe-core as
tests/e2e/accessibility.py does: the whole set of rules in the light
scheme, then in the dark one either the whole set again or what the
suite runs (the colour rules, once the page shows that only colours
change). Each variant is run R times (default 3), alternating; it
prints the medians of wall time and of the CPU time of the whole
machine (/proc/stat: run it on an idle machine). Needs
/usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from sitetools.build import build_site  # noqa: E402
from sitetools.serve import StaticSite, free_port  # noqa: E402
from tests.e2e.accessibility import axe_context, axe_in_both_schemes, axe_run  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.helpers import settings  # noqa: E402


def load_only(page) -> None:
    pass


def light(page) -> None:
    axe_run(page)


def both_in_full(page) -> None:
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        axe_run(page)


PASSES = {
    "chargement seul": load_only,
    "axe clair": light,
    "axe clair + sombre, toutes les règles": both_in_full,
    "axe clair + sombre couleurs (la suite)": axe_in_both_schemes,
}


def busy_seconds() -> float:
    """CPU seconds spent by the whole machine so far (not idle, not iowait)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / 100


def one_pass(browser, site: StaticSite, check) -> tuple[float, float]:
    began, cpu = time.monotonic(), busy_seconds()
    context = axe_context(browser)
    page = context.new_page()
    for path in site.pages():
        page.goto(site.url + path)
        check(page)
    context.close()
    return time.monotonic() - began, busy_seconds() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        output = Path(tmp) / "site"
        os.environ["SITEURL"] = f"http://127.0.0.1:{port}"
        build_site(ROOT / "publishconf.py", output, ROOT / "content")
        policy = settings()["CONTENT_SECURITY_POLICY"]
        site = StaticSite(output, port, {"Content-Security-Policy": policy})
        print(f"{len(site.pages())} pages, {arguments.runs} passages alternés, médianes")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                one_pass(browser, site, light)  # warm-up: caches, JIT
                measures = {name: [] for name in PASSES}
                for _ in range(arguments.runs):
                    for name, check in PASSES.items():
                        measures[name].append(one_pass(browser, site, check))
                browser.close()
        finally:
            site.close()
    for name, values in measures.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        print(f"  {name:42} {wall:6.2f} s réels  {cpu:6.2f} s de CPU")


if __name__ == "__main__":
    main()
