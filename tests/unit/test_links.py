"""Links against what production serves (links.py): which state may
link to which, and the closest target suggested."""

import datetime
import shutil

import pytest

from plugins.content_model.links import closest_file, refusal
from plugins.content_model.publication import State
from sitetools.check import check_site
from tests.helpers import FIXTURE, settings

pytestmark = pytest.mark.unit

PUBLISHED = State("published", "une page publiée")
HIDDEN = State("hidden", "une page cachée (x.md)")
DRAFT = State("draft", "un brouillon (x.md)")
UNSHOWN = State("unshown", "la fiche x.md")
SOON = State("future", "un entretien à venir", datetime.date(2027, 1, 1))
LATER = State("future", "un entretien à venir", datetime.date(2028, 1, 1))


@pytest.mark.parametrize(
    ("origin", "target", "refused"),
    [
        (PUBLISHED, PUBLISHED, False),
        (PUBLISHED, DRAFT, True),
        (PUBLISHED, UNSHOWN, True),
        (PUBLISHED, HIDDEN, True),
        (PUBLISHED, SOON, True),
        (HIDDEN, HIDDEN, False),
        (HIDDEN, DRAFT, True),
        (LATER, SOON, False),  # online before the page that links to it
        (SOON, LATER, True),
        (DRAFT, DRAFT, False),  # production never writes a draft
        (UNSHOWN, DRAFT, False),
    ],
)
def test_what_may_link_to_what(origin, target, refused):
    assert (refusal(origin, target) is not None) == refused


def test_refusals_say_why_in_french():
    assert "absent du site publié" in refusal(PUBLISHED, DRAFT)
    assert "cachée" in refusal(PUBLISHED, HIDDEN)
    assert "d’ici là" in refusal(PUBLISHED, SOON)


def test_closest_file_is_spelt_as_the_editor_spelt_theirs(tmp_path):
    content = tmp_path / "content"
    (content / "rencontres").mkdir(parents=True)
    (content / "programmes").mkdir()
    for name in ("rencontres/premier.md", "rencontres/deuxieme.md", "programmes/prog-a.md"):
        (content / name).write_text("x", encoding="utf-8")
    here = content / "rencontres" / "premier.md"
    assert closest_file("deuxiemme.md", here, content, True) == "deuxieme.md"
    assert closest_file("../programme/prog-a.md", here, content, True) == "../programmes/prog-a.md"
    assert closest_file("/rencontres/deuxime.md", here, content, True) == "/rencontres/deuxieme.md"
    assert closest_file("absent.md", here, content, True) is None


@pytest.mark.parametrize(
    "written",
    ["[clic](&#106;avascript:alert(1))", '<a href="java&#x09;script:alert(1)">x</a>'],
)
def test_an_encoded_javascript_link_is_reported_on_its_own_line(tmp_path, written):
    """Issue 27: « &#106;avascript: » on line 15 was reported at the
    body's first line; and once, not also as a « relative link »."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    page = content / "pages" / "a-propos.md"
    text = page.read_text(encoding="utf-8") + "\nUn.\n\nDeux.\n\nTrois.\n\nQuatre.\n\n"
    page.write_text(text + written + "\n", encoding="utf-8")
    line = len((text + written).splitlines())
    assert line == 15
    errors = [p for p in check_site(content, settings()) if p.severity == "erreur"]
    assert [(p.line, p.field, p.message) for p in errors] == [
        (15, "lien", "lien « javascript: » interdit.")
    ]
