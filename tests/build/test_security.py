"""Content is untrusted input (CI builds strangers' merge requests).

Each attack is written into a copy of the fixture site. For each one,
``invoke check``'s validation and the build refuse it with the same
(file, line, field), the build writes nothing, and no file from outside
content/ can reach the output.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from plugins.content_model.problems import ContentError
from sitetools.check import check_site
from tests.helpers import FIXTURE, ROOT

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
# Planted outside content/: must never be published.
SECRET = "SECRET-HORS-CONTENU-4242"


def _replace(relative: str, old: str, new: str):
    def apply(content: Path):
        path = content / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def _write(relative: str, data: bytes | str):
    def apply(content: Path):
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)

    return apply


def _symlink(relative: str, target: str):
    def apply(content: Path):
        link = content / relative
        link.parent.mkdir(parents=True, exist_ok=True)
        resolved = target.replace("{secret}", str(content.parent / "secret.txt"))
        os.symlink(resolved, link)

    return apply


def _body(relative: str, addition: str):
    def apply(content: Path):
        path = content / relative
        path.write_text(path.read_text(encoding="utf-8") + "\n" + addition + "\n", encoding="utf-8")

    return apply


PREMIER = "rencontres/premier.md"
PERSON = "personnes/paul-petit.md"
PAGE = "pages/a-propos.md"
DEPTH = "../" * 12  # more than enough to reach / from any temporary folder

ATTACKS = [
    # 1. Files outside content/
    ("attach etc", _body(PAGE, f"[x]({{attach}}{DEPTH}etc/hostname)"), (PAGE, 7, "lien")),
    ("static etc", _body(PAGE, f"[x]({{static}}/{DEPTH}etc/hostname)"), (PAGE, 7, "lien")),
    ("filename secret", _body(PAGE, "[x]({filename}../../secret.txt)"), (PAGE, 7, "lien")),
    ("image etc", _body(PAGE, f"![x]({{static}}{DEPTH}etc/hostname)"), (PAGE, 7, "lien")),
    (
        "html img etc",
        _body(PAGE, f'<img alt="x" src="{{attach}}{DEPTH}etc/hostname">'),
        (PAGE, 7, "lien"),
    ),
    ("symlink txt", _symlink("images/env.txt", "/etc/passwd"), ("images/env.txt", 1, "fichier")),
    ("symlink png", _symlink("images/x.png", "{secret}"), ("images/x.png", 1, "fichier")),
    ("symlink page", _symlink("pages/lien.md", "{secret}"), ("pages/lien.md", 1, "fichier")),
    ("symlink folder", _symlink("images/dossier", "/etc"), ("images/dossier", 1, "fichier")),
    (
        "portrait etc",
        _replace(PERSON, "portrait: images/paul-petit.png", "portrait: ../secret.txt"),
        (PERSON, 5, "portrait"),
    ),
    (
        "portrait missing",
        _replace(PERSON, "portrait: images/paul-petit.png", "portrait: images/paul-petit.jpeg"),
        (PERSON, 5, "portrait"),
    ),
    # 2. Markup in front matter
    (
        "title script",
        _replace(PREMIER, "title: Premier entretien", "title: Premier <script>alert(1)</script>"),
        (PREMIER, 2, "title"),
    ),
    (
        "title img",
        _replace(PREMIER, "title: Premier entretien", "title: '<img src=x onerror=alert(1)>'"),
        (PREMIER, 2, "title"),
    ),
    (
        "title entity",
        _replace(PREMIER, "title: Premier entretien", "title: '&lt;script&gt;'"),
        (PREMIER, 2, "title"),
    ),
    (
        "title comment",
        _replace(PREMIER, "title: Premier entretien", "title: 'a <!-- b'"),
        (PREMIER, 2, "title"),
    ),
    (
        "summary script",
        _replace(
            PREMIER,
            "summary: Le premier entretien d’essai.",
            "summary: '<script>alert(1)</script>'",
        ),
        (PREMIER, 4, "summary"),
    ),
    (
        "summary javascript link",
        _replace(
            PREMIER,
            "summary: Le premier entretien d’essai.",
            "summary: '[clic](javascript:alert(1))'",
        ),
        (PREMIER, 4, "summary"),
    ),
    (
        "summary uppercase tag",
        _replace(
            PREMIER, "summary: Le premier entretien d’essai.", "summary: 'a <SCRIPT SRC=//x>'"
        ),
        (PREMIER, 4, "summary"),
    ),
    (
        "theme",
        _replace(PREMIER, "themes: [Emploi]", "themes: ['\"><script src=/images/x.js></script>']"),
        (PREMIER, 8, "themes"),
    ),
    ("role", _replace(PERSON, "role:", "role: <b>x</b>\nrole_old:"), (PERSON, 3, "role")),
    (
        "organisation",
        _replace(PERSON, "organisation:", "organisation: '</title><script>'\norg:"),
        (PERSON, 4, "organisation"),
    ),
    (
        "portrait_alt",
        _replace(PERSON, "portrait_alt:", "portrait_alt: '<svg onload=alert(1)>'\nalt:"),
        (PERSON, 6, "portrait_alt"),
    ),
    (
        "interviewee role",
        _replace(
            PREMIER,
            "interviewees: [marie-durand]",
            "interviewees: [{person: marie-durand, role: '<i>x</i>'}]",
        ),
        (PREMIER, 6, "interviewees"),
    ),
    (
        "a_completer",
        _replace(PAGE, "summary:", "a_completer: '<iframe src=//x>'\nsummary:"),
        (PAGE, 3, "a_completer"),
    ),
    ("url", _replace(PAGE, "summary:", "url: 'a&b<c\"/'\nsummary:"), (PAGE, 3, "url")),
    (
        "url javascript",
        _replace(PAGE, "summary:", "url: 'javascript:alert(1)'\nsummary:"),
        (PAGE, 3, "url"),
    ),
    (
        "save_as traversal",
        _replace(PAGE, "summary:", "save_as: ../../pwned.html\nsummary:"),
        (PAGE, 3, "save_as"),
    ),
    (
        "save_as absolute",
        _replace(PAGE, "summary:", "save_as: /tmp/pwned.html\nsummary:"),
        (PAGE, 3, "save_as"),
    ),
    (
        "template traversal",
        _replace(PAGE, "summary:", "template: ../../etc/passwd\nsummary:"),
        (PAGE, 3, "template"),
    ),
    (
        "template unknown",
        _replace(PAGE, "summary:", "template: htaccess\nsummary:"),
        (PAGE, 3, "template"),
    ),
    # 3. Files that would run on the site's origin
    ("js", _write("images/x.js", "alert(1)"), ("images/x.js", 1, "fichier")),
    ("html", _write("images/x.html", "<script>alert(1)</script>"), ("images/x.html", 1, "fichier")),
    ("svg", _write("images/x.svg", "<svg onload='alert(1)'/>"), ("images/x.svg", 1, "fichier")),
    ("wasm", _write("images/x.wasm", b"\x00asm\x01\x00\x00\x00"), ("images/x.wasm", 1, "fichier")),
    ("js named png", _write("images/x.png", "alert(1)"), ("images/x.png", 1, "fichier")),
    ("no extension", _write("images/LISEZMOI", "x"), ("images/LISEZMOI", 1, "fichier")),
    ("attach js", _body(PAGE, "[x]({attach}../images/x.js)"), (PAGE, 7, "lien")),
    # 5. Characters and YAML
    (
        "title vertical tab",
        _replace(PREMIER, "title: Premier entretien", 'title: "Premier\\ventretien"'),
        (PREMIER, 2, "title"),
    ),
    (
        "theme escape",
        _replace(PREMIER, "themes: [Emploi]", 'themes: ["Emploi\\e[31m"]'),
        (PREMIER, 8, "themes"),
    ),
    (
        "title bidi",
        _replace(PREMIER, "title: Premier entretien", 'title: "Premier \\u202eentretien"'),
        (PREMIER, 2, "title"),
    ),
    (
        "title noncharacter",
        _replace(PREMIER, "title: Premier entretien", 'title: "Premier\\uffffentretien"'),
        (PREMIER, 2, "title"),
    ),
    (
        "duplicate status",
        _replace(
            PREMIER,
            "title: Premier entretien",
            "status: draft\ntitle: Premier entretien\nstatus: published",
        ),
        (PREMIER, 4, "status"),
    ),
    (
        "alias bomb",
        _replace(
            PREMIER,
            "title: Premier entretien",
            "title: Premier entretien\nx0: &x0 [a, a, a, a, a, a, a, a, a]\n"
            + "\n".join(
                f"x{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * 9) + "]" for i in range(1, 8)
            ),
        ),
        (PREMIER, 3, "en-tête"),
    ),
    (
        "python tag",
        _replace(
            PREMIER, "title: Premier entretien", "title: !!python/object/apply:os.system ['id']"
        ),
        (PREMIER, 2, "title"),
    ),
    # Body HTML
    ("body script", _body(PAGE, "<script>alert(1)</script>"), (PAGE, 7, "html")),
    ("body event", _body(PAGE, '<p onclick="alert(1)">x</p>'), (PAGE, 7, "html")),
    ("body iframe", _body(PAGE, '<iframe src="https://exemple.org/"></iframe>'), (PAGE, 7, "html")),
    ("body javascript link", _body(PAGE, "[clic](javascript:alert(1))"), (PAGE, 7, "lien")),
    ("script split over lines", _body(PAGE, "<script\n>alert(1)</script>"), (PAGE, 7, "html")),
    (
        "script in indented div",
        _body(PAGE, "<div>\n    <script>alert(1)</script>\n</div>"),
        (PAGE, 8, "html"),
    ),
    (
        "uppercase script",
        _body(PAGE, "<SCRIPT SRC=//exemple.org/x.js></SCRIPT>"),
        (PAGE, 7, "html"),
    ),
    (
        "inline img onerror",
        _body(PAGE, "Texte <img alt=x src=x onerror=alert(1)> suite"),
        (PAGE, 7, "html"),
    ),
    (
        "entity javascript",
        _body(PAGE, '<a href="jav&#x09;ascript:alert(1)">x</a>'),
        (PAGE, 7, "lien"),
    ),
    (
        "mixed case javascript",
        _body(PAGE, '<a href="JaVaScRiPt:alert(1)">x</a>'),
        (PAGE, 7, "lien"),
    ),
    (
        "reference javascript",
        _body(PAGE, "[clic][x]\n\n[x]: javascript:alert(1)"),
        (PAGE, 9, "lien"),
    ),
    ("svg script", _body(PAGE, "<svg><script>alert(1)</script></svg>"), (PAGE, 7, "html")),
    (
        "object",
        _body(PAGE, '<object data="https://exemple.org/x.swf"></object>'),
        (PAGE, 7, "html"),
    ),
    (
        "form",
        _body(PAGE, '<form action="https://exemple.org/"><input name=x></form>'),
        (PAGE, 7, "html"),
    ),
    ("base", _body(PAGE, '<base href="https://exemple.org/">'), (PAGE, 7, "html")),
    (
        "data url",
        _body(PAGE, '<a href="data:text/html,<script>alert(1)</script>">x</a>'),
        (PAGE, 7, "lien"),
    ),
    # Found in review: Pelican copies {static}/{attach} from any attribute
    (
        "attach in cite",
        _body(PAGE, '<q cite="{attach}../../secret.txt">citation</q>'),
        (PAGE, 7, "lien"),
    ),
    (
        "attach with a title",
        _body(PAGE, "[b]({attach}../../secret.txt 'titre')"),
        (PAGE, 7, "lien"),
    ),
    ("pipe spelling", _body(PAGE, "[x](|attach|../../secret.txt)"), (PAGE, 7, "lien")),
    (
        "hidden svg",
        lambda c: (
            _write("pages/.x.svg", "<svg><script>alert(1)</script></svg>")(c),
            _body(PAGE, "[s]({static}.x.svg)")(c),
        ),
        (PAGE, 7, "lien"),
    ),
    (
        "summary attribute list",
        _replace(
            PREMIER,
            "summary: Le premier entretien d’essai.",
            "summary: 'Un *mot*{: onmouseover=alert(1) }'",
        ),
        (PREMIER, 4, "summary"),
    ),
    (
        "summary JavaScript link",
        _replace(
            PREMIER,
            "summary: Le premier entretien d’essai.",
            "summary: '[clic](JavaScript:alert(2))'",
        ),
        (PREMIER, 4, "summary"),
    ),
    (
        "summary remote image",
        _replace(
            PREMIER,
            "summary: Le premier entretien d’essai.",
            "summary: '![p](https://evil.example/t.png)'",
        ),
        (PREMIER, 4, "summary"),
    ),
    (
        "comment opening",
        _body(PAGE, 'A <!--> <img alt="a" src=x onerror=alert(1)> --> B'),
        (PAGE, 7, "html"),
    ),
    (
        "cdata",
        _body(PAGE, 'A <![CDATA[><img alt="a" src=x onerror=alert(2)>]]> B'),
        (PAGE, 7, "html"),
    ),
    ("remote image", _body(PAGE, "![p](https://evil.example/p.png)"), (PAGE, 7, "html")),
    (
        "ping",
        _body(PAGE, '<a href="/a-propos/" ping="https://evil.example/">x</a>'),
        (PAGE, 7, "html"),
    ),
    ("plaintext", _body(PAGE, "<plaintext>"), (PAGE, 7, "html")),
    (
        "save_as hidden",
        _replace(PAGE, "summary:", "save_as: pages/.htaccess\nsummary:"),
        (PAGE, 3, "save_as"),
    ),
    (
        "symlink loop",
        _symlink("images/boucle.png", "boucle.png"),
        ("images/boucle.png", 1, "fichier"),
    ),
    (
        "broken symlink",
        _symlink("rencontres/casse.md", "absent.md"),
        ("rencontres/casse.md", 1, "fichier"),
    ),
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
    ("attack", "expected"), [(a, e) for _, a, e in ATTACKS], ids=[name for name, _, _ in ATTACKS]
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
