"""`invoke publish` refuses unfinished text (issue 25.4): the
new-interview template's texts in a file that is not a draft, and an
« à compléter » note in a page it would publish; it names file and
line, and nothing is sent."""

import shutil

import pytest

from sitetools.interview import create_interview
from tests.e2e.test_publish import publish
from tests.helpers import FIXTURE


@pytest.fixture
def content(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(FIXTURE, copy)
    return copy


def test_the_untouched_template_is_not_published(content, tmp_path):
    public = tmp_path / "public"
    public.mkdir()
    create_interview("Karim Benali", content=content)
    interview = content / "rencontres" / "entretien-karim-benali.md"
    interview.write_text(
        interview.read_text(encoding="utf-8").replace("status: draft\n", ""), encoding="utf-8"
    )
    result = publish("dossier", content, {"DEPLOY_DIR": str(public)})
    assert result.returncode == 1
    assert "entretien-karim-benali.md:" in result.stdout
    assert "« Réponse. » est le texte du modèle" in result.stdout
    assert "rien n’a été envoyé" in result.stderr
    assert list(public.iterdir()) == []


def test_a_note_to_complete_in_a_published_page_is_not_published(content, tmp_path):
    public = tmp_path / "public"
    public.mkdir()
    page = content / "personnes" / "marie-durand.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "a_completer: Portrait à fournir.")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = publish("dossier", content, {"DEPLOY_DIR": str(public)})
    assert result.returncode == 1
    assert (
        "content/personnes/marie-durand.md:3: a_completer: note « à compléter » dans une page "
        "publiée : Portrait à fournir." in result.stderr
    )
    assert "Rien n’a été envoyé." in result.stderr
    assert list(public.iterdir()) == []

    # The same note in a draft does not stop anything.
    draft = content / "rencontres" / "brouillon.md"
    draft.write_text(
        (content / "rencontres" / "premier.md")
        .read_text(encoding="utf-8")
        .replace("title: Premier entretien", "title: B\nstatus: draft\na_completer: Relire."),
        encoding="utf-8",
    )
    lines.pop(2)
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = publish("dossier", content, {"DEPLOY_DIR": str(public)})
    assert result.returncode == 0, result.stderr
    assert (public / "index.html").is_file()
