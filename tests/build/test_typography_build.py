"""French typography in the built site: bodies, titles, descriptions, feeds."""

import json
import re
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


def test_titles_descriptions_and_json_ld_hold_characters_not_markup(site):
    for built in html_files(site):
        soup = page(site, built.relative_to(site))
        assert soup.title is not None and "<" not in soup.title.decode_contents(), built
        description = soup.find("meta", attrs={"name": "description"})
        assert description is not None and "<" not in description["content"], built
        # Nor JSON-LD: search engines read it as is (no markup, no &nbsp;).
        for script in soup.find_all("script", type="application/ld+json"):
            bad = [
                v
                for v in strings(json.loads(script.string))
                if "<" in v or re.search(r"&#?\w+;", v)
            ]
            assert not bad, (built, bad)


def strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def test_feed_is_valid_xml_with_french_typography(published_site):
    root = ElementTree.parse(published_site / "flux" / "rencontres.atom.xml").getroot()
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    entry = root.find("atom:entry", ns)
    assert entry.find("atom:title", ns).text == TITLE
    content = entry.find("atom:content", ns).text
    assert f"parcours{F}?<a " in content
    assert f"«{N}on est entre nous{N}»" in content


def test_summary_is_typeset_everywhere_it_is_shown(tmp_path):
    """The chapô as an editor types it (straight quotes, « 2e », « ; »)
    reaches readers typeset: lists, meta description, JSON-LD, Atom."""
    import json
    import shutil

    from tests.helpers import FIXTURE, build_site

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    source = content / "rencontres" / "premier.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            "summary: Le premier entretien d’essai.",
            'summary: "L\'entretien \\"premier\\" du 2e essai ; voilà"',
        ),
        encoding="utf-8",
    )
    output = build_site(tmp_path / "out", settings="publishconf.py", content=content)
    typeset = "L’entretien «\u00a0premier\u00a0» du 2"
    page = BeautifulSoup(
        (output / "premier" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert page.find("meta", attrs={"name": "description"})["content"].startswith(typeset)
    article = next(
        data
        for data in (
            json.loads(s.string) for s in page.find_all("script", type="application/ld+json")
        )
        if data["@type"] == "Article"
    )
    assert article["description"] == typeset + "e essai\u202f; voilà"
    listing = (output / "rencontres" / "index.html").read_text(encoding="utf-8")
    assert typeset + "<sup>e</sup> essai\u202f; voilà" in listing
    feed = (output / "flux" / "rencontres.atom.xml").read_text(encoding="utf-8")
    assert "L’entretien «\u00a0premier\u00a0» du 2&lt;sup&gt;e&lt;/sup&gt;" in feed
    assert "L'entretien" not in feed and "L'entretien" not in listing
