"""JSON-LD for the templates: ``json_ld_article(article)`` and
``json_ld_breadcrumbs([(name, url), …])``, each a ready ``<script>``
body. The data itself is built by core.py."""

from __future__ import annotations

from markupsafe import Markup
from pelican import signals

from plugins.french_typography.core import plain_text

from . import core


def _absolute(siteurl: str, url: str) -> str:
    return f"{siteurl}/{url}" if not url.startswith(("http://", "https://")) else url


def add_globals(generator):
    settings = generator.settings
    siteurl = settings.get("SITEURL", "")
    association = core.organisation(settings["SITENAME"], siteurl + "/")

    def json_ld_article(article) -> Markup:
        exact = article.publication is None or article.publication.is_exact
        about = [
            core.person(
                person["name"],
                _absolute(siteurl, person["page"].url),
                person["role"],
                person["organisation"],
                association,
            )
            for person in article.people
        ]
        modified = article.metadata.get("modified")
        data = core.article(
            headline=plain_text(article.title),
            url=_absolute(siteurl, article.url),
            description=plain_text(article.summary),
            date_published=article.date.isoformat() if exact else None,
            date_modified=modified.isoformat() if modified else None,
            about=about,
            publisher=association,
        )
        return Markup(core.script_json(data))

    def json_ld_breadcrumbs(items) -> Markup:
        data = core.breadcrumbs(
            [(plain_text(name), _absolute(siteurl, url)) for name, url in items]
        )
        return Markup(core.script_json(data))

    generator.env.globals.update(
        json_ld_article=json_ld_article, json_ld_breadcrumbs=json_ld_breadcrumbs
    )


def register():
    signals.generator_init.connect(add_globals)
