"""Search benchmark (issue 24): the build's peak memory with the search
index, ours against vanilla Pelican, and what a first search costs a
reader.

    .venv/bin/python bench/recherche.py [N] [--runs R] [--mot MOT]

N synthetic interviews (default 1000, bench/synthetic.py). Memory: our
build (pelicanconf.py, plugins, Pagefind) and vanilla Pelican (same
texts, no plugins) alternate R times (default 3), each under GNU time
and a sampler that adds up, every 20 ms, the resident memory of the
command and of all its child processes (GNU time's %M is the largest
single process: the Pagefind program and Pelican are counted apart,
while the build really holds both at once). Medians are printed.

First search: the site built as above, Pagefind's files compressed as
the production build compresses the site (static_assets.precompress,
.gz for nginx's gzip_static, .br for Apache's .htaccess), then Chromium
opens /recherche/, types MOT (default « rencontre », in every synthetic
interview's title) and sends the form; every request under /pagefind/
until the network is idle is counted at the size each server sends.
Then one click on « Afficher plus » is counted the same way. With
DETAIL=1 in the environment, each request of the first search is printed
with its sizes (plain, gzip, brotli). ``--site DIR`` measures only the
search, on a site already built. ``--reglage NOM=VALEUR`` (repeatable)
passes a setting to our build (Pelican's ``-e``), for instance
``--reglage SEARCH_INDEX_PAGES_PER_LOT=5000`` for a single index.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from synthetic import write_site, write_vanilla  # noqa: E402

from plugins.static_assets.core import precompress  # noqa: E402


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _resident_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def measured(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, GNU time's %M and the sampled peak of the whole
    process tree (both in MB) of one command."""
    process = subprocess.Popen(
        ["/usr/bin/time", "-f", "%e %M", *command],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = 0

    def sample():
        nonlocal peak
        while process.poll() is None:
            pids, total = [process.pid], 0
            while pids:
                pid = pids.pop()
                total += _resident_kb(pid)
                pids += _children(pid)
            peak = max(peak, total)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, errors = process.communicate()
    sampler.join()
    if process.returncode:
        raise RuntimeError(errors)
    wall, largest = errors.strip().splitlines()[-1].split()
    # Less /usr/bin/time itself (a few MB, not part of the build).
    return float(wall), int(largest) / 1024, (peak - _TIME_KB) / 1024


_TIME_KB = 0


def pelican(content: Path, output: Path, settings: Path, extra=()) -> list[str]:
    command = [sys.executable, "-m", "pelican", str(content), "-s", str(settings)]
    return command + ["-o", str(output)] + (["-e", *extra] if extra else [])


def sent_sizes(site: Path, path: str) -> tuple[int, int, int]:
    """Bytes of one file as sent plain, by nginx (gzip_static: the .gz
    beside it) and by Apache (.htaccess: the .br beside it)."""
    file = site / unquote(path).lstrip("/")
    plain = file.stat().st_size
    sizes = [plain]
    for suffix in (".gz", ".br"):
        compressed = file.with_name(file.name + suffix)
        sizes.append(compressed.stat().st_size if compressed.exists() else plain)
    return tuple(sizes)


def first_search(site: Path, word: str) -> dict:
    """What Chromium fetches under /pagefind/ for a first search, then
    for one « Afficher plus »."""
    from playwright.sync_api import sync_playwright

    from sitetools.serve import StaticSite, free_port

    for file in (site / "pagefind").rglob("*"):
        if file.is_file() and file.suffix in {".js", ".json", ".css"}:
            precompress(file)
    server = StaticSite(site, free_port(), {})
    requested: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            page = browser.new_page()
            page.goto(server.url + "/recherche/")
            page.on(
                "requestfinished",
                lambda r: "/pagefind/" in r.url and requested.append(urlparse(r.url).path),
            )
            page.fill("#recherche-champ", word)
            page.click("#recherche-formulaire button[type=submit]")
            page.locator("#recherche-resultats li").first.wait_for(timeout=60000)
            page.wait_for_load_state("networkidle")
            time.sleep(1)
            first = list(requested)
            shown = page.locator("#recherche-resultats li").count()
            status = page.locator("#recherche-etat").text_content()
            requested.clear()
            more = page.locator("#recherche-plus")
            if more.is_visible():
                more.click()
                page.locator(f"#recherche-resultats li >> nth={shown}").wait_for(timeout=60000)
                page.wait_for_load_state("networkidle")
                time.sleep(1)
            then = list(requested)
            browser.close()
    finally:
        server.close()

    def total(paths):
        sizes = [sent_sizes(site, path) for path in paths]
        return tuple(sum(size[i] for size in sizes) for i in range(3)), len(paths)

    if os.environ.get("DETAIL"):
        for path in first:
            print(path, sent_sizes(site, path))
    return {"first": total(first), "more": total(then), "shown": shown, "status": status}


def main() -> None:
    global _TIME_KB
    parser = argparse.ArgumentParser()
    parser.add_argument("size", nargs="?", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--mot", default="rencontre")
    parser.add_argument("--site", type=Path, help="seulement la recherche, sur ce site construit")
    parser.add_argument(
        "--reglage", action="append", default=[], help="NOM=VALEUR, réglage de notre construction"
    )
    arguments = parser.parse_args()
    if arguments.site:
        report_search(first_search(arguments.site, arguments.mot), arguments.mot)
        return
    _TIME_KB = measured(["true"], ROOT)[2] * 1024
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        content = write_site(tmp / "content", arguments.size)
        plain = write_vanilla(tmp / "vanilla", arguments.size)
        empty = tmp / "vanilla.py"
        empty.write_text("", encoding="utf-8")
        ours, vanilla = [], []
        for _ in range(arguments.runs):
            ours.append(
                measured(
                    pelican(content, tmp / "out", ROOT / "pelicanconf.py", arguments.reglage), ROOT
                )
            )
            vanilla.append(measured(pelican(plain, tmp / "vout", empty), tmp))
        print(f"N = {arguments.size}, médianes de {arguments.runs} constructions alternées")
        if arguments.reglage:
            print("réglages :", " ".join(arguments.reglage))
        print("| | écoulé | mémoire, %M de GNU time | mémoire, arbre de processus |")
        print("| --- | --- | --- | --- |")
        for name, runs in (("nous (avec Pagefind)", ours), ("Pelican nu", vanilla)):
            wall, largest, tree = (statistics.median(run[i] for run in runs) for i in range(3))
            print(f"| {name} | {wall:.1f} s | {largest:.0f} Mo | {tree:.0f} Mo |")
        ratio = statistics.median(o[2] / v[2] for o, v in zip(ours, vanilla, strict=True))
        largest = statistics.median(o[1] / v[1] for o, v in zip(ours, vanilla, strict=True))
        print(f"rapport mémoire : {ratio:.2f} (arbre), {largest:.2f} (%M)")
        report_search(first_search(tmp / "out", arguments.mot), arguments.mot)


def report_search(search: dict, word: str) -> None:
    (plain_b, gz, br), count = search["first"]
    print(
        f"première recherche de « {word} » : {gz / 1024:.0f} Ko (nginx, gzip), "
        f"{br / 1024:.0f} Ko (Apache, brotli), {plain_b / 1024:.0f} Ko sans compression, "
        f"{count} requêtes ; {search['shown']} résultats affichés ({search['status']})"
    )
    (plain_b, gz, br), count = search["more"]
    print(
        f"« Afficher plus » : {gz / 1024:.0f} Ko (gzip), {br / 1024:.0f} Ko (brotli), "
        f"{count} requêtes"
    )


if __name__ == "__main__":
    main()
