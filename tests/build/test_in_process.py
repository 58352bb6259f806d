"""Plugins keep no per-build state in module globals (plugins/run_state.py):
two Pelicans made in one process, run one after the other, each write
the site a build of their own would write, byte for byte."""

from sitetools.build import DEVELOPMENT, Site, init_logging, read_settings
from tests.helpers import FIXTURE, ROOT, differences


def test_two_builds_in_one_process_are_independent(tmp_path):
    # Pagefind runs as a process of its own (no state here to share) and
    # names its index files by hash of more than the pages: left out.
    no_index = {"SEARCH_INDEX": False}
    init_logging(fatal=True)
    alone = tmp_path / "seul"
    Site(
        read_settings(DEVELOPMENT, FIXTURE, alone, CACHE_PATH=str(tmp_path / "c1"), **no_index)
    ).run()
    # Both made before either runs: the second one's settings must not
    # leak into the first one's build (cards, assets, editor themes).
    first = Site(
        read_settings(
            DEVELOPMENT, FIXTURE, tmp_path / "a", CACHE_PATH=str(tmp_path / "c2"), **no_index
        )
    )
    second = Site(
        read_settings(
            DEVELOPMENT,
            ROOT / "content",
            tmp_path / "b",
            CACHE_PATH=str(tmp_path / "c3"),
            SOCIAL_CARDS_PATH="partage",
            **no_index,
        )
    )
    first.run()
    second.run()
    assert differences(alone, tmp_path / "a") == []
    assert (tmp_path / "b" / "partage").is_dir() and not (tmp_path / "a" / "partage").exists()
    config = (tmp_path / "b" / "admin" / "config.yml").read_text(encoding="utf-8")
    fixture_config = (tmp_path / "a" / "admin" / "config.yml").read_text(encoding="utf-8")
    assert config != fixture_config
