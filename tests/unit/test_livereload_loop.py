"""The loop of `invoke livereload` (sitetools/serve.py): woken by file
events, and tidying Python's memory after each rebuild, once the
browsers have been told to reload."""

import asyncio
import gc
import threading
import weakref

from sitetools.serve import collect_once_shown, tidy_memory


class Cycle:
    def __init__(self):
        self.me = self


def test_tidy_memory_frees_the_last_builds_cycles_and_freezes_the_rest():
    gc.unfreeze()
    try:
        dropped = Cycle()
        gone = weakref.ref(dropped)
        del dropped
        kept = Cycle()
        alive = weakref.ref(kept)
        tidy_memory()
        assert gone() is None and alive() is kept and gc.get_freeze_count() > 0
        # Frozen, then dropped (the build before the last): freed at the
        # next tidy, not kept for ever.
        del kept
        tidy_memory()
        assert alive() is None
    finally:
        gc.unfreeze()


def test_the_tidy_waits_for_the_loop_to_have_told_the_browsers():
    gc.unfreeze()

    async def rebuild_then_reload():
        collect_once_shown(delay=0.05)
        told = gc.get_freeze_count()  # the reload is sent here, before
        await asyncio.sleep(0.3)
        return told, gc.get_freeze_count()

    # A thread of its own: Playwright's tests leave this one's loop running.
    results = []
    thread = threading.Thread(target=lambda: results.append(asyncio.run(rebuild_then_reload())))
    try:
        thread.start()
        thread.join()
        [(told, later)] = results
        assert told == 0 and later > 0
    finally:
        gc.unfreeze()


def test_a_save_wakes_the_watcher_without_its_timer(tmp_path):
    """livereload's watcher is woken by the system's file events
    (watchfiles), not by python-livereload's 0.8 s timer: its start says
    so (no timer is then started), and a save runs the rebuild."""
    from sitetools.serve import live_server

    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "a.md").write_text("avant", encoding="utf-8")
    rebuilt = threading.Event()
    server = live_server({}, tmp_path)
    server.watch(str(folder), rebuilt.set)
    started = []

    async def watch_then_save():
        started.append(server.watcher.start(server.watcher.examine))
        await asyncio.sleep(0.5)  # the watch is in place
        (folder / "a.md").write_text("après", encoding="utf-8")
        for _ in range(50):
            if rebuilt.is_set():
                return
            await asyncio.sleep(0.1)

    thread = threading.Thread(target=lambda: asyncio.run(watch_then_save()))
    thread.start()
    thread.join()
    server.watcher.stopped.set()
    assert started == [True]
    assert rebuilt.is_set()
