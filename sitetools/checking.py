"""`invoke check` as the task prints it: every problem of content/ (and
the gaps of the legal notice), one line each, then a summary; preview
and publish run it first and stop on errors."""

from __future__ import annotations

from pathlib import Path

from plugins.content_model.problems import format_problem, summary_line

from . import SiteError
from .build import CONTENT, DEVELOPMENT, read_settings


class CheckFailed(SiteError):
    """The content has errors (listed above the message)."""


def run_check(
    strict: bool = False,
    github: bool = False,
    content: Path | str | None = None,
    notes: bool = False,
) -> int:
    """Print every problem of ``content``, errors first; notes « à
    compléter » only as a count unless ``notes`` (or for GitHub, where
    they are annotations). Return the exit status (1 if there are
    errors, or warnings with ``strict``)."""
    from pelican import Pelican

    from .check import check_site, legal_notice_gaps

    # Plugins loaded as for a build (their settings, their Markdown
    # extensions): check renders each file exactly as the build does.
    settings = Pelican(read_settings(DEVELOPMENT, content or CONTENT)).settings
    problems = check_site(Path(content or CONTENT), settings)
    problems += legal_notice_gaps(settings, DEVELOPMENT)
    order = {"erreur": 0, "avertissement": 1, "note": 2}
    for problem in sorted(problems, key=lambda p: (order[p.severity], p)):
        if problem.severity != "note" or notes or github:
            print(format_problem(problem, github=github))
    print(summary_line(problems))
    hidden = sum(p.severity == "note" for p in problems)
    if hidden and not (notes or github):
        print("(invoke check --notes pour lire les notes « à compléter ».)")
    failing = {"erreur", "avertissement"} if strict else {"erreur"}
    return 1 if any(p.severity in failing for p in problems) else 0


def require_clean(content: Path | str | None = None, then: str = "rien n’a été construit") -> None:
    """Run the check; raise ``CheckFailed`` if the content has errors."""
    if run_check(content=content):
        raise CheckFailed(f"Vérification échouée : {then}.")


def publication_blockers(content: Path | str | None, settings_file: Path | str) -> list[str]:
    """The « à compléter » notes of pages the site would publish, one
    line each: publishing refuses to run while any is left."""
    from pelican import Pelican

    from plugins.content_model.placeholders import publication_blockers as blockers
    from plugins.content_model.publication import site_today
    from plugins.content_model.validation import validate

    settings = Pelican(read_settings(settings_file, content or CONTENT)).settings
    sources = validate(Path(content or CONTENT), settings).sources
    return [format_problem(problem) for problem in blockers(sources, site_today(settings))]
