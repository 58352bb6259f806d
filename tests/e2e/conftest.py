"""Built sites served over HTTP on loopback, and a real browser."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitetools.serve import StaticSite, free_port
from tests.helpers import FIXTURE, IN_CI, add_draft, build_site, settings


def csp() -> str:
    return settings()["CONTENT_SECURITY_POLICY"]


def _served(tmp_path_factory, name, settings_file, content=None, address="SITEURL"):
    """A site built on a free port, served with the CSP of the settings;
    ``address``: the variable that gives the site its address."""
    port = free_port()
    root = build_site(
        tmp_path_factory.mktemp(name),
        settings=settings_file,
        env={address: f"http://127.0.0.1:{port}"},
        **({"content": content} if content else {}),
    )
    site = StaticSite(root, port, {"Content-Security-Policy": csp()})
    yield site
    site.close()


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The real site, production settings, served with its CSP."""
    yield from _served(tmp_path_factory, "servi", "publishconf.py")


@pytest.fixture(scope="session")
def served_fixture(tmp_path_factory):
    yield from _served(tmp_path_factory, "essai-servi", "publishconf.py", FIXTURE)


@pytest.fixture(scope="session")
def served_preview(tmp_path_factory):
    """A preview of the fixture site with a draft: banner, notes, drafts."""
    content = tmp_path_factory.mktemp("apercu-contenu") / "content"
    shutil.copytree(FIXTURE, content)
    add_draft(content)
    yield from _served(tmp_path_factory, "apercu-servi", "previewconf.py", content, "PREVIEW_URL")


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
