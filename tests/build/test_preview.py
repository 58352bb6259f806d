"""`invoke preview`'s settings (previewconf.py): relative URLs that work
from any sub-path, noindex everywhere, a visible banner, drafts shown."""

import shutil

import pytest
from bs4 import BeautifulSoup

from tests.helpers import FIXTURE, add_draft, build_site, html_files, internal_targets, resolve


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("apercu")
    content = tmp / "content"
    shutil.copytree(FIXTURE, content)
    add_draft(content)
    # Served from a sub-path: /apercu/ of some static file server.
    return build_site(
        tmp / "www" / "apercu", settings="previewconf.py", content=content, env={"PREVIEW_URL": ""}
    )


def test_noindex_and_banner_on_every_page(preview):
    pages = [p for p in html_files(preview) if "pagefind" not in p.parts]
    assert len(pages) >= 15
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow", page
        assert "Prévisualisation" in soup.select_one(".bandeau-previsualisation").get_text()
    robots = (preview / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /" in robots and "Sitemap" not in robots


def test_links_are_relative_and_resolve_from_a_sub_path(preview):
    broken, absolute = [], []
    for page in html_files(preview):
        if "pagefind" in page.parts:
            continue
        for value, path, _ in internal_targets(page, preview):
            if path.startswith("/"):
                absolute.append(f"{page.relative_to(preview)} -> {value}")
            elif not resolve(preview, page, path).is_file():
                broken.append(f"{page.relative_to(preview)} -> {value}")
    assert not absolute, absolute[:5]
    assert not broken, broken[:5]


def test_drafts_are_shown_with_their_banner(preview):
    draft = BeautifulSoup(
        (preview / "brouillons" / "brouillon" / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    assert "Brouillon" in draft.select_one(".bandeau-brouillon").get_text()
