"""A preview published under a sub-path (GitLab Pages « mr-N », the
GitHub pages branch's previews/pr-N/) works there: built with that
address in PREVIEW_URL, served by a real HTTP server from the folder
above, every page answers, and every link, stylesheet, script, image
and the search index it references stays under the prefix and answers."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from sitetools.serve import StaticSite
from tests.helpers import FIXTURE, build_site, free_port

PREFIX = "/previews/pr-7"


def references(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = [tag["href"] for tag in soup.find_all(["a", "link"], href=True)]
    found += [tag["src"] for tag in soup.find_all(["script", "img", "source"], src=True)]
    found += [tag["data-pagefind"] for tag in soup.find_all(attrs={"data-pagefind": True})]
    for tag in soup.find_all(["img", "source"], srcset=True):
        found += [part.split()[0] for part in tag["srcset"].split(",") if part.strip()]
    return found


@pytest.mark.parametrize("addresses", ["absolues", "relatives"])
def test_preview_works_under_a_sub_path(tmp_path, addresses):
    """Absolute addresses (PREVIEW_URL with the prefix) or relative ones
    (no PREVIEW_URL, as the CI builds its previews)."""
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    root = tmp_path / "pages"
    site = build_site(
        root / PREFIX.strip("/"),
        settings="previewconf.py",
        env={"PREVIEW_URL": origin + PREFIX if addresses == "absolues" else ""},
        content=FIXTURE,
    )
    server = StaticSite(root, port, {})
    checked: dict[str, int] = {}
    outside, broken = [], []

    def status(url: str) -> int:
        if url not in checked:
            try:
                checked[url] = urllib.request.urlopen(url, timeout=10).status
            except urllib.error.HTTPError as error:
                checked[url] = error.code
        return checked[url]

    try:
        pages = [
            origin + PREFIX + "/" + page.relative_to(site).as_posix().removesuffix("index.html")
            for page in sorted(site.rglob("*.html"))
            if not page.relative_to(site).as_posix().startswith("pagefind/")
        ]
        assert len(pages) > 15
        for page in pages:
            html = urllib.request.urlopen(page, timeout=10).read().decode()
            assert "Prévisualisation" in html
            for ref in references(html):
                url = urljoin(page, ref).split("#")[0]
                parts = urlsplit(url)
                if parts.scheme not in ("http", "https") or parts.netloc != f"127.0.0.1:{port}":
                    continue  # another site, mailto:…
                if not parts.path.startswith(PREFIX + "/"):
                    outside.append(f"{page} → {ref}")
                elif status(url) != 200:
                    broken.append(f"{page} → {ref} ({checked[url]})")
    finally:
        server.close()
    assert not outside, outside[:5]
    assert not broken, broken[:5]
    assert any("/theme/css/site." in url for url in checked)  # the stylesheet was fetched
    assert any("pagefind" in url for url in checked)  # and the search index


def test_search_in_lots_answers_under_a_sub_path(tmp_path, browser):
    """The real site as the CI previews it (relative addresses), its
    search index in lots of three pages: every lot is fetched under the
    prefix, and the results lead there."""
    port = free_port()
    root = tmp_path / "pages"
    site = build_site(
        root / PREFIX.strip("/"),
        settings="previewconf.py",
        env={"PREVIEW_URL": ""},
        extra=("-e", "SEARCH_INDEX_PAGES_PER_LOT=3"),
    )
    lots = json.loads((site / "pagefind" / "lots.json").read_text(encoding="utf-8"))
    assert len(lots) >= 2
    server = StaticSite(root, port, {})
    page = browser.new_page()
    requested = []
    page.on("requestfinished", lambda request: requested.append(urlsplit(request.url).path))
    search = f"http://127.0.0.1:{port}{PREFIX}/recherche/?q=centsept"
    try:
        page.goto(search)
        status = page.get_by_role("status")
        status.filter(has_text="résultats pour « centsept »").wait_for(timeout=15000)
        page.wait_for_load_state("networkidle")
        links = [a.get_attribute("href") for a in page.locator("#recherche-resultats li a").all()]
    finally:
        page.close()
        server.close()
    for lot in lots:
        assert any(path.startswith(f"{PREFIX}/pagefind/{lot}/") for path in requested), lot
    assert all(path.startswith(PREFIX + "/") for path in requested), requested
    assert links
    assert all(urlsplit(urljoin(search, href)).path.startswith(PREFIX + "/") for href in links)
