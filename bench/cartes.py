"""Social cards: time to draw one card against the length of its title.

    .venv/bin/python bench/cartes.py [LONGUEUR …] [--runs R]

For each length (default 60 1000 100000 300000 characters), a title of
French words that long is drawn R times (default 5) by
plugins/social_cards/core.draw_card with the site's font; prints the
median time. The tests count what is measured
(tests/unit/test_social_card_bounds.py); times are only here.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


if __name__ == "__main__":
    main()
