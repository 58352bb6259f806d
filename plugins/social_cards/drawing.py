"""Drawing many cards at once: in a pool of processes when there are
enough of them to pay for starting it, one after the other otherwise.
No Pelican import. ``core.draw_card`` is pure, so a card's bytes do not
depend on where it was drawn (tested)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial

from . import core

# Fewer cards than this are drawn in the build's own process: starting
# the workers costs about as much as drawing some forty cards.
POOL_FROM = 48


def cpus() -> int:
    """The processors this process may run on (a CI job pinned to some
    of the machine's sees only those)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def workers_for(cards: int, processors: int, pool_from: int = POOL_FROM) -> int:
    """How many processes draw ``cards`` cards: 1 (this one) on one
    processor or for few cards, else one per processor."""
    if processors < 2 or cards < max(pool_from, 2):
        return 1
    return min(processors, cards)


def _context():
    # Not "fork": the build may have threads (livereload's server), and
    # a forked copy of them can hang. The fork server imports the
    # drawing (and the main module, as multiprocessing does) once; each
    # worker is forked from it, already loaded.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["__main__", core.__name__])
        return context
    return multiprocessing.get_context("spawn")


def start(cards: list[dict[str, str]], font: bytes, workers: int) -> Callable[[], Iterator[bytes]]:
    """Starts drawing ``cards`` (their texts) and returns what gives the
    PNGs, in the same order. With more than one worker the drawing
    starts now, in the background: the build goes on writing pages
    meanwhile. With one, each card is drawn when it is asked for."""
    if workers < 2:
        return lambda: (core.draw_card(texts, font) for texts in cards)
    try:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
    except OSError:  # no processes to be had here: this one draws
        return start(cards, font, 1)
    # The first submission waits for the fork server to start (an
    # interpreter importing the drawing, about half a second): a thread
    # waits for it, not the build.
    submitting = ThreadPoolExecutor(max_workers=1)
    submitted = submitting.submit(_submit, pool, cards, font, workers)
    submitting.shutdown(wait=False)
    return lambda: finished(submitted.result, cards, font)


def _submit(pool, cards, font, workers) -> Iterator[bytes]:
    try:
        # Chunks of a few cards: fewer round trips, and still several
        # chunks per worker so that none waits at the end.
        chunk = max(1, min(16, len(cards) // (workers * 4)))
        return pool.map(partial(core.draw_card, font=font), cards, chunksize=chunk)
    finally:
        # Every chunk is submitted: the workers end once they are drawn,
        # even if the build fails before it asks for them.
        pool.shutdown(wait=False)


def finished(
    drawn: Callable[[], Iterator[bytes]], cards: list[dict[str, str]], font: bytes
) -> Iterator[bytes]:
    """The pool's cards; if a worker dies (killed for lack of memory…)
    or none could start, this process draws those the pool did not give."""
    given = 0
    try:
        for png in drawn():
            yield png
            given += 1
    except (BrokenProcessPool, OSError):
        yield from (core.draw_card(texts, font) for texts in cards[given:])


def draw_all(cards: list[dict[str, str]], font: bytes, workers: int) -> list[bytes]:
    return list(start(cards, font, workers)())
