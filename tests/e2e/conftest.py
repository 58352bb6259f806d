"""Built sites served over HTTP on loopback, and a real browser."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitetools.serve import StaticSite, free_port
from tests.helpers import FIXTURE, IN_CI, build_site, settings


def csp() -> str:
    return settings()["CONTENT_SECURITY_POLICY"]


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The real site, production settings, served with its CSP."""
    port = free_port()
    root = build_site(
        tmp_path_factory.mktemp("servi"),
        settings="publishconf.py",
        env={"SITEURL": f"http://127.0.0.1:{port}"},
    )
    site = StaticSite(root, port, {"Content-Security-Policy": csp()})
    yield site
    site.close()


@pytest.fixture(scope="session")
def served_fixture(tmp_path_factory):
    port = free_port()
    root = build_site(
        tmp_path_factory.mktemp("essai-servi"),
        settings="publishconf.py",
        content=FIXTURE,
        env={"SITEURL": f"http://127.0.0.1:{port}"},
    )
    site = StaticSite(root, port, {"Content-Security-Policy": csp()})
    yield site
    site.close()


@pytest.fixture(scope="session")
def served_preview(tmp_path_factory):
    """A preview of the fixture site with a draft: banner, notes, drafts."""
    from tests.helpers import add_draft

    content = tmp_path_factory.mktemp("apercu-contenu") / "content"
    shutil.copytree(FIXTURE, content)
    add_draft(content)
    port = free_port()
    root = build_site(
        tmp_path_factory.mktemp("apercu-servi"),
        settings="previewconf.py",
        content=content,
        env={"PREVIEW_URL": f"http://127.0.0.1:{port}"},
    )
    site = StaticSite(root, port, {"Content-Security-Policy": csp()})
    yield site
    site.close()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        assert not IN_CI, ".ci/run doit installer le paquet Debian chromium"
        pytest.skip("Chromium absent (apt-get install chromium) : tests navigateur non lancés")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
