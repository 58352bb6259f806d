"""Time from saving a file to the refreshed page, with `invoke livereload`.

    .venv/bin/python bench/livereload.py [EDITS] [--synthetique N] [--projet DOSSIER]
    .venv/bin/python bench/livereload.py [EDITS] --synthetique N --pelican-nu

Copies the project into a temporary folder (content/ is never touched),
starts `invoke livereload` there, opens the interview in Debian's
Chromium, then EDITS times: saves a change to the interview's Markdown
and waits until the browser shows it. Prints, for each save, when the
page's file held the change (« fichier ») and when the browser showed
it (« navigateur »), and the medians.

``--pelican-nu``: the same save, to the first of N synthetic interviews
written for vanilla Pelican (bench/synthetic.py: same texts, default
theme, no plugin), under ``pelican --autoreload``, which has no browser
to refresh: only « fichier ». Both sides of ticket 24's ratio.

``--synthetique N``: N synthetic interviews added to the copy's content
(bench/synthetic.py), as in bench/build.py. ``--projet DOSSIER``: copy
that checkout instead of this one (another worktree, to compare two
versions in one run; run this script with that checkout's Python).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from sitetools.serve import free_port  # noqa: E402

INTERVIEW = "a-la-rencontre-de-nos-membres-entretien-avec-alain-blum-vice-president-du-centsept"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    import argparse

    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("edits", nargs="?", type=int, default=5)
    parser.add_argument("--synthetique", type=int, default=0)
    parser.add_argument("--projet", type=Path, default=ROOT)
    parser.add_argument("--pelican-nu", action="store_true")
    parser.add_argument("-v", action="store_true")
    arguments = parser.parse_args()
    if arguments.pelican_nu:
        return vanilla(arguments.edits, arguments.synthetique or 1000)
    edits = arguments.edits
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "site"
        shutil.copytree(
            arguments.projet,
            project,
            ignore=shutil.ignore_patterns(
                ".git", ".venv", "node_modules", "output*", "cache", "__pycache__"
            ),
        )
        if arguments.synthetique:
            from synthetic import write_site

            write_site(project / "content", arguments.synthetique)
        source = project / "content" / "rencontres" / "entretien-alain-blum.md"
        original = source.read_text(encoding="utf-8")
        port = free_port()
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name("invoke")), "livereload", "--port", str(port)],
            cwd=project,
            stdout=open(Path(tmp) / "serveur.log", "w"),
            stderr=subprocess.STDOUT,
        )
        url = f"http://localhost:{port}/{INTERVIEW}/"
        written = project / "output" / INTERVIEW / "index.html"
        try:
            deadline = time.monotonic() + 600  # the first build, at N = 1,000 too
            while True:
                try:
                    urllib.request.urlopen(url, timeout=2)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            times, files = [], []
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
                )
                page = browser.new_page()
                page.goto(url)
                page.wait_for_timeout(1000)  # livereload.js connected
                for number in range(1, edits + 1):
                    marker = f"Essai de rechargement {number}"
                    start = time.perf_counter()
                    source.write_text(original + f"\n{marker}\n", encoding="utf-8")
                    files.append(wait_for_text(written, marker, start))
                    # A locator, not wait_for_function: the page's policy
                    # forbids evaluating strings.
                    page.get_by_text(marker).wait_for(
                        timeout=300_000
                    )  # main at N = 1,000, loaded machine
                    times.append(time.perf_counter() - start)
                    print(
                        f"modification {number} : fichier {files[-1]:.2f} s, "
                        f"navigateur {times[-1]:.2f} s"
                    )
                    page.wait_for_timeout(3500)
                browser.close()
            print(
                f"médianes sur {edits} modifications : fichier "
                f"{statistics.median(files):.2f} s, navigateur {statistics.median(times):.2f} s"
            )
        finally:
            server.terminate()
            server.wait(timeout=10)
            if arguments.v:
                print((Path(tmp) / "serveur.log").read_text(encoding="utf-8"))


def wait_for_text(path: Path, text: str, start: float, limit: float = 300) -> float:
    """Seconds from ``start`` until the file at ``path`` holds ``text``
    (read every 10 ms; a file being replaced may be missing a moment)."""
    while time.perf_counter() - start < limit:
        try:
            if text in path.read_text(encoding="utf-8"):
                return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.01)
    raise TimeoutError(f"{path} n’a pas reçu « {text} » en {limit} s")


def vanilla(edits: int, count: int) -> None:
    """``pelican --autoreload`` on N synthetic interviews: save the first,
    wait until its page holds the change."""
    from synthetic import write_vanilla

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        content = write_vanilla(tmp / "contenu", count)
        settings = tmp / "vanilla.py"
        settings.write_text("", encoding="utf-8")
        source = sorted(content.glob("*.md"))[0]
        original = source.read_text(encoding="utf-8")
        output = tmp / "sortie"
        log = open(tmp / "pelican.log", "w")
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name("pelican")), str(content), "-o", str(output),
             "-s", str(settings), "--autoreload"],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 600
            while not (output / "index.html").is_file():
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError((tmp / "pelican.log").read_text(encoding="utf-8"))
                time.sleep(0.2)
            # The first build is over once its last pages are there.
            page = output / "entretien-de-synthese-ndeg-1-une-rencontre.html"
            while not (page.is_file() and (output / "archives.html").is_file()):
                time.sleep(0.2)
            time.sleep(3)
            files = []
            for number in range(1, edits + 1):
                marker = f"Essai de rechargement {number}"
                start = time.perf_counter()
                source.write_text(original + f"\n{marker}\n", encoding="utf-8")
                files.append(wait_for_text(page, marker, start))
                print(f"modification {number} : fichier {files[-1]:.2f} s")
                time.sleep(3.5 + files[-1])  # the rebuild has finished writing
            print(f"médiane sur {edits} modifications : fichier {statistics.median(files):.2f} s")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
