"""README claims about the test suite itself (docs/affirmations.md), run
as a developer runs it: pytest as a command, in a copy of the project."""

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT, project_copy

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


# Two processes, as two xdist workers: each asks for the same folder.
ASK_ONCE = """import sys, time
from pathlib import Path
from tests.once import made_once

class Factory:  # what made_once reads of pytest's tmp_path_factory
    def getbasetemp(self):
        return Path(sys.argv[1]) / ("popen-" + sys.argv[2])  # the worker's own

def make(folder):
    with open(Path(sys.argv[1]) / "constructions", "a") as log:
        log.write(sys.argv[2] + "\\n")
    time.sleep(1)  # long enough for the other process to be waiting
    (folder / "index.html").write_text("construit")

print(made_once(Factory(), "site", make))
"""


def test_a_shared_site_is_built_once_for_all_the_workers(tmp_path):
    """tests/once.py: the first worker builds, the others wait and read."""
    env = {**os.environ, "PYTEST_XDIST_WORKER": "gw"}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", ASK_ONCE, str(tmp_path), name],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for name in ("gw0", "gw1")
    ]
    folders = {worker.communicate(timeout=60)[0].strip() for worker in workers}
    assert [worker.returncode for worker in workers] == [0, 0]
    assert len(folders) == 1
    assert (Path(folders.pop()) / "index.html").read_text() == "construit"
    assert len((tmp_path / "constructions").read_text().splitlines()) == 1
