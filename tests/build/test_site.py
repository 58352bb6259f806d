"""The whole built site: French everywhere, nothing broken."""

import re

import pytest
from bs4 import BeautifulSoup

from tests.helpers import OLD_INTERVIEW_PATH, html_files, internal_targets, resolve

ENGLISH_INTERFACE = [
    "Published",
    "Posted",
    "Read more",
    "Continue reading",
    "Tags",
    "Tag:",
    "Category",
    "Categories",
    "Archives",
    "Author",
    "Page 1 of",
    " of ",
    "Next",
    "Previous",
    "Newer",
    "Older",
    "Home",
    "Search",
    "Skip to",
    "Powered by",
    "Comments",
    "Share",
    "Feed",
    "Posts",
]
ENGLISH_MONTHS = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|"
    r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b"
)


def visible_strings(soup: BeautifulSoup) -> str:
    """Text a reader sees or hears: text nodes and the attributes read aloud."""
    for element in soup(["script", "style"]):
        element.decompose()
    parts = [soup.get_text(" ")]
    for element in soup.find_all(True):
        for attribute in ("aria-label", "title", "alt", "placeholder"):
            if element.has_attr(attribute):
                parts.append(element[attribute])
        if element.name == "meta" and element.get("name") == "description":
            parts.append(element["content"])
    return "\n".join(parts)


def test_the_expected_pages_exist(site):
    for path in [
        "index.html",
        f"{OLD_INTERVIEW_PATH}/index.html",
        "rencontres/index.html",
        "programmes/index.html",
        "programmes/centsept-labs/index.html",
        "programmes/programme-acceleration/index.html",
        "programmes/centsept-factory/index.html",
        "a-propos/index.html",
        "404.html",
    ]:
        assert (site / path).is_file(), path


BUILDS = ["site", "published_site", "fixture_site", "fixture_published"]


@pytest.mark.parametrize("build", BUILDS)
def test_every_page_is_in_french(build, request):
    folder = request.getfixturevalue(build)
    pages = html_files(folder)
    assert len(pages) >= 9
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.html.get("lang") == "fr", page
        text = visible_strings(soup)
        found = [word for word in ENGLISH_INTERFACE if word in text]
        assert not found, f"{page}: {found}"
        assert not ENGLISH_MONTHS.search(text), f"{page}: {ENGLISH_MONTHS.search(text)}"


@pytest.mark.parametrize("build", BUILDS)
def test_every_internal_link_and_asset_resolves(build, request):
    folder = request.getfixturevalue(build)
    siteurl = "https://www.lecentsept.fr" if "publi" in build else ""
    broken = []
    checked = 0
    for page in html_files(folder):
        for value, path, fragment in internal_targets(page, folder, siteurl):
            checked += 1
            target = resolve(folder, page, path)
            if not target.is_file():
                broken.append(f"{page.relative_to(folder)} -> {value}")
            elif fragment:
                soup = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
                if not soup.find(id=fragment):
                    broken.append(f"{page.relative_to(folder)} -> {value} (ancre)")
    assert checked > 30
    assert not broken, broken


def test_published_site_uses_absolute_urls_and_has_a_feed(published_site):
    soup = BeautifulSoup(
        (published_site / OLD_INTERVIEW_PATH / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    stylesheet = soup.find("link", rel="stylesheet")["href"]
    # Fingerprinted (plugins/static_assets): site.<10 hex digits>.css.
    assert re.fullmatch(
        r"https://www\.lecentsept\.fr/theme/css/site\.[0-9a-f]{10}\.css", stylesheet
    )
    feed = soup.find("link", rel="alternate", type="application/atom+xml")
    assert feed["href"] == "https://www.lecentsept.fr/flux/rencontres.atom.xml"


def test_editor_notes_never_reach_readers(site, published_site):
    page = "programmes/centsept-labs/index.html"
    assert "note-redaction" in (site / page).read_text(encoding="utf-8")
    for built in html_files(published_site):
        assert "note-redaction" not in built.read_text(encoding="utf-8"), built


def test_the_sitemap_lists_the_pages_and_nothing_else(published_site):
    """Every reader's page, once; not robots.txt, the manifest nor the
    server configurations (.htaccess, _headers…) written beside them."""
    site = "https://www.lecentsept.fr"
    sitemap = (published_site / "sitemap.xml").read_text(encoding="utf-8")
    listed = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert len(listed) == len(set(listed))
    pages = set()
    for page in published_site.rglob("index.html"):
        folder = page.parent.relative_to(published_site).parts
        if folder[:1] not in (("admin",), ("pagefind",)):
            pages.add(f"{site}/" + "".join(f"{part}/" for part in folder))
    assert set(listed) == pages
