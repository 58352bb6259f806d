"""The CI runs the README's test command, verbatim, on GitHub and GitLab.
(Their schemas: tests/e2e/test_ci_schemas.py.)"""

from tests.helpers import ROOT


def test_ci_runs_the_tests_the_readme_gives():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(line.strip() for line in readme.splitlines() if "invoke test" in line)
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for path in (".github/workflows/site.yml", ".gitlab-ci.yml"):
        assert "bash .ci/run" in (ROOT / path).read_text(encoding="utf-8")
