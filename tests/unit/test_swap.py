"""Folders swapped in one step, one writer at a time (sitetools.swap):
output/ for builds, DEPLOY_DIR for the « dossier » target."""

import threading

from sitetools.swap import _exchange, locked, replace_folder, staging_folder


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
