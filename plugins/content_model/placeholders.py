"""Unfinished text cannot go public.

- The texts of the new-interview template (sitetools/templates/
  entretien.md) left as they are, in a file that is not a draft, are
  errors (check, every build, publish): each on its line.
- An « à compléter » note (``a_completer``) in a file the production
  site would publish stops ``invoke publish``, as the legal notice's
  gaps do; ``invoke check`` lists it among the notes.

Pure functions, no Pelican import.
"""

from __future__ import annotations

import datetime

from .problems import Problem
from .publication import production_states

# The template's own words: the chapô, the question and the answer
# (tests/unit/test_placeholders.py checks that the template has them).
SUMMARY_PLACEHOLDER = "Chapô à rédiger."
BODY_PLACEHOLDERS = ("Première question ?", "Réponse.")


def _placeholder_line(line: str) -> str | None:
    """The placeholder a body line is, heading marks aside, or None."""
    text = line.strip().lstrip("#").strip()
    return text if text in BODY_PLACEHOLDERS else None


def placeholder_problems(sources) -> list[Problem]:
    """The template's texts left in files that are not drafts; sources:
    the validation's (``file``, ``metadata``, ``key_lines``, ``body``,
    ``body_first_line``)."""
    problems = []
    for source in sources:
        if source.metadata.get("status") == "draft":
            continue
        summary = source.metadata.get("summary")
        if isinstance(summary, str) and summary.strip() == SUMMARY_PLACEHOLDER:
            problems.append(
                Problem(
                    source.file,
                    source.key_lines.get("summary", 1),
                    "summary",
                    f"« {SUMMARY_PLACEHOLDER} » est le texte du modèle : écrivez le chapô, "
                    "ou remettez « status: draft » tant qu’il n’est pas prêt.",
                )
            )
        for offset, line in enumerate(source.body.splitlines()):
            found = _placeholder_line(line)
            if found:
                problems.append(
                    Problem(
                        source.file,
                        source.body_first_line + offset,
                        "texte",
                        f"« {found} » est le texte du modèle : remplacez-le, "
                        "ou remettez « status: draft » tant que l’entretien n’est pas prêt.",
                    )
                )
    return problems


def publication_blockers(sources, today: datetime.date) -> list[Problem]:
    """The « à compléter » notes of files the production site writes
    (now, or at their date): publishing refuses them."""
    states = production_states(sources, today)
    return [
        Problem(
            source.file,
            source.key_lines.get("a_completer", 1),
            "a_completer",
            f"note « à compléter » dans une page publiée : {source.metadata['a_completer']} "
            "(une fois fait, retirez la ligne a_completer).",
        )
        for source in sources
        if isinstance(source.metadata.get("a_completer"), str) and states[source.file].written
    ]
