"""`invoke check`: one broken file per case, each problem named with
its file, line and field; several problems at once; clean content."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers import FIXTURE, ROOT
from pelican.settings import read_settings

from sitetools.check import check_site, exit_status  # noqa: E402

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))

GOOD = """---
title: Essai
date: 2019-05-04
summary: Un essai.
interviewees: [marie-durand]
programmes: [prog-a]
series: serie-essai
---

## Une question ?

Une réponse.
"""


def replaced(old, new):
    assert old in GOOD
    return GOOD.replace(old, new, 1)


def body(extra):
    return GOOD + "\n" + extra + "\n"  # the extra line is line 14


# (case, file under content/, its text, (line, field, words of the message))
CASES = [
    ("yaml", "rencontres/essai.md", replaced("title: Essai", "title: Essai\n  bad: x: y"),
     (3, "bad", "YAML illisible")),
    ("no front matter", "rencontres/essai.md", "## Question ?\n\nRéponse.\n",
     (1, "en-tête", "l’en-tête manque")),
    ("unterminated", "rencontres/essai.md", GOOD.replace("---\n\n## Une", "\n## Une"),
     (1, "en-tête", "n’est pas refermé")),
    ("not utf-8", "rencontres/essai.md", None, (12, "encodage", "UTF-8")),
    ("unknown key", "rencontres/essai.md", replaced("programmes:", "programe:"),
     (6, "programe", "vouliez-vous dire « programmes »")),
    ("missing summary", "rencontres/essai.md", replaced("summary: Un essai.\n", ""),
     (1, "summary", "champ obligatoire manquant")),
    ("title type", "rencontres/essai.md", replaced("title: Essai", "title: 2018"),
     (2, "title", "doit être un texte")),
    ("malformed date", "rencontres/essai.md", replaced("2019-05-04", "04/05/2019"),
     (3, "date", "illisible")),
    ("impossible date", "rencontres/essai.md", replaced("2019-05-04", "2019-02-30"),
     (3, "date", "ce jour n’existe pas")),
    ("partial date", "rencontres/essai.md", replaced("2019-05-04", "2019-05"),
     (3, "modified", "jour de mise en ligne")),
    ("unknown programme", "rencontres/essai.md", replaced("[prog-a]", "[prog-c]"),
     (6, "programmes", "« prog-c » n’existe pas")),
    ("unknown person", "rencontres/essai.md", replaced("[marie-durand]", "[marie-durant]"),
     (5, "interviewees", "vouliez-vous dire « marie-durand »")),
    ("unknown series", "rencontres/essai.md", replaced("serie-essai", "autre-serie"),
     (7, "series", "« autre-serie » n’existe pas")),
    ("duplicate slug", "rencontres/essai.md", replaced("title: Essai", "title: Essai\nslug: premier"),
     (3, "slug", "déjà celle de")),
    ("missing image", "rencontres/essai.md", body("![Une photo]({static}/images/absente.jpg)"),
     (14, "lien", "ne mène à aucun fichier")),
    ("image without alt", "rencontres/essai.md", body("![]({static}/images/paul-petit.png)"),
     (14, "image", "sans texte alternatif")),
    ("html image without alt", "rencontres/essai.md", body('<img src="/images/paul-petit.png">'),
     (14, "image", "sans texte alternatif")),
    ("broken filename link", "rencontres/essai.md", body("Voir [ici]({filename}absent.md)."),
     (14, "lien", "ne mène à aucun fichier")),
    ("site path to nowhere", "rencontres/essai.md", body("Voir [la page](/nulle-part/)."),
     (14, "lien", "aucune page du site")),
    ("relative link", "rencontres/essai.md", body("Voir [la page](../premier.md)."),
     (14, "lien", "lien relatif")),
    ("javascript link", "rencontres/essai.md", body("[clic](javascript:alert(1))"),
     (14, "lien", "javascript")),
    ("script", "rencontres/essai.md", body("<script>alert(1)</script>"),
     (14, "html", "<script> interdite")),
    ("iframe", "rencontres/essai.md", body('<iframe src="https://exemple.com/video"></iframe>'),
     (14, "html", "<iframe> interdit")),
    ("event attribute", "rencontres/essai.md", body('<a href="/" onclick="x()">a</a>'),
     (14, "html", "on…=")),
    ("style attribute", "rencontres/essai.md", body('<span style="color:red">rouge</span>'),
     (14, "html", "style=")),
    ("no question", "rencontres/essai.md", GOOD.replace("## Une question ?\n\n", ""),
     (9, "questions", "aucune question")),
    ("skipped level", "rencontres/essai.md", body("#### Détail"),
     (14, "titres", "niveau de titre sauté")),
    ("level one heading", "rencontres/essai.md", body("# Grand titre"),
     (14, "titres", "réservé au titre")),
    ("unknown status", "rencontres/essai.md", replaced("title: Essai", "title: Essai\nstatus: brouillon"),
     (3, "status", "statut inconnu")),
    ("themes not a list", "rencontres/essai.md", replaced("title: Essai", "title: Essai\nthemes: Emploi"),
     (3, "themes", "doit être une liste")),
    ("portrait without alt", "personnes/lea-roux.md",
     "---\ntitle: Léa Roux\nportrait: images/paul-petit.png\n---\n",
     (3, "portrait_alt", "texte alternatif")),
]


def site_with(tmp_path, relative, text):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    target = content / relative
    if text is None:  # the Latin-1 case: « é » on the body's last line
        target.write_bytes(GOOD.replace("Une réponse.", "Une r\xe9ponse.").encode("latin-1"))
    else:
        target.write_text(text, encoding="utf-8")
    return content


def test_the_matrix_is_large_enough():
    assert len(CASES) >= 25


def test_clean_content_has_no_problem():
    problems = check_site(FIXTURE, SETTINGS)
    assert [p for p in problems if p.severity != "note"] == []
    assert exit_status(problems, strict=True) == 0


@pytest.mark.parametrize(("case", "relative", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_one_problem(tmp_path, case, relative, text, expected):
    content = site_with(tmp_path, relative, text)
    problems = [p for p in check_site(content, SETTINGS) if p.severity == "erreur"]
    line, field, words = expected
    assert len(problems) == 1, [str(p) for p in problems]
    (problem,) = problems
    assert (problem.file, problem.line, problem.field) == (f"content/{relative}", line, field)
    assert words in problem.message
    assert str(problem).startswith(f"content/{relative}:{line}: {field}: ")
    assert exit_status(problems, strict=False) == 1


def test_several_problems_in_one_file_are_reported_together(tmp_path):
    text = GOOD.replace("programmes:", "programe:").replace("2019-05-04", "2019-13-01")
    text += "\n<script>x</script>\n\n#### Détail\n"
    content = site_with(tmp_path, "rencontres/essai.md", text)
    problems = [(p.line, p.field) for p in check_site(content, SETTINGS) if p.severity == "erreur"]
    assert problems == [(3, "date"), (6, "programe"), (14, "html"), (16, "titres")]


def invoke(*args, cwd=ROOT):
    return subprocess.run([str(Path(sys.executable).with_name("invoke")), "check", *args],
                          cwd=cwd, capture_output=True, text=True)


def test_cli_exit_status_and_output(tmp_path):
    clean = invoke("--content", str(FIXTURE))
    assert clean.returncode == 0, clean.stdout
    assert "0 erreur(s)" in clean.stdout

    content = site_with(tmp_path, "rencontres/essai.md", replaced("[prog-a]", "[prog-c]"))
    broken = invoke("--content", str(content))
    assert broken.returncode == 1
    assert "content/rencontres/essai.md:6: programmes: « prog-c » n’existe pas" in broken.stdout
    assert "1 erreur(s)" in broken.stdout

    github = invoke("--content", str(content), "--format", "github")
    assert "::error file=content/rencontres/essai.md,line=6,title=programmes::" in github.stdout


def test_warnings_fail_only_with_strict(tmp_path):
    long_summary = "Un chapô " + "très " * 80 + "long."
    content = site_with(tmp_path, "rencontres/essai.md",
                        replaced("summary: Un essai.", f"summary: {long_summary}"))
    assert invoke("--content", str(content)).returncode == 0
    strict = invoke("--content", str(content), "--strict")
    assert strict.returncode == 1
    assert "content/rencontres/essai.md:4: summary: avertissement : chapô de" in strict.stdout


def test_real_content_passes_strict():
    result = invoke("--strict")
    assert result.returncode == 0, result.stdout
