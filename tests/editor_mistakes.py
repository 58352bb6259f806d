"""Editors' likely mistakes, each written into a copy of the fixture
site, with where the validation must point: shared by the in-process
tests (tests/build) and the command-line ones (tests/e2e)."""

from __future__ import annotations

import re

from tests.content_edits import append, rename, replace, together, write

P1, P2, P3 = "rencontres/premier.md", "rencontres/deuxieme.md", "rencontres/troisieme.md"
PERSON, PROG, SERIE, PAGE = (
    "personnes/paul-petit.md",
    "programmes/prog-a.md",
    "series/serie-essai.md",
    "pages/a-propos.md",
)
ENGLISH = re.compile(r"\b(found|expected|mapping|Traceback|Error|error|not allowed|could not)\b")


BODY = "\n## Une question ?\n\nUne réponse.\n"
# (name, mistake, (file under content/, line, field))
MISTAKES = [
    # Files
    ("no front matter", write("rencontres/nu.md", BODY), ("rencontres/nu.md", 1, "en-tête")),
    (
        "front matter not closed",
        replace(PROG, "summary: Un programme d’essai.\n---", "summary: Un programme d’essai."),
        (PROG, 1, "en-tête"),
    ),
    ("empty file", write("pages/vide.md", ""), ("pages/vide.md", 1, "en-tête")),
    (
        "latin-1",
        write("pages/latin.md", "---\ntitle: Été\nsummary: x\n---\n".encode("latin-1")),
        ("pages/latin.md", 2, "encodage"),
    ),
    (".txt", rename(P3, "troisieme.txt"), ("rencontres/troisieme.txt", 1, "fichier")),
    (".MD", rename(P3, "troisieme.MD"), ("rencontres/troisieme.MD", 1, "fichier")),
    (
        ".docx in rencontres",
        write("rencontres/entretien.docx", b"PK\x03\x04"),
        ("rencontres/entretien.docx", 1, "fichier"),
    ),
    ("file at the root", write("perdu.md", "---\ntitle: x\n---\n"), ("perdu.md", 1, "-")),
    ("unknown folder", write("articles/x.md", "---\ntitle: x\n---\n"), ("articles/x.md", 1, "-")),
    (
        "image not an image",
        write("images/photo.jpg", "pas une image"),
        ("images/photo.jpg", 1, "fichier"),
    ),
    # YAML
    ("tab", replace(P1, "date: 2018-01-01", "\tdate: 2018-01-01"), (P1, 3, "date")),
    (
        "colon in title",
        replace(P1, "title: Premier entretien", "title: Entretien : Émilie"),
        (P1, 2, "title"),
    ),
    (
        "unclosed quote",
        replace(P1, "summary: Le premier", 'summary: "Le premier'),
        (P1, 4, "summary"),
    ),
    (
        "unclosed bracket",
        replace(P1, "programmes: [prog-a]", "programmes: [prog-a"),
        (P1, 7, "programmes"),
    ),
    ("no colon", replace(P1, "date: 2018-01-01", "date 2018-01-01"), (P1, 3, "en-tête")),
    ("indented key", replace(P1, "date: 2018-01-01", "  date: 2018-01-01"), (P1, 3, "date")),
    ("at sign", replace(P1, "title: Premier entretien", "title: @Premier"), (P1, 2, "title")),
    (
        "duplicate key",
        replace(P1, "series: serie-essai", "series: serie-essai\nseries: serie-essai"),
        (P1, 6, "series"),
    ),
    (
        "list not mapping",
        write("pages/liste.md", "---\n- a\n- b\n---\n"),
        ("pages/liste.md", 2, "en-tête"),
    ),
    # Interview fields
    ("missing title", replace(P1, "title: Premier entretien\n", ""), (P1, 1, "title")),
    ("missing date", replace(P1, "date: 2018-01-01\n", ""), (P1, 1, "date")),
    (
        "missing summary",
        replace(P1, "summary: Le premier entretien d’essai.\n", ""),
        (P1, 1, "summary"),
    ),
    (
        "missing interviewees",
        replace(P1, "interviewees: [marie-durand]\n", ""),
        (P1, 1, "interviewees"),
    ),
    ("title is a number", replace(P1, "title: Premier entretien", "title: 2018"), (P1, 2, "title")),
    ("title empty", replace(P1, "title: Premier entretien", 'title: ""'), (P1, 2, "title")),
    ("month 13", replace(P1, "date: 2018-01-01", "date: 2018-13-45"), (P1, 3, "date")),
    ("day first", replace(P1, "date: 2018-01-01", "date: 31/02/2019"), (P1, 3, "date")),
    ("date in words", replace(P1, "date: 2018-01-01", "date: hier"), (P1, 3, "date")),
    ("impossible day", replace(P1, "date: 2018-01-01", "date: 2019-02-30"), (P1, 3, "date")),
    (
        "partial date without modified",
        replace(P1, "date: 2018-01-01", "date: 2018-01"),
        (P1, 3, "modified"),
    ),
    ("period backwards", replace(P2, "date: 2018-03", "date: 2018/2017"), (P2, 3, "date")),
    (
        "modified not a day",
        replace(P2, "modified: 2024-05-02", "modified: 2024-05"),
        (P2, 4, "modified"),
    ),
    (
        "status in French",
        replace(P1, "title: Premier entretien", "title: Premier entretien\nstatus: brouillon"),
        (P1, 3, "status"),
    ),
    ("misspelt key", replace(P1, "programmes:", "programe:"), (P1, 7, "programe")),
    (
        "interviewees empty",
        replace(P1, "interviewees: [marie-durand]", "interviewees: []"),
        (P1, 6, "interviewees"),
    ),
    ("unknown person", replace(P1, "[marie-durand]", "[marie-dupont]"), (P1, 6, "interviewees")),
    (
        "person with capitals",
        replace(P1, "[marie-durand]", "[Marie-Durand]"),
        (P1, 6, "interviewees"),
    ),
    (
        "unknown key for a person",
        replace(P2, "    role: Adjoint au maire", "    fonction: Adjoint"),
        (P2, 7, "interviewees"),
    ),
    ("unknown programme", replace(P1, "[prog-a]", "[prog-z]"), (P1, 7, "programmes")),
    # Issue 25.8: on the line of the typo, not the « programmes: » line.
    (
        "unknown programme in a list",
        replace(P1, "programmes: [prog-a]", "programmes:\n  - prog-a\n  - prog-z"),
        (P1, 9, "programmes"),
    ),
    (
        "unknown interviewee in a list",
        replace(
            P1,
            "interviewees: [marie-durand]",
            "interviewees:\n  - marie-durand\n  - person: paul-petiit\n    role: Élu",
        ),
        (P1, 8, "interviewees"),
    ),
    (
        "template text",
        replace(P1, "summary: Le premier entretien d’essai.", "summary: Chapô à rédiger."),
        (P1, 4, "summary"),
    ),
    ("template answer", append(P1, "Réponse."), (P1, 19, "texte")),
    (
        "programmes as text",
        replace(P1, "programmes: [prog-a]", "programmes: prog-a, prog-b"),
        (P1, 7, "programmes"),
    ),
    (
        "unknown series",
        replace(P1, "series: serie-essai", "series: serie-essay"),
        (P1, 5, "series"),
    ),
    (
        "unknown mention",
        replace(P2, "mentions: [marie-durand]", "mentions: [marie-du]"),
        (P2, 12, "mentions"),
    ),
    ("themes as text", replace(P1, "themes: [Emploi]", "themes: Emploi"), (P1, 8, "themes")),
    ("theme empty", replace(P1, "themes: [Emploi]", 'themes: [Emploi, ""]'), (P1, 8, "themes")),
    (
        "slug of a section",
        replace(P1, "title: Premier entretien", "title: Premier entretien\nslug: rencontres"),
        (P1, 3, "slug"),
    ),
    (
        "slug used twice",
        replace(P1, "title: Premier entretien", "title: Premier entretien\nslug: deuxieme"),
        (P1, 3, "slug"),
    ),
    (
        "slug with accent",
        replace(P1, "title: Premier entretien", "title: Premier entretien\nslug: prémier"),
        (P1, 3, "slug"),
    ),
    (
        "summary with HTML",
        replace(P1, "summary: Le premier entretien d’essai.", "summary: Le <b>premier</b>"),
        (P1, 4, "summary"),
    ),
    # People, programmes, series, pages
    (
        "portrait missing",
        replace(PERSON, "paul-petit.png", "paul-petit.jpeg"),
        (PERSON, 5, "portrait"),
    ),
    (
        "portrait without alt",
        replace(PERSON, "portrait_alt: Paul Petit, souriant, devant un mur de briques.\n", ""),
        (PERSON, 5, "portrait_alt"),
    ),
    ("person without name", replace(PERSON, "title: Paul Petit\n", ""), (PERSON, 1, "title")),
    ("role empty", replace(PERSON, "role: Fondateur", "role:"), (PERSON, 3, "role")),
    (
        "programme with an empty summary",
        replace(PROG, "summary: Un programme d’essai.", "summary: ''"),
        (PROG, 3, "summary"),
    ),
    (
        "series without summary",
        replace(SERIE, "summary: Trois entretiens d’essai.\n", ""),
        (SERIE, 1, "summary"),
    ),
    (
        "page with a date",
        replace(PAGE, "summary: Page d’essai.", "summary: Page d’essai.\ndate: 2020-01-01"),
        (PAGE, 4, "date"),
    ),
    (
        "unknown template",
        replace(PAGE, "summary: Page d’essai.", "summary: Page d’essai.\ntemplate: accueil"),
        (PAGE, 4, "template"),
    ),
    # Bodies
    ("heading level 1", append(P1, "# Un titre"), (P1, 19, "titres")),
    ("skipped heading level", append(P1, "#### Détail"), (P1, 19, "titres")),
    (
        "no question",
        write(
            "rencontres/sans-question.md",
            "---\ntitle: Sans\ndate: 2019-01-01\n"
            "summary: x\ninterviewees: [paul-petit]\n---\n\nTexte seul.\n",
        ),
        ("rencontres/sans-question.md", 7, "questions"),
    ),
    (
        "broken filename link",
        append(P1, "[lien]({filename}/rencontres/absent.md)"),
        (P1, 19, "lien"),
    ),
    ("unknown address", append(P1, "[lien](/nulle-part/)"), (P1, 19, "lien")),
    # Links to what production will not serve (issue 27.2)
    (
        "link to a draft",
        together(
            replace(P3, "title: Troisième entretien", "title: Troisième entretien\nstatus: draft"),
            append(P1, "[la suite]({filename}troisieme.md)"),
        ),
        (P1, 19, "lien"),
    ),
    (
        "link to a future interview",
        together(
            replace(P3, "date: 2019-06-15", "date: 2099-06-15"),
            append(P1, "[la suite](/troisieme/)"),
        ),
        (P1, 19, "lien"),
    ),
    (
        "link to a hidden page",
        together(
            replace(PAGE, "title:", "status: hidden\ntitle:"),
            append(P1, "[à propos]({filename}../pages/a-propos.md)"),
        ),
        (P1, 19, "lien"),
    ),
    ("misspelt filename link", append(P1, "[lien]({filename}deuxiemme.md)"), (P1, 19, "lien")),
    ("unknown theme link", append(P1, "[lien]({tag}inexistant)"), (P1, 19, "lien")),
    ("author link", append(P1, "[lien]({author}personne)"), (P1, 19, "lien")),
    ("category link", append(P1, "[lien]({category}rien)"), (P1, 19, "lien")),
    ("relative link", append(P1, "[lien](deuxieme.md)"), (P1, 19, "lien")),
    ("missing trailing slash", append(P1, "[lien](/deuxieme)"), (P1, 19, "lien")),
    ("empty link", append(P1, "[lien]()"), (P1, 19, "lien")),
    ("image without alt", append(P1, "![]({static}/images/paul-petit.png)"), (P1, 19, "image")),
    ("html image without alt", append(P1, '<img src="/images/paul-petit.png">'), (P1, 19, "image")),
    ("script", append(P1, "<script>alert(1)</script>"), (P1, 19, "html")),
    ("style attribute", append(P1, '<p style="color: red">Rouge</p>'), (P1, 19, "html")),
    # Found in review
    (
        "apostrophe in a quoted value",
        replace(P1, "summary: Le premier entretien d’essai.", "summary: 'L'emploi des jeunes'"),
        (P1, 4, "summary"),
    ),
    (
        "interview at a page's address",
        replace(P1, "title: Premier entretien", "title: Premier entretien\nslug: a-propos"),
        (P1, 3, "slug"),
    ),
    (
        "two kinds, one slug",
        write("series/prog-a.md", "---\ntitle: A\nsummary: x\n---\n"),
        ("series/prog-a.md", 2, "slug"),
    ),
    (
        "theme without letters",
        replace(P1, "themes: [Emploi]", 'themes: ["!!!"]'),
        (P1, 8, "themes"),
    ),
    (
        "list template",
        replace(PAGE, "summary: Page d’essai.", "summary: Page d’essai.\ntemplate: tag"),
        (PAGE, 4, "template"),
    ),
    (
        "person inside rencontres",
        write("rencontres/personnes/luc.md", "---\ntitle: Luc\n---\n"),
        ("rencontres/personnes/luc.md", 1, "date"),
    ),
    (
        "filename to an image",
        append(P1, "[p]({filename}../images/paul-petit.png)"),
        (P1, 19, "lien"),
    ),
    ("static to a page", append(P1, "[s]({static}deuxieme.md)"), (P1, 19, "lien")),
]
