"""Dates come from Babel, not from the machine's locale: the site is the
same, byte for byte, whatever locale builds it."""

import gzip
import locale
import re

import brotli
import pytest

from tests.helpers import IN_CI, build_with_command, pagefind_order_dependent

LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


def contents(path):
    """A file's bytes; the sitemap's <lastmod> dates aside (in its
    compressed copies too), which pelican-sitemap sets to the build's
    time for pages without a date."""
    data = path.read_bytes()
    if path.name.startswith("sitemap.xml"):
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        elif path.suffix == ".br":
            data = brotli.decompress(data)
        data = LASTMOD.sub(b"", data)
    return data


def tree(folder):
    return {
        relative: contents(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and not pagefind_order_dependent(relative := path.relative_to(folder).as_posix())
    }


def has_locale(name: str) -> bool:
    try:
        previous = locale.setlocale(locale.LC_ALL)
        locale.setlocale(locale.LC_ALL, name)
        locale.setlocale(locale.LC_ALL, previous)
        return True
    except locale.Error:
        return False


def test_same_site_in_c_and_posix_locales(published_site, tmp_path):
    other = build_with_command(
        tmp_path / "posix", settings="publishconf.py", env={"LC_ALL": "C", "LANG": "C"}
    )
    assert tree(other) == tree(published_site)


def test_same_site_with_a_french_locale(published_site, tmp_path):
    if not has_locale("fr_FR.UTF-8"):
        assert not IN_CI, ".ci/run doit installer la locale fr_FR.UTF-8"
        pytest.skip("pas de locale fr_FR.UTF-8 sur cette machine (CI l’installe)")
    other = build_with_command(
        tmp_path / "fr",
        settings="publishconf.py",
        env={"LC_ALL": "fr_FR.UTF-8", "LANG": "fr_FR.UTF-8"},
    )
    assert tree(other) == tree(published_site)
