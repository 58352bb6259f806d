"""Folders swapped in one step, one writer at a time (sitetools.swap):
output/ for builds, DEPLOY_DIR for the « dossier » target."""

import os
import stat
import threading

import pytest

from sitetools.swap import _exchange, locked, match_permissions, replace_folder, staging_folder


def _site(folder, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


def test_the_new_folder_takes_the_place_of_the_old_one(tmp_path):
    target = _site(tmp_path / "public", "ancien")
    new = _site(staging_folder(target), "nouveau")
    replace_folder(new, target)
    assert (target / "index.html").read_text(encoding="utf-8") == "nouveau"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_first_time_there_is_nothing_to_replace(tmp_path):
    target = tmp_path / "public"
    replace_folder(_site(tmp_path / "neuf", "nouveau"), target)
    assert (target / "index.html").read_text(encoding="utf-8") == "nouveau"


def test_a_reader_never_finds_the_folder_missing(tmp_path):
    """The exchange is one system call: at no instant is there no
    index.html (two renames would leave a gap a reader can fall into)."""
    target = _site(tmp_path / "public", "0")
    assert _exchange(_site(tmp_path / "essai", "x"), target)  # this kernel can
    replace_folder(tmp_path / "essai", target)
    missing, done = [], threading.Event()

    def read():
        while not done.is_set():
            if not (target / "index.html").exists():
                missing.append(1)

    reader = threading.Thread(target=read)
    reader.start()
    for number in range(200):
        replace_folder(_site(staging_folder(target), str(number)), target)
    done.set()
    reader.join()
    assert missing == []
    assert (target / "index.html").read_text(encoding="utf-8") == "199"


def test_one_writer_at_a_time_and_stale_staging_removed(tmp_path):
    target = tmp_path / "public"
    target.parent.mkdir(exist_ok=True)
    stale = tmp_path / ".public.nouveau-tue"  # a build killed mid-way
    stale.mkdir()
    order, first_in, release = [], threading.Event(), threading.Event()

    def first():
        with locked(target):
            order.append("premier entre")
            first_in.set()
            release.wait(timeout=10)
            order.append("premier sort")

    def second():
        first_in.wait(timeout=10)
        with locked(target):
            order.append("second entre")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_in.wait(timeout=10)
    assert not stale.exists()  # removed once the lock was held
    release.set()
    for thread in threads:
        thread.join(timeout=10)
    assert order == ["premier entre", "premier sort", "second entre"]


def _modes(root):
    return {
        path.relative_to(root).as_posix(): stat.S_IMODE(path.stat().st_mode)
        for path in [root, *root.rglob("*")]
    }


def test_a_first_publication_is_readable_by_everyone(tmp_path):
    """mkdtemp makes the staging folder 700: swapped in as is, a web
    server running as another user answers 403 (issue #27)."""
    target = tmp_path / "public"
    new = staging_folder(target)
    (new / "a-propos").mkdir(mode=0o700)
    (new / "a-propos" / "index.html").write_text("x", encoding="utf-8")
    os.chmod(new / "a-propos" / "index.html", 0o600)
    assert stat.S_IMODE(new.stat().st_mode) == 0o700
    match_permissions(new, target)
    assert _modes(new) == {".": 0o755, "a-propos": 0o755, "a-propos/index.html": 0o644}


def test_the_new_folder_gets_the_mode_of_the_one_it_replaces(tmp_path):
    target = _site(tmp_path / "public", "ancien")
    os.chmod(target, 0o750)
    new = _site(staging_folder(target), "nouveau")
    match_permissions(new, target)
    replace_folder(new, target)
    assert _modes(target) == {".": 0o750, "index.html": 0o644}


@pytest.mark.skipif(os.geteuid() != 0, reason="seul root peut donner un fichier à un autre")
def test_as_root_the_new_folder_gets_the_owner_of_the_one_it_replaces(tmp_path):
    target = _site(tmp_path / "public", "ancien")
    os.chown(target, 33, 33)  # www-data on Debian
    new = _site(staging_folder(target), "nouveau")
    match_permissions(new, target)
    assert {(p.stat().st_uid, p.stat().st_gid) for p in (new, new / "index.html")} == {(33, 33)}


def test_the_next_writer_leaves_the_old_folder_to_the_thread_removing_it(tmp_path, monkeypatch):
    """livereload: the old site is removed by a thread; a rebuild that
    comes at once does not remove it too (it would wait for it), and
    the thread does remove it."""
    import shutil

    import sitetools.swap as swap

    rmtree = shutil.rmtree
    target = _site(tmp_path / "output", "ancien")
    release = threading.Event()
    removing = []

    def slow_rmtree(path, ignore_errors=False):
        removing.append(threading.current_thread() is threading.main_thread())
        if not removing[-1]:
            release.wait(10)  # the disk is slow
        rmtree(path, ignore_errors)

    monkeypatch.setattr(swap.shutil, "rmtree", slow_rmtree)
    replace_folder(_site(staging_folder(target), "nouveau"), target, background=True)
    with locked(target):
        assert removing == [False]  # only the thread: locked left it alone
    release.set()
    for _ in range(100):
        if not list(tmp_path.glob(".output.nouveau-*")):
            break
        threading.Event().wait(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.verrou", "output"]
