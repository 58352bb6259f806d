"""Build benchmark: our site against vanilla Pelican, same texts.

    .venv/bin/python bench/build.py [N …] [--runs R]

For each N (default 100 1000 5000) it writes N synthetic interviews
(bench/synthetic.py) into a temporary folder, then alternates R times
(default 3): our build (pelicanconf.py, theme, plugins, search index)
and vanilla Pelican (default theme, no plugins, no settings), each in
its own process under GNU time. It prints the medians of wall time, CPU
time and peak memory, and the ratios ours/vanilla; then, for our site,
the rebuild after editing one file as `invoke livereload` does it (its
settings, sitetools.live.live_settings: one Pelican kept in one process,
content cache, incremental writer, no search index) against
that process's first build, the time of each plugin (cProfile,
cumulative time of its signal handlers) and of the search indexing.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from synthetic import write_site, write_vanilla  # noqa: E402

TIME = "/usr/bin/time"


def timed(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds, peak resident MB of one command."""
    result = subprocess.run(
        [TIME, "-f", "%e %U %S %M", *command], cwd=cwd, capture_output=True, text=True
    )
    if result.returncode:
        raise RuntimeError(result.stdout + result.stderr)
    wall, user, system, peak_kb = result.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(peak_kb) / 1024


def pelican(content: Path, output: Path, settings: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-s",
        str(settings),
        "-o",
        str(output),
        "-q",
        *extra,
    ]


def ours(content: Path, output: Path, *extra: str) -> list[str]:
    return pelican(content, output, ROOT / "pelicanconf.py", *extra)


def vanilla(content: Path, output: Path, settings: Path) -> list[str]:
    return pelican(content, output, settings)


EDITING_LOOP = """
import sys, time
from pathlib import Path
from sitetools.build import Site, init_logging
from sitetools.live import live_settings
content, tmp = Path(sys.argv[1]), Path(sys.argv[2])
init_logging(fatal=False)
# livereload's own settings (incremental writer, content cache, no index).
site = Site(live_settings(tmp / "live", content, CACHE_PATH=str(tmp / "cache")))
start = time.perf_counter(); site.build_beside(tmp / "live"); cold = time.perf_counter() - start
edited = content / "rencontres" / "synthese-00001.md"
text = edited.read_text(encoding="utf-8")
edited.write_text(text + "\\nUne phrase de plus.\\n", encoding="utf-8")
start = time.perf_counter(); site.build_beside(tmp / "live"); warm = time.perf_counter() - start
print(cold, warm)
"""


def editing_loop(content: Path, tmp: Path) -> tuple[float, float]:
    """Seconds of livereload's first build and of its rebuild after one
    edit, in one process as `invoke livereload` runs them."""
    result = subprocess.run(
        [sys.executable, "-c", EDITING_LOOP, str(content), str(tmp)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    cold, warm = result.stdout.split()[-2:]
    return float(cold), float(warm)


def median(runs, index):
    return statistics.median(run[index] for run in runs)


def plugin_times(content: Path, output: Path) -> dict[str, float]:
    """Cumulative time of each plugin's signal handlers (and the reader)."""
    from pelican import Pelican
    from pelican.plugins import signals
    from pelican.settings import read_settings

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        settings = read_settings(
            str(ROOT / "pelicanconf.py"),
            override={"PATH": str(content), "OUTPUT_PATH": str(output)},
        )
        site = Pelican(settings)
        profile = cProfile.Profile()
        profile.runcall(site.run)
    finally:
        os.chdir(cwd)
    stats = pstats.Stats(profile).stats
    handlers = {}
    for name in dir(signals):
        signal = getattr(signals, name)
        for receiver in getattr(signal, "receivers", {}).values():
            function = (
                receiver()
                if callable(receiver) and not hasattr(receiver, "__module__")
                else receiver
            )
            code = getattr(function, "__code__", None)
            if code is None:
                continue
            plugin = function.__module__.split(".")[0]
            if plugin == "plugins":  # ours: plugins.<name>
                plugin = function.__module__.split(".")[1]
            elif plugin == "pelican":
                plugin = (
                    function.__module__.split(".")[2]
                    if ".plugins." in function.__module__
                    else None
                )
            if plugin:
                handlers.setdefault(plugin, set()).add(
                    (code.co_filename, code.co_firstlineno, code.co_name)
                )
    from plugins.yaml_frontmatter import YamlFrontMatterReader  # noqa: PLC0415

    read = YamlFrontMatterReader.read.__code__
    handlers.setdefault("yaml_frontmatter", set()).add(
        (read.co_filename, read.co_firstlineno, read.co_name)
    )
    return {
        plugin: sum(stats[key][3] for key in keys if key in stats)
        for plugin, keys in handlers.items()
    }


def search_transfer(site_dir: Path, word: str) -> tuple[int, int]:
    """Bytes and requests a first search for ``word`` costs in Chromium
    (the search page itself excluded), on the built site."""
    from playwright.sync_api import sync_playwright

    from sitetools.serve import StaticSite, free_port  # noqa: PLC0415

    site = StaticSite(site_dir, free_port(), {})
    sizes = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page()
            page.goto(site.url + "/recherche/")
            page.on(
                "requestfinished",
                lambda r: "/pagefind/" in r.url and sizes.append(r.sizes()["responseBodySize"]),
            )
            page.fill("#recherche-champ", word)
            page.click("button[type=submit]")
            page.locator("#recherche-resultats li").first.wait_for(timeout=30000)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        site.close()
    return sum(sizes), len(sizes)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()

    print(
        "| N | nous : écoulé / CPU / mémoire | Pelican nu : écoulé / CPU / mémoire "
        "| rapport écoulé | rapport mémoire | nous sans Pagefind : écoulé / mémoire "
        "| reconstruction à chaud (1 modif.) | chaud / froid |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    details = {}
    for size in arguments.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            content = write_site(tmp / "content", size)
            plain = write_vanilla(tmp / "vanilla", size)
            empty = tmp / "vanilla.py"
            empty.write_text("", encoding="utf-8")
            runs = {"ours": [], "vanilla": [], "no-search": []}
            for _ in range(arguments.runs):
                runs["ours"].append(timed(ours(content, tmp / "out"), ROOT))
                runs["vanilla"].append(timed(vanilla(plain, tmp / "vout", empty), tmp))
                runs["no-search"].append(
                    timed(ours(content, tmp / "nout", "-e", "SEARCH_INDEX=false"), ROOT)
                )
            # The editing loop (invoke livereload, its settings): one Pelican
            # kept in one process, incremental writer; the first build,
            # then the rebuild after one edit.
            cold, warm = editing_loop(content, tmp)
            o, v, n = runs["ours"], runs["vanilla"], runs["no-search"]
            print(
                f"| {size} | {median(o, 0):.2f} s / {median(o, 1):.2f} s / {median(o, 2):.0f} Mo "
                f"| {median(v, 0):.2f} s / {median(v, 1):.2f} s / {median(v, 2):.0f} Mo "
                f"| {median(o, 0) / median(v, 0):.2f} | {median(o, 2) / median(v, 2):.2f} "
                f"| {median(n, 0):.2f} s / {median(n, 2):.0f} Mo "
                f"| {warm:.2f} s (froid : {cold:.2f} s) | {warm / cold:.2f} |",
                flush=True,
            )
            if size == 1000 or size == arguments.sizes[-1]:
                start = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "pagefind", "--site", str(tmp / "out"), "--silent"],
                    check=True,
                )
                search = time.perf_counter() - start
                # SITEURL is empty in pelicanconf: the pages work from any host.
                transfer = search_transfer(tmp / "out", "centsept")
                details[size] = (plugin_times(content, tmp / "profile"), search, transfer)
    for size, (times, search, transfer) in details.items():
        print(f"\nN = {size}, temps par plugin (cProfile, temps cumulé des gestionnaires) :")
        for plugin, seconds in sorted(times.items(), key=lambda item: -item[1]):
            print(f"  {plugin:20s} {seconds:6.2f} s")
        print(f"  indexation Pagefind seule : {search:.2f} s")
        print(
            f"  première recherche de « centsept » : {transfer[0] / 1024:.0f} Ko "
            f"transférés en {transfer[1]} requêtes"
        )


if __name__ == "__main__":
    main()
