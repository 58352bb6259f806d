"""Plugins keep no per-build state in module globals (plugins/run_state.py):
two Pelicans made in one process, run one after the other, each write
the site a build of their own would write, byte for byte."""

import pytest

from sitetools.build import DEVELOPMENT, BuildError, Site, init_logging, read_settings
from tests.helpers import FIXTURE, ROOT, content_with, differences


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


def test_a_failed_build_does_not_silence_the_next_ones(tmp_path):
    """Pelican and pelican-sitemap keep module globals from one build to
    the next (sitetools.build.forget_earlier_builds): a warning logged
    by an earlier build still stops the next one, and after a failed
    build another Pelican of the same process still writes its sitemap."""
    init_logging(fatal=True)
    premier = (FIXTURE / "rencontres" / "premier.md").read_text(encoding="utf-8")
    content = content_with(
        tmp_path,
        "rencontres/premier.md",
        premier.replace("Une réponse courte.", "Une réponse avec [un lien]({inconnu}truc)."),
    )
    for attempt in range(2):
        # Without the content model's check: Pelican's own warning
        # (« Replacement Indicator … not recognized »), fatal each time.
        site = Site(
            read_settings(
                DEVELOPMENT,
                content,
                tmp_path / f"essai-{attempt}",
                CACHE_PATH=str(tmp_path / f"cache-{attempt}"),
                CONTENT_VALIDATION=False,
                SEARCH_INDEX=False,
            )
        )
        with pytest.raises(BuildError):
            site.run()
    Site(
        read_settings(
            DEVELOPMENT,
            FIXTURE,
            tmp_path / "bon",
            CACHE_PATH=str(tmp_path / "cache-bon"),
            SEARCH_INDEX=False,
        )
    ).run()
    sitemap = (tmp_path / "bon" / "sitemap.xml").read_text(encoding="utf-8")
    assert "/premier/</loc>" in sitemap
    assert "essai-" not in sitemap  # nothing queued by the failed builds
