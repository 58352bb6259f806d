"""plugins/fixed_addresses and plugins/template_cache only save work:
the site written with each address worked out once, or each template
compiled once, is the site written without them, byte for byte (drafts
shown, as locally, so that draft addresses count too). Each build in
its own process: a plugin, once registered, stays connected to
Pelican's signals for the life of a process."""

import json
import re

import pytest

from pelicanconf import PLUGINS
from tests.helpers import FIXTURE, differences, run_pelican


@pytest.mark.parametrize("plugin", ["plugins.fixed_addresses", "plugins.template_cache"])
def test_the_site_is_the_same_without_a_plugin_that_only_saves_work(tmp_path, plugin):
    without = [name for name in PLUGINS if name != plugin]
    assert len(without) == len(PLUGINS) - 1
    for name, plugins in (("fixed", PLUGINS), ("plain", without)):
        result = run_pelican(
            tmp_path / name,
            content=FIXTURE,
            extra=(
                "-e",
                f"PLUGINS={json.dumps(plugins)}",
                "SEARCH_INDEX=false",
                f'CACHE_PATH="{tmp_path / ("cache-" + name)}"',
            ),
        )
        assert result.returncode == 0, result.stdout + result.stderr
    # pelican-sitemap dates the lists (home, listings) with the build's time.
    assert differences(tmp_path / "plain", tmp_path / "fixed") in ([], ["sitemap.xml"])
    maps = [
        re.sub(r"<lastmod>[^<]*</lastmod>", "", (tmp_path / n / "sitemap.xml").read_text("utf-8"))
        for n in ("plain", "fixed")
    ]
    assert maps[0] == maps[1]
