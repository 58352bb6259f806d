"""The pure core of plugins/interviews: reading time, question anchors,
related interviews."""

import datetime
from types import SimpleNamespace

import pytest

from plugins.interviews.core import count_words, heading_id, reading_minutes, related_for_all


def test_reading_time_counts_french_words():
    # L’ · économie · sociale · c’ · est-à-dire · 10 000 · emplois
    assert count_words("<p>L’économie sociale, c’est-à-dire 10 000 emplois.</p>") == 7
    assert reading_minutes("<p>mot</p>") == 1
    assert reading_minutes("<p>" + "mot " * 231 + "</p>") == 2


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Pourquoi avoir rejoint le Centsept ?", "pourquoi-avoir-rejoint-le-centsept"),
        ("L’économie sociale, qu’est-ce que c’est ?", "l-economie-sociale-qu-est-ce-que-c-est"),
        ("Collectivités &amp; associations", "collectivites-associations"),
        ("Cœur", "coeur"),
        ("???", "question"),
    ],
)
def test_heading_ids(question, expected):
    assert heading_id(question) == expected


def test_related_prefers_programmes_then_themes_then_newest():
    def interview(name, programmes, themes, day):
        return SimpleNamespace(
            name=name,
            programme_pages=[SimpleNamespace(slug=slug) for slug in programmes],
            themes=themes,
            date=datetime.date(2020, 1, day),
        )

    me = interview("me", ["a", "b"], ["x"], 1)
    both = interview("both", ["a"], ["x"], 2)
    two_programmes = interview("two", ["a", "b"], [], 3)
    theme_only = interview("theme", [], ["x"], 4)
    newer_theme_only = interview("theme2", [], ["x"], 5)
    unrelated = interview("none", ["c"], ["y"], 6)
    found = related_for_all(
        [me], [me, both, two_programmes, theme_only, newer_theme_only, unrelated]
    )[id(me)]
    assert [i.name for i in found] == ["two", "both", "theme2"]
