"""Editors' workflow as commands: `invoke new-interview` makes a draft
from the template that `invoke check` accepts, and never overwrites."""

import datetime
import shutil
import subprocess

from tests.helpers import FIXTURE, INVOKE, ROOT


def invoke(*args):
    return subprocess.run([INVOKE, *args], cwd=ROOT, capture_output=True, text=True)


def test_new_interview_from_template(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    result = invoke("new-interview", "Léa Roux", "--programme", "prog-a,prog-b",
                    "--serie", "serie-essai", "--content", str(content))
    assert result.returncode == 0, result.stderr
    interview = content / "rencontres" / "entretien-lea-roux.md"
    text = interview.read_text(encoding="utf-8")
    assert f"date: {datetime.date.today().isoformat()}" in text
    assert "status: draft" in text
    assert "  - lea-roux" in text and "  - prog-a\n  - prog-b" in text
    assert "series: serie-essai" in text
    assert (content / "personnes" / "lea-roux.md").is_file()
    # The new file is valid: check passes, with notes of what to write.
    checked = invoke("check", "--content", str(content))
    assert checked.returncode == 0, checked.stdout
    assert "entretien-lea-roux.md" in checked.stdout and "à compléter" in checked.stdout

    again = invoke("new-interview", "Léa Roux", "--content", str(content))
    assert again.returncode == 1
    assert "existe déjà" in again.stderr
    assert interview.read_text(encoding="utf-8") == text
