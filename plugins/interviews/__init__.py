"""Interviews as readers meet them: questions with anchors and a
« Sommaire », reading time, previous and next in the series, related
interviews. Runs after content_model, which links the references."""

from __future__ import annotations

from pelican import signals

from .core import reading_minutes, related_for_all
from .markdown_extension import InterviewExtension

# A « Sommaire » from this many questions on.
TABLE_OF_CONTENTS_FROM = 4


def add_markdown_extension(pelican):
    extensions = pelican.settings.setdefault("MARKDOWN", {}).setdefault("extensions", [])
    if not any(isinstance(extension, InterviewExtension) for extension in extensions):
        extensions.append(InterviewExtension())


def _questions(article) -> list[dict]:
    """Level-2 headings of the body, as the reader recorded them."""
    found = []

    def walk(tokens):
        for token in tokens:
            if token["level"] == 2:
                found.append({"id": token["id"], "name": token["name"]})
            walk(token.get("children", []))

    walk(article.metadata.get("headings", []))
    return found


def enrich(generators):
    for generator in generators:
        if not hasattr(generator, "articles"):
            continue
        published = generator.articles
        related = related_for_all(published + generator.drafts, published)
        # Each series in date order, once (not once per interview of it).
        series_order = {}
        for article in published:
            series = getattr(article, "series_page", None)
            if series is not None and id(series) not in series_order:
                in_order = sorted(series.referenced_by, key=lambda other: other.date)
                series_order[id(series)] = (in_order, {id(a): i for i, a in enumerate(in_order)})
        for article in published + generator.drafts:
            article.questions = _questions(article)
            article.show_table_of_contents = len(article.questions) >= TABLE_OF_CONTENTS_FROM
            article.reading_minutes = reading_minutes(article._content or "")
            article.related = related[id(article)]
            article.series_previous = article.series_next = None
            series = getattr(article, "series_page", None)
            if series is None or article not in published:
                continue
            in_order, positions = series_order[id(series)]
            position = positions[id(article)]
            article.series_position = position + 1
            article.series_length = len(in_order)
            if position > 0:
                article.series_previous = in_order[position - 1]
            if position + 1 < len(in_order):
                article.series_next = in_order[position + 1]


def register():
    signals.initialized.connect(add_markdown_extension)
    signals.all_generators_finalized.connect(enrich)
