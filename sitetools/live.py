"""The editing loop of `invoke livereload` (and of `invoke editer`): one
Pelican kept in this process, rebuilt on every save beside the served
site, the open pages refreshed, the problems of a failed rebuild shown on
them. Served as `invoke serve` serves (sitetools/serve.py)."""

from __future__ import annotations

import gc
import html
import re
import sys
import threading
from pathlib import Path

from .build import BuildError
from .serve import ADMIN_HEADERS, ensure_free

# What livereload watches: two folders, so one save is one rebuild (two
# patterns matching the same file ran the build twice).
WATCHED = ("content", "theme")


def live_settings(output: Path | str, content: Path | str | None = None, **override) -> dict:
    """The settings of `invoke livereload` (and of its tests): Pelican's
    content cache, no search index nor compressed copies, the renderings
    saved once at the end, and the incremental writer
    (plugins/incremental)."""
    from .build import DEVELOPMENT, read_settings

    return read_settings(
        DEVELOPMENT,
        content,
        output,
        **{
            "CACHE_CONTENT": True,
            "LOAD_CONTENT_CACHE": True,
            # A file is read again when its bytes changed, not its date:
            # a save that keeps the date (a copy with -p, a checkout, a
            # tool) would have left the old text on the page.
            "CHECK_MODIFIED_METHOD": "sha256",
            "SEARCH_INDEX": False,
            "PRECOMPRESS": False,
            "INCREMENTAL": True,
            "RENDER_CACHE_AT_EXIT": True,
            **override,
        },
    )


def live_site(port: int, output: Path | str, announce: str = "", **override) -> None:
    """`invoke livereload`: build, serve, rebuild on every save and
    refresh the browser. One Pelican kept in this process (build.Site):
    Pelican's content cache re-reads only the file that changed. No
    search index while writing; build and preview make it. Each rebuild
    is built beside ``output`` and swapped in, as `invoke build` does: a
    failed one (content, template, plugin) leaves the last good pages
    served, with the problems in a banner. (A change to pelicanconf.py
    or to plugins/ needs a restart.)"""
    from .build import ROOT, Site, init_logging

    ensure_free(port, "livereload")
    show_threads_on_sigusr1()
    init_logging(fatal=False)
    settings = live_settings(output, **override)
    site = Site(settings)
    output = Path(output).resolve()

    def rebuild():
        rebuild_once(site, output)
        server.rebuilt()
        collect_once_shown()

    rebuild_once(site, output)
    tidy_memory()
    server = live_server(settings["SECURITY_HEADERS"], output)
    for folder in WATCHED:
        server.watch(str(ROOT / folder), rebuild)
    print(
        announce
        or f"Site servi sur http://localhost:{port}/ ; il se reconstruit à chaque "
        "enregistrement (Ctrl+C pour arrêter)",
        flush=True,
    )
    server.serve(host="localhost", port=port, root=str(output), live_css=False)


def show_threads_on_sigusr1() -> None:
    """`kill -USR1 PID` prints where each thread of this process is, on
    stderr: a livereload that stops rebuilding says where it stopped (the
    tests ask it when a rebuild does not come)."""
    import faulthandler
    import signal

    if hasattr(signal, "SIGUSR1"):  # not on Windows
        faulthandler.register(signal.SIGUSR1, all_threads=True)


def tidy_memory() -> None:
    """Collect the last build's garbage (Pelican's objects hold cycles),
    then set what is left aside from Python's collector: the full
    collection that came once per rebuild, walking every object of the
    build kept for the next one, took 0.3 to 0.5 s of it at 1,000
    interviews. Unfrozen first, so nothing a later build drops is kept."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def collect_once_shown(delay: float = 2.0) -> None:
    """tidy_memory, once the browsers have been told to reload (the
    server's loop runs the rebuild, then tells them): not on the way
    from a save to the page."""
    from tornado.ioloop import IOLoop

    IOLoop.current().call_later(delay, tidy_memory)


# What pages of `invoke livereload` load to be refreshed: python-livereload's
# own script, from the site's origin. Its inline loader was blocked by the
# pages' policy (script-src 'self', no 'unsafe-inline'); this file is not.
LIVERELOAD_SCRIPT = '<script src="/livereload.js?port={port}"></script>'


def live_server(headers: dict[str, str], root: Path):
    """python-livereload's server, serving ``root`` as `invoke serve` does
    (the same headers, the French 404 page, no log lines in English) and
    loading its script as a same-origin file, except in /admin/ (the
    editor is not reloaded under the editor's feet). A page that was
    still loading when a rebuild ended is reloaded as it connects
    (``rebuilt``)."""
    import json
    import time
    from urllib.parse import urlsplit

    from livereload import Server
    from livereload.handlers import (
        LiveReloadHandler,
        LiveReloadJSHandler,
        StaticFileHandler,
    )
    from livereload.server import LiveScriptInjector
    from livereload.watcher import Watcher
    from tornado import web

    # python-livereload drops a reload that comes less than 3 s after the
    # previous one: two quick saves would leave the second one unseen.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0

    # python-livereload tells the pages connected when a rebuild ends; a
    # page still loading then (the reload of the save before, a second
    # save within a second) connects after it and kept the old text, or
    # missed the error banner. So: when each page was last sent, when
    # the last rebuild ended, and a page sent before it is reloaded as
    # it connects (once: its reload is sent after the rebuild).
    sent_at: dict[str, float] = {}
    rebuilt_at = [0.0]

    class Reloads(LiveReloadHandler):
        def on_message(self, message):
            super().on_message(message)
            said = json.loads(message)
            if said.get("command") != "info" or not isinstance(said.get("url"), str):
                return
            if sent_at.get(urlsplit(said["url"]).path, 0.0) < rebuilt_at[0]:
                self.send_message(
                    {"command": "reload", "path": "*", "liveCSS": False, "liveImg": True}
                )

    class Pages(StaticFileHandler):
        def set_default_headers(self):
            sent = dict(headers)
            for prefix, extra in ADMIN_HEADERS.items():
                if self.request.path.startswith(prefix):
                    sent.update(extra)
            for name, value in sent.items():
                self.set_header(name, value)

        def write_error(self, status_code, **kwargs):
            page = root / "404.html"
            if status_code in (403, 404) and page.is_file():  # 403: a folder
                self.set_status(404)
                self.set_header("Content-Type", "text/html; charset=utf-8")
                self.finish(page.read_bytes())
            else:
                self.finish(f"Erreur {status_code}")

    class LiveServer(Server):
        def rebuilt(self):
            """A rebuild has ended (good or not): pages sent before it are old."""
            rebuilt_at[0] = time.monotonic()

        def application(self, port, host, liveport=None, debug=None, live_css=True):
            LiveReloadHandler.watcher = self.watcher
            LiveReloadHandler.live_css = live_css
            script = LIVERELOAD_SCRIPT.format(port=int(port)).encode()

            class Inject(LiveScriptInjector):
                def __init__(self, request):
                    super().__init__(request)
                    self.script = b"" if request.path.startswith("/admin/") else script
                    self.path = request.path

                def transform_first_chunk(self, status_code, headers, chunk, finishing):
                    if not self.script:
                        return status_code, headers, chunk
                    if status_code == 200 and "html" in headers.get("Content-Type", ""):
                        sent_at[self.path] = time.monotonic()
                    return super().transform_first_chunk(status_code, headers, chunk, finishing)

            handlers = [
                (r"/livereload", Reloads),
                (r"/livereload.js", LiveReloadJSHandler),
                (r"/(.*)", Pages, {"path": str(root), "default_filename": "index.html"}),
            ]
            application = web.Application(
                handlers=handlers,
                transforms=[Inject],
                log_function=lambda handler: None,  # no English line per request
            )
            application.listen(port, address=host)

        def _setup_logging(self):
            pass  # its « [I …] Serving on … » lines: the French ones are ours

    class EventWatcher(Watcher):
        """python-livereload's watcher, woken by the system's file events
        (watchfiles: inotify on Linux, FSEvents on macOS) rather than by
        its timer: it walked the watched folders every 0.8 s, so a save
        waited 0.4 s on average before the rebuild began, and each walk
        of a thousand files cost a few hundredths of a second even when
        nothing changed. What changed is still found by its walk
        (``examine``), once per batch of events."""

        stopped = threading.Event()  # set: the watch ends (tests)

        def start(self, callback) -> bool:

            import watchfiles
            from tornado.ioloop import IOLoop

            loop = IOLoop.current()
            folders = list(self._tasks)

            def wait_for_saves():
                # step: a save is reported once no other event came for
                # 50 ms (an editor writes a file in several steps).
                for _changes in watchfiles.watch(
                    *folders, step=50, debounce=1600, stop_event=self.stopped
                ):
                    loop.add_callback(callback)

            threading.Thread(target=wait_for_saves, daemon=True).start()
            callback()  # records the files' dates, as the timer's first turn
            return True

    return LiveServer(watcher=EventWatcher())


# --- What the browser shows while the content has errors ---------------


def rebuild_once(site, output: Path) -> bool:
    """One livereload rebuild. On failure, the problems are printed and
    shown on the pages still served (the editor fixes and saves again)."""
    try:
        site.build_beside(output)
    except BuildError as error:
        print(error, file=sys.stderr, flush=True)
        show_build_error(output, error)
        return False
    return True


_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def error_banner(error: BuildError) -> str:
    """The problems, as a banner for the pages of `invoke livereload`:
    the same lines as the terminal, escaped."""
    lines = error.problems or [str(error)]
    items = "".join(f"<li><code>{html.escape(str(line))}</code></li>" for line in lines)
    heading = (
        f"Le contenu a {len(error.problems)} erreur(s)"
        if error.problems
        else "La construction a échoué"
    )
    return (
        f'<div class="erreurs-construction" role="alert"><p><strong>{heading} : '
        "la page affichée est la dernière version correcte. Corrigez, enregistrez : "
        f"elle se mettra à jour.</strong></p><ul>{items}</ul></div>"
    )


def show_build_error(output: Path, error: BuildError) -> None:
    """Put the banner at the top of every page still served (the next
    good build rewrites them all), or a page of its own if there is
    none yet."""
    banner = error_banner(error)
    pages = [
        page
        for page in output.rglob("*.html")
        if not {"pagefind", "admin"} & set(page.relative_to(output).parts)
    ]
    if not pages:
        output.mkdir(parents=True, exist_ok=True)
        (output / "index.html").write_text(
            '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
            "<title>Erreurs dans le contenu</title></head><body>" + banner + "</body></html>",
            encoding="utf-8",
        )
        return
    for page in pages:
        text = page.read_text(encoding="utf-8")
        text = re.sub(r'<div class="erreurs-construction".*?</div>', "", text, flags=re.S)
        page.write_text(
            _BODY.sub(lambda body: body.group(0) + banner, text, count=1), encoding="utf-8"
        )
