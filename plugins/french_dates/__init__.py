"""French publication dates: partial dates in, Babel-formatted French out.

- Front-matter ``date`` values that Pelican cannot express (a month, a
  year, a period) become a ``PublicationDate`` in ``publication``; the
  ``date`` Pelican needs for sorting is that period's first day.
- Templates get ``date_fr`` and ``publication_html`` filters.
- Feeds never state a day nobody knows: an entry whose date is not exact
  carries no ``published`` element, and its ``updated`` is ``modified``.
"""

from __future__ import annotations

import datetime

from pelican import signals
from pelican.utils import SafeDatetime, set_date_tzinfo

from .core import (
    DateFormatError,
    PartialDate,
    PublicationDate,
    format_day,
    parse_publication_date,
)


def read_publication_date(generator, metadata):
    """``article_generator_context``/``page_generator_context`` handler.

    A date that cannot be read is not raised here, where Pelican would
    stop at the first file with a traceback: it is recorded in
    ``content_problems`` for content_model to report with all others.
    """
    if "date" not in metadata or isinstance(metadata["date"], SafeDatetime):
        return
    line = metadata.get("key_lines", {}).get("date", 1)
    try:
        publication = parse_publication_date(metadata["date"])
    except DateFormatError as error:
        metadata.setdefault("content_problems", []).append(("date", line, str(error)))
        publication = PublicationDate(PartialDate(1970))  # never shown: the build stops
    if not publication.is_exact and "modified" not in metadata:
        metadata.setdefault("content_problems", []).append((
            "modified", line,
            "la date n’est pas connue au jour près : ajoutez « modified: AAAA-MM-JJ », "
            "le jour de mise en ligne sur ce site (les flux Atom l’exigent).",
        ))
    first_day = publication.sort_date
    metadata["publication"] = publication
    metadata["date"] = set_date_tzinfo(
        SafeDatetime(first_day.year, first_day.month, first_day.day),
        generator.settings.get("TIMEZONE"),
    )


def date_fr(value) -> str:
    """Jinja filter: a date, datetime or PublicationDate in French."""
    if isinstance(value, PublicationDate):
        return value.french()
    if isinstance(value, datetime.datetime):
        value = value.date()
    return format_day(value)


def publication_html(content):
    """Jinja filter: the ``<time>`` element(s) for a content's date."""
    publication = getattr(content, "publication", None)
    if publication is None:
        day = content.date.date()
        publication = PublicationDate(parse_publication_date(day).start)
    return publication.html()


def add_filters(generator):
    generator.env.filters.update(date_fr=date_fr, publication_html=publication_html)


def honest_feed_dates(context, feed):
    """Drop ``published`` from entries whose day is not known."""
    by_url = {
        article.url: article
        for article in context.get("articles", [])
        if getattr(article, "publication", None) is not None
        and not article.publication.is_exact
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
