"""The scheduled publication's decision, as the CI runs it: the GitHub
workflow's « decision » step and the GitLab « pages » job's script, run
verbatim by bash in a copy of the project that is a Git repository,
with a local « origin » (its pages branch) and commit dates set by hand
(the clock of the repository; the interviews are dated around today)."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from pelicanconf import TIMEZONE
from tests.helpers import ROOT, project_copy

GITHUB = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
GITLAB = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
DECISION = next(
    step["run"]
    for step in GITHUB["jobs"]["scheduled-publication"]["steps"]
    if step.get("id") == "decision"
)
# The pages job's script, without its installation line (done here once).
GITLAB_SCRIPT = [line for line in GITLAB["pages"]["script"] if "pip install" not in line]

INTERVIEW = """---
title: Entretien programmé
date: {date}
summary: Un entretien qui attend sa date.
interviewees: [alain-blum]
---

## Une question ?

Une réponse.
"""


def git(folder: Path, *args: str, when: datetime.datetime | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Essai", "GIT_AUTHOR_EMAIL": "essai@localhost"}
    env |= {"GIT_COMMITTER_NAME": "Essai", "GIT_COMMITTER_EMAIL": "essai@localhost"}
    if when is not None:
        env["GIT_COMMITTER_DATE"] = env["GIT_AUTHOR_DATE"] = when.isoformat()
    return subprocess.run(
        ["git", "-C", str(folder), *args], check=True, capture_output=True, text=True, env=env
    ).stdout


PARIS = ZoneInfo(TIMEZONE)  # the site's time zone, Lyon's
DAY = datetime.timedelta(days=1)
# When the test began (set by ``clock``): the interviews are dated from it.
NOW = datetime.datetime.now(datetime.UTC)
# The longest a test here may take: one that begins closer than this to
# midnight in Paris waits for the new day.
LONGEST_TEST = datetime.timedelta(minutes=2)


@pytest.fixture(autouse=True)
def clock():
    """The decision scripts read the real clock, the tests date the
    interviews from ``NOW``: both must see the same day in Paris. NOW was
    read once at import, and a suite begun at 23:57 dated « today » the
    3rd while the script, at 00:02, looked for the 4th (a failure seen
    on 3 December 2026). Read for each test now, away from midnight."""
    global NOW
    now = datetime.datetime.now(PARIS)
    midnight = datetime.datetime.combine(now.date() + DAY, datetime.time(), PARIS)
    if midnight - now < LONGEST_TEST:
        time.sleep((midnight - now).total_seconds() + 1)
    NOW = datetime.datetime.now(datetime.UTC)


@pytest.fixture
def repository(tmp_path):
    """The project as CI checks it out (committed two days ago), the
    environment at .venv/, an origin with a pages branch."""
    project = project_copy(tmp_path / "projet")
    (project / ".venv").symlink_to(Path(sys.executable).parent.parent)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "--all")
    git(project, "commit", "-q", "-m", "Contenu", when=NOW - 2 * DAY)
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", str(origin))
    git(project, "remote", "add", "origin", str(origin))
    return project, origin


def add_interview(project: Path, day: datetime.date) -> None:
    (project / "content" / "rencontres" / "entretien-programme.md").write_text(
        INTERVIEW.format(date=day.isoformat()), encoding="utf-8"
    )
    git(project, "add", "--all")
    git(project, "commit", "-q", "-m", "Entretien programmé", when=NOW - 2 * DAY)


def push_pages(project: Path, tmp_path: Path, published: datetime.datetime, preview=None):
    """The pages branch as publish --target pages leaves it (one commit
    « Publication du site »), and a preview commit on top."""
    pages = tmp_path / "pages"
    pages.mkdir(exist_ok=True)
    git(pages, "init", "-q", "-b", "pages")
    (pages / "index.html").write_text("site")
    git(pages, "add", "--all")
    git(pages, "commit", "-q", "-m", "Publication du site", when=published)
    if preview is not None:
        (pages / "previews").mkdir()
        (pages / "previews" / "index.html").write_text("aperçu")
        git(pages, "add", "--all")
        git(
            pages,
            "commit",
            "-q",
            "-m",
            "Prévisualisation de la demande de fusion n° 3",
            when=preview,
        )
    git(pages, "push", "-q", "--force", str(project.parent / "origin.git"), "HEAD:pages")


def github_decision(project: Path) -> tuple[str, str]:
    output = project / "github-output"
    output.write_text("")
    result = subprocess.run(
        ["bash", "-e", "-c", DECISION],
        cwd=project,
        env={**os.environ, "GITHUB_OUTPUT": str(output)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return output.read_text(), result.stdout


def gitlab_decision(project: Path) -> tuple[int, str]:
    result = subprocess.run(
        ["bash", "-e", "-c", "\n".join(GITLAB_SCRIPT[:-1])],  # not the publication itself
        cwd=project,
        env={**os.environ, "CI_PIPELINE_SOURCE": "schedule"},
        capture_output=True,
        text=True,
    )
    return result.returncode, result.stdout + result.stderr


def test_github_publishes_an_interview_whose_day_came_since_the_last_publication(
    repository, tmp_path
):
    project, _ = repository
    today = NOW.astimezone(PARIS).date()
    add_interview(project, today - DAY)
    # Published three days ago, a preview pushed since: the preview does not count.
    push_pages(project, tmp_path, NOW - 3 * DAY, preview=NOW - DAY / 4)
    output, said = github_decision(project)
    assert output == "a_publier=oui\n", said
    assert said.startswith("À publier : 1 entretien(s)")
    assert "content/rencontres/entretien-programme.md" in said


def test_github_does_nothing_when_nothing_came(repository, tmp_path):
    project, _ = repository
    today = NOW.astimezone(PARIS).date()
    add_interview(project, today + 2 * DAY)  # still to come
    push_pages(project, tmp_path, NOW - 3 * DAY)
    output, said = github_decision(project)
    assert output == "a_publier=non\n" and said.startswith("Rien à publier"), said


def test_github_with_a_publication_after_the_day_does_nothing(repository, tmp_path):
    project, _ = repository
    today = NOW.astimezone(PARIS).date()
    add_interview(project, today - DAY)
    push_pages(project, tmp_path, NOW - DAY / 48)  # published half an hour ago
    output, _ = github_decision(project)
    assert output == "a_publier=non\n"


def test_gitlab_stops_with_the_allowed_code_or_goes_on_to_publish(repository):
    """No record of the last publication on GitLab: the later of the
    last commit and the previous day's run."""
    project, _ = repository
    today = NOW.astimezone(PARIS).date()
    add_interview(project, today + 2 * DAY)
    status, said = gitlab_decision(project)
    assert status == 75 and "Rien à publier" in said
    # Its day came this morning (the commit is two days old).
    (project / "content" / "rencontres" / "entretien-programme.md").write_text(
        INTERVIEW.format(date=today.isoformat()), encoding="utf-8"
    )
    git(project, "commit", "-q", "-am", "Date", when=NOW - 2 * DAY)
    status, said = gitlab_decision(project)
    assert status == 0 and "À publier : 1 entretien(s)" in said, said
