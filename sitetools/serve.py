"""A built site on http://HOST:PORT with the headers the shipped server
configurations send and the French 404 page: `invoke serve`, the browser
tests and the benchmarks (a stand-in for nginx or Apache where only the
pages matter; tests/e2e/test_servers.py runs the real ones). The editing
loop of `invoke livereload` is in sitetools/live.py."""

from __future__ import annotations

import errno
import socket
from pathlib import Path

from plugins.web_editor.core import ADMIN_HEADER_CSP

from . import SiteError

# What the servers send for the web editor instead of the site's policy
# (plugins/web_editor: its page carries its own policy).
ADMIN_HEADERS = {"/admin/": {"Content-Security-Policy": ADMIN_HEADER_CSP}}


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
                    f"par exemple « invoke {task} --port {port + 1} »."
                ) from None
            raise PortTaken(
                f"Impossible d’écouter sur le port {port} ({error.strerror}) : "
                f"choisissez-en un autre avec --port."
            ) from None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StaticSite:
    """A built site on http://127.0.0.1:PORT, sending the CSP of
    pelicanconf.py, as the shipped server configurations do."""

    def __init__(
        self,
        root: Path,
        port: int,
        headers: dict[str, str],
        host: str = "127.0.0.1",
        background: bool = True,
        folder_headers: dict[str, dict[str, str]] | None = None,
    ):
        import functools
        import http.server
        import threading

        class Handler(http.server.SimpleHTTPRequestHandler):
            extensions_map = {
                **http.server.SimpleHTTPRequestHandler.extensions_map,
                ".js": "text/javascript",
                ".wasm": "application/wasm",
                ".yml": "text/yaml",
            }

            def end_headers(self):
                sent = dict(headers)
                # A folder with headers of its own (/admin/), as the
                # server configurations give it.
                for prefix, extra in (folder_headers or {}).items():
                    if self.path.startswith(prefix):
                        sent.update(extra)
                for name, value in sent.items():
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

            def list_directory(self, path):
                # A folder without index.html: the French 404 page, never
                # the standard library's English « Directory listing ».
                self.send_error(404)

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
        self.server.server_close()  # the port is free again at once


def serve_site(output: Path | str, port: int) -> None:
    """`invoke serve`: the built site on http://localhost:PORT/ until Ctrl+C,
    with the production headers (CSP included) and the French 404 page,
    so what works here works online."""
    from .build import DEVELOPMENT, read_settings

    headers = read_settings(DEVELOPMENT)["SECURITY_HEADERS"]
    site = StaticSite(
        Path(output), port, headers, "localhost", background=False, folder_headers=ADMIN_HEADERS
    )
    print(f"Site servi sur http://localhost:{port}/ (Ctrl+C pour arrêter)", flush=True)
    try:
        site.serve_forever()
    except KeyboardInterrupt:
        pass
