"""Shared fixtures: the real site, built by the real Pelican command
into temporary folders, once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitetools.serve import StaticSite, free_port
from tests.helpers import FIXTURE, IN_CI, ROOT, build_site


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The development build (pelicanconf.py), in the C.UTF-8 locale."""
    return build_site(
        tmp_path_factory.mktemp("site"), env={"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    )


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The production build (publishconf.py)."""
    return build_site(
        tmp_path_factory.mktemp("publie"),
        settings="publishconf.py",
        env={"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
    )


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """A small made-up site (tests/fixtures/site): four interviews, two
    programmes, three people, a series of three."""
    return build_site(tmp_path_factory.mktemp("essai"), content=FIXTURE)


@pytest.fixture(scope="session")
def fixture_published(tmp_path_factory) -> Path:
    return build_site(
        tmp_path_factory.mktemp("essai-publie"), settings="publishconf.py", content=FIXTURE
    )


def pytest_sessionfinish(session, exitstatus):
    """Under CI=true nothing may be skipped: a skip fails the run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if IN_CI and skipped:
        reporter.write_line(
            f"CI=true : {len(skipped)} test(s) ignoré(s), ce qui est interdit en CI.",
            red=True,
        )
        session.exitstatus = 1


# --- Serving a built site to a real browser --------------------------------

def csp() -> str:
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "pelicanconf.py"))["CONTENT_SECURITY_POLICY"]


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The real site, production settings, served with its CSP."""
    port = free_port()
    root = build_site(tmp_path_factory.mktemp("servi"), settings="publishconf.py",
                      env={"SITEURL": f"http://127.0.0.1:{port}"})
    site = StaticSite(root, port, {"Content-Security-Policy": csp()})
    yield site
    site.close()


@pytest.fixture(scope="session")
def served_fixture(tmp_path_factory):
    port = free_port()
    root = build_site(tmp_path_factory.mktemp("essai-servi"), settings="publishconf.py",
                      content=FIXTURE, env={"SITEURL": f"http://127.0.0.1:{port}"})
    site = StaticSite(root, port, {"Content-Security-Policy": csp()})
    yield site
    site.close()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
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
