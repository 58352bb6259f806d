"""Social cards: time to draw one card against the length of its title,
and to draw many at once, in one process and in a pool.

    .venv/bin/python bench/cartes.py [LONGUEUR …] [--runs R] [--lot N]

For each length (default 60 1000 100000 300000 characters), a title of
French words that long is drawn R times (default 5) by
plugins/social_cards/core.draw_card with the site's font; prints the
median time. The tests count what is measured
(tests/unit/test_social_card_bounds.py); times are only here. Then N
cards (default 400) shaped like bench/synthetic.py's interviews are
drawn in this process, then by a pool of one process per processor
(plugins/social_cards/drawing.py, its start-up included): the wall time
of each, and where the CPU time of one card goes (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plugins.social_cards import drawing  # noqa: E402
from plugins.social_cards.core import draw_card  # noqa: E402

FONT = (ROOT / "theme" / "static" / "fonts" / "figtree-normal.woff2").read_bytes()
WORDS = "L’économie sociale et solidaire réunit à Lyon collectivités et entreprises ".split()


def title(length: int) -> str:
    text, i = "", 0
    while len(text) < length:
        text += WORDS[i % len(WORDS)] + " "
        i += 1
    return text[:length]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("lengths", nargs="*", type=int, default=[60, 1000, 100_000, 300_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lot", type=int, default=400)
    arguments = parser.parse_args()
    draw_card({"title": "Échauffement", "site": "Le Centsept"}, FONT)  # fonts loaded once
    print("| titre (caractères) | une carte (médiane) |")
    print("| --- | --- |")
    for length in arguments.lengths:
        texts = {"kicker": "Entretien", "title": title(length), "site": "Le Centsept"}
        times = []
        for _ in range(arguments.runs):
            start = time.perf_counter()
            draw_card(texts, FONT)
            times.append(time.perf_counter() - start)
        print(f"| {length} | {statistics.median(times) * 1000:.0f} ms |")
    batch(arguments.lot)


def batch(count: int) -> None:
    cards = [
        {
            "kicker": "À la rencontre de nos membres",
            "title": f"Entretien de synthèse n° {n} : une rencontre",
            "byline": f"Personne {n // 5 + 1:04d}",
            "site": "Le Centsept",
        }
        for n in range(count)
    ]
    workers = drawing.cpus()
    start = time.perf_counter()
    alone = drawing.draw_all(cards, FONT, 1)
    serial = time.perf_counter() - start
    start = time.perf_counter()
    pooled = drawing.draw_all(cards, FONT, workers)
    pool = time.perf_counter() - start
    assert pooled == alone  # the same bytes (tested in tests/build/)
    one = serial / count * 1000
    print(f"\n{count} cartes dans ce processus : {serial:.2f} s ({one:.1f} ms l’une)")
    print(f"{count} cartes par {workers} processus : {pool:.2f} s (leur démarrage compris)")
    profile = cProfile.Profile()
    profile.runcall(lambda: [draw_card(texts, FONT) for texts in cards[:50]])
    stats = pstats.Stats(profile).stats
    total = sum(row[2] for row in stats.values())
    parts = [
        ("compression PNG (zlib)", "'compress' of 'zlib.Compress'"),
        ("rendu du texte", "'render' of 'Font'"),
        ("collage du texte rendu", "'draw_bitmap' of 'ImagingDraw'"),
        ("mesure du texte", "'getlength' of 'Font'"),
    ]
    for label, name in parts:
        spent = sum(row[2] for key, row in stats.items() if name in key[2])
        print(f"  {label} : {spent / total:.0%} du temps d’une carte")


if __name__ == "__main__":
    main()
