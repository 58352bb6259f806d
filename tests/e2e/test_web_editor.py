"""The web editor (/admin/) in Debian's Chromium: the real Decap CMS
bundle of the build, the real decap-server writing into a copy of the
project; what it writes must pass the one validation and build."""

from __future__ import annotations

import shutil

import pytest

from sitetools.editor import start_decap_server
from sitetools.serve import ADMIN_HEADERS, StaticSite, free_port
from tests.e2e.conftest import csp
from tests.helpers import ROOT, build_site


@pytest.fixture
def editor(tmp_path, browser):
    """A copy of content/, decap-server on it, the site built for it and
    served, and a browser page on /admin/, signed in."""
    project = tmp_path / "projet"
    shutil.copytree(ROOT / "content", project / "content")
    editor_port = free_port()
    settings = tmp_path / "reglages.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa\n"
        f"WEB_EDITOR_LOCAL_PORT = {editor_port}\nSEARCH_INDEX = False\n",
        encoding="utf-8",
    )
    site = build_site(tmp_path / "site", settings=str(settings), content=project / "content")
    server = start_decap_server(project, editor_port)
    served = StaticSite(
        site, free_port(), {"Content-Security-Policy": csp()}, folder_headers=ADMIN_HEADERS
    )
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(served.url + "/admin/")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_text("Rencontres").first.wait_for()
    yield page, served.url, project, violations
    page.close()
    served.close()
    server.terminate()
    server.wait(timeout=10)


def publish(page):
    page.get_by_role("button", name="Publier").first.click()
    page.get_by_text("Publier maintenant").click()


def test_an_impossible_date_is_refused_by_the_form_in_french(editor):
    page, url, project, violations = editor
    before = sorted((project / "content").rglob("*"))
    page.goto(url + "/admin/#/collections/rencontres/new")
    page.get_by_label("Titre").fill("Entretien avec Alain Blum")
    page.get_by_label("Date").fill("2018-02-30")
    publish(page)
    page.get_by_text("Date impossible ou illisible").wait_for()
    assert sorted((project / "content").rglob("*")) == before  # nothing written
    assert not violations
