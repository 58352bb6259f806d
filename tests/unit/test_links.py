"""Links against what production serves (links.py): which state may
link to which, and the closest target suggested."""

import datetime

import pytest

from plugins.content_model.links import closest_file, refusal
from plugins.content_model.publication import State

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
