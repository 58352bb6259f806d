"""Content is untrusted input (CI builds strangers' merge requests).

Every attack (tests/attacks.py) is refused by the one validation (the
unit layer: tests/unit/test_content_matrices.py). Here, a few of them
written into a copy of the fixture site: ``invoke check``'s validation
and the build refuse each with the same (file, line, field), the build
writes nothing, and no file from outside content/ can reach the output.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from plugins.content_model.problems import ContentError
from sitetools.check import check_site
from tests.attacks import ATTACKS, SECRET
from tests.helpers import FIXTURE, ROOT

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))


# Every attack goes through the one validation in the unit layer
# (tests/unit/test_content_matrices.py); these go through the build too,
# one of each family, to prove the build refuses what the check refuses.
WIRED = [
    "filename secret",
    "symlink page",
    "title script",
    "save_as traversal",
    "svg",
    "body script",
    "entity javascript",
    "redirect newline directive",
    "redirect hides a page",
]


def _build_problems(content: Path, output: Path) -> list:
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(content), "OUTPUT_PATH": str(output), "SEARCH_INDEX": False},
    )
    try:
        Pelican(settings).run()
    except ContentError as error:
        return error.problems
    return []


@pytest.mark.parametrize(
    ("attack", "expected"),
    [(a, e) for name, a, e in ATTACKS if name in WIRED],
    ids=[name for name, _, _ in ATTACKS if name in WIRED],
)
def test_attack_is_refused_by_check_and_build_alike(tmp_path, attack, expected):
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    attack(content)
    relative, line, field = expected
    where = ("content/" + relative, line, field)

    checked = [p for p in check_site(content, SETTINGS) if p.severity == "erreur"]
    assert where in [(p.file, p.line, p.field) for p in checked], checked

    output = tmp_path / "output"
    built = _build_problems(content, output)
    assert [(p.file, p.line, p.field, p.message) for p in built] == [
        (p.file, p.line, p.field, p.message) for p in checked
    ]
    assert not output.exists() or not any(output.rglob("*.html"))


def test_no_file_from_outside_content_in_a_built_site(tmp_path):
    """The fixture site, built: every file of the output comes from the
    theme, the build, or content/ (the secret beside it never)."""
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    output = tmp_path / "output"
    assert _build_problems(content, output) == []
    for path in output.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def test_every_page_carries_the_policy_for_hosts_without_headers(fixture_published):
    """GitHub and GitLab Pages send no headers: each page has the CSP (all
    but frame-ancestors, which a <meta> cannot give) and the referrer
    policy; production adds HSTS to the server files."""
    from bs4 import BeautifulSoup

    settings = read_settings(str(ROOT / "publishconf.py"))
    header = settings["SECURITY_HEADERS"]["Content-Security-Policy"]
    pages = sorted(fixture_published.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        if "pagefind" in page.parts:
            continue
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        meta = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, page
        assert meta["content"] + "; frame-ancestors 'none'" == header
        assert (
            head.find("meta", attrs={"name": "referrer"})["content"]
            == settings["SECURITY_HEADERS"]["Referrer-Policy"]
        )
    for server_file in (".htaccess", "_headers"):
        text = (fixture_published / server_file).read_text(encoding="utf-8")
        assert "Strict-Transport-Security" in text and "max-age=31536000" in text
        assert "interest-cohort" not in text
    assert "<IfModule mod_headers.c>\n  Header always set Content-Security" not in (
        fixture_published / ".htaccess"
    ).read_text(encoding="utf-8")
