"""A built site on http://HOST:PORT with the headers the shipped server
configurations send and the French 404 page: `invoke serve`, the browser
tests and the benchmarks (a stand-in for nginx or Apache where only the
pages matter; tests/test_servers.py runs the real ones)."""

from __future__ import annotations

import socket
from pathlib import Path


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
