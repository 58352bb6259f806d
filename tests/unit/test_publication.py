"""Which contents production publishes (publication.py) and what
unfinished text it refuses (placeholders.py): pure functions, on
sources shaped as the validation's."""

import datetime
from types import SimpleNamespace

import pytest

from plugins.content_model.kinds import KINDS, by_folder
from plugins.content_model.placeholders import (
    BODY_PLACEHOLDERS,
    SUMMARY_PLACEHOLDER,
    placeholder_problems,
    publication_blockers,
)
from plugins.content_model.publication import production_states, public_themes
from sitetools.interview import TEMPLATES

pytestmark = pytest.mark.unit
TODAY = datetime.date(2026, 12, 3)


def source(path: str, body: str = "", **metadata):
    folder, slug = path.split("/")
    return SimpleNamespace(
        file=f"content/{path}.md",
        kind=by_folder(KINDS)[folder],
        slug=slug,
        metadata=metadata,
        key_lines={name: number for number, name in enumerate(metadata, 2)},
        body=body,
        body_first_line=len(metadata) + 3,
    )


def states_of(*sources):
    return {
        file.removeprefix("content/").removesuffix(".md"): state.name
        for file, state in production_states(sources, TODAY).items()
    }


def test_people_and_series_wait_for_a_published_interview():
    states = states_of(
        source("rencontres/publie", date="2026-01-05", interviewees=["ana"], series="s1"),
        source("rencontres/brouillon", status="draft", date="2026-01-05", interviewees=["bob"]),
        source("rencontres/cache", status="hidden", date="2026-01-05", interviewees=["cleo"]),
        source("rencontres/futur", date="2026-12-04", interviewees=["dan"], series="s2"),
        source("rencontres/cite", date="2026-01", interviewees=["ana"], mentions=["eve"]),
        source("personnes/ana", title="Ana"),
        source("personnes/bob", title="Bob"),
        source("personnes/cleo", title="Cléo"),
        source("personnes/dan", title="Dan"),
        source("personnes/eve", title="Ève"),
        source("personnes/fred", title="Fred", status="published"),
        source("personnes/gus", title="Gus", status="hidden"),
        source("series/s1", title="S1"),
        source("series/s2", title="S2"),
        source("programmes/p", title="P"),
        source("programmes/q", title="Q", status="draft"),
    )
    assert states == {
        "rencontres/publie": "published",
        "rencontres/brouillon": "draft",
        "rencontres/cache": "hidden",
        "rencontres/futur": "future",
        "rencontres/cite": "published",
        "personnes/ana": "published",
        "personnes/bob": "unshown",
        "personnes/cleo": "unshown",
        "personnes/dan": "unshown",
        "personnes/eve": "published",  # mentioned by a published interview
        "personnes/fred": "published",  # by its own status
        "personnes/gus": "hidden",
        "series/s1": "published",
        "series/s2": "unshown",
        "programmes/p": "published",  # the association's own page
        "programmes/q": "draft",
    }


def test_today_is_published_tomorrow_is_future():
    assert states_of(source("rencontres/a", date="2026-12-03"))["rencontres/a"] == "published"
    assert states_of(source("rencontres/a", date="2026-12-04"))["rencontres/a"] == "future"
    # A period goes online on its first day.
    assert states_of(source("rencontres/a", date="2026/2027"))["rencontres/a"] == "published"


def test_themes_exist_with_published_interviews_only():
    sources = [
        source("rencontres/a", date="2020-01-01", themes=["Emploi"]),
        source("rencontres/b", date="2020-01-01", status="draft", themes=["Secret"]),
        source("rencontres/c", date="2020-01-01", status="hidden", themes=["Caché"]),
    ]
    assert public_themes(sources, production_states(sources, TODAY)) == {"Emploi"}


def test_the_template_has_the_placeholders_the_check_refuses():
    template = (TEMPLATES / "entretien.md").read_text(encoding="utf-8")
    assert f"summary: {SUMMARY_PLACEHOLDER}" in template
    for text in BODY_PLACEHOLDERS:
        assert text in template


def test_placeholders_are_errors_unless_draft_each_on_its_line():
    body = "\n## Première question ?\n\nRéponse.\n\n## Une vraie question ?\n\nRéponse. Et plus.\n"
    finished = source("rencontres/a", body, title="T", summary=SUMMARY_PLACEHOLDER)
    found = [(p.line, p.field, p.severity) for p in placeholder_problems([finished])]
    first = finished.body_first_line
    assert found == [
        (3, "summary", "erreur"),
        (first + 1, "texte", "erreur"),
        (first + 3, "texte", "erreur"),
    ]
    draft = source("rencontres/b", body, status="draft", summary=SUMMARY_PLACEHOLDER)
    assert placeholder_problems([draft]) == []


def test_notes_block_publishing_only_in_pages_production_writes():
    sources = [
        source("rencontres/a", date="2020-01-01", interviewees=["ana"], a_completer="Photo."),
        source("rencontres/b", date="2020-01-01", status="draft", a_completer="Tout."),
        source("personnes/ana", title="Ana", a_completer="Portrait."),
        source("personnes/bob", title="Bob", a_completer="Fiche."),
        source("rencontres/c", date="2099-01-01", a_completer="Relire."),
    ]
    blockers = publication_blockers(sources, TODAY)
    assert [(p.file, p.field, p.severity) for p in blockers] == [
        ("content/rencontres/a.md", "a_completer", "erreur"),
        ("content/personnes/ana.md", "a_completer", "erreur"),
        ("content/rencontres/c.md", "a_completer", "erreur"),
    ]
    assert "Photo." in blockers[0].message
