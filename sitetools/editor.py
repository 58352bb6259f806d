"""`invoke editer`: the web editor (/admin/) for one person on this
machine. decap-server (npm, the local Git backend of Decap CMS) writes
the files of content/ that the form saves; livereload rebuilds the site
around it, so the page is seen as soon as it is saved.

decap-server listens on every interface unless BIND_HOST says otherwise,
and has no password: it is bound to 127.0.0.1 here, so nobody else on
the network can write into content/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from . import SiteError
from .build import ROOT

DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
LOOPBACK = "127.0.0.1"


class EditorUnavailable(SiteError):
    """decap-server (or Node.js) is missing, or does not start."""


def decap_server_command() -> list[str]:
    node = shutil.which("node")
    if node is None:
        raise EditorUnavailable(
            "Node.js n’est pas installé : l’éditeur en a besoin (paquet « nodejs »), "
            "puis lancez « npm ci » dans le dossier du site."
        )
    if not DECAP_SERVER.is_file():
        raise EditorUnavailable(
            "L’éditeur n’est pas installé : lancez « npm ci » dans le dossier du site, "
            "puis de nouveau « invoke editer »."
        )
    return [node, str(DECAP_SERVER)]


def start_decap_server(repository: Path, port: int, timeout: float = 20) -> subprocess.Popen:
    """decap-server on 127.0.0.1:PORT, writing into ``repository`` (the
    folder that holds content/), files saved as they are (no commit)."""
    # Otherwise another program on the port would pass for it.
    with socket.socket() as sock:
        if sock.connect_ex((LOOPBACK, port)) == 0:
            raise EditorUnavailable(
                f"Le port {port} de l’éditeur est déjà pris (un autre « invoke editer » tourne "
                f"peut-être) : choisissez-en un autre, par exemple "
                f"« invoke editer --port-editeur {port + 1} »."
            )
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": LOOPBACK,
        "GIT_REPO_DIRECTORY": str(Path(repository).resolve()),
        "MODE": "fs",
        "LOG_LEVEL": "warn",
    }
    process = subprocess.Popen(decap_server_command(), env=env, cwd=repository)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EditorUnavailable(
                f"decap-server s’est arrêté au démarrage (code {process.returncode}) : "
                "voir son message ci-dessus."
            )
        with socket.socket() as sock:
            if sock.connect_ex((LOOPBACK, port)) == 0 and process.poll() is None:
                return process
        time.sleep(0.1)
    process.terminate()
    raise EditorUnavailable(f"decap-server ne répond pas sur le port {port}.")


def edit_site(port: int, editor_port: int, output: Path | str) -> None:
    """Build and serve the site with livereload, decap-server beside it,
    until Ctrl+C; then stop decap-server."""
    from .serve import ensure_free, live_site

    decap_server_command()  # missing tools: said before anything starts
    ensure_free(port, "editer")
    server = start_decap_server(ROOT, editor_port)
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
    finally:
        server.terminate()
        server.wait(timeout=10)
