"""`invoke check` as the task prints it: every problem of content/ (and
the gaps of the legal notice), one line each, then a summary; preview
and publish run it first and stop on errors."""

from __future__ import annotations

from pathlib import Path

from plugins.content_model.problems import Problem, format_problem, summary_line

from . import SiteError
from .build import CONTENT, DEVELOPMENT, read_settings


class CheckFailed(SiteError):
    """The content has errors (listed above the message)."""


def run_check(strict: bool = False, github: bool = False,
              content: Path | str | None = None) -> int:
    """Print every problem of ``content``; return the exit status (1 if
    there are errors, or warnings with ``strict``)."""
    from .check import check_site, legal_notice_gaps

    settings = read_settings(DEVELOPMENT)
    found = check_site(Path(content or CONTENT), settings)
    found += legal_notice_gaps(settings, DEVELOPMENT)
    # Whatever class the checks use, printed the one way (problems.py).
    problems = [Problem(p.file, p.line, p.field, p.message, p.severity) for p in found]
    for problem in problems:
        print(format_problem(problem, github=github))
    print(summary_line(problems))
    failing = {"erreur", "avertissement"} if strict else {"erreur"}
    return 1 if any(p.severity in failing for p in problems) else 0


def require_clean(content: Path | str | None = None, then: str = "rien n’a été construit") -> None:
    """Run the check; raise ``CheckFailed`` if the content has errors."""
    if run_check(content=content):
        raise CheckFailed(f"Vérification échouée : {then}.")
