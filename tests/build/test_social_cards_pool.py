"""Social cards drawn in a pool of processes (a first build: hundreds
of cards) are the cards drawn one after the other in the build's own
process, byte for byte (plugins/social_cards/drawing.py)."""

from __future__ import annotations

import shutil
from concurrent.futures.process import BrokenProcessPool

from plugins.social_cards import drawing
from sitetools import fonts
from tests.helpers import FIXTURE, run_pelican

FONT = (fonts.FONTS / "figtree-normal.woff2").read_bytes()

CARDS = [
    {"kicker": "À la rencontre de nos membres", "title": f"Rencontre n° {n}", "site": "Le Centsept"}
    for n in range(20)
] + [
    {"kicker": "", "title": "A" * 100_000, "byline": "", "site": "Le Centsept"},
    {"kicker": "Personne", "title": "Łukasz Ężyk", "byline": "Rôle, Organisation", "site": "x"},
    {"kicker": "Programme", "title": "Titre" + " \n" * 5_000 + "suite", "site": "Le Centsept"},
    {"kicker": "Entretien", "title": "L’économie sociale et solidaire, " * 40, "site": "x"},
]


def test_the_pool_draws_the_bytes_one_process_draws():
    alone = drawing.draw_all(CARDS, FONT, workers=1)
    pooled = drawing.draw_all(CARDS, FONT, workers=2)
    assert len(set(alone)) == len(CARDS)  # each card its own image
    assert pooled == alone


def _cards(output, cache, content, *settings):
    # One -e for all: Pelican keeps only the last -e it is given.
    result = run_pelican(output, content=content, extra=("-e", f'CACHE_PATH="{cache}"', *settings))
    assert result.returncode == 0, result.stdout + result.stderr
    return {path.name: path.read_bytes() for path in (output / "cartes").iterdir()}


def test_a_build_that_draws_in_a_pool_writes_the_cards_of_one_that_does_not(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    alone = _cards(tmp_path / "a", tmp_path / "c1", content, "SOCIAL_CARDS_POOL_FROM=100000")
    pooled = _cards(
        tmp_path / "b",
        tmp_path / "c2",
        content,
        "SOCIAL_CARDS_POOL_FROM=1",
        "SOCIAL_CARDS_WORKERS=2",
    )
    assert len(alone) >= 8  # home, 4 interviews, 2 programmes, 3 people
    assert pooled == alone
    cached = {p.name: p.read_bytes() for p in (tmp_path / "c2" / "cartes-sociales").iterdir()}
    assert cached == pooled
    # Linked from the cache, not copied: the same file on the disk.
    for name in pooled:
        published = tmp_path / "b" / "cartes" / name
        assert published.stat().st_ino == (tmp_path / "c2" / "cartes-sociales" / name).stat().st_ino


def test_the_cards_a_dead_pool_did_not_give_are_drawn_here():
    alone = drawing.draw_all(CARDS, FONT, workers=1)

    def pool_that_dies():  # as a pool whose worker was killed yields
        yield from alone[:3]
        raise BrokenProcessPool("un processus du groupe a été tué")

    assert list(drawing.finished(pool_that_dies, CARDS, FONT)) == alone
