"""Each content's address worked out once, when nothing can change it
any more (all generators finalized), instead of at every access.

Pelican computes ``url`` and ``save_as`` anew each time a template asks
(``Content.get_url_setting`` copies the metadata and formats the
pattern): at 1,000 interviews, 41,000 times per build, a few seconds,
for pages that link their people, programmes, series and related
interviews. Pelican's own override (``override_url``/``override_save_as``,
what the ``url:``/``save_as:`` metadata set) holds the value from then
on. Listed last in PLUGINS: after every plugin that may still change a
status (content_model makes unshown people drafts) or a slug.
"""

from __future__ import annotations

from pelican import signals

from plugins.content_model.model import all_contents


def fix_addresses(generators):
    for content in all_contents(generators):
        content.override_url = content.url
        content.override_save_as = content.save_as


def register():
    signals.all_generators_finalized.connect(fix_addresses)
