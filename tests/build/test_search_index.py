"""The search index plugin runs the real Pagefind on one processor (its
peak memory is lower there: bench/recherche.py) and gives the build its
processors back."""

import json
import os
import subprocess
from types import SimpleNamespace

import pytest

import plugins.search_index as search_index

PAGE = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Essai</title></head>'
    "<body><main data-pagefind-body><p>Une mayonnaise réussie.</p></main></body></html>"
)


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="processeurs : Linux seulement")
def test_pagefind_runs_on_one_processor_and_the_build_keeps_its_own(tmp_path, monkeypatch):
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    started_on = []

    class Recorded(subprocess.Popen):
        # What the child inherits: the starting thread's processors.
        def __init__(self, *args, **kwargs):
            started_on.append(os.sched_getaffinity(0))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(search_index.subprocess, "Popen", Recorded)
    before = os.sched_getaffinity(0)
    pelican = SimpleNamespace(settings={"SEARCH_INDEX": True}, output_path=str(tmp_path))
    search_index.build_search_index(pelican)
    assert started_on == [{min(before)}]
    assert os.sched_getaffinity(0) == before
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["fr"]["page_count"] == 1


def test_a_failing_indexer_fails_the_build(tmp_path):
    """Pagefind's exit status is not lost on the way (here: no site)."""
    pelican = SimpleNamespace(settings={"SEARCH_INDEX": True}, output_path=str(tmp_path / "absent"))
    before = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    with pytest.raises(subprocess.CalledProcessError):
        search_index.build_search_index(pelican)
    if before is not None:
        assert os.sched_getaffinity(0) == before
