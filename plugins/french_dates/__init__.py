"""French publication dates: partial dates in, Babel-formatted French out.

- Front-matter ``date`` values that Pelican cannot express (a month, a
  year, a period) become a ``PublicationDate`` in ``publication``; the
  ``date`` Pelican needs for sorting is that period's first day.
- Every content gets ``publication`` (None for pages without a date).
- Templates get the ``publication_html`` filter.
- Feeds never state a day nobody knows: an entry whose date is not exact
  carries no ``published`` element, and its ``updated`` is ``modified``.
"""

from __future__ import annotations

from pelican import signals
from pelican.utils import SafeDatetime, set_date_tzinfo

from .core import PublicationDate, parse_publication_date


def read_publication_date(generator, metadata):
    """``article_generator_context``/``page_generator_context`` handler.

    The content model has validated every date before Pelican reads
    the files (plugins/content_model/validation.py): here it is read.
    """
    if "date" not in metadata:
        metadata["publication"] = None
        return
    if isinstance(metadata["date"], SafeDatetime):
        metadata.setdefault("publication", None)
        return
    publication = parse_publication_date(metadata["date"])
    first_day = publication.sort_date
    metadata["publication"] = publication
    metadata["date"] = set_date_tzinfo(
        SafeDatetime(first_day.year, first_day.month, first_day.day),
        generator.settings.get("TIMEZONE"),
    )


def publication_html(content):
    """Jinja filter: the ``<time>`` element(s) for a content's date."""
    publication = content.publication
    if publication is None:
        day = content.date.date()
        publication = PublicationDate(parse_publication_date(day).start)
    return publication.html()


def add_filters(generator):
    generator.env.filters.update(publication_html=publication_html)


def honest_feed_dates(context, feed):
    """Drop ``published`` from entries whose day is not known."""
    by_url = {
        article.url: article
        for article in context.get("articles", [])
        if article.publication is not None and not article.publication.is_exact
    }
    site = context.get("SITEURL", "") + "/"
    for item in feed.items:
        # Pelican writes each entry's link as SITEURL + "/" + its url.
        article = by_url.get(item["link"].removeprefix(site))
        if article is not None:
            item["pubdate"] = None
            item["updateddate"] = article.modified


def register():
    signals.article_generator_context.connect(read_publication_date)
    signals.page_generator_context.connect(read_publication_date)
    signals.generator_init.connect(add_filters)
    signals.feed_generated.connect(honest_feed_dates)
