"""Problems found in content, and how every command prints them.

Pure module, no Pelican import. ``invoke check``, the build, livereload
and any editor UI print problems with ``format_problem`` and
``report``, so the same mistake gives the same French line whatever
command the editor ran.
"""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("erreur", "avertissement", "note")


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: the file (relative to the folder holding content/),
    the 1-based line, the field, a French message saying what to do."""

    file: str
    line: int
    field: str
    message: str
    severity: str = "erreur"  # or "avertissement", or "note" (« à compléter »)

    def __str__(self) -> str:
        label = {"erreur": "", "avertissement": "avertissement : ", "note": "à compléter : "}
        return _one_line(
            f"{self.file}:{self.line}: {self.field}: {label[self.severity]}{self.message}"
        )


def _one_line(text: str) -> str:
    """A problem is one line: a key or value with a line break or a
    terminal control sequence must not forge another line."""
    return "".join(
        char if char.isprintable() or char == " " else f"\\u{ord(char):04x}" for char in text
    )


class ContentError(Exception):
    """The content has errors: nothing may be built or published.

    Raised by the build (plugins.content_model) and turned into an exit
    status by the task that ran it; ``str()`` is the French report.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(report(self.problems))


def errors(problems: list[Problem]) -> list[Problem]:
    return sorted(p for p in problems if p.severity == "erreur")


def _github_escape(text: str, property_value: bool = False) -> str:
    """GitHub workflow commands: data and properties escaped as GitHub
    documents, so no content can forge a command (::add-mask:: …)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_problem(problem: Problem, github: bool = False) -> str:
    if not github:
        return str(problem)
    level = {"erreur": "error", "avertissement": "warning"}.get(problem.severity, "notice")
    return (
        f"::{level} file={_github_escape(problem.file, True)},line={problem.line},"
        f"title={_github_escape(problem.field, True)}::{_github_escape(problem.message)}"
    )


def summary_line(problems: list[Problem]) -> str:
    counts = {severity: sum(p.severity == severity for p in problems) for severity in SEVERITIES}
    return (
        f"{counts['erreur']} erreur(s), {counts['avertissement']} avertissement(s), "
        f"{counts['note']} note(s) « à compléter »."
    )


def report(problems: list[Problem]) -> str:
    """The errors, one line each, under a French heading: what the
    build and livereload print when they refuse content."""
    found = errors(problems)
    return f"Le contenu a {len(found)} erreur(s) ; rien n’a été construit :\n" + "".join(
        f"{problem}\n" for problem in found
    )
