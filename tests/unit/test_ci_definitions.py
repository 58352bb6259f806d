"""The CI runs the README's test command, verbatim, on GitHub and GitLab.
(Their schemas: tests/e2e/test_ci_schemas.py.)"""

from tests.helpers import ROOT


def test_ci_runs_the_tests_the_readme_gives():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(line.strip() for line in readme.splitlines() if "invoke test" in line)
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for path in (".github/workflows/site.yml", ".gitlab-ci.yml"):
        assert "bash .ci/run" in (ROOT / path).read_text(encoding="utf-8")


def test_ci_keeps_the_drawn_social_cards_between_builds():
    """README « Design »: a CI that keeps cache/ does not redraw the cards."""
    import yaml

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
