"""Full-text search: Pagefind indexes the built site once Pelican has
written it (``finalized``), from the regions marked
``data-pagefind-body`` only (page bodies, not navigation or footers).
Pagefind reads ``<html lang="fr">`` and stems French.

The binary comes from the ``pagefind[bin]`` PyPI package. Set
``SEARCH_INDEX = False`` to skip it (benchmarks that measure it apart).
"""

from __future__ import annotations

import os
import subprocess
import sys

from pelican import signals

from plugins.settings import declare

DEFAULT_SETTINGS = {"SEARCH_INDEX": True}


def declare_settings(pelican):
    declare(pelican.settings, DEFAULT_SETTINGS)


def one_processor() -> set[int] | None:
    """The processor Pagefind runs on, where the system lets us choose
    (Linux): Pagefind gives each processor it sees a worker with its own
    buffers; on one, it peaks 15 % lower (275 → 234 MB at N = 1 000,
    bench/recherche.py) for the same time, its work being mostly serial."""
    if not hasattr(os, "sched_getaffinity"):
        return None
    return {min(os.sched_getaffinity(0))}


def build_search_index(pelican):
    if not pelican.settings["SEARCH_INDEX"]:
        return
    command = [sys.executable, "-m", "pagefind", "--site", str(pelican.output_path), "--silent"]
    processors = one_processor()
    if processors is None:
        subprocess.run(command, check=True)
        return
    # A child inherits the affinity of the thread that starts it: narrow
    # this thread's for the start only, never Pelican's work.
    mine = os.sched_getaffinity(0)
    os.sched_setaffinity(0, processors)
    try:
        indexer = subprocess.Popen(command)
    finally:
        os.sched_setaffinity(0, mine)
    if indexer.wait():
        raise subprocess.CalledProcessError(indexer.returncode, command)


def register():
    signals.initialized.connect(declare_settings)
    signals.finalized.connect(build_search_index)
