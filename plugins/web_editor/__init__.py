"""The web editor at /admin/: Decap CMS, its config.yml generated from
the content model (core.py), its bundle copied from node_modules (never a
CDN), its own Content-Security-Policy.

Settings (their defaults below; README « Rédiger dans le navigateur »):
``WEB_EDITOR_BACKEND`` "local" (decap-server, `invoke editer`), "gitlab",
"forgejo", "gitea", "github", or "" for no /admin/ at all (never in
previews, PREVIEW = True);
``WEB_EDITOR_REPO``, ``WEB_EDITOR_BRANCH``, ``WEB_EDITOR_BASE_URL`` (the
forge, or GitHub's OAuth proxy), ``WEB_EDITOR_APP_ID`` (the OAuth
application), ``WEB_EDITOR_LOCAL_PORT`` (decap-server's port);
``WEB_EDITOR_BUNDLE``, the folder of decap-cms's dist/.

Without node_modules (no `npm ci`), /admin/ says so in French and the
rest of the site builds as usual.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import yaml
from pelican import signals
from pelican.generators import ArticlesGenerator

from plugins.run_state import build_state
from plugins.settings import declare

from .core import ADMIN_HEADER_CSP, admin_csp, bundle_files, cms_config

ROOT = Path(__file__).resolve().parent.parent.parent
FOLDER = "admin"
TEMPLATE = "admin.html"

DEFAULT_SETTINGS = {
    "WEB_EDITOR_BACKEND": "local",
    "WEB_EDITOR_REPO": "",
    "WEB_EDITOR_BRANCH": "main",
    "WEB_EDITOR_BASE_URL": "",
    "WEB_EDITOR_APP_ID": "",
    "WEB_EDITOR_LOCAL_PORT": 8081,
    "WEB_EDITOR_BUNDLE": str(ROOT / "node_modules" / "decap-cms" / "dist"),
}

logger = logging.getLogger(__name__)


def enabled(settings: dict) -> bool:
    # Previews are read, not edited: no /admin/ there, even when CI gives
    # the forge's settings to every build.
    return bool(settings["WEB_EDITOR_BACKEND"]) and not settings.get("PREVIEW")


def installed(settings: dict) -> bool:
    return (Path(settings["WEB_EDITOR_BUNDLE"]) / "decap-cms.js").is_file()


def initialize(pelican):
    settings = pelican.settings
    declare(settings, DEFAULT_SETTINGS)
    if enabled(settings):
        admin_csp(settings)  # a wrong backend setting stops the build here, in French
        settings["TEMPLATE_PAGES"] = {
            **settings.get("TEMPLATE_PAGES", {}),
            TEMPLATE: f"{FOLDER}/index.html",
        }


def add_globals(generator):
    settings = generator.settings
    generator.env.globals["web_editor_header_csp"] = ADMIN_HEADER_CSP  # for _headers
    if enabled(settings):
        generator.env.globals["web_editor"] = {
            "csp": admin_csp(settings),
            "installed": installed(settings),
        }


def collect_themes(generator):
    if isinstance(generator, ArticlesGenerator):
        build_state(generator.settings, __name__, set).update(str(t) for t in generator.tags)


def write_editor(pelican):
    """config.yml, the bundle and Apache's header file beside admin/index.html."""
    settings = pelican.settings
    collected = build_state(settings, __name__, set)
    themes = sorted(collected)
    collected.clear()  # a long-lived process (livereload) collects again
    if not enabled(settings):
        return
    folder = Path(pelican.output_path) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    config = cms_config(settings, themes)
    (folder / "config.yml").write_text(
        "# Généré par plugins/web_editor depuis plugins/content_model/kinds.py :\n"
        "# ne pas modifier à la main.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100),
        encoding="utf-8",
    )
    # Apache reads this after the site's .htaccess: /admin/ gets its own
    # policy header instead of the site's (which would block Decap).
    (folder / ".htaccess").write_text(
        "# /admin/ : la politique de sécurité de l’éditeur (plugins/web_editor).\n"
        f'Header always set Content-Security-Policy "{ADMIN_HEADER_CSP}"\n'
        'Header always set Cache-Control "no-cache"\n',
        encoding="utf-8",
    )
    if not installed(settings):
        logger.info("web_editor : decap-cms absent de node_modules (lancez « npm ci »)")
        return
    bundle = Path(settings["WEB_EDITOR_BUNDLE"])
    for name in bundle_files([path.name for path in bundle.iterdir()]):
        shutil.copyfile(bundle / name, folder / name)


def register():
    signals.initialized.connect(initialize)
    signals.generator_init.connect(add_globals)
    signals.article_generator_finalized.connect(collect_themes)
    signals.finalized.connect(write_editor)
