"""/actualites/ in Chromium (production settings, pages of 20): with 25
news, page 1 and page 2 hold together at 375 and 1280 px, light and
dark (the layout checks of test_design.py), and « Page suivante » then
« Page précédente » lead from one page to the other."""

from __future__ import annotations

import pytest

from tests.build.test_news_listing import news_site_content
from tests.e2e.conftest import _served
from tests.e2e.test_design import LAYOUT_PROBLEMS

PAGES = ["/actualites/", "/actualites/page/2/"]


@pytest.fixture(scope="module")
def served_news(tmp_path_factory):
    content = news_site_content(tmp_path_factory.mktemp("actualites-contenu") / "content")
    yield from _served(tmp_path_factory, "actualites-servi", "publishconf.py", content)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_the_news_pages_hold_together(browser, served_news, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    found = {}
    for path in PAGES:
        response = page.goto(served_news.url + path)
        assert response.status == 200, path
        page.evaluate("() => document.fonts.ready")
        problems = page.evaluate(LAYOUT_PROBLEMS, width)
        if problems:
            found[path] = problems
    context.close()
    assert not found, found


def test_next_and_previous_lead_from_page_to_page(browser, served_news):
    page = browser.new_page()
    page.goto(served_news.url + PAGES[0])
    assert page.locator("ul.liste-actualites li").count() == 20
    page.get_by_role("link", name="Page suivante").click()
    page.wait_for_url(served_news.url + PAGES[1])
    assert "Page 2 sur 2" in page.locator("nav.pagination").inner_text()
    assert page.locator("ul.liste-actualites li").count() == 5
    page.get_by_role("link", name="Page précédente").click()
    page.wait_for_url(served_news.url + PAGES[0])
    page.close()
