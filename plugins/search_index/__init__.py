"""Full-text search: Pagefind indexes the built site once Pelican has
written it (``finalized``), from the regions marked
``data-pagefind-body`` only (page bodies, not navigation or footers).
Pagefind reads ``<html lang="fr">`` and stems French.

Past ``SEARCH_INDEX_PAGES_PER_LOT`` indexed pages, the pages are cut
into even lots (lots.py), indexed by one Pagefind run each, one after
the other, into /pagefind/ and /pagefind/lot-2/ …; /pagefind/lots.json
lists the other lots, and the search page merges them in the browser.
Each run holds only its lot in memory.

Pagefind groups the index's words into chunks of about
``SEARCH_INDEX_CHUNK_SIZE`` occurrences; a search downloads the chunk of
each word it looks for, words around it included.

Pagefind's own gzip files that every first search downloads (its
engine, each index's metadata) are then written again smaller, in the
same format (recompress.py).

The binary comes from the ``pagefind[bin]`` PyPI package. Set
``SEARCH_INDEX = False`` to skip it (benchmarks that measure it apart).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pelican import signals

from plugins.settings import declare

from .lots import BODY_MARK, LOTS_FILE, lot_folders, split_evenly
from .recompress import recompress_bundle

# Measured in README « Recherche : mémoire et première recherche ».
# Pagefind holds about 0.17 MB per indexed page until it writes its
# index: lots of at most 700 pages keep each run under 150 MB (one run
# over 1,209 pages: 235 MB). Each lot costs a reader its metadata and one
# index chunk per word searched; chunks of 2,500 occurrences instead of
# Pagefind's 20,000 bring that chunk from 33 KB to 3 KB for a word in
# every title, so two lots cost a first search less than one lot did.
DEFAULT_SETTINGS = {
    "SEARCH_INDEX": True,
    "SEARCH_INDEX_PAGES_PER_LOT": 700,
    "SEARCH_INDEX_CHUNK_SIZE": 2500,
}
# Pagefind 1.5.2 reads its chunk size from this variable only (its name
# says the option may change: pyproject.toml pins Pagefind, and
# tests/build/test_search_index.py fails if it stops being read).
CHUNK_SIZE_VARIABLE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"

BUNDLE = "pagefind"


def declare_settings(pelican):
    declare(pelican.settings, DEFAULT_SETTINGS)


def one_processor() -> int | None:
    """The processor Pagefind runs on, where the system lets us choose
    (Linux): Pagefind gives each processor it sees a worker with its own
    buffers; on one, it peaks 15 % lower (275 → 234 MB at N = 1 000,
    bench/recherche.py) for the same time, its work being mostly serial."""
    if not hasattr(os, "sched_getaffinity"):
        return None
    return min(os.sched_getaffinity(0))


def pagefind(site: Path, bundle: Path | None = None) -> list[str]:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    return command + (["--output-path", str(bundle)] if bundle else [])


def pagefind_environment(chunk_size: int) -> dict[str, str]:
    """Pagefind's environment: ours, with the chunk size it reads (the
    settings check its type; Pagefind would ignore a size below 1)."""
    if chunk_size < 1:
        raise ValueError("SEARCH_INDEX_CHUNK_SIZE doit valoir au moins 1")
    return {**os.environ, CHUNK_SIZE_VARIABLE: str(chunk_size)}


def run_on_one_processor(command: list[str], processor: int, environment=None) -> None:
    # A child inherits the affinity of the thread that starts it: narrow
    # this thread's for the start only, never Pelican's work.
    mine = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {processor})
    try:
        indexer = subprocess.Popen(command, env=environment)
    finally:
        os.sched_setaffinity(0, mine)
    if indexer.wait():
        raise subprocess.CalledProcessError(indexer.returncode, command)


def run_all(commands: list[list[str]], environment=None) -> None:
    """Every command, one after the other, on one processor. Not side by
    side: the memory of runs at once adds up, and lots exist to lower it."""
    processor = one_processor()
    for command in commands:
        if processor is None:
            subprocess.run(command, check=True, env=environment)
        else:
            run_on_one_processor(command, processor, environment)


def indexed_pages(output: Path, most: int) -> list[str]:
    """The built pages Pagefind will index, relative to ``output``. When
    all the site's pages fit in one lot, all of them, unread (one run
    over the whole site, as without lots)."""
    relative = (page.relative_to(output) for page in output.rglob("*.html"))
    pages = [page.as_posix() for page in relative if page.parts[0] != BUNDLE]
    if len(pages) <= most:
        return pages
    return [page for page in pages if BODY_MARK.search((output / page).read_bytes())]


def link_lot(output: Path, tree: Path, pages: list[str]) -> None:
    """A folder holding only ``pages``, at their addresses in the site
    (hard links: nothing is copied where the file system allows it)."""
    for page in pages:
        target = tree / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(output / page, target)
        except OSError:
            shutil.copyfile(output / page, target)


def build_search_index(pelican):
    if not pelican.settings["SEARCH_INDEX"]:
        return
    output = Path(pelican.output_path)
    environment = pagefind_environment(pelican.settings["SEARCH_INDEX_CHUNK_SIZE"])
    bundle = output / BUNDLE
    # Pagefind adds to its folder: an earlier build's lots and hashed
    # files would stay and be published.
    shutil.rmtree(bundle, ignore_errors=True)
    most = pelican.settings["SEARCH_INDEX_PAGES_PER_LOT"]
    lots = split_evenly(indexed_pages(output, most) if output.is_dir() else [], most)
    if len(lots) <= 1:
        run_all([pagefind(output)], environment)
    else:
        # Named after the output folder: a build killed here leaves it
        # where the next build removes its own leftovers (swap.locked)
        # and git ignores them (.gitignore).
        with tempfile.TemporaryDirectory(
            prefix=f"{output.name}.recherche-", dir=output.parent
        ) as trees:
            commands = []
            for number, (pages, folder) in enumerate(
                zip(lots, ["", *lot_folders(len(lots))], strict=True)
            ):
                tree = Path(trees) / str(number)
                link_lot(output, tree, pages)
                commands.append(pagefind(tree, bundle / folder))
            run_all(commands, environment)
    bundle.mkdir(exist_ok=True)
    recompress_bundle(bundle)
    (bundle / LOTS_FILE).write_text(json.dumps(lot_folders(len(lots))) + "\n", encoding="utf-8")


def register():
    signals.initialized.connect(declare_settings)
    signals.finalized.connect(build_search_index)
