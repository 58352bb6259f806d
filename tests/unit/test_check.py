"""`invoke check`'s core (sitetools.check.check_site), in this process,
on copies of the fixture content: one broken file per case, each problem
named with its file, line and field; several problems at once; clean
content. The command itself: tests/e2e/test_check_cli.py."""

import pytest

from sitetools.check import check_site, exit_status
from tests.helpers import FIXTURE, content_with, settings
from tests.helpers import GOOD_INTERVIEW as GOOD
from tests.helpers import replaced_in_good as replaced


def body(extra):
    return GOOD + "\n" + extra + "\n"  # the extra line is line 14


# (case, file under content/, its text, (line, field, words of the message))
CASES = [
    (
        "yaml",
        "rencontres/essai.md",
        replaced("title: Essai", "title: Essai\n  bad: x: y"),
        (3, "bad", "ligne décalée"),
    ),
    (
        "no front matter",
        "rencontres/essai.md",
        "## Question ?\n\nRéponse.\n",
        (1, "en-tête", "l’en-tête manque"),
    ),
    (
        "unterminated",
        "rencontres/essai.md",
        GOOD.replace("---\n\n## Une", "\n## Une"),
        (1, "en-tête", "n’est pas refermé"),
    ),
    ("not utf-8", "rencontres/essai.md", None, (12, "encodage", "UTF-8")),
    (
        "unknown key",
        "rencontres/essai.md",
        replaced("programmes:", "programe:"),
        (6, "programe", "vouliez-vous dire « programmes »"),
    ),
    (
        "missing summary",
        "rencontres/essai.md",
        replaced("summary: Un essai.\n", ""),
        (1, "summary", "champ obligatoire manquant"),
    ),
    (
        "title type",
        "rencontres/essai.md",
        replaced("title: Essai", "title: 2018"),
        (2, "title", "doit être un texte"),
    ),
    (
        "malformed date",
        "rencontres/essai.md",
        replaced("2019-05-04", "04/05/2019"),
        (3, "date", "dans l’ordre année-mois-jour, 2019-05-04"),
    ),
    (
        "impossible date",
        "rencontres/essai.md",
        replaced("2019-05-04", "2019-02-30"),
        (3, "date", "ce jour n’existe pas"),
    ),
    (
        "partial date",
        "rencontres/essai.md",
        replaced("2019-05-04", "2019-05"),
        (3, "modified", "jour de mise en ligne"),
    ),
    (
        "unknown programme",
        "rencontres/essai.md",
        replaced("[prog-a]", "[prog-c]"),
        (6, "programmes", "« prog-c » n’existe pas"),
    ),
    (
        "unknown person",
        "rencontres/essai.md",
        replaced("[marie-durand]", "[marie-durant]"),
        (5, "interviewees", "vouliez-vous dire « marie-durand »"),
    ),
    (
        "unknown series",
        "rencontres/essai.md",
        replaced("serie-essai", "autre-serie"),
        (7, "series", "« autre-serie » n’existe pas"),
    ),
    (
        "duplicate slug",
        "rencontres/essai.md",
        replaced("title: Essai", "title: Essai\nslug: premier"),
        (3, "slug", "déjà celle de"),
    ),
    (
        "missing image",
        "rencontres/essai.md",
        body("![Une photo]({static}/images/absente.jpg)"),
        (14, "lien", "ne mène à aucun fichier"),
    ),
    (
        "image without alt",
        "rencontres/essai.md",
        body("![]({static}/images/paul-petit.png)"),
        (14, "image", "sans texte alternatif"),
    ),
    (
        "html image without alt",
        "rencontres/essai.md",
        body('<img src="/images/paul-petit.png">'),
        (14, "image", "sans texte alternatif"),
    ),
    (
        "broken filename link",
        "rencontres/essai.md",
        body("Voir [ici]({filename}absent.md)."),
        (14, "lien", "ne mène à aucun fichier"),
    ),
    (
        "site path to nowhere",
        "rencontres/essai.md",
        body("Voir [la page](/nulle-part/)."),
        (14, "lien", "aucune page du site"),
    ),
    (
        "relative link",
        "rencontres/essai.md",
        body("Voir [la page](../premier.md)."),
        (14, "lien", "lien relatif"),
    ),
    (
        "javascript link",
        "rencontres/essai.md",
        body("[clic](javascript:alert(1))"),
        (14, "lien", "javascript"),
    ),
    (
        "script",
        "rencontres/essai.md",
        body("<script>alert(1)</script>"),
        (14, "html", "<script> interdite"),
    ),
    (
        "iframe",
        "rencontres/essai.md",
        body('<iframe src="https://exemple.com/video"></iframe>'),
        (14, "html", "<iframe> interdit"),
    ),
    (
        "event attribute",
        "rencontres/essai.md",
        body('<a href="/" onclick="x()">a</a>'),
        (14, "html", "on…="),
    ),
    (
        "style attribute",
        "rencontres/essai.md",
        body('<span style="color:red">rouge</span>'),
        (14, "html", "style="),
    ),
    (
        "no question",
        "rencontres/essai.md",
        GOOD.replace("## Une question ?\n\n", ""),
        (9, "questions", "aucune question"),
    ),
    (
        "skipped level",
        "rencontres/essai.md",
        body("#### Détail"),
        (14, "titres", "niveau de titre sauté"),
    ),
    (
        "level one heading",
        "rencontres/essai.md",
        body("# Grand titre"),
        (14, "titres", "réservé au titre"),
    ),
    (
        "unknown status",
        "rencontres/essai.md",
        replaced("title: Essai", "title: Essai\nstatus: brouillon"),
        (3, "status", "statut inconnu"),
    ),
    (
        "themes not a list",
        "rencontres/essai.md",
        replaced("title: Essai", "title: Essai\nthemes: Emploi"),
        (3, "themes", "doit être une liste"),
    ),
    (
        "portrait without alt",
        "personnes/lea-roux.md",
        "---\ntitle: Léa Roux\nportrait: images/paul-petit.png\n---\n",
        (3, "portrait_alt", "texte alternatif"),
    ),
]


def test_the_matrix_is_large_enough_and_each_case_is_its_own():
    assert len(CASES) >= 25
    assert len({case for case, *_ in CASES}) == len(CASES)
    assert len({text for _, _, text, _ in CASES}) == len(CASES), "deux cas identiques"
    for case, _, text, (line, _, _) in CASES:
        # A case changes the clean interview, and its problem is on a
        # line of the file.
        assert text != GOOD, case
        assert 1 <= line <= len((text or GOOD).splitlines()), case


def test_the_interview_the_cases_break_has_no_error(tmp_path):
    """Each case is one problem only because GOOD has none."""
    content = content_with(tmp_path, "rencontres/essai.md", GOOD)
    assert [str(p) for p in check_site(content, settings()) if p.severity == "erreur"] == []


def test_clean_content_has_no_problem():
    problems = check_site(FIXTURE, settings())
    assert [p for p in problems if p.severity != "note"] == []
    assert exit_status(problems, strict=True) == 0


@pytest.mark.parametrize(("case", "relative", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_one_problem(tmp_path, case, relative, text, expected):
    content = content_with(tmp_path, relative, text)
    problems = [p for p in check_site(content, settings()) if p.severity == "erreur"]
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
    content = content_with(tmp_path, "rencontres/essai.md", text)
    problems = [
        (p.line, p.field) for p in check_site(content, settings()) if p.severity == "erreur"
    ]
    assert problems == [(3, "date"), (6, "programe"), (14, "html"), (16, "titres")]


def test_the_validation_never_writes_into_the_settings():
    """validate(content, settings) is pure with respect to the settings:
    two builds in one process, or check then build, see the same ones."""
    import copy

    from plugins.content_model.validation import validate
    from tests.helpers import site_settings

    ours = site_settings()
    before = copy.deepcopy({k: v for k, v in ours.items() if k != "MARKDOWN"})
    keys = set(ours)
    validate(FIXTURE, ours)
    validate(FIXTURE, ours)
    assert set(ours) == keys
    assert {k: v for k, v in ours.items() if k != "MARKDOWN"} == before
