"""The search index plugin runs the real Pagefind on one processor (its
peak memory is lower there: bench/recherche.py) and gives the build its
processors back; past SEARCH_INDEX_PAGES_PER_LOT pages it cuts the index
into lots, one Pagefind run each, every page in exactly one lot."""

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import plugins.search_index as search_index
from plugins.search_index.recompress import ENGINES, smaller

PAGE = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Essai</title></head>'
    "<body><main data-pagefind-body><p>Une mayonnaise réussie.</p></main></body></html>"
)
SETTINGS = {**search_index.DEFAULT_SETTINGS, "SEARCH_INDEX": True}


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
    pelican = SimpleNamespace(settings=SETTINGS, output_path=str(tmp_path))
    search_index.build_search_index(pelican)
    assert started_on == [{min(before)}]
    assert os.sched_getaffinity(0) == before
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["fr"]["page_count"] == 1
    assert json.loads((tmp_path / "pagefind" / "lots.json").read_text()) == []


def test_a_failing_indexer_fails_the_build(tmp_path):
    """Pagefind's exit status is not lost on the way (here: no site)."""
    pelican = SimpleNamespace(settings=SETTINGS, output_path=str(tmp_path / "absent"))
    before = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    with pytest.raises(subprocess.CalledProcessError):
        search_index.build_search_index(pelican)
    if before is not None:
        assert os.sched_getaffinity(0) == before


def indexed_urls(bundle: Path) -> list[str]:
    """The address of every page in one Pagefind bundle (its fragments)."""
    urls = []
    for fragment in (bundle / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        urls.append(json.loads(data)["url"])
    return urls


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="processeurs : Linux seulement")
def test_a_large_site_is_indexed_in_even_lots_each_page_once(tmp_path, monkeypatch):
    site = tmp_path / "site"
    addresses = [f"/entretien-{number}/" for number in range(5)]
    for address in addresses:
        page = site / address.strip("/") / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(PAGE, encoding="utf-8")
    # Not indexed (no data-pagefind-body), so in no lot:
    (site / "plan.html").write_text(PAGE.replace(" data-pagefind-body", ""), encoding="utf-8")
    stale = site / "pagefind" / "lot-9" / "pagefind-entry.json"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}", encoding="utf-8")
    started_on, working = [], []

    class Recorded(subprocess.Popen):
        def __init__(self, command, *args, **kwargs):
            started_on.append(os.sched_getaffinity(0))
            working.append(Path(command[command.index("--site") + 1]).parent.name)
            super().__init__(command, *args, **kwargs)

    monkeypatch.setattr(search_index.subprocess, "Popen", Recorded)
    before = os.sched_getaffinity(0)
    settings = {**SETTINGS, "SEARCH_INDEX_PAGES_PER_LOT": 2}
    search_index.build_search_index(SimpleNamespace(settings=settings, output_path=str(site)))

    bundle = site / "pagefind"
    assert json.loads((bundle / "lots.json").read_text()) == ["lot-2", "lot-3"]
    lots = [indexed_urls(bundle), indexed_urls(bundle / "lot-2"), indexed_urls(bundle / "lot-3")]
    assert sorted(len(urls) for urls in lots) == [1, 2, 2]
    assert sorted(url for urls in lots for url in urls) == addresses
    assert not stale.parent.exists()  # an earlier build's lot is not published again
    assert [path.name for path in tmp_path.iterdir()] == ["site"]  # no working folder left
    # Named after the output: what a killed build leaves, the next removes
    # (swap.locked: ".output.nouveau-*") and git ignores.
    assert len(set(working)) == 1 and working[0].startswith("site.recherche-")
    # One after the other (their memory would add up), each on one processor:
    assert started_on == [{min(before)}] * 3
    assert os.sched_getaffinity(0) == before
    # What a first search downloads, recompressed by Zopfli (recompress.py):
    # the engine kept in the repository, each lot's metadata.
    assert (bundle / "wasm.fr.pagefind").read_bytes() == (ENGINES / "wasm.fr.pagefind").read_bytes()
    for lot in (bundle, bundle / "lot-2", bundle / "lot-3"):
        [meta] = lot.glob("*.pf_meta")
        data = gzip.decompress(meta.read_bytes())
        assert data.startswith(b"pagefind_dcd") and smaller(meta.read_bytes()) == meta.read_bytes()


def test_a_failing_lot_fails_the_build_and_the_next_lots_are_not_run(tmp_path):
    ran = tmp_path / "ran"
    commands = [
        [sys.executable, "-c", "raise SystemExit(3)"],
        [sys.executable, "-c", f"import pathlib; pathlib.Path({str(ran)!r}).touch()"],
    ]
    before = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    with pytest.raises(subprocess.CalledProcessError) as failure:
        search_index.run_all(commands)
    assert failure.value.returncode == 3
    assert not ran.exists()
    if before is not None:
        assert os.sched_getaffinity(0) == before


def test_the_readme_gives_the_sizes_the_plugin_uses():
    from babel.numbers import format_decimal

    readme = " ".join((Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8").split())
    for setting, sentence in (
        ("SEARCH_INDEX_PAGES_PER_LOT", "Au-delà de {} pages indexées"),
        ("SEARCH_INDEX_CHUNK_SIZE", "par morceaux de {} occurrences"),
    ):
        value = search_index.DEFAULT_SETTINGS[setting]
        written = " ".join(format_decimal(value, locale="fr_FR").split())  # « 2 500 », any space
        assert sentence.format(written) in readme, setting


def index_chunks(bundle: Path) -> int:
    return len(list((bundle / "index").iterdir()))


def test_pagefind_cuts_its_index_into_chunks_of_the_size_we_give(tmp_path):
    """SEARCH_INDEX_CHUNK_SIZE reaches the real Pagefind: smaller chunks,
    more of them (Pagefind reads it from an « unstable » variable, which
    a new version could stop reading: this test would then fail)."""
    words = " ".join(f"mot{number}" for number in range(400))
    chunks = {}
    for size in (20000, 50):
        site = tmp_path / str(size)
        site.mkdir()
        (site / "index.html").write_text(PAGE.replace("Une mayonnaise réussie.", words))
        settings = {**SETTINGS, "SEARCH_INDEX_CHUNK_SIZE": size}
        search_index.build_search_index(SimpleNamespace(settings=settings, output_path=str(site)))
        chunks[size] = index_chunks(site / "pagefind")
    assert chunks[20000] == 1
    assert chunks[50] >= 400 // 50


def test_a_chunk_size_below_one_is_refused_in_french(tmp_path):
    settings = {**SETTINGS, "SEARCH_INDEX_CHUNK_SIZE": 0}
    with pytest.raises(ValueError, match="SEARCH_INDEX_CHUNK_SIZE doit valoir au moins 1"):
        search_index.build_search_index(
            SimpleNamespace(settings=settings, output_path=str(tmp_path))
        )
    assert not (tmp_path / "pagefind").exists()
