"""The built sites the build tests read, each built once per run into a
temporary folder (tests/once.py: once for all the xdist workers too):
the real site by the ``pelican`` command in the C.UTF-8 locale (what
tests/build/test_locale.py compares other locales with), the others as
`invoke build` does."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import FIXTURE, build_site, build_with_command
from tests.once import made_once


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The development build (pelicanconf.py), in the C.UTF-8 locale."""
    return made_once(
        tmp_path_factory,
        "site",
        lambda folder: build_with_command(folder, env={"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}),
    )


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The production build (publishconf.py)."""
    return made_once(
        tmp_path_factory,
        "publie",
        lambda folder: build_with_command(
            folder, settings="publishconf.py", env={"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
        ),
    )


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """A small made-up site (tests/fixtures/site): four interviews, two
    programmes, three people, a series of three."""
    return made_once(tmp_path_factory, "essai", lambda folder: build_site(folder, content=FIXTURE))


@pytest.fixture(scope="session")
def fixture_published(tmp_path_factory) -> Path:
    return made_once(
        tmp_path_factory,
        "essai-publie",
        lambda folder: build_site(folder, settings="publishconf.py", content=FIXTURE),
    )
