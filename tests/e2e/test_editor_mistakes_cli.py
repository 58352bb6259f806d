"""The same editors' mistakes through the real command line: `invoke
check` and `invoke build` print the same lines (tests/build/
test_editor_mistakes.py checks the whole list in process)."""

import shutil
import subprocess

import pytest

from tests.editor_mistakes import MISTAKES
from tests.helpers import FIXTURE, INVOKE, ROOT


@pytest.mark.parametrize(
    "name",
    ["colon in title", "day first", "unknown programme", "slug of a section", ".txt", "script"],
)
def test_the_command_line_prints_the_same_line_as_check(tmp_path, name):
    mistake, where = next((m, w) for n, m, w in MISTAKES if n == name)
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    mistake(content)
    checked = subprocess.run(
        [INVOKE, "check", "--content", str(content)], cwd=ROOT, capture_output=True, text=True
    )
    built = subprocess.run(
        [INVOKE, "build", "--content", str(content), "--output", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == built.returncode == 1
    line = f"content/{where[0]}:{where[1]}: {where[2]}: "
    error_lines = [text for text in checked.stdout.splitlines() if text.startswith("content/")]
    assert any(text.startswith(line) for text in error_lines)
    assert built.stderr.splitlines()[1:] == error_lines
    assert "Traceback" not in checked.stdout + checked.stderr + built.stdout + built.stderr
    assert not (tmp_path / "site").exists()
