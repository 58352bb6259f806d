"""Tâches du site (invoke). Thin wrappers: the logic lives in plugins/.

    invoke build       construit le site de développement dans output/
    invoke serve       construit, puis sert output/ sur http://localhost:8000
    invoke livereload  reconstruit à chaque enregistrement et rafraîchit le navigateur
    invoke preview     construit avec les réglages de production
    invoke clean       supprime output/
    invoke test        lance toute la suite de tests
"""

import os
import shutil
import sys
import tempfile

from invoke import task

HERE = os.path.dirname(os.path.abspath(__file__))
SETTINGS_DEV = os.path.join(HERE, "pelicanconf.py")
SETTINGS_PUBLISH = os.path.join(HERE, "publishconf.py")
OUTPUT = os.path.join(HERE, "output")


def pelican_build(c, settings, output, extra=""):
    """Build into a fresh folder beside ``output``, then swap it in.

    A build that fails leaves the previous site untouched: nobody ever
    serves or uploads a half-built ``output/``.
    """
    output = os.path.abspath(output)
    parent = os.path.dirname(output)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".construction-", dir=parent)
    try:
        c.run(
            f'"{sys.executable}" -m pelican "{os.path.join(HERE, "content")}" '
            f'-s "{settings}" -o "{staging}" --fatal warnings {extra}',
            pty=False,
        )
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = output + ".precedent"
    shutil.rmtree(previous, ignore_errors=True)
    if os.path.exists(output):
        os.rename(output, previous)
    os.rename(staging, output)
    shutil.rmtree(previous, ignore_errors=True)


@task(help={"output": "dossier de sortie (par défaut : output/)"})
def build(c, output=OUTPUT):
    """Construit le site de développement."""
    pelican_build(c, SETTINGS_DEV, output)


@task(help={"output": "dossier de sortie (par défaut : output/)"})
def preview(c, output=OUTPUT):
    """Construit le site avec les réglages de production (publishconf.py)."""
    pelican_build(c, SETTINGS_PUBLISH, output)


@task
def clean(c):
    """Supprime le site construit."""
    shutil.rmtree(OUTPUT, ignore_errors=True)


@task(
    help={
        "port": "port d’écoute (par défaut : 8000)",
        "output": "dossier à construire puis servir (par défaut : output/)",
    }
)
def serve(c, port=8000, output=OUTPUT):
    """Construit le site, puis le sert sur http://localhost:PORT/."""
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    build(c, output=output)

    class ReusableServer(RootedHTTPServer):
        allow_reuse_address = True

    server = ReusableServer(output, ("localhost", int(port)), ComplexHTTPRequestHandler)
    print(f"Site servi sur http://localhost:{port}/ (Ctrl+C pour arrêter)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


@task(help={"port": "port d’écoute (par défaut : 8000)"})
def livereload(c, port=8000):
    """Reconstruit à chaque enregistrement et rafraîchit le navigateur."""
    from livereload import Server

    def rebuild():
        # Pelican's content cache makes a rebuild after one edit cheap.
        pelican_build(
            c,
            SETTINGS_DEV,
            OUTPUT,
            extra="-e CACHE_CONTENT=true LOAD_CONTENT_CACHE=true",
        )

    rebuild()
    server = Server()
    for pattern in (
        "content/**/*.md",
        "theme/templates/**/*.html",
        "theme/static/**/*",
        "plugins/**/*.py",
        "pelicanconf.py",
    ):
        server.watch(os.path.join(HERE, pattern), rebuild)
    server.serve(host="localhost", port=int(port), root=OUTPUT)


@task
def test(c):
    """Lance toute la suite de tests (pytest)."""
    c.run(f'"{sys.executable}" -m pytest', pty=False)
