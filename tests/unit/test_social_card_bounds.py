"""A social card costs the same whatever the length of its texts: a
100,000-character title (no length limit in the content model yet) made
the build draw for 5 s per card, wrapping the whole title at 9 sizes to
keep 4 lines. Counted in characters measured, not in seconds (times are
in bench/cartes.py)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from plugins.social_cards import core as cards
from plugins.social_cards import drawing
from sitetools import fonts

FONT = (fonts.FONTS / "figtree-normal.woff2").read_bytes()

LONG_TITLES = {
    "mots": "Mot " * 25_000,
    "un seul mot": "A" * 100_000,
    "espaces": "Titre" + " \n" * 50_000 + "suite",
    "phrase": "L’économie sociale et solidaire à Lyon, " * 2_500,
}


class Counted:
    """A real face of the site's font that counts what it measures."""

    def __init__(self, face):
        self.face = face
        self.size = face.size
        self.calls = self.characters = 0

    def __getattr__(self, name):  # drawing: the real face
        return getattr(self.face, name)

    def getlength(self, text, *args, **kwargs):
        self.calls += 1
        self.characters += len(text)
        return self.face.getlength(text, *args, **kwargs)


@pytest.fixture
def counted(monkeypatch):
    faces = []
    real = cards._font

    def font(data, size, weight):
        faces.append(Counted(real(data, size, weight)))
        return faces[-1]

    monkeypatch.setattr(cards, "_font", font)
    return faces


@pytest.mark.parametrize("name", sorted(LONG_TITLES))
def test_a_huge_title_is_measured_only_as_far_as_the_card_shows(counted, name):
    title = cards.one_line(LONG_TITLES[name])
    face, lines = cards.fit_title(title, FONT, 1040)
    assert 1 <= len(lines) <= 4
    assert all(face.getlength(line) <= 1040 for line in lines)
    if name != "espaces":
        assert lines[-1].endswith("…")
    calls = sum(f.calls for f in counted)
    characters = sum(f.characters for f in counted)
    # 9 sizes × (4 lines of a few words + the cut): about 1,000 measures
    # of a line each; the whole title at 9 sizes was 900,000 characters.
    assert calls < 1_500, calls
    assert characters < 100_000, characters


@pytest.mark.parametrize("name", sorted(LONG_TITLES))
def test_the_lines_of_a_huge_title_are_those_of_its_beginning(name):
    """Stopping early changes nothing the card shows."""
    title = cards.one_line(LONG_TITLES[name])
    assert cards.fit_title(title, FONT, 1040)[1] == cards.fit_title(title[:2_000], FONT, 1040)[1]


def test_wrap_stops_one_line_after_the_lines_it_keeps():
    measured = []

    def measure(text):
        measured.append(text)
        return len(text)

    lines = cards.wrap("mot " * 25_000, 20, measure, max_lines=4)
    assert lines == ["mot mot mot mot mot"] * 4 + ["mot"]
    assert len(measured) < 30
    assert cards.wrap("mot " * 10, 20, len) == ["mot mot mot mot mot"] * 2  # no limit


def test_a_card_with_huge_texts_is_drawn(counted):
    texts = {key: LONG_TITLES["phrase"] for key in ("kicker", "title", "byline", "site")}
    assert Image.open(io.BytesIO(cards.draw_card(texts, FONT))).size == (1200, 630)
    assert sum(f.characters for f in counted) < 100_000


def test_the_line_beyond_the_kept_ones_is_not_cut():
    """Only its existence matters: cutting it would measure it again."""
    lines = cards.wrap("aa bb " + "x" * 30, 5, len, max_lines=1)
    assert lines == ["aa bb", "x" * 30]
    assert cards.wrap("aa bb " + "x" * 30, 5, len) == ["aa bb", "xxxx…"]  # no limit: cut


def test_a_title_measured_for_one_card_is_not_measured_again_for_the_next(monkeypatch):
    """Widths are remembered per face: the same kicker, site name and
    title beginnings come back on card after card."""
    faces = {}
    real = cards._font

    def font(data, size, weight):
        return faces.setdefault((size, weight), Counted(real(data, size, weight)))

    monkeypatch.setattr(cards, "_font", font)
    title = "Entretien de synthèse n° 12 : une rencontre avec une très longue suite de mots " * 3
    first = cards.fit_title(cards.one_line(title), FONT, 1040)
    calls = sum(f.calls for f in faces.values())
    assert calls > 0
    assert cards.fit_title(cards.one_line(title), FONT, 1040) == first
    assert sum(f.calls for f in faces.values()) == calls


@pytest.mark.parametrize(
    ("count", "processors", "pool_from", "workers"),
    [
        (1_000, 2, 48, 2),  # a first build: one process per processor
        (1_000, 1, 48, 1),  # one processor: no pool
        (10, 2, 48, 1),  # a few new cards: not worth starting a pool
        (3, 8, 1, 3),  # never more processes than cards
        (1, 8, 1, 1),
    ],
)
def test_a_pool_draws_only_many_cards_on_several_processors(count, processors, pool_from, workers):
    assert drawing.workers_for(count, processors, pool_from) == workers
