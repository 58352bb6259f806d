"""Full-text search: Pagefind indexes the built site once Pelican has
written it (``finalized``), from the regions marked
``data-pagefind-body`` only (page bodies, not navigation or footers).
Pagefind reads ``<html lang="fr">`` and stems French.

The binary comes from the ``pagefind[bin]`` PyPI package. Set
``SEARCH_INDEX = False`` to skip it (benchmarks that measure it apart).
"""

from __future__ import annotations

import subprocess
import sys

from pelican import signals

from plugins.settings import declare

DEFAULT_SETTINGS = {"SEARCH_INDEX": True}


def declare_settings(pelican):
    declare(pelican.settings, DEFAULT_SETTINGS)


def build_search_index(pelican):
    if not pelican.settings["SEARCH_INDEX"]:
        return
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(pelican.output_path), "--silent"],
        check=True,
    )


def register():
    signals.initialized.connect(declare_settings)
    signals.finalized.connect(build_search_index)
