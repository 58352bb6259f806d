"""The CI runs the README's test command, verbatim, on GitHub and GitLab,
and publishes on a schedule. (Their schemas: tests/e2e/test_ci_schemas.py;
the scheduled decision step run on a local repository:
tests/e2e/test_scheduled_publication.py.)"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import yaml

from pelicanconf import TIMEZONE
from sitetools.schedule import due_between
from tests.helpers import ROOT


def test_ci_runs_the_tests_the_readme_gives():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(line.strip() for line in readme.splitlines() if "invoke test" in line)
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for path in (".github/workflows/site.yml", ".gitlab-ci.yml"):
        assert "bash .ci/run" in (ROOT / path).read_text(encoding="utf-8")


def test_ci_keeps_the_drawn_social_cards_between_builds():
    """README « Design »: a CI that keeps cache/ does not redraw the cards."""
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert "cache/" in gitlab["default"]["cache"]["paths"]
    github = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    building = [
        job
        for job in github["jobs"].values()
        if any(
            "invoke preview" in s.get("run", "") or "invoke publish" in s.get("run", "")
            for s in job["steps"]
        )
    ]
    assert building
    for job in building:
        caches = [s for s in job["steps"] if s.get("uses", "").startswith("actions/cache@")]
        assert caches and caches[0]["with"]["path"] == "cache"


# --- Scheduled publication (sitetools/schedule.py) --------------------------

PARIS = ZoneInfo(TIMEZONE)  # the site's time zone, Lyon's


def moment(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=PARIS)


ARTICLES = [
    ("content/rencontres/demain.md", {"date": datetime.date(2030, 3, 11)}),
    ("content/rencontres/aujourdhui.md", {"date": datetime.date(2030, 3, 10)}),
    ("content/rencontres/hier.md", {"date": datetime.date(2030, 3, 9)}),
    ("content/rencontres/brouillon.md", {"date": datetime.date(2030, 3, 10), "status": "draft"}),
    ("content/rencontres/cache.md", {"date": datetime.date(2030, 3, 10), "status": "hidden"}),
    ("content/rencontres/mars.md", {"date": "2030-03"}),
    ("content/rencontres/ancien.md", {"date": datetime.date(2018, 1, 15)}),
]


@pytest.mark.parametrize(
    ("since", "now", "due"),
    [
        # The morning run after a publication the day before: today's interview.
        ("2030-03-09 06:00", "2030-03-10 06:00", ["content/rencontres/aujourdhui.md"]),
        # Nothing came since (run twice the same day, or a push after midnight).
        ("2030-03-10 00:30", "2030-03-10 06:00", []),
        # A missed day: both days' interviews.
        (
            "2030-03-08 06:00",
            "2030-03-10 06:00",
            ["content/rencontres/aujourdhui.md", "content/rencontres/hier.md"],
        ),
        # A month without a day counts from its first day.
        ("2030-02-28 06:00", "2030-03-01 06:00", ["content/rencontres/mars.md"]),
        # Exactly midnight: the day has begun.
        ("2030-03-10 23:00", "2030-03-11 00:00", ["content/rencontres/demain.md"]),
    ],
)
def test_an_interview_is_due_when_its_day_began_since_the_last_publication(since, now, due):
    assert due_between(ARTICLES, moment(since), moment(now), PARIS) == due


def test_drafts_and_hidden_interviews_are_never_due():
    due = due_between(ARTICLES, moment("2000-01-01 00:00"), moment("2040-01-01 00:00"), PARIS)
    assert "content/rencontres/brouillon.md" not in due
    assert "content/rencontres/cache.md" not in due
    assert len(due) == 5


def test_both_ci_files_publish_on_a_daily_schedule_only_when_something_is_due():
    github = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    triggers = github[True]  # YAML 1.1 reads the key « on » as True
    assert triggers["schedule"] == [{"cron": "0 5 * * *"}]
    job = github["jobs"]["scheduled-publication"]
    decision = next(step for step in job["steps"] if step.get("id") == "decision")
    assert "invoke a-publier" in decision["run"]
    publish = [step for step in job["steps"] if "invoke publish" in step.get("run", "")]
    assert publish and all(s["if"] == "steps.decision.outputs.a_publier == 'oui'" for s in publish)
    assert job["needs"] == "tests"  # as every publication
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    pages = gitlab["pages"]
    assert pages["rules"][0]["if"].endswith('$PUBLICATION_PROGRAMMEE == "oui"')
    assert "invoke a-publier" in " ".join(pages["script"])
    assert pages["allow_failure"] == {"exit_codes": [75]}
    assert not any("schedule" in rule.get("if", "") for rule in gitlab["tests"]["rules"])
    assert gitlab["stages"].index("deploy") > gitlab["stages"].index(gitlab["tests"]["stage"])


def test_the_content_check_of_a_change_is_strict_on_both_forges():
    """A warning (a photo with its GPS position) fails CI, as it fails
    `invoke publish`: both forges run `invoke check --strict` on a change."""
    import yaml

    from tests.helpers import ROOT

    github = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text("utf-8"))
    steps = [step.get("run", "") for job in github["jobs"].values() for step in job["steps"]]
    assert any("invoke check --strict" in run for run in steps)
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text("utf-8"))
    assert ".venv/bin/invoke check --strict" in gitlab["verification"]["script"]
    assert gitlab["verification"]["rules"] == gitlab["preview"]["rules"]
