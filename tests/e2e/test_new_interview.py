"""Editors' workflow as commands: `invoke new-interview` makes a draft
from the template that `invoke check` accepts, and never overwrites."""

import datetime
import os
import shutil
import subprocess
from zoneinfo import ZoneInfo

from pelicanconf import TIMEZONE
from tests.helpers import FIXTURE, INVOKE, ROOT, build_site


def invoke(*args, env=None):
    return subprocess.run(
        [INVOKE, *args], cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})}
    )


def test_new_interview_from_template(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    result = invoke(
        "new-interview",
        "Léa Roux",
        "--programme",
        "prog-a,prog-b",
        "--serie",
        "serie-essai",
        "--content",
        str(content),
    )
    assert result.returncode == 0, result.stderr
    interview = content / "rencontres" / "entretien-lea-roux.md"
    text = interview.read_text(encoding="utf-8")
    assert f"date: {paris_today().isoformat()}" in text
    assert "status: draft" in text
    assert "  - lea-roux" in text and "  - prog-a\n  - prog-b" in text
    assert "series: serie-essai" in text
    assert (content / "personnes" / "lea-roux.md").is_file()
    # The new file is valid: check passes, with notes of what to write.
    checked = invoke("check", "--notes", "--content", str(content))
    assert checked.returncode == 0, checked.stdout
    assert "entretien-lea-roux.md" in checked.stdout and "à compléter" in checked.stdout

    again = invoke("new-interview", "Léa Roux", "--content", str(content))
    assert again.returncode == 1
    assert "existe déjà" in again.stderr
    assert interview.read_text(encoding="utf-8") == text


def files_of(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_new_interview_refuses_unknown_programme_or_series(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    before = files_of(content)
    programme = invoke(
        "new-interview", "Léa Roux", "--programme", "prog-a,prog-z", "--content", str(content)
    )
    assert programme.returncode == 1
    assert "Programme inconnu : « prog-z »" in programme.stderr
    assert "possibles : prog-a, prog-b" in programme.stderr
    serie = invoke(
        "new-interview", "Léa Roux", "--serie", "serie-inconnue", "--content", str(content)
    )
    assert serie.returncode == 1
    assert "Série inconnue : « serie-inconnue »" in serie.stderr
    assert "possibles : serie-essai" in serie.stderr
    assert "Rien n’a été créé" in serie.stderr and "Traceback" not in serie.stderr
    assert files_of(content) == before


def test_new_interview_with_yaml_special_characters(tmp_path):
    """Quotes, « : », apostrophes: the files still parse, to the name
    typed; check passes; the draft is at the address printed."""
    from plugins.content_model.source import split_front_matter

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    name = 'Jean "Jo" D\'Arc: Test'
    result = invoke(
        "new-interview",
        name,
        "--programme",
        "prog-a",
        "--serie",
        "serie-essai",
        "--content",
        str(content),
    )
    assert result.returncode == 0, result.stderr
    interview = split_front_matter(
        (content / "rencontres" / "entretien-jean-jo-d-arc-test.md").read_text(encoding="utf-8")
    )
    assert interview.metadata["title"] == f"Entretien avec {name}"
    assert interview.metadata["interviewees"] == ["jean-jo-d-arc-test"]
    assert interview.metadata["programmes"] == ["prog-a"]
    assert interview.metadata["series"] == "serie-essai"
    person = split_front_matter(
        (content / "personnes" / "jean-jo-d-arc-test.md").read_text(encoding="utf-8")
    )
    assert person.metadata["title"] == name

    address = "http://localhost:8000/brouillons/entretien-jean-jo-d-arc-test/"
    assert address in result.stdout and "invoke check" in result.stdout
    checked = invoke("check", "--notes", "--content", str(content))
    assert checked.returncode == 0, checked.stdout
    site = build_site(tmp_path / "site", content=content)
    page = site / "brouillons" / "entretien-jean-jo-d-arc-test" / "index.html"
    assert "Jo" in page.read_text(encoding="utf-8")


def paris_today() -> datetime.date:
    return datetime.datetime.now(ZoneInfo(TIMEZONE)).date()  # the site's day, in Lyon


def test_a_new_interview_is_dated_by_the_site_s_day_not_the_machine_s(tmp_path):
    """On a machine 14 hours ahead of UTC and on one 12 hours behind, the
    draft carries the day in Lyon, the day the build compares dates with:
    at any moment one of the two machines is on another day than Lyon."""
    for zone in ("Etc/GMT-14", "Etc/GMT+12"):
        content = tmp_path / zone.replace("/", "-") / "content"
        shutil.copytree(FIXTURE, content)
        before = paris_today()
        result = invoke("new-interview", "Léa Roux", "--content", str(content), env={"TZ": zone})
        assert result.returncode == 0, result.stderr
        text = (content / "rencontres" / "entretien-lea-roux.md").read_text(encoding="utf-8")
        written = text.split("date: ", 1)[1].split("\n", 1)[0]
        assert written in {before.isoformat(), paris_today().isoformat()}, (zone, written)
