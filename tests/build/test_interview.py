"""The first interview: verbatim, at its old address, well structured."""

import re

from bs4 import BeautifulSoup

from tests.helpers import OLD_INTERVIEW_PATH, SEED

SPACES = re.compile(r"[\s\u00a0\u202f]+")


def normalise(text: str) -> str:
    """Compare words, not the kind of space typography put between them."""
    return SPACES.sub(" ", text).strip()


def source_paragraphs() -> list[str]:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    # Lines holding only a no-break space are the old editor's layout.
    return [normalise(line) for line in lines if normalise(line)]


def sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+(?=[A-ZÀ-Ý«])", paragraph) if s]


def interview(site) -> BeautifulSoup:
    page = site / OLD_INTERVIEW_PATH / "index.html"
    assert page.is_file(), "l’entretien doit être servi à son ancienne adresse"
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def test_every_sentence_of_the_source_is_on_the_page(site):
    text = normalise(interview(site).main.get_text(" "))
    missing = [
        sentence
        for paragraph in source_paragraphs()
        for sentence in sentences(paragraph)
        if sentence not in text
    ]
    assert not missing, missing


def test_every_source_paragraph_is_one_paragraph_in_order(site):
    soup = interview(site)
    blocks = [
        normalise(el.get_text().removesuffix("#"))
        for el in soup.main.select("header .chapo p, .texte > h2, .texte > p")
    ]
    source = source_paragraphs()
    assert blocks[: len(source)] == source


def test_questions_are_headings(site):
    headings = [
        normalise(h.get_text().removesuffix("#"))
        for h in interview(site).main.select(".texte > h2")
    ]
    questions = [p for p in source_paragraphs() if p.endswith("?")]
    assert len(questions) == 5
    assert headings[:5] == questions


def test_intro_is_the_standfirst(site):
    soup = interview(site)
    standfirst = soup.select_one("article header .chapo")
    assert standfirst is not None
    assert normalise(standfirst.get_text()) == source_paragraphs()[0]
    # And it describes the page for search engines and link previews.
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert normalise(description) == source_paragraphs()[0]


def test_title_interviewee_series_and_programmes(site):
    soup = interview(site)
    assert normalise(soup.h1.get_text()) == (
        "À la rencontre de nos membres : entretien avec Alain Blum, vice-président du Centsept"
    )
    series = soup.select_one(".serie a")
    assert normalise(series.get_text()) == "À la rencontre de nos membres"
    assert series["href"] == "/series/a-la-rencontre-de-nos-membres/"
    card = normalise(soup.select_one(".interviewes").get_text(" "))
    assert card == "Alain Blum Vice-président, Le Centsept"
    programme_links = {a["href"] for a in soup.select("article footer a[href^='/programmes/']")}
    assert programme_links == {
        "/programmes/centsept-labs/",
        "/programmes/programme-acceleration/",
        "/programmes/centsept-factory/",
    }


def test_no_invented_date_is_shown(site):
    """The source has no date: readers see the period the text allows."""
    soup = interview(site)
    meta = normalise(soup.select_one("article header .meta").get_text())
    assert meta == "Publié entre 2017 et 2018 · Lecture : 3 min"
    assert [t["datetime"] for t in soup.select("article header time")] == ["2017", "2018"]
    assert "2017-01-01" not in str(soup)


def test_feed_does_not_claim_a_publication_day(published_site):
    from xml.etree import ElementTree

    feed = ElementTree.parse(published_site / "flux" / "rencontres.atom.xml")
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    (entry,) = feed.getroot().findall("atom:entry", ns)
    assert entry.find("atom:published", ns) is None
    assert entry.find("atom:updated", ns).text.startswith("2026-11-26")
    link = entry.find("atom:link", ns).get("href")
    assert link == f"https://www.lecentsept.fr/{OLD_INTERVIEW_PATH}/"
