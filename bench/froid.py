"""Cold build: our site built with empty caches (no cache/, no output/:
what a CI preview from a clean clone pays, social cards included)
against vanilla Pelican on the same texts.

    .venv/bin/python bench/froid.py [N] [--runs R]
    .venv/bin/python bench/froid.py --une CONTENU [--pelican-nu] [--sortie D] [--cache D]
    .venv/bin/python bench/froid.py --ecrire N DOSSIER

The first form writes N synthetic interviews (default 1000,
bench/synthetic.py) into a temporary folder, then alternates R times
(default 3) our cold build (pelicanconf.py, a new empty CACHE_PATH and
output folder each time, the search index included) and vanilla Pelican
(bench/build.py), each in its own process under GNU time; it prints the
medians and the ratio. The second form is one cold build of CONTENU
(with ``--pelican-nu``, by vanilla Pelican), for timing from outside
with any tool that runs a command several times, such as farm-bench:
its caches are made and removed inside, or, with ``--sortie DOSSIER``,
in a new folder of DOSSIER that is left there (removing a built site
takes seconds on some disks: it would be timed too); ``--cache
DOSSIER`` builds with that CACHE_PATH, kept from one run to the next
(a warm build, as `invoke build` makes one). The third writes
the same N interviews for both: DOSSIER/contenu and DOSSIER/pelican-nu.

    .venv/bin/python bench/froid.py --ecrire 1000 /tmp/f
    farm-bench -n 8 --timeout 1500 --vs ".venv/bin/python bench/froid.py \
      --une /tmp/f/pelican-nu --pelican-nu --sortie /tmp/f/sorties" \
      -- .venv/bin/python bench/froid.py --une /tmp/f/contenu --sortie /tmp/f/sorties
    rm -r /tmp/f/sorties
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from build import ROOT, median, ours, timed, vanilla
from synthetic import write_site, write_vanilla


def one_cold_build(
    content: Path, plain: bool = False, kept: Path | None = None, cache: Path | None = None
) -> None:
    if kept is not None:
        kept.mkdir(parents=True, exist_ok=True)
        build(content, Path(tempfile.mkdtemp(dir=kept)), plain, cache)
        return
    with tempfile.TemporaryDirectory() as tmp:
        build(content, Path(tmp), plain, cache)


def build(content: Path, folder: Path, plain: bool, cache: Path | None = None) -> None:
    if plain:
        settings = folder / "pelican-nu.py"
        settings.write_text("", encoding="utf-8")
        command = vanilla(content, folder / "output", settings)
    else:
        cache = cache or folder / "cache"
        command = ours(content, folder / "output", "-e", f'CACHE_PATH="{cache}"')
    subprocess.run(command, cwd=ROOT, check=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("size", nargs="?", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--une", type=Path, metavar="CONTENU")
    parser.add_argument("--pelican-nu", action="store_true")
    parser.add_argument("--sortie", type=Path, metavar="DOSSIER")
    parser.add_argument("--cache", type=Path, metavar="DOSSIER")
    parser.add_argument("--ecrire", nargs=2, metavar=("N", "DOSSIER"))
    arguments = parser.parse_args()
    if arguments.une:
        kept = arguments.sortie.resolve() if arguments.sortie else None
        cache = arguments.cache.resolve() if arguments.cache else None
        one_cold_build(arguments.une.resolve(), arguments.pelican_nu, kept, cache)
        return
    if arguments.ecrire:
        size, folder = int(arguments.ecrire[0]), Path(arguments.ecrire[1])
        write_site(folder / "contenu", size)
        write_vanilla(folder / "pelican-nu", size)
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
