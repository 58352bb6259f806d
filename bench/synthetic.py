"""Synthetic content for benchmarks: N interviews with the real front
matter's shape and French text, written into a temporary folder (never
into content/). The text is the real interview's paragraphs, reordered:
realistic French for measuring, published nowhere."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests" / "sources" / "entretien-alain-blum.txt"


def paragraphs() -> list[str]:
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    return [line for line in lines if line.strip("\u00a0 ")]


def write_site(folder: Path, count: int, seed: int = 7) -> Path:
    """Copy content/ into ``folder`` and add ``count`` interviews."""
    rng = random.Random(seed)
    shutil.copytree(ROOT / "content", folder, dirs_exist_ok=True)
    texts = paragraphs()
    questions = [t for t in texts if t.endswith("?")]
    answers = [t for t in texts if not t.endswith("?")]
    for number in range(1, count + 1):
        body = []
        for question in rng.sample(questions, k=5):
            body.append(f"## {question}")
            body.extend(rng.sample(answers, k=2))
        year, month, day = 2018 + number % 8, 1 + number % 12, 1 + number % 28
        (folder / "rencontres" / f"synthese-{number:05d}.md").write_text(
            "---\n"
            f'title: "Entretien de synthèse n° {number} : une rencontre"\n'
            f"date: {year}-{month:02d}-{day:02d}\n"
            "series: À la rencontre de nos membres\n"
            "interviewees:\n"
            f"  - name: Personne {number}\n"
            "    role: Membre\n"
            f"programmes: [{rng.choice(['centsept-labs', 'programme-acceleration', 'centsept-factory'])}]\n"
            f"summary: >-\n  {rng.choice(answers)}\n"
            "---\n\n" + "\n\n".join(body) + "\n",
            encoding="utf-8",
        )
    return folder
