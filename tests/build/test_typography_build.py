"""French typography in the built site: bodies, titles, descriptions, feeds."""

from xml.etree import ElementTree

from bs4 import BeautifulSoup

from tests.helpers import OLD_INTERVIEW_PATH, html_files

N = "\u00a0"
F = "\u202f"
TITLE = f"À la rencontre de nos membres{N}: entretien avec Alain Blum, vice-président du Centsept"


def page(folder, path):
    return BeautifulSoup((folder / path).read_text(encoding="utf-8"), "html.parser")


def test_interview_body_title_and_description(site):
    soup = page(site, f"{OLD_INTERVIEW_PATH}/index.html")
    assert soup.title.string == f"{TITLE} · Le Centsept"
    assert soup.h1.get_text() == TITLE
    questions = [h.get_text().removesuffix("#") for h in soup.select(".texte > h2")]
    assert all(q.endswith(f"{F}?") for q in questions), questions
    text = soup.main.get_text()
    assert f"«{N}on est entre nous{N}»" in text
    assert f"«{N}industrielle{N}»" in text
    assert f"idéologique{N}: c’était" in text
    assert f"Et il est bien parti{F}!" in text
    # No space of the wrong kind is left before French punctuation.
    for bad in (" ?", " !", " ;", " :", f"{N}?", f"{N}!", f"{F}:", "« ", " »"):
        assert bad not in text, repr(bad)
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert "<" not in description and description.endswith("Rencontre.")


def test_titles_and_descriptions_hold_characters_not_markup(site):
    for built in html_files(site):
        soup = page(site, built.relative_to(site))
        assert soup.title is not None and "<" not in soup.title.decode_contents(), built
        description = soup.find("meta", attrs={"name": "description"})
        assert description is not None and "<" not in description["content"], built


def test_feed_is_valid_xml_with_french_typography(published_site):
    root = ElementTree.parse(published_site / "flux" / "rencontres.atom.xml").getroot()
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    entry = root.find("atom:entry", ns)
    assert entry.find("atom:title", ns).text == TITLE
    content = entry.find("atom:content", ns).text
    assert f"parcours{F}?<a " in content
    assert f"«{N}on est entre nous{N}»" in content
