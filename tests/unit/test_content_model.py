"""The pure core of plugins/content_model: the schema of front matters,
references between pages."""

import datetime

import pytest

from plugins.content_model.kinds import kind_of
from plugins.content_model.problems import Problem
from plugins.content_model.schema import check_fields, check_references

INTERVIEW = "content/rencontres/essai.md"
GOOD = {
    "title": "Essai",
    "date": "2018-01",
    "summary": "Chapô.",
    "interviewees": ["alain-blum"],
    "programmes": ["centsept-labs"],
    "modified": datetime.date(2018, 2, 1),
}
LINES = {key: line for line, key in enumerate(GOOD, start=2)}


def test_kinds_come_from_folders():
    assert kind_of("content/rencontres/x.md").name == "rencontre"
    assert kind_of("content/programmes/x.md").name == "programme"
    assert kind_of("content/personnes/x.md").name == "personne"
    assert kind_of("content/autre/x.md") is None


def test_a_good_interview_has_no_problem():
    assert check_fields(INTERVIEW, GOOD, LINES) == []


def test_unknown_key_with_suggestion():
    (problem,) = check_fields(INTERVIEW, {**GOOD, "programe": ["x"]}, {**LINES, "programe": 9})
    assert problem == Problem(
        INTERVIEW, 9, "programe", "clé inconnue « programe » ; vouliez-vous dire « programmes » ?"
    )
    assert str(problem).startswith("content/rencontres/essai.md:9: programe: clé inconnue")


def test_missing_required_fields_are_all_listed():
    metadata = {"title": "Essai"}
    problems = check_fields(INTERVIEW, metadata, {"title": 2})
    assert sorted(p.field for p in problems) == ["date", "interviewees", "summary"]
    assert all("champ obligatoire manquant" in p.message for p in problems)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("title", 2018, "doit être un texte"),
        ("programmes", "centsept-labs", "doit être une liste"),
        ("programmes", ["Centsept Labs"], "n’est pas un identifiant"),
        ("interviewees", [{"person": "alain-blum", "rôle": "x"}], "clé inconnue « rôle »"),
        ("modified", "hier", "date complète AAAA-MM-JJ"),
        ("status", "brouillon", "statut inconnu"),
        ("themes", [], "liste non vide"),
    ],
)
def test_wrong_types(key, value, message):
    (problem,) = check_fields(INTERVIEW, {**GOOD, key: value}, {**LINES, key: 20})
    assert (problem.line, problem.field) == (20, key)
    assert message in problem.message


def test_portrait_needs_alternative_text():
    (problem,) = check_fields(
        "content/personnes/x.md",
        {"title": "X", "portrait": "images/x.jpg"},
        {"title": 2, "portrait": 3},
    )
    assert (problem.line, problem.field) == (3, "portrait_alt")


def entry(file, folder, slug, metadata=None, lines=None):
    return {
        "file": file,
        "folder": folder,
        "slug": slug,
        "metadata": metadata or {},
        "key_lines": lines or {"title": 2},
    }


def test_references_and_duplicate_slugs():
    entries = [
        entry("content/programmes/a.md", "programmes", "centsept-labs"),
        entry("content/personnes/b.md", "personnes", "alain-blum"),
        entry(
            "content/rencontres/c.md",
            "rencontres",
            "c",
            {
                "programmes": ["centsept-lab"],
                "interviewees": [{"person": "alain-blum"}],
                "series": "serie",
            },
            {"programmes": 7, "interviewees": 5, "series": 6},
        ),
        entry("content/rencontres/d.md", "rencontres", "c"),
    ]
    problems = sorted(check_references(entries))
    assert [(p.file, p.line, p.field) for p in problems] == [
        ("content/rencontres/c.md", 6, "series"),
        ("content/rencontres/c.md", 7, "programmes"),
        ("content/rencontres/d.md", 2, "slug"),
    ]
    assert "vouliez-vous dire « centsept-labs » ?" in problems[1].message
    assert "content/rencontres/c.md" in problems[2].message


def test_a_programme_without_description_is_a_note_for_editors_not_filler():
    """Issue 26: readers see the card without a description; editors get
    a note « à compléter » (never an error, never a made-up sentence)."""
    (note,) = check_fields("content/programmes/x.md", {"title": "X"}, {"title": 2})
    assert (note.line, note.field, note.severity) == (1, "summary", "note")
    assert "description du programme absente" in note.message
    assert (
        check_fields(
            "content/programmes/x.md", {"title": "X", "summary": "Y."}, {"title": 2, "summary": 3}
        )
        == []
    )
