"""Old addresses → new ones, for every server the site ships a
configuration for.

REDIRECTS (pelicanconf.py) holds the site's own redirects; the ones in
content/redirections.yaml (written by ``invoke import-wordpress``,
editable by editors, checked by the content model like any content) are
added at ``initialized``; a redirect of the settings wins. Templates
print them with ``redirects_apache``, ``redirects_nginx`` and
``redirects_netlify`` (core.py: checked, then escaped per syntax).
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from . import core


def add_content_redirects(pelican):
    path = Path(pelican.settings["PATH"]) / core.FILE
    if not path.is_file():
        return
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return  # the content check reports it, naming the file
    found, _ = core.load(text)  # problems: the content check reports them
    pelican.settings["REDIRECTS"] = {**found, **pelican.settings.get("REDIRECTS", {})}


def add_functions(generator):
    generator.env.globals.update(
        redirects_apache=core.apache,
        redirects_nginx=core.nginx,
        redirects_netlify=core.netlify,
    )


def register():
    signals.initialized.connect(add_content_redirects)
    signals.generator_init.connect(add_functions)
