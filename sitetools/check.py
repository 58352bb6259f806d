"""`invoke check`: every problem in content/, at once, without building.

The problems are the content model's validation (the one the build and
livereload run too: plugins/content_model/validation.py), plus the
legal notice's gaps, which are settings, not content. Errors stop
previews and publishing; warnings only with --strict; notes
(« à compléter ») are listed for editors and never fail.
"""

from __future__ import annotations

from pathlib import Path

from plugins.content_model.problems import Problem, format_problem, summary_line
from plugins.content_model.validation import validate

__all__ = ["check_site", "exit_status", "format_problem", "legal_notice_gaps", "summary_line"]


def check_site(content: Path, settings: dict) -> list[Problem]:
    """All problems of ``content`` (a folder of Markdown files)."""
    return validate(Path(content), settings).problems


def legal_notice_gaps(settings: dict, settings_file: Path) -> list[Problem]:
    """LEGAL_NOTICE fields not known yet: a note each, on the line of
    pelicanconf.py that sets it. Publishing refuses to run while any is
    left (sitetools.publish)."""
    lines = settings_file.read_text(encoding="utf-8").splitlines()
    gaps = []
    for key, value in settings.get("LEGAL_NOTICE", {}).items():
        if value:
            continue
        line = next((n for n, text in enumerate(lines, 1) if f'"{key}":' in text), 1)
        gaps.append(
            Problem(
                settings_file.name,
                line,
                f"LEGAL_NOTICE[{key}]",
                "mention légale à fournir avant toute publication.",
                "note",
            )
        )
    return gaps


def exit_status(problems: list[Problem], strict: bool) -> int:
    failing = {"erreur", "avertissement"} if strict else {"erreur"}
    return 1 if any(p.severity in failing for p in problems) else 0
