"""Editors' workflow: new interviews from the template, drafts and
future dates kept out of production."""

import datetime
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from tests.helpers import FIXTURE, ROOT, add_draft, build_site

INVOKE = str(Path(sys.executable).with_name("invoke"))


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


def test_drafts_and_future_interviews_stay_out_of_production(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    add_draft(content)
    premier = (content / "rencontres" / "premier.md").read_text(encoding="utf-8")
    (content / "rencontres" / "futur.md").write_text(
        premier.replace("title: Premier entretien", "title: Un entretien futur")
        .replace("date: 2018-01-01", "date: 2099-01-01"),
        encoding="utf-8")

    local = build_site(tmp_path / "local", content=content)
    draft = BeautifulSoup((local / "brouillons" / "brouillon" / "index.html")
                          .read_text(encoding="utf-8"), "html.parser")
    assert "Brouillon" in draft.select_one(".bandeau-brouillon").get_text()
    assert (local / "futur" / "index.html").is_file()

    production = build_site(tmp_path / "prod", settings="publishconf.py", content=content)
    everything = "".join(p.read_text(encoding="utf-8") for p in production.rglob("*")
                         if p.is_file() and p.suffix in (".html", ".xml", ".txt"))
    assert not (production / "brouillons").exists()
    assert not (production / "futur").exists()
    assert "Un brouillon" not in everything and "Un entretien futur" not in everything
