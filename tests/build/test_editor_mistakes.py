"""Editors' mistakes: each one is the same French line, whatever the
command (issue « one validation »).

Every mistake goes through the one validation in the unit layer
(tests/unit/test_content_matrices.py). Here, one of each family, written
into a copy of the fixture site: `invoke check`'s validation, the build
(sitetools.build, what `invoke build` runs) and the livereload rebuild
(build.Site, kept in one process) report the same problems; the build
fails and leaves the previous output byte for byte. That proves both
paths are wired to the validation; the real `invoke` command line:
tests/e2e/test_editor_mistakes_cli.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitetools.build import DEVELOPMENT, BuildError, Site, build_site, init_logging, read_settings
from sitetools.check import check_site
from tests.editor_mistakes import ENGLISH, MISTAKES, write
from tests.helpers import FIXTURE


@pytest.fixture(scope="module")
def good_output(tmp_path_factory) -> Path:
    """The fixture site, built once: what a failed build must leave."""
    output = tmp_path_factory.mktemp("bon") / "site"
    build_site(DEVELOPMENT, output, FIXTURE)
    return output


def _files(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# One of each family: files, YAML, a field's type, a rule between fields,
# references, addresses, the body, the rendered HTML.
WIRED = [
    ".txt",
    "colon in title",
    "month 13",
    "partial date without modified",
    "unknown programme",
    "slug of a section",
    "broken filename link",
    "script",
]


@pytest.mark.parametrize(
    ("mistake", "where"),
    [(m, w) for name, m, w in MISTAKES if name in WIRED],
    ids=[name for name, _, _ in MISTAKES if name in WIRED],
)
def test_check_build_and_livereload_give_the_same_french_line(
    tmp_path, good_output, mistake, where
):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    mistake(content)
    expected = ("content/" + where[0], where[1], where[2])

    checked = [p for p in check_site(content, read_settings(DEVELOPMENT)) if p.severity == "erreur"]
    assert expected in [(p.file, p.line, p.field) for p in checked], checked
    for problem in checked:
        assert not ENGLISH.search(problem.message), problem

    output = tmp_path / "site"
    shutil.copytree(good_output, output)
    before = _files(output)
    with pytest.raises(BuildError) as built:
        build_site(DEVELOPMENT, output, content)
    assert list(built.value.problems) == checked
    assert "Traceback" not in str(built.value)
    assert _files(output) == before

    init_logging(fatal=False)
    live = Site(
        read_settings(
            DEVELOPMENT,
            content,
            tmp_path / "live",
            CACHE_CONTENT=True,
            LOAD_CONTENT_CACHE=True,
            SEARCH_INDEX=False,
            CACHE_PATH=str(tmp_path / "cache"),
        )
    )
    with pytest.raises(BuildError) as rebuilt:
        live.run()
    assert list(rebuilt.value.problems) == checked


def test_every_file_of_content_is_built_or_reported(tmp_path):
    """Nothing is silently left out: each file of the fixture site, plus
    files of kinds Pelican would skip, is a page of the build, a copied
    file, a hidden file, or reported by check."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    for name in ("rencontres/notes.txt", "rencontres/AUTRE.MD", "autre/x.md", "images/.gitkeep"):
        write(name, "x")(content)
    reported = {p.file for p in check_site(content, read_settings(DEVELOPMENT))}
    assert {
        "content/rencontres/notes.txt",
        "content/rencontres/AUTRE.MD",
        "content/autre/x.md",
    } <= reported
    (content / "rencontres" / "notes.txt").unlink()
    (content / "rencontres" / "AUTRE.MD").unlink()
    shutil.rmtree(content / "autre")
    output = tmp_path / "site"
    build_site(DEVELOPMENT, output, content)
    built_sources = set()
    for page in output.rglob("*.html"):
        built_sources.add(page)
    for path in content.rglob("*"):
        if not path.is_file() or path.name.startswith("."):
            continue
        relative = path.relative_to(content)
        if relative.parts[0] == "images":
            assert (output / relative).is_file(), relative
        else:
            # Every Markdown file gave a page: its slug is in some address.
            assert any(path.stem in page.as_posix() for page in built_sources), relative


def test_livereload_keeps_the_last_good_site_and_shows_the_problems(tmp_path, capsys):
    """A mistake while livereload runs: the pages stay, each with the
    problem at the top; the fix brings the pages back without it."""
    from bs4 import BeautifulSoup

    from sitetools.live import rebuild_once

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    output = tmp_path / "site"
    init_logging(fatal=False)
    live = Site(
        read_settings(
            DEVELOPMENT,
            content,
            output,
            CACHE_CONTENT=True,
            LOAD_CONTENT_CACHE=True,
            SEARCH_INDEX=False,
            CACHE_PATH=str(tmp_path / "cache"),
        )
    )
    assert rebuild_once(live, output)
    source = content / "rencontres" / "premier.md"
    good = source.read_text(encoding="utf-8")
    source.write_text(
        good.replace("title: Premier entretien", "title: Entretien : <Émilie>"), encoding="utf-8"
    )
    assert not rebuild_once(live, output)
    line = "content/rencontres/premier.md:2: title: la valeur contient « : »"
    assert line in capsys.readouterr().err
    page = BeautifulSoup(
        (output / "premier" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    banner = page.body.find(class_="erreurs-construction")
    assert banner is not None and banner["role"] == "alert"
    assert line in banner.get_text() and "<Émilie>" in banner.get_text()
    assert page.h1.get_text() == "Premier entretien"  # the last good page, still served
    source.write_text(good, encoding="utf-8")
    assert rebuild_once(live, output)
    assert "erreurs-construction" not in (output / "premier" / "index.html").read_text(
        encoding="utf-8"
    )
