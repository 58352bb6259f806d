"""The loop of `invoke livereload` (sitetools/live.py): woken by file
events, and tidying Python's memory after each rebuild, once the
browsers have been told to reload."""

import asyncio
import gc
import threading
import weakref

from sitetools.live import collect_once_shown, tidy_memory


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
    from sitetools.live import live_server

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


def test_a_page_still_loading_when_a_rebuild_ends_is_reloaded_as_it_connects(tmp_path):
    """python-livereload tells only the pages connected when a rebuild
    ends: one still loading (the reload of the save before, a second
    save within a second) kept the old text or missed the banner. It
    gets its reload as it connects; a page sent after the rebuild does
    not, so a reload never loops."""
    import json

    from tornado.httpclient import AsyncHTTPClient
    from tornado.websocket import websocket_connect

    from sitetools.live import live_server
    from tests.helpers import free_port

    (tmp_path / "index.html").write_text(
        "<!doctype html><html><head><title>t</title></head><body>avant</body></html>",
        encoding="utf-8",
    )
    port = free_port()
    server = live_server({}, tmp_path)
    heard = {}

    async def connect_and_listen(label):
        """The handshake of livereload.js, then what the server says in 1 s."""
        socket = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
        await socket.write_message(json.dumps({"command": "hello", "protocols": []}))
        url = f"http://localhost:{port}/"
        await socket.write_message(json.dumps({"command": "info", "url": url, "plugins": {}}))
        said = []
        while True:
            try:
                message = await asyncio.wait_for(socket.read_message(), timeout=1)
            except TimeoutError:
                break
            said.append(json.loads(message)["command"])
        socket.close()
        heard[label] = said

    async def scenario():
        server.application(port, "127.0.0.1", live_css=False)
        client = AsyncHTTPClient()
        page = await client.fetch(f"http://127.0.0.1:{port}/")
        assert b"/livereload.js" in page.body
        server.rebuilt()  # a save, rebuilt while the page was loading
        await connect_and_listen("sent before the rebuild")
        await client.fetch(f"http://127.0.0.1:{port}/")  # its reload
        await connect_and_listen("sent after it")

    thread = threading.Thread(target=lambda: asyncio.run(scenario()))
    thread.start()
    thread.join()
    assert heard == {
        "sent before the rebuild": ["hello", "reload"],
        "sent after it": ["hello"],
    }
