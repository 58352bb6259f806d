"""Results kept between builds (plugins/content_model/memo.py): exact
keys, only what a build used is saved again, a foreign file is ignored."""

import json

from plugins.content_model import html_safety
from plugins.content_model.memo import DiskMemo, digest


def test_what_a_build_used_comes_back_and_the_rest_goes(tmp_path):
    path = str(tmp_path / "memo.json")
    first = DiskMemo("v1")
    first.put(digest("a"), "A")
    first.put(digest("b"), "B")
    first.save(path)

    second = DiskMemo("v1")
    second.load(path)
    assert second.get(digest("a")) == "A"
    second.save(path)  # « b » was not asked for: a deleted file's result
    assert json.loads((tmp_path / "memo.json").read_text("utf-8"))["entries"] == {digest("a"): "A"}


def test_another_version_or_a_broken_file_is_ignored(tmp_path):
    path = tmp_path / "memo.json"
    kept = DiskMemo("v1")
    kept.put("k", "valeur")
    kept.save(str(path))
    newer = DiskMemo("v2")  # the rules changed
    newer.load(str(path))
    assert newer.get("k") is None
    for broken in ("{", "[]", json.dumps({"version": "v1", "entries": []})):
        path.write_text(broken, encoding="utf-8")
        memo = DiskMemo("v1")
        memo.load(str(path))
        assert memo.get("k") is None


def test_nothing_is_written_when_nothing_changed(tmp_path):
    path = tmp_path / "memo.json"
    memo = DiskMemo("v1")
    memo.put("k", "valeur")
    memo.save(str(path))
    before = path.stat().st_mtime_ns
    again = DiskMemo("v1")
    again.load(str(path))
    again.get("k")
    path.unlink()
    again.save(str(path))
    assert not path.exists() and before


def test_kept_findings_are_the_scan_s_own(monkeypatch):
    monkeypatch.setattr(html_safety, "FINDINGS", DiskMemo("essai"))
    hostile = '<p>Texte</p><script>alert(1)</script><a href="javascript:x">x</a>'
    scanned = html_safety.remembered_unsafe_markup(hostile)
    assert scanned and scanned == html_safety.unsafe_markup(hostile)
    monkeypatch.setattr(html_safety, "unsafe_markup", None)  # no scan now
    assert html_safety.remembered_unsafe_markup(hostile) == scanned


def test_a_kept_entry_of_the_wrong_shape_is_scanned_again(monkeypatch):
    memo = DiskMemo("essai")
    hostile = "<script>alert(1)</script>"
    memo.stored = {digest(repr(()) + "\0" + hostile): "rien à signaler"}
    monkeypatch.setattr(html_safety, "FINDINGS", memo)
    assert html_safety.remembered_unsafe_markup(hostile)
