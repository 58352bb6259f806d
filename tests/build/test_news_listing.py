"""/actualites/, the list of the news (content/actualites/, Pelican pages),
in pages as /rencontres/ is (plugins/listings): with 25 published news
and a page size of 3, pages 1 to 9 exist, each links the next and the
previous, every piece of news is listed exactly once, newest first,
drafts and hidden ones never; the sitemap and the site map show these
pages as they show the interviews' list; production has the news feed."""

from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup

from tests.helpers import FIXTURE, run_pelican

PAGE_SIZE = 3
# 22 dated news over three years (a day each), 3 undated: 25 published.
DATED = [(f"actu-{n:02d}", f"20{18 + n % 3}-{1 + n % 12:02d}-{1 + n:02d}") for n in range(22)]
UNDATED = ["sans-date-a", "sans-date-b", "sans-date-c"]
NOT_LISTED = {"brouillon-1": "draft", "brouillon-2": "draft", "cachee": "hidden"}


def _news(slug: str, date: str | None = None, status: str | None = None) -> str:
    lines = ["---", f"title: Actualité {slug}", "summary: Une actualité d’essai."]
    if date:
        lines.append(f"date: {date}")
    if status:
        lines.append(f"status: {status}")
    return "\n".join([*lines, "---", "", f"Le texte de {slug}.", ""])


def _expected_order() -> list[str]:
    """Newest first, then the undated ones by title."""
    dated = sorted(DATED, key=lambda item: item[1], reverse=True)
    return [f"/{slug}/" for slug, _ in dated] + [f"/{slug}/" for slug in sorted(UNDATED)]


def news_site_content(content):
    """The fixture site with the 25 published news, 2 drafts, 1 hidden."""
    shutil.copytree(FIXTURE, content)
    folder = content / "actualites"
    folder.mkdir()
    for slug, date in DATED:
        (folder / f"{slug}.md").write_text(_news(slug, date), encoding="utf-8")
    for slug in UNDATED:
        (folder / f"{slug}.md").write_text(_news(slug), encoding="utf-8")
    for slug, status in NOT_LISTED.items():
        (folder / f"{slug}.md").write_text(_news(slug, "2020-12-31", status), encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def news_content(tmp_path_factory):
    return news_site_content(tmp_path_factory.mktemp("actualites") / "content")


def _build(output, content, settings="pelicanconf.py"):
    result = run_pelican(
        output, settings, content=content, extra=("-e", f"DEFAULT_PAGINATION={PAGE_SIZE}")
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="module")
def news_site(news_content, tmp_path_factory):
    return _build(tmp_path_factory.mktemp("site-actualites"), news_content)


def _path(url: str) -> str:
    """An address without the site's (production links are absolute)."""
    return re.sub(r"^[a-z]+://[^/]+", "", url)


def _soup(output, address: str) -> BeautifulSoup:
    path = output / address.strip("/") / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _listing_pages(output) -> list[str]:
    """The list's pages, following « Page suivante » from /actualites/."""
    pages, address = [], "/actualites/"
    while address:
        assert address not in pages, "la pagination boucle"
        pages.append(address)
        following = _soup(output, address).select_one('nav.pagination a[rel="next"]')
        address = _path(following["href"]) if following else None
    return pages


def test_the_news_list_has_pages_each_linking_the_next_and_the_previous(news_site):
    count = -(-(len(DATED) + len(UNDATED)) // PAGE_SIZE)  # 25 / 3 → 9 pages
    pages = _listing_pages(news_site)
    assert pages == ["/actualites/"] + [f"/actualites/page/{n}/" for n in range(2, count + 1)]
    assert not (news_site / "actualites" / "page" / str(count + 1)).exists()
    for number, address in enumerate(pages, 1):
        soup = _soup(news_site, address)
        nav = soup.select_one("nav.pagination")
        assert f"Page {number} sur {count}" in nav.get_text(" ", strip=True)
        previous = nav.select_one('a[rel="prev"]')
        assert (previous["href"] if previous else None) == (
            pages[number - 2] if number > 1 else None
        )
        assert previous is None or previous.get_text(strip=True) == "Page précédente"
        following = nav.select_one('a[rel="next"]')
        assert following is None or following.get_text(strip=True) == "Page suivante"
        title = soup.title.get_text()
        assert title.startswith("Actualités, page 2 ·" if number == 2 else "Actualités")
        assert soup.select_one('link[rel="canonical"]')["href"] == address


def test_every_news_item_is_listed_once_newest_first_and_drafts_never(news_site):
    listed = []
    for address in _listing_pages(news_site):
        items = _soup(news_site, address).select("ul.liste-actualites a")
        assert 0 < len(items) <= PAGE_SIZE
        listed += [a["href"] for a in items]
    assert listed == _expected_order()  # each once, in order
    everything = "".join(
        (news_site / a.strip("/") / "index.html").read_text(encoding="utf-8")
        for a in _listing_pages(news_site)
    )
    for slug in NOT_LISTED:
        assert f"/{slug}/" not in everything and f"Actualité {slug}" not in everything


def test_the_navigation_links_the_news_list_on_each_of_its_pages(news_site):
    for address in _listing_pages(news_site):
        current = _soup(news_site, address).select_one('nav.menu a[aria-current="page"]')
        assert current is not None and current["href"] == "/actualites/"
    home = BeautifulSoup((news_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "/actualites/" in [a["href"] for a in home.select("nav.menu a")]


def test_the_sitemap_and_the_site_map_show_the_pages_as_for_the_interviews(news_site):
    locs = re.findall(r"<loc>(.*?)</loc>", (news_site / "sitemap.xml").read_text("utf-8"))
    paths = [_path(loc) for loc in locs]
    for address in _listing_pages(news_site):
        assert paths.count(address) == 1, address
    # The fixture's four interviews in pages of 3: /rencontres/page/2/ is in it too.
    assert "/rencontres/" in paths and "/rencontres/page/2/" in paths
    for slug in NOT_LISTED:
        assert f"/{slug}/" not in paths
    plan = _soup(news_site, "plan-du-site")
    links = [a["href"] for a in plan.select("main a")]
    # The list's first page heads its kind, as /rencontres/ does; its
    # other pages are not in the site map, as /rencontres/page/2/ is not.
    assert links.count("/actualites/") == 1 and links.count("/rencontres/") == 1
    assert not [link for link in links if "/page/" in link]
    assert all(links.count(address) == 1 for address in _expected_order())


def test_production_has_the_news_feed_without_drafts(news_content, tmp_path):
    output = _build(tmp_path / "publie", news_content, "publishconf.py")
    assert len(_listing_pages(output)) == 9
    feed = (output / "flux" / "actualites.atom.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<entry>.*?<link href=\"[^\"]+?(/[^/\"]+/)\"", feed, flags=re.S)
    assert entries == _expected_order()[:20]  # the 20 newest dated ones
    for slug in NOT_LISTED:
        assert f"/{slug}/" not in feed
    listing = _soup(output, "actualites")
    assert listing.select_one(
        'link[type="application/atom+xml"][href$="/flux/actualites.atom.xml"]'
    )
