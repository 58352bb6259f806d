"""Interviews as structured content, on the made-up site of
tests/fixtures/site: indexes, cross-links, ToC, anchors, reading time,
series, related interviews, feeds and structured data."""

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from tests.helpers import FIXTURE, ROOT

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
SITEURL = "https://www.lecentsept.fr"


def soup(folder, path):
    return BeautifulSoup((folder / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def links(page, selector):
    return [a["href"] for a in page.select(selector)]


def titles(page, selector="main article.resume h2 a, main article.resume h3 a"):
    return [a.get_text() for a in page.select(selector)]


def test_interview_index_lists_all_newest_first(fixture_site):
    page = soup(fixture_site, "rencontres")
    assert titles(page) == [
        "Entretien hors série",
        "Troisième entretien",
        "Deuxième entretien",
        "Premier entretien",
    ]


def test_people_index_and_person_pages(fixture_site):
    people = soup(fixture_site, "personnes")
    assert links(people, "main li a") == [
        "/personnes/jean-martin/",
        "/personnes/marie-durand/",
        "/personnes/paul-petit/",
    ]
    marie = soup(fixture_site, "personnes/marie-durand")
    # Interviewed twice, mentioned once: every interview with or about her.
    assert titles(marie) == ["Troisième entretien", "Deuxième entretien", "Premier entretien"]
    assert "Directrice, Entreprise Essai" in marie.select_one("main .role").get_text()


def test_programme_pages_list_their_interviews(fixture_site):
    assert links(soup(fixture_site, "programmes"), "main li a") == [
        "/programmes/prog-a/",
        "/programmes/prog-b/",
    ]
    assert titles(soup(fixture_site, "programmes/prog-a")) == [
        "Entretien hors série",
        "Deuxième entretien",
        "Premier entretien",
    ]
    assert titles(soup(fixture_site, "programmes/prog-b")) == [
        "Troisième entretien",
        "Deuxième entretien",
    ]


def test_theme_pages(fixture_site):
    assert links(soup(fixture_site, "themes"), "main li a") == [
        "/themes/emploi/",
        "/themes/territoire/",
    ]
    assert titles(soup(fixture_site, "themes/territoire")) == [
        "Troisième entretien",
        "Deuxième entretien",
    ]


def test_series_page_in_order(fixture_site):
    assert titles(soup(fixture_site, "series/serie-essai")) == [
        "Premier entretien",
        "Deuxième entretien",
        "Troisième entretien",
    ]


def test_interview_cross_links(fixture_site):
    page = soup(fixture_site, "deuxieme")
    footer = links(page, "footer.suite a")
    assert "/programmes/prog-a/" in footer and "/programmes/prog-b/" in footer
    assert "/themes/emploi/" in footer and "/themes/territoire/" in footer
    card = page.select_one(".interviewes")
    assert links(card, "a") == ["/personnes/jean-martin/"]
    # The role at the time of the interview wins over the person's page.
    assert "Adjoint au maire, Ville Essai" in card.get_text()
    assert page.select_one(".serie a")["href"] == "/series/serie-essai/"


def test_interviewee_portrait_has_text_alternative_and_size(fixture_site):
    image = soup(fixture_site, "hors-serie").select_one(".interviewes img")
    assert image["alt"] == "Paul Petit, souriant, devant un mur de briques."
    assert image["width"] and image["height"]
    assert (fixture_site / image["src"].lstrip("/")).is_file()


def test_table_of_contents_from_four_questions(fixture_site):
    with_toc = soup(fixture_site, "deuxieme")
    toc = with_toc.select_one("nav.sommaire")
    assert toc is not None and toc.h2.get_text() == "Sommaire"
    targets = links(toc, "a")
    headings = with_toc.select(".texte h2")
    assert len(targets) == len(headings) == 4
    assert targets == [f"#{h['id']}" for h in headings]
    assert soup(fixture_site, "premier").select_one("nav.sommaire") is None


def test_question_anchors_are_stable_with_accessible_permalinks(fixture_site):
    page = soup(fixture_site, "deuxieme")
    first = page.select(".texte h2")[0]
    # From the question's text, elisions kept apart, as our slugs.
    assert first["id"] == "l-economie-sociale-qu-est-ce-que-c-est"
    permalink = first.select_one("a.permalien")
    assert permalink["href"] == "#l-economie-sociale-qu-est-ce-que-c-est"
    assert permalink["aria-label"].startswith("Lien permanent vers « L’économie sociale")


def test_reading_time_in_french(fixture_site):
    page = soup(fixture_site, "deuxieme")
    words = len(page.select_one(".texte").get_text(" ").replace("#", " ").split())
    expected = math.ceil(words / 230)
    assert expected == 5
    assert page.select_one(".lecture").get_text() == f"Lecture\u00a0: {expected}\u00a0min"
    assert (
        soup(fixture_site, "premier").select_one(".lecture").get_text()
        == "Lecture\u00a0: 1\u00a0min"
    )


def test_series_navigation(fixture_site):
    first, second, third = (soup(fixture_site, s) for s in ("premier", "deuxieme", "troisieme"))
    assert links(first, ".serie-nav a") == ["/deuxieme/"]
    assert links(second, ".serie-nav a[rel=prev]") == ["/premier/"]
    assert links(second, ".serie-nav a[rel=next]") == ["/troisieme/"]
    assert links(third, ".serie-nav a") == ["/deuxieme/"]
    assert "entretien 2 sur 3" in second.select_one(".serie").get_text()
    assert soup(fixture_site, "hors-serie").select_one(".serie-nav") is None


def test_related_interviews_by_programmes_then_themes(fixture_site):
    # deuxieme shares a programme and a theme with troisieme and premier
    # (newest first), a programme only with hors-serie.
    assert links(soup(fixture_site, "deuxieme"), ".a-lire-aussi a") == [
        "/troisieme/",
        "/premier/",
        "/hors-serie/",
    ]
    assert links(soup(fixture_site, "premier"), ".a-lire-aussi a") == [
        "/deuxieme/",
        "/hors-serie/",
    ]


def test_feeds_parse_with_absolute_urls_and_french_titles(fixture_published):
    feeds = {
        "flux/rencontres.atom.xml": 4,
        "flux/programmes/prog-a.atom.xml": 3,
        "flux/programmes/prog-b.atom.xml": 2,
    }
    for path, count in feeds.items():
        root = ElementTree.parse(fixture_published / path).getroot()
        entries = root.findall("atom:entry", ATOM)
        assert len(entries) == count, path
        for entry in entries:
            assert entry.find("atom:link", ATOM).get("href").startswith(SITEURL + "/")
    prog_a = ElementTree.parse(fixture_published / "flux/programmes/prog-a.atom.xml").getroot()
    assert prog_a.find("atom:title", ATOM).text == "Le Centsept - Programme A"
    page = soup(fixture_published, "programmes/prog-a")
    feed_link = page.find(
        "link", type="application/atom+xml", title=lambda t: t and "Programme A" in t
    )
    assert feed_link["href"] == f"{SITEURL}/flux/programmes/prog-a.atom.xml"


def json_ld(page):
    return [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]


def test_json_ld_article_and_breadcrumbs(fixture_published):
    page = soup(fixture_published, "deuxieme")
    article, breadcrumbs = json_ld(page)
    assert article["@type"] == "Article"
    for key in ("headline", "url", "description", "publisher", "about", "inLanguage"):
        assert article[key], key
    assert article["url"] == f"{SITEURL}/deuxieme/"
    assert article["publisher"] == {"@type": "NGO", "name": "Le Centsept", "url": SITEURL + "/"}
    person = article["about"]
    assert person["@type"] == "Person" and person["name"] == "Jean Martin"
    assert person["jobTitle"] == "Adjoint au maire"
    assert person["memberOf"]["@type"] == "NGO"
    # Known to the month only: no publication date is claimed.
    assert "datePublished" not in article
    assert article["dateModified"].startswith("2024-05-02")
    assert breadcrumbs["@type"] == "BreadcrumbList"
    assert [item["item"] for item in breadcrumbs["itemListElement"]] == [
        SITEURL + "/",
        SITEURL + "/rencontres/",
        SITEURL + "/deuxieme/",
    ]
    exact = json_ld(soup(fixture_published, "troisieme"))[0]
    assert exact["datePublished"].startswith("2019-06-15")
    assert len(exact["about"]) == 2


def test_opengraph_and_canonical(fixture_published):
    page = soup(fixture_published, "troisieme")

    def meta(prop):
        tag = page.find("meta", property=prop)
        return tag["content"] if tag else None

    assert meta("og:type") == "article"
    assert meta("og:locale") == "fr_FR"
    assert meta("og:site_name") == "Le Centsept"
    assert meta("article:published_time").startswith("2019-06-15")
    assert page.find("link", rel="canonical")["href"] == f"{SITEURL}/troisieme/"
    assert page.find("meta", attrs={"name": "description"})["content"] == (
        "Le troisième entretien d’essai."
    )
    assert (
        soup(fixture_published, "deuxieme").find("meta", property="article:published_time") is None
    )


def test_sitemap_and_robots(fixture_published):
    sitemap = ElementTree.parse(fixture_published / "sitemap.xml").getroot()
    urls = {loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert f"{SITEURL}/deuxieme/" in urls and f"{SITEURL}/personnes/marie-durand/" in urls
    robots = (fixture_published / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots


def invoke_build(output, content):
    """`invoke build` as an editor runs it (the task turns content errors
    into the French report and exit status 1)."""
    invoke = Path(sys.executable).with_name("invoke")
    return subprocess.run(
        [str(invoke), "build", "--output", str(output), "--content", str(content)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    ("field", "old", "new", "expected"),
    [
        (
            "programmes",
            "programmes: [prog-a]",
            "programmes: [prog-z]",
            "rencontres/premier.md:7: programmes: « prog-z » n’existe pas dans content/programmes/",
        ),
        (
            "series",
            "series: serie-essai",
            "series: serie-essay",
            "rencontres/premier.md:5: series: « serie-essay » n’existe pas dans content/series/ ; "
            "vouliez-vous dire « serie-essai » ?",
        ),
        (
            "interviewees",
            "interviewees: [marie-durand]",
            "interviewees: [marie-dupont]",
            "rencontres/premier.md:6: interviewees: « marie-dupont » "
            "n’existe pas dans content/personnes/",
        ),
    ],
)
def test_unknown_reference_names_file_line_and_field(tmp_path, field, old, new, expected):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    source = content / "rencontres" / "premier.md"
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new), encoding="utf-8")
    result = invoke_build(tmp_path / "out", content)
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "premier").exists()


def test_date_problems_are_reported_with_the_others(tmp_path):
    """A bad date does not stop the build at the first file with a
    traceback: it is listed with every other problem."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    for name, old, new in [
        ("premier.md", "date: 2018-01-01", "date: 2018-13"),
        ("troisieme.md", "date: 2019-06-15", "date: 2019-06"),
        ("hors-serie.md", "programmes: [prog-a]", "programmes: [prog-z]"),
    ]:
        path = content / "rencontres" / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = invoke_build(tmp_path / "out", content)
    assert result.returncode == 1
    assert (
        "rencontres/premier.md:3: date: date « 2018-13 » : le mois 13 n’existe pas."
        in result.stderr
    )
    assert (
        "rencontres/troisieme.md:3: modified: la date n’est pas connue au jour près"
        in result.stderr
    )
    assert "rencontres/hors-serie.md:6: programmes: « prog-z » n’existe pas" in result.stderr
    assert "Traceback" not in result.stderr
