"""Editors' mistakes: each one is the same French line, whatever the
command (issue « one validation »).

For each mistake, written into a copy of the fixture site: `invoke
check`'s validation, the build (sitetools.build, what `invoke build`
runs) and the livereload rebuild (build.Site, kept in one process) all
report the same (file, line, field); the build fails and leaves the
previous output byte for byte; no message is English or a traceback.
A few go through the real `invoke` command line as well.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE, ROOT

from sitetools.build import DEVELOPMENT, BuildError, Site, build_site, init_logging, read_settings
from sitetools.check import check_site

P1, P2, P3 = "rencontres/premier.md", "rencontres/deuxieme.md", "rencontres/troisieme.md"
PERSON, PROG, SERIE, PAGE = ("personnes/paul-petit.md", "programmes/prog-a.md",
                             "series/serie-essai.md", "pages/a-propos.md")
ENGLISH = re.compile(r"\b(found|expected|mapping|Traceback|Error|error|not allowed|could not)\b")


def replace(relative, old, new):
    def apply(content):
        path = content / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def append(relative, addition):
    def apply(content):
        path = content / relative
        path.write_text(path.read_text(encoding="utf-8") + "\n" + addition + "\n", encoding="utf-8")
    return apply


def write(relative, data):
    def apply(content):
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return apply


def rename(relative, new_name):
    def apply(content):
        (content / relative).rename((content / relative).with_name(new_name))
    return apply


BODY = "\n## Une question ?\n\nRéponse.\n"
# (name, mistake, (file under content/, line, field))
MISTAKES = [
    # Files
    ("no front matter", write("rencontres/nu.md", BODY), ("rencontres/nu.md", 1, "en-tête")),
    ("front matter not closed", replace(PROG, "summary: Un programme d’essai.\n---",
                                        "summary: Un programme d’essai."), (PROG, 1, "en-tête")),
    ("empty file", write("pages/vide.md", ""), ("pages/vide.md", 1, "en-tête")),
    ("latin-1", write("pages/latin.md", "---\ntitle: Été\nsummary: x\n---\n".encode("latin-1")),
     ("pages/latin.md", 2, "encodage")),
    (".txt", rename(P3, "troisieme.txt"), ("rencontres/troisieme.txt", 1, "fichier")),
    (".MD", rename(P3, "troisieme.MD"), ("rencontres/troisieme.MD", 1, "fichier")),
    (".docx in rencontres", write("rencontres/entretien.docx", b"PK\x03\x04"),
     ("rencontres/entretien.docx", 1, "fichier")),
    ("file at the root", write("perdu.md", "---\ntitle: x\n---\n"), ("perdu.md", 1, "-")),
    ("unknown folder", write("articles/x.md", "---\ntitle: x\n---\n"), ("articles/x.md", 1, "-")),
    ("image not an image", write("images/photo.jpg", "pas une image"), ("images/photo.jpg", 1, "fichier")),
    # YAML
    ("tab", replace(P1, "date: 2018-01-01", "\tdate: 2018-01-01"), (P1, 3, "date")),
    ("colon in title", replace(P1, "title: Premier entretien", "title: Entretien : Émilie"),
     (P1, 2, "title")),
    ("unclosed quote", replace(P1, "summary: Le premier", 'summary: "Le premier'), (P1, 4, "summary")),
    ("unclosed bracket", replace(P1, "programmes: [prog-a]", "programmes: [prog-a"),
     (P1, 7, "programmes")),
    ("no colon", replace(P1, "date: 2018-01-01", "date 2018-01-01"), (P1, 3, "en-tête")),
    ("indented key", replace(P1, "date: 2018-01-01", "  date: 2018-01-01"), (P1, 3, "date")),
    ("at sign", replace(P1, "title: Premier entretien", "title: @Premier"), (P1, 2, "title")),
    ("duplicate key", replace(P1, "series: serie-essai", "series: serie-essai\nseries: serie-essai"),
     (P1, 6, "series")),
    ("list not mapping", write("pages/liste.md", "---\n- a\n- b\n---\n"), ("pages/liste.md", 2, "en-tête")),
    # Interview fields
    ("missing title", replace(P1, "title: Premier entretien\n", ""), (P1, 1, "title")),
    ("missing date", replace(P1, "date: 2018-01-01\n", ""), (P1, 1, "date")),
    ("missing summary", replace(P1, "summary: Le premier entretien d’essai.\n", ""), (P1, 1, "summary")),
    ("missing interviewees", replace(P1, "interviewees: [marie-durand]\n", ""), (P1, 1, "interviewees")),
    ("title is a number", replace(P1, "title: Premier entretien", "title: 2018"), (P1, 2, "title")),
    ("title empty", replace(P1, "title: Premier entretien", 'title: ""'), (P1, 2, "title")),
    ("month 13", replace(P1, "date: 2018-01-01", "date: 2018-13-45"), (P1, 3, "date")),
    ("day first", replace(P1, "date: 2018-01-01", "date: 31/02/2019"), (P1, 3, "date")),
    ("date in words", replace(P1, "date: 2018-01-01", "date: hier"), (P1, 3, "date")),
    ("impossible day", replace(P1, "date: 2018-01-01", "date: 2019-02-30"), (P1, 3, "date")),
    ("partial date without modified", replace(P1, "date: 2018-01-01", "date: 2018-01"),
     (P1, 3, "modified")),
    ("period backwards", replace(P2, "date: 2018-03", "date: 2018/2017"), (P2, 3, "date")),
    ("modified not a day", replace(P2, "modified: 2024-05-02", "modified: 2024-05"), (P2, 4, "modified")),
    ("status in French", replace(P1, "title: Premier entretien", "title: Premier entretien\nstatus: brouillon"),
     (P1, 3, "status")),
    ("misspelt key", replace(P1, "programmes:", "programe:"), (P1, 7, "programe")),
    ("interviewees empty", replace(P1, "interviewees: [marie-durand]", "interviewees: []"),
     (P1, 6, "interviewees")),
    ("unknown person", replace(P1, "[marie-durand]", "[marie-dupont]"), (P1, 6, "interviewees")),
    ("person with capitals", replace(P1, "[marie-durand]", "[Marie-Durand]"), (P1, 6, "interviewees")),
    ("unknown key for a person", replace(P2, "    role: Adjoint au maire", "    fonction: Adjoint"),
     (P2, 7, "interviewees")),
    ("unknown programme", replace(P1, "[prog-a]", "[prog-z]"), (P1, 7, "programmes")),
    ("programmes as text", replace(P1, "programmes: [prog-a]", "programmes: prog-a, prog-b"),
     (P1, 7, "programmes")),
    ("unknown series", replace(P1, "series: serie-essai", "series: serie-essay"), (P1, 5, "series")),
    ("unknown mention", replace(P2, "mentions: [marie-durand]", "mentions: [marie-du]"),
     (P2, 12, "mentions")),
    ("themes as text", replace(P1, "themes: [Emploi]", "themes: Emploi"), (P1, 8, "themes")),
    ("theme empty", replace(P1, "themes: [Emploi]", 'themes: [Emploi, ""]'), (P1, 8, "themes")),
    ("slug of a section", replace(P1, "title: Premier entretien", "title: Premier entretien\nslug: rencontres"),
     (P1, 3, "slug")),
    ("slug used twice", replace(P1, "title: Premier entretien", "title: Premier entretien\nslug: deuxieme"),
     (P1, 3, "slug")),
    ("slug with accent", replace(P1, "title: Premier entretien", "title: Premier entretien\nslug: prémier"),
     (P1, 3, "slug")),
    ("summary with HTML", replace(P1, "summary: Le premier entretien d’essai.", "summary: Le <b>premier</b>"),
     (P1, 4, "summary")),
    # People, programmes, series, pages
    ("portrait missing", replace(PERSON, "paul-petit.png", "paul-petit.jpeg"), (PERSON, 5, "portrait")),
    ("portrait without alt", replace(PERSON, "portrait_alt: Paul Petit, souriant, devant un mur de briques.\n", ""),
     (PERSON, 5, "portrait_alt")),
    ("person without name", replace(PERSON, "title: Paul Petit\n", ""), (PERSON, 1, "title")),
    ("role empty", replace(PERSON, "role: Fondateur", "role:"), (PERSON, 3, "role")),
    ("programme without summary", replace(PROG, "summary: Un programme d’essai.\n", ""), (PROG, 1, "summary")),
    ("series without summary", replace(SERIE, "summary: Trois entretiens d’essai.\n", ""), (SERIE, 1, "summary")),
    ("page with a date", replace(PAGE, "summary: Page d’essai.", "summary: Page d’essai.\ndate: 2020-01-01"),
     (PAGE, 4, "date")),
    ("unknown template", replace(PAGE, "summary: Page d’essai.", "summary: Page d’essai.\ntemplate: accueil"),
     (PAGE, 4, "template")),
    # Bodies
    ("heading level 1", append(P1, "# Un titre"), (P1, 19, "titres")),
    ("skipped heading level", append(P1, "#### Détail"), (P1, 19, "titres")),
    ("no question", write("rencontres/sans-question.md", "---\ntitle: Sans\ndate: 2019-01-01\n"
                          "summary: x\ninterviewees: [paul-petit]\n---\n\nTexte seul.\n"),
     ("rencontres/sans-question.md", 7, "questions")),
    ("broken filename link", append(P1, "[lien]({filename}/rencontres/absent.md)"), (P1, 19, "lien")),
    ("unknown address", append(P1, "[lien](/nulle-part/)"), (P1, 19, "lien")),
    ("relative link", append(P1, "[lien](deuxieme.md)"), (P1, 19, "lien")),
    ("missing trailing slash", append(P1, "[lien](/deuxieme)"), (P1, 19, "lien")),
    ("empty link", append(P1, "[lien]()"), (P1, 19, "lien")),
    ("image without alt", append(P1, "![]({static}/images/paul-petit.png)"), (P1, 19, "image")),
    ("html image without alt", append(P1, '<img src="/images/paul-petit.png">'), (P1, 19, "image")),
    ("script", append(P1, "<script>alert(1)</script>"), (P1, 19, "html")),
    ("style attribute", append(P1, '<p style="color: red">Rouge</p>'), (P1, 19, "html")),
]


@pytest.fixture(scope="module")
def good_output(tmp_path_factory) -> Path:
    """The fixture site, built once: what a failed build must leave."""
    output = tmp_path_factory.mktemp("bon") / "site"
    build_site(DEVELOPMENT, output, FIXTURE)
    return output


def _files(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(("mistake", "where"), [(m, w) for _, m, w in MISTAKES],
                         ids=[name for name, _, _ in MISTAKES])
def test_check_build_and_livereload_give_the_same_french_line(tmp_path, good_output, mistake, where):
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
    live = Site(read_settings(DEVELOPMENT, content, tmp_path / "live", CACHE_CONTENT=True,
                              LOAD_CONTENT_CACHE=True, SEARCH_INDEX=False,
                              CACHE_PATH=str(tmp_path / "cache")))
    with pytest.raises(BuildError) as rebuilt:
        live.run()
    assert list(rebuilt.value.problems) == checked


def test_there_are_at_least_sixty_mistakes():
    assert len(MISTAKES) >= 60


def test_every_file_of_content_is_built_or_reported(tmp_path):
    """Nothing is silently left out: each file of the fixture site, plus
    files of kinds Pelican would skip, is a page of the build, a copied
    file, a hidden file, or reported by check."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    for name in ("rencontres/notes.txt", "rencontres/AUTRE.MD", "autre/x.md", "images/.gitkeep"):
        write(name, "x")(content)
    reported = {p.file for p in check_site(content, read_settings(DEVELOPMENT))}
    assert {"content/rencontres/notes.txt", "content/rencontres/AUTRE.MD",
            "content/autre/x.md"} <= reported
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


INVOKE = str(Path(sys.executable).with_name("invoke"))


@pytest.mark.parametrize("name", ["colon in title", "day first", "unknown programme",
                                  "slug of a section", ".txt", "script"])
def test_the_command_line_prints_the_same_line_as_check(tmp_path, name):
    mistake, where = next((m, w) for n, m, w in MISTAKES if n == name)
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    mistake(content)
    checked = subprocess.run([INVOKE, "check", "--content", str(content)], cwd=ROOT,
                             capture_output=True, text=True)
    built = subprocess.run([INVOKE, "build", "--content", str(content), "--output",
                            str(tmp_path / "site")], cwd=ROOT, capture_output=True, text=True)
    assert checked.returncode == built.returncode == 1
    line = f"content/{where[0]}:{where[1]}: {where[2]}: "
    error_lines = [text for text in checked.stdout.splitlines() if text.startswith("content/")]
    assert any(text.startswith(line) for text in error_lines)
    assert built.stderr.splitlines()[1:] == error_lines
    assert "Traceback" not in checked.stdout + checked.stderr + built.stdout + built.stderr
    assert not (tmp_path / "site").exists()


def test_livereload_keeps_the_last_good_site_and_shows_the_problems(tmp_path, capsys):
    """A mistake while livereload runs: the pages stay, each with the
    problem at the top; the fix brings the pages back without it."""
    from bs4 import BeautifulSoup

    from sitetools.serve import rebuild_once

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    output = tmp_path / "site"
    init_logging(fatal=False)
    live = Site(read_settings(DEVELOPMENT, content, output, CACHE_CONTENT=True,
                              LOAD_CONTENT_CACHE=True, SEARCH_INDEX=False,
                              CACHE_PATH=str(tmp_path / "cache")))
    assert rebuild_once(live, output)
    source = content / "rencontres" / "premier.md"
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace("title: Premier entretien", "title: Entretien : <Émilie>"),
                      encoding="utf-8")
    assert not rebuild_once(live, output)
    line = "content/rencontres/premier.md:2: title: la valeur contient « : »"
    assert line in capsys.readouterr().err
    page = BeautifulSoup((output / "premier" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    banner = page.body.find(class_="erreurs-construction")
    assert banner is not None and banner["role"] == "alert"
    assert line in banner.get_text() and "<Émilie>" in banner.get_text()
    assert page.h1.get_text() == "Premier entretien"  # the last good page, still served
    source.write_text(good, encoding="utf-8")
    assert rebuild_once(live, output)
    assert "erreurs-construction" not in (output / "premier" / "index.html").read_text(encoding="utf-8")
