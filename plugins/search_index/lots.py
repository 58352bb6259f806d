"""Which pages go into which search index (pure).

Pagefind holds every page it indexes in memory until it writes the
index: about 0.18 MB per interview page, whatever it is fed
(bench/recherche.py, README « Recherche : mémoire et première
recherche »). A large site is therefore indexed in several lots, each its
own Pagefind bundle, which the search page merges in the browser
(Pagefind's ``mergeIndex``: the merged bundles reuse the first one's
WebAssembly engine, so a reader downloads it once, but each lot's index
chunk for the word searched).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

# What marks a page Pagefind indexes: once one page of a bundle has it,
# pages without it are left out (Pagefind's rule, which the theme uses).
# The attribute inside a tag, not the words in a text that quotes it;
# [^<>]: one tag at a time, so any page is read in linear time.
BODY_MARK = re.compile(rb"<[a-zA-Z][^<>]*\sdata-pagefind-body[\s=>/]")

# The folder, under /pagefind/, of the n-th lot (n ≥ 2); the first lot
# is /pagefind/ itself, where the search page loads pagefind.js from.
LOT_FOLDER = "lot-{}"
# The list of the other lots' folders, read by theme/static/js/recherche.js.
LOTS_FILE = "lots.json"


def split_evenly(pages: Sequence[str], most: int) -> list[list[str]]:
    """``pages`` in sorted order, cut into the fewest lots of at most
    ``most`` pages, of sizes that differ by one at most (even lots keep
    every Pagefind run's peak at the same height)."""
    if most < 1:
        raise ValueError("SEARCH_INDEX_PAGES_PER_LOT doit valoir au moins 1")
    ordered = sorted(pages)
    if not ordered:
        return []
    count = math.ceil(len(ordered) / most)
    size, extra = divmod(len(ordered), count)
    lots, start = [], 0
    for number in range(count):
        end = start + size + (1 if number < extra else 0)
        lots.append(ordered[start:end])
        start = end
    return lots


def lot_folders(count: int) -> list[str]:
    """The folders, relative to /pagefind/, of lots 2 … ``count``."""
    return [LOT_FOLDER.format(number) for number in range(2, count + 1)]
