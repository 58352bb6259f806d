"""A built site on http://HOST:PORT with the headers the shipped server
configurations send and the French 404 page: `invoke serve`, the browser
tests and the benchmarks (a stand-in for nginx or Apache where only the
pages matter; tests/test_servers.py runs the real ones). And the editing
loop of `invoke livereload`."""

from __future__ import annotations

import errno
import socket
import sys
from pathlib import Path

from . import SiteError


class PortTaken(SiteError):
    """The port asked for cannot be listened on."""


def ensure_free(port: int, task: str, host: str = "localhost") -> None:
    """Say which port is taken, and what to do, before anything is built."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise PortTaken(
                    f"Le port {port} est déjà pris (un autre « invoke serve » ou « invoke "
                    f"livereload » tourne peut-être) : choisissez-en un autre avec --port, "
                    f"par exemple « invoke {task} --port {port + 1} ».") from None
            raise PortTaken(f"Impossible d’écouter sur le port {port} ({error.strerror}) : "
                            f"choisissez-en un autre avec --port.") from None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StaticSite:
    """A built site on http://127.0.0.1:PORT, sending the CSP of
    pelicanconf.py, as the shipped server configurations do."""

    def __init__(self, root: Path, port: int, headers: dict[str, str],
                 host: str = "127.0.0.1", background: bool = True):
        import functools
        import http.server
        import threading

        class Handler(http.server.SimpleHTTPRequestHandler):
            extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                              ".js": "text/javascript", ".wasm": "application/wasm"}

            def end_headers(self):
                for name, value in headers.items():
                    self.send_header(name, value)
                super().end_headers()

            def send_error(self, code, message=None, explain=None):
                if code == 404 and (root / "404.html").is_file():
                    body = (root / "404.html").read_bytes()
                    self.send_response(404)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                else:
                    super().send_error(code, message, explain)

            def log_message(self, *args):
                pass

        self.root, self.port = root, port
        self.url = f"http://{host}:{port}"
        class Server(http.server.ThreadingHTTPServer):
            allow_reuse_address = True  # restart at once on the same port
            daemon_threads = True

        self.server = Server((host, port), functools.partial(Handler, directory=str(root)))
        if background:
            threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def serve_forever(self):
        self.server.serve_forever()

    def pages(self) -> list[str]:
        """Every HTML page as a URL path (…/index.html as …/)."""
        paths = []
        for page in sorted(self.root.rglob("*.html")):
            relative = page.relative_to(self.root).as_posix()
            if relative.startswith("pagefind/"):
                continue
            paths.append("/" + relative.removesuffix("index.html"))
        return paths

    def close(self):
        self.server.shutdown()


def serve_site(output: Path | str, port: int) -> None:
    """`invoke serve`: the built site on http://localhost:PORT/ until Ctrl+C,
    with the production headers (CSP included) and the French 404 page,
    so what works here works online."""
    from .build import DEVELOPMENT, read_settings

    headers = read_settings(DEVELOPMENT)["SECURITY_HEADERS"]
    site = StaticSite(Path(output), port, headers, host="localhost", background=False)
    print(f"Site servi sur http://localhost:{port}/ (Ctrl+C pour arrêter)", flush=True)
    try:
        site.serve_forever()
    except KeyboardInterrupt:
        pass


WATCHED = ("content/**/*.md", "content/*/*", "theme/templates/**/*.html", "theme/static/**/*")


def live_site(port: int, output: Path | str) -> None:
    """`invoke livereload`: build, serve, rebuild on every save and
    refresh the browser. One Pelican kept in this process (build.Site):
    Pelican's content cache re-reads only the file that changed. No
    search index while writing; build and preview make it. A content
    error is printed and the previous pages stay served. (A change to
    pelicanconf.py or to plugins/ needs a restart.)"""
    from livereload import Server

    from .build import DEVELOPMENT, ROOT, BuildError, Site, init_logging, read_settings

    ensure_free(port, "livereload")
    init_logging(fatal=False)
    site = Site(read_settings(DEVELOPMENT, output=output, CACHE_CONTENT=True,
                              LOAD_CONTENT_CACHE=True, SEARCH_INDEX=False, PRECOMPRESS=False))

    def rebuild():
        try:
            site.run()
        except BuildError as error:  # keep serving: the editor fixes and saves again
            print(error, file=sys.stderr, flush=True)

    rebuild()
    server = Server()
    for pattern in WATCHED:
        server.watch(str(ROOT / pattern), rebuild)
    server.serve(host="localhost", port=port, root=str(output))
