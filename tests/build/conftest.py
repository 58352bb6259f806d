"""The built sites the build tests read, each built once per session by
the real Pelican command into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import FIXTURE, build_site


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The development build (pelicanconf.py), in the C.UTF-8 locale."""
    return build_site(tmp_path_factory.mktemp("site"), env={"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})


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
