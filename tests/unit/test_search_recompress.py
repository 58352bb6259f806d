"""Pagefind's gzip files written again by Zopfli (plugins/search_index/
recompress.py): the same content once unpacked, smaller; the kept
engines are the installed Pagefind's own, and a kept engine that is not
(a Pagefind upgrade) is never put in a bundle."""

import gzip
import json

from plugins.search_index.recompress import (
    ENGINES,
    kept_engine,
    pagefind_engines,
    recompress_bundle,
    smaller,
)

DATA = json.dumps([{"mot": f"entretien-{n}", "pages": list(range(n % 40))} for n in range(120)])
RAW = gzip.compress(DATA.encode(), compresslevel=9)


def test_smaller_and_the_same_once_unpacked():
    again = smaller(RAW)
    assert gzip.decompress(again) == DATA.encode()
    assert len(again) < len(RAW)
    assert smaller(RAW) == again  # the same bytes every build


def test_the_kept_engines_are_the_installed_pagefinds_own_and_smaller():
    """Fails after a Pagefind upgrade: make them again with
    « python -m plugins.search_index.recompress »."""
    written = pagefind_engines()
    assert "wasm.fr.pagefind" in written
    for name, raw in written.items():
        kept = (ENGINES / name).read_bytes()
        assert gzip.decompress(kept) == gzip.decompress(raw), (
            f"{name} : refaites les moteurs avec « python -m plugins.search_index.recompress »"
        )
        assert len(kept) < len(raw) and kept_engine(raw, name) == kept


def test_a_kept_engine_that_is_not_pagefinds_is_never_used(tmp_path):
    (tmp_path / "wasm.fr.pagefind").write_bytes(gzip.compress(b"(module) un autre moteur"))
    assert kept_engine(RAW, "wasm.fr.pagefind", tmp_path) == RAW
    (tmp_path / "wasm.fr.pagefind").write_bytes(b"pas du gzip")
    assert kept_engine(RAW, "wasm.fr.pagefind", tmp_path) == RAW
    assert kept_engine(RAW, "wasm.de.pagefind", tmp_path) == RAW  # none kept
    (tmp_path / "wasm.fr.pagefind").write_bytes(smaller(RAW))
    assert kept_engine(RAW, "wasm.fr.pagefind", tmp_path) == smaller(RAW)


def test_the_engine_and_every_metadata_file_of_every_lot_and_nothing_else(tmp_path):
    bundle = tmp_path / "pagefind"
    engines = tmp_path / "moteurs"
    engines.mkdir()
    (engines / "wasm.fr.pagefind").write_bytes(smaller(RAW))
    files = {
        "wasm.fr.pagefind": RAW,
        "pagefind.fr_1.pf_meta": RAW,
        "lot-2/pagefind.fr_2.pf_meta": RAW,
        "index/fr_3.pf_index": RAW,
        "fragment/fr_4.pf_fragment": RAW,
    }
    for name, raw in files.items():
        (bundle / name).parent.mkdir(parents=True, exist_ok=True)
        (bundle / name).write_bytes(raw)
    recompress_bundle(bundle, engines)
    changed = {name for name, raw in files.items() if (bundle / name).read_bytes() != raw}
    assert changed == {"wasm.fr.pagefind", "pagefind.fr_1.pf_meta", "lot-2/pagefind.fr_2.pf_meta"}
    for name in files:
        assert gzip.decompress((bundle / name).read_bytes()) == DATA.encode()
