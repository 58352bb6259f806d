"""One Atom feed per programme, of the interviews that name it.

Set ``PROGRAMME_FEED_ATOM`` (e.g. ``"flux/programmes/{slug}.atom.xml"``)
to write them; ``None`` (the default) writes none. Pages link to their
feed through ``page.feed_url`` when there is one.
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator


def programme_pages(context):
    return [page for page in context.get("pages", [])
            if page.metadata.get("url_prefix") == "programmes/"]


class ProgrammeFeedsGenerator(Generator):
    def generate_context(self):
        pattern = self.settings.get("PROGRAMME_FEED_ATOM")
        for page in programme_pages(self.context):
            page.feed_path = pattern.format(slug=page.slug) if pattern else None

    def generate_output(self, writer):
        for page in programme_pages(self.context):
            if not getattr(page, "feed_path", None):
                continue
            interviews = [c for c in page.referenced_by if c.metadata.get("url_prefix") is None]
            writer.write_feed(
                interviews,
                self.context,
                page.feed_path,
                feed_title=page.title,  # Pelican puts « SITENAME - » before it
            )


def get_generators(pelican):
    return ProgrammeFeedsGenerator


def register():
    signals.get_generators.connect(get_generators)
