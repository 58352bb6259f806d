"""Synthetic content for benchmarks: N interviews with the real front
matter's shape and French text, written into a temporary folder (never
into content/). The text is the real interview's paragraphs, reordered:
realistic French for measuring, published nowhere.

``write_site`` writes our site (content/ copied, plus the interviews and
a person page for every 5 interviews); ``write_vanilla`` writes the same
interviews for vanilla Pelican (Markdown metadata, no front matter).
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from plugins.content_model import kinds

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests" / "sources" / "entretien-alain-blum.txt"
PROGRAMMES = ["centsept-labs", "programme-acceleration", "centsept-factory"]
THEMES = ["Emploi et insertion", "Collectivités", "Innovation sociale", "Territoire"]


def paragraphs() -> list[str]:
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    return [line for line in lines if line.strip("\u00a0 ")]


SUMMARY = kinds.INTERVIEW.fields["summary"]


def interviews(count: int, seed: int = 7):
    """(number, title, date, summary, person, programme, themes, body)."""
    rng = random.Random(seed)
    texts = paragraphs()
    questions = [t for t in texts if t.endswith("?")]
    answers = [t for t in texts if not t.endswith("?")]
    for number in range(1, count + 1):
        body = []
        for question in rng.sample(questions, k=5):
            body.append(f"## {question}")
            body.extend(rng.sample(answers, k=2))
        year, month, day = 2018 + number % 8, 1 + number % 12, 1 + number % 28
        yield (
            number,
            f"Entretien de synthèse n° {number} : une rencontre",
            f"{year}-{month:02d}-{day:02d}",
            # A chapô within the field's limit (kinds.SUMMARY_MAX), cut as
            # the import cuts one.
            SUMMARY.normalise(rng.choice(answers)),
            f"personne-{(number - 1) // 5 + 1:04d}",
            rng.choice(PROGRAMMES),
            rng.sample(THEMES, k=2),
            "\n\n".join(body),
        )


def write_site(folder: Path, count: int) -> Path:
    shutil.copytree(ROOT / "content", folder, dirs_exist_ok=True)
    for number, title, date, summary, person, programme, themes, body in interviews(count):
        page = folder / "personnes" / f"{person}.md"
        if not page.exists():
            page.write_text(
                f"---\ntitle: Personne {person[-4:]}\nrole: Membre\n---\n", encoding="utf-8"
            )
        (folder / "rencontres" / f"synthese-{number:05d}.md").write_text(
            "---\n"
            f'title: "{title}"\n'
            f"date: {date}\n"
            "series: a-la-rencontre-de-nos-membres\n"
            f"interviewees: [{person}]\n"
            f"programmes: [{programme}]\n"
            f"themes: [{', '.join(themes)}]\n"
            f"summary: >-\n  {summary}\n"
            "---\n\n" + body + "\n",
            encoding="utf-8",
        )
    return folder


def write_vanilla(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number, title, date, summary, _person, _programme, themes, body in interviews(count):
        (folder / f"synthese-{number:05d}.md").write_text(
            f"Title: {title}\nDate: {date}\nCategory: Rencontres\n"
            f"Tags: {', '.join(themes)}\nSummary: {summary}\n\n" + body + "\n",
            encoding="utf-8",
        )
    return folder
