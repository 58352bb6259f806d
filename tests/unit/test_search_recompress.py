"""Pagefind's gzip files written again by Zopfli (plugins/search_index/
recompress.py): the same content once unpacked, smaller, and a kept
engine used only if it unpacks to Pagefind's own."""

import gzip
import json

from plugins.search_index.recompress import recompress_bundle, smaller, smaller_kept

DATA = json.dumps([{"mot": f"entretien-{n}", "pages": list(range(n % 40))} for n in range(120)])
RAW = gzip.compress(DATA.encode(), compresslevel=9)


def test_smaller_and_the_same_once_unpacked():
    again = smaller(RAW)
    assert gzip.decompress(again) == DATA.encode()
    assert len(again) < len(RAW)
    assert smaller(RAW) == again  # the same bytes every build


def test_a_kept_engine_is_used_only_if_it_unpacks_to_pagefind_s(tmp_path):
    first = smaller_kept(RAW, tmp_path)
    [kept] = tmp_path.glob("*.gz")
    assert kept.read_bytes() == first
    # A cache/ restored from someone else's build: another engine under
    # the digest of Pagefind's.
    kept.write_bytes(gzip.compress(b"(module) un autre moteur"))
    assert gzip.decompress(smaller_kept(RAW, tmp_path)) == DATA.encode()
    assert kept.read_bytes() == first  # and written again
    kept.write_bytes(b"pas du gzip")
    assert smaller_kept(RAW, tmp_path) == first


def test_the_engine_and_every_metadata_file_of_every_lot_and_nothing_else(tmp_path):
    bundle = tmp_path / "pagefind"
    names = [
        "wasm.fr.pagefind",
        "pagefind.fr_1234.pf_meta",
        "lot-2/wasm.fr.pagefind",
        "lot-2/pagefind.fr_5678.pf_meta",
        "index/fr_abc.pf_index",
    ]
    for name in names:
        (bundle / name).parent.mkdir(parents=True, exist_ok=True)
        (bundle / name).write_bytes(RAW)
    recompress_bundle(bundle, tmp_path / "cache")
    for name in names:
        written = (bundle / name).read_bytes()
        assert gzip.decompress(written) == DATA.encode()
        assert (written == RAW) == name.endswith(".pf_index"), name
