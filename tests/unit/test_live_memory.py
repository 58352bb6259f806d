"""`invoke livereload` tidies Python's memory after each rebuild, once
the browsers have been told to reload (sitetools/serve.py)."""

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
