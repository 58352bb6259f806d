"""Cold build: our site built with empty caches (no cache/, no output/:
what a CI preview from a clean clone pays, social cards included)
against vanilla Pelican on the same texts.

    .venv/bin/python bench/froid.py [N] [--runs R]
    .venv/bin/python bench/froid.py --une CONTENU

The first form writes N synthetic interviews (default 1000,
bench/synthetic.py) into a temporary folder, then alternates R times
(default 3) our cold build (pelicanconf.py, a new empty CACHE_PATH and
output folder each time, the search index included) and vanilla Pelican
(bench/build.py), each in its own process under GNU time; it prints the
medians and the ratio. The second form is one cold build of CONTENU,
for timing from outside with any tool that runs a command several
times (its caches are made and removed inside).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from build import ROOT, median, ours, timed, vanilla
from synthetic import write_site, write_vanilla


def one_cold_build(content: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        command = ours(content, Path(tmp) / "output", "-e", f'CACHE_PATH="{cache}"')
        subprocess.run(command, cwd=ROOT, check=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("size", nargs="?", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--une", type=Path, metavar="CONTENU")
    arguments = parser.parse_args()
    if arguments.une:
        one_cold_build(arguments.une.resolve())
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        content = write_site(tmp / "content", arguments.size)
        plain = write_vanilla(tmp / "vanilla", arguments.size)
        empty = tmp / "vanilla.py"
        empty.write_text("", encoding="utf-8")
        runs = {"ours": [], "vanilla": []}
        for run in range(arguments.runs):
            cache, output = tmp / f"cache-{run}", tmp / f"out-{run}"
            runs["ours"].append(timed(ours(content, output, "-e", f'CACHE_PATH="{cache}"'), ROOT))
            runs["vanilla"].append(timed(vanilla(plain, tmp / f"vout-{run}", empty), tmp))
        cards = len(list((tmp / "cache-0" / "cartes-sociales").glob("*.png")))
    o, v = runs["ours"], runs["vanilla"]
    print("| N | nous, à froid : écoulé / CPU / mémoire | Pelican nu | rapport écoulé | cartes |")
    print("| --- | --- | --- | --- | --- |")
    print(
        f"| {arguments.size} | {median(o, 0):.2f} s / {median(o, 1):.2f} s / "
        f"{median(o, 2):.0f} Mo | {median(v, 0):.2f} s / {median(v, 1):.2f} s / "
        f"{median(v, 2):.0f} Mo | {median(o, 0) / median(v, 0):.2f} | {cards} |"
    )


if __name__ == "__main__":
    sys.exit(main())
