"""Static files for any host: fingerprinted theme assets and
precompressed copies of every text file.

- ``asset_url("css/site.css")`` in templates gives
  ``theme/css/site.<hash>.css``; the fingerprinted copy is written after
  the build, so servers may cache it for a year (the .htaccess, nginx
  and _headers files say so) and a changed file gets a new name.
- After the build (and after Pagefind), every text file gets a .gz and
  a .br beside it, for servers that serve precompressed files
  (Apache rewrite rules, nginx gzip_static, CDNs).

``PRECOMPRESS`` (default False: development builds do not need them;
publishconf.py sets it) turns the second step on.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals

from plugins.run_state import build_state
from plugins.settings import declare

from .core import COMPRESSIBLE, fingerprinted_name, precompress

DEFAULT_SETTINGS = {"PRECOMPRESS": False}


def _used(generator) -> dict:
    """This run's assets: original → fingerprinted. Made anew when a run
    starts (Pelican makes one context per run), not emptied when it
    ends: an edit made in place after it (plugins/incremental) renders
    pages of that run; a theme edit after that is hashed again."""
    state = build_state(generator.settings, __name__)
    if state.get("context") is not generator.context:
        state.update(context=generator.context, used={})
    return state["used"]


def add_filter(generator):
    theme_static = Path(generator.theme) / "static"
    used = _used(generator)

    def asset_url(path: str) -> str:
        # Hashed once per build, not once per page that links it.
        if path not in used:
            name = fingerprinted_name(os.path.basename(path), (theme_static / path).read_bytes())
            used[path] = os.path.join(os.path.dirname(path), name)
        return f"{generator.settings['THEME_STATIC_DIR']}/{used[path]}"

    generator.env.globals.update(asset_url=asset_url, url_path=url_path)


def url_path(url: str) -> str:
    """The path of a site address: "" for https://www.lecentsept.fr,
    "/apercu" for https://exemple.org/apercu (server configs need it)."""
    return urlsplit(url).path.rstrip("/")


def write_assets(pelican):
    static = Path(pelican.output_path) / pelican.settings["THEME_STATIC_DIR"]
    used = build_state(pelican.settings, __name__).get("used", {})
    for original, fingerprinted in used.items():
        shutil.copyfile(static / original, static / fingerprinted)
    if not pelican.settings["PRECOMPRESS"]:
        return
    for path in sorted(Path(pelican.output_path).rglob("*")):
        if path.is_file() and path.suffix in COMPRESSIBLE:
            precompress(path)


def declare_settings(pelican):
    declare(pelican.settings, DEFAULT_SETTINGS)


def register():
    signals.initialized.connect(declare_settings)
    signals.generator_init.connect(add_filter)
    signals.finalized.connect(write_assets)
