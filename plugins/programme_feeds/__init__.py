"""One Atom feed per programme, of the interviews that name it.

Set ``PROGRAMME_FEED_ATOM`` (e.g. ``"flux/programmes/{slug}.atom.xml"``)
to write them; ``None`` (the default) writes none. Pages link to their
feed through ``page.feed_url`` when there is one.
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from plugins.content_model import kinds, model
from plugins.settings import declare

DEFAULT_SETTINGS = {"PROGRAMME_FEED_ATOM": None}


def declare_settings(pelican):
    declare(pelican.settings, DEFAULT_SETTINGS)


def programme_pages(context):
    return [page for page in context.get("pages", []) if model.kind(page) is kinds.PROGRAMME]


class ProgrammeFeedsGenerator(Generator):
    def generate_context(self):
        pattern = self.settings["PROGRAMME_FEED_ATOM"]
        for page in programme_pages(self.context):
            page.feed_path = pattern.format(slug=page.slug) if pattern else None

    def generate_output(self, writer):
        for page in programme_pages(self.context):
            if not getattr(page, "feed_path", None):
                continue
            interviews = page.referenced_by  # published interviews only (content model)
            writer.write_feed(
                interviews,
                self.context,
                page.feed_path,
                feed_title=page.title,  # Pelican puts « SITENAME - » before it
            )


def get_generators(pelican):
    return ProgrammeFeedsGenerator


def register():
    signals.initialized.connect(declare_settings)
    signals.get_generators.connect(get_generators)
