"""The one check of content/, as every command runs it.

`invoke check`, `preview`, `publish` and the WordPress import call
``check`` with their own settings file (development, preview,
production): the problems are the content model's validation (the one
the build and livereload run too: plugins/content_model/validation.py)
under exactly the settings the build will have, plus the legal notice's
gaps, which are settings, not content. Errors stop previews and
publishing; warnings too with ``strict`` (publishing is strict); notes
(« à compléter ») are listed for editors and never fail.
"""

from __future__ import annotations

from pathlib import Path

from plugins.content_model.problems import Problem, format_problem, summary_line
from plugins.content_model.validation import validate

from . import SiteError
from .build import CONTENT, DEVELOPMENT, BuildError, read_settings

__all__ = [
    "CheckFailed",
    "check",
    "check_site",
    "exit_status",
    "format_problem",
    "legal_notice_gaps",
    "publication_blockers",
    "require_clean",
    "run_check",
    "site_settings",
    "summary_line",
]

SEVERITY_ORDER = {"erreur": 0, "avertissement": 1, "note": 2}


class CheckFailed(SiteError):
    """The content has errors (listed above the message)."""


def site_settings(settings_file: Path | str = DEVELOPMENT, content=None) -> dict:
    """The settings a build from ``settings_file`` has: Pelican's, then
    each plugin's defaults and Markdown extensions, which plugins add
    when Pelican loads them (``initialized``). Nothing is read or built."""
    from pelican import Pelican

    try:
        return Pelican(read_settings(settings_file, content)).settings
    except BuildError:
        raise
    except Exception as error:  # a plugin refusing a setting (French message)
        raise BuildError(f"Réglages refusés ({Path(settings_file).name}) : {error}") from None


def check_site(content: Path, settings: dict) -> list[Problem]:
    """All problems of ``content`` (a folder of Markdown files)."""
    return validate(Path(content), settings).problems


def check(settings_file: Path | str = DEVELOPMENT, content=None) -> list[Problem]:
    """Every problem of ``content`` under the settings of ``settings_file``,
    and the legal notice's gaps, in the order they are printed."""
    folder = Path(content or CONTENT)
    settings = site_settings(settings_file, folder)
    problems = check_site(folder, settings) + legal_notice_gaps(settings, Path(settings_file))
    return sorted(problems, key=lambda p: (SEVERITY_ORDER[p.severity], p))


def publication_blockers(content, settings_file: Path | str) -> list[str]:
    """The « à compléter » notes of pages the site would publish, one line
    each: publishing refuses to run while any is left (as for the legal
    notice's gaps); a build, a preview and `invoke check` only list them."""
    from plugins.content_model.placeholders import publication_blockers as blockers
    from plugins.content_model.publication import site_today

    folder = Path(content or CONTENT)
    settings = site_settings(settings_file, folder)
    sources = validate(folder, settings).sources
    return [format_problem(problem) for problem in blockers(sources, site_today(settings))]


def legal_notice_gaps(settings: dict, settings_file: Path) -> list[Problem]:
    """LEGAL_NOTICE fields not known yet: a note each, on the line of the
    settings file that sets it (or the file it inherits it from).
    Publishing refuses to run while any is left."""
    source = _file_setting(settings_file, "LEGAL_NOTICE")
    lines = source.read_text(encoding="utf-8").splitlines()
    gaps = []
    for key, value in settings.get("LEGAL_NOTICE", {}).items():
        if value:
            continue
        line = next((n for n, text in enumerate(lines, 1) if f'"{key}":' in text), 1)
        gaps.append(
            Problem(
                source.name,
                line,
                f"LEGAL_NOTICE[{key}]",
                "mention légale à fournir avant toute publication.",
                "note",
            )
        )
    return gaps


def _file_setting(settings_file: Path, name: str) -> Path:
    """The settings file that writes ``name``: ``settings_file`` or the one
    it imports (publishconf.py inherits from pelicanconf.py)."""
    if f"{name} =" in settings_file.read_text(encoding="utf-8"):
        return settings_file
    return DEVELOPMENT


def exit_status(problems: list[Problem], strict: bool) -> int:
    failing = {"erreur", "avertissement"} if strict else {"erreur"}
    return 1 if any(p.severity in failing for p in problems) else 0


def print_problems(problems: list[Problem], github: bool = False, notes: bool = False) -> None:
    """One line each, errors first; notes « à compléter » only as a count
    unless ``notes`` (or for GitHub, where they are annotations)."""
    for problem in problems:
        if problem.severity != "note" or notes or github:
            print(format_problem(problem, github=github))
    print(summary_line(problems))
    hidden = sum(p.severity == "note" for p in problems)
    if hidden and not (notes or github):
        print("(invoke check --notes pour lire les notes « à compléter ».)")


def run_check(
    strict: bool = False,
    github: bool = False,
    content: Path | str | None = None,
    notes: bool = False,
    settings_file: Path | str = DEVELOPMENT,
) -> int:
    """`invoke check`: print every problem, return the exit status (1 if
    there are errors, or warnings with ``strict``)."""
    problems = check(settings_file, content)
    print_problems(problems, github=github, notes=notes)
    return exit_status(problems, strict)


def require_clean(
    content: Path | str | None = None,
    then: str = "rien n’a été construit",
    settings_file: Path | str = DEVELOPMENT,
    strict: bool = False,
) -> None:
    """Run the check under ``settings_file``; raise ``CheckFailed`` if the
    content has errors (or warnings, with ``strict``)."""
    if run_check(content=content, settings_file=settings_file, strict=strict):
        raise CheckFailed(f"Vérification échouée : {then}.")
