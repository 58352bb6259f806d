"""README claims about the test suite itself (docs/affirmations.md), run
as a developer runs it: pytest as a command, in a copy of the project."""

import os
import subprocess
import sys

from tests.helpers import project_copy

SKIPPING = """import pytest


def test_needs_a_missing_tool():
    pytest.skip("outil absent : test non lancé")
"""


# R-tests-ignores-ci: « signalés comme ignorés dans le résumé de pytest, avec
# la raison ; en CI (`CI=true`), un test ignoré fait échouer la suite ».
def test_a_skip_is_reported_with_its_reason_and_fails_the_run_under_ci(tmp_path):
    project = project_copy(tmp_path / "projet")
    (project / "tests" / "unit" / "test_zz_ignore.py").write_text(SKIPPING, encoding="utf-8")
    runs = {}
    for ci in ("", "true"):
        env = {k: v for k, v in os.environ.items() if k != "CI"} | ({"CI": ci} if ci else {})
        runs[ci] = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "tests/unit/test_zz_ignore.py",
                "-p",
                "no:cacheprovider",
            ],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
        )
    outside, inside = runs[""], runs["true"]
    assert outside.returncode == 0, outside.stdout
    assert "SKIPPED" in outside.stdout and "outil absent : test non lancé" in outside.stdout
    assert inside.returncode == 1, inside.stdout
    assert "CI=true : 1 test(s) ignoré(s), ce qui est interdit en CI." in inside.stdout
