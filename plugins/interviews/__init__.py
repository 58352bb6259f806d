"""Interviews as readers meet them: questions with anchors and a
« Sommaire », reading time, previous and next in the series, related
interviews. Runs when the content model has linked the references
(its ``model_ready`` signal), on interviews of every status (published,
hidden, draft)."""

from __future__ import annotations

from pelican import signals

from plugins.content_model import body_read, model, model_ready

from .core import initials, pull_quote, reading_minutes, related_for_all
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


def enrich(contents):
    interviews = [content for content in contents if model.is_interview(content)]
    published = [interview for interview in interviews if interview.status == "published"]
    related = related_for_all(interviews, published)
    # Each series in date order, once (not once per interview of it):
    # its published interviews, those that name it.
    series_order = {}
    for interview in published:
        series = interview.series_page
        if series is not None and id(series) not in series_order:
            in_order = sorted(series.referenced_by, key=lambda other: other.date)
            series_order[id(series)] = (in_order, {id(a): i for i, a in enumerate(in_order)})
    for interview in interviews:
        read_body(interview)
        interview.related = related[id(interview)]
        interview.series_previous = interview.series_next = None
        interview.series_position = interview.series_length = None
        if id(interview.series_page) not in series_order or interview.status != "published":
            continue
        in_order, positions = series_order[id(interview.series_page)]
        position = positions[id(interview)]
        interview.series_position = position + 1
        interview.series_length = len(in_order)
        if position > 0:
            interview.series_previous = in_order[position - 1]
        if position + 1 < len(in_order):
            interview.series_next = in_order[position + 1]


def read_body(interview):
    """What an interview's page draws from its body alone (also run
    alone when only the body was edited: ``body_read``)."""
    if not model.is_interview(interview):
        return
    interview.questions = _questions(interview)
    interview.show_table_of_contents = len(interview.questions) >= TABLE_OF_CONTENTS_FROM
    interview.reading_minutes = reading_minutes(interview._content or "")


def add_filters(generator):
    generator.env.filters.update(initials=initials, pull_quote=pull_quote)


def register():
    signals.initialized.connect(add_markdown_extension)
    signals.generator_init.connect(add_filters)
    model_ready.connect(enrich)
    body_read.connect(read_body)
