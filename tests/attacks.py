"""Attacks on the content, each written into a copy of the fixture site
with where the validation must point: shared by the unit layer (every
attack through the one validation: tests/unit/test_content_matrices.py)
and the build layer (a few through the build: tests/build/test_security.py)."""

from __future__ import annotations

from tests.content_edits import append, replace, symlink, write

# Planted outside content/: must never be published.
SECRET = "SECRET-HORS-CONTENU-4242"


PREMIER = "rencontres/premier.md"
PERSON = "personnes/paul-petit.md"
PAGE = "pages/a-propos.md"
REDIRECTS = "redirections.yaml"
DEPTH = "../" * 12  # more than enough to reach / from any temporary folder

ATTACKS = [
    # 1. Files outside content/
    ("attach etc", append(PAGE, f"[x]({{attach}}{DEPTH}etc/hostname)"), (PAGE, 7, "lien")),
    ("static etc", append(PAGE, f"[x]({{static}}/{DEPTH}etc/hostname)"), (PAGE, 7, "lien")),
    ("filename secret", append(PAGE, "[x]({filename}../../secret.txt)"), (PAGE, 7, "lien")),
    ("image etc", append(PAGE, f"![x]({{static}}{DEPTH}etc/hostname)"), (PAGE, 7, "lien")),
    (
        "html img etc",
        append(PAGE, f'<img alt="x" src="{{attach}}{DEPTH}etc/hostname">'),
        (PAGE, 7, "lien"),
    ),
    ("symlink txt", symlink("images/env.txt", "/etc/passwd"), ("images/env.txt", 1, "fichier")),
    ("symlink png", symlink("images/x.png", "{secret}"), ("images/x.png", 1, "fichier")),
    ("symlink page", symlink("pages/lien.md", "{secret}"), ("pages/lien.md", 1, "fichier")),
    ("symlink folder", symlink("images/dossier", "/etc"), ("images/dossier", 1, "fichier")),
    (
        "portrait etc",
        replace(PERSON, "portrait: images/paul-petit.png", "portrait: ../secret.txt"),
        (PERSON, 5, "portrait"),
    ),
    (
        "portrait missing",
        replace(PERSON, "portrait: images/paul-petit.png", "portrait: images/paul-petit.jpeg"),
        (PERSON, 5, "portrait"),
    ),
    # 2. Markup in front matter
    (
        "title script",
        replace(PREMIER, "title: Premier entretien", "title: Premier <script>alert(1)</script>"),
        (PREMIER, 2, "title"),
    ),
    (
        "title img",
        replace(PREMIER, "title: Premier entretien", "title: '<img src=x onerror=alert(1)>'"),
        (PREMIER, 2, "title"),
    ),
    (
        "title entity",
        replace(PREMIER, "title: Premier entretien", "title: '&lt;script&gt;'"),
        (PREMIER, 2, "title"),
    ),
    (
        "title comment",
        replace(PREMIER, "title: Premier entretien", "title: 'a <!-- b'"),
        (PREMIER, 2, "title"),
    ),
    (
        "summary script",
        replace(
            PREMIER,
            "summary: Le premier entretien d’essai.",
            "summary: '<script>alert(1)</script>'",
        ),
        (PREMIER, 4, "summary"),
    ),
    (
        "summary javascript link",
        replace(
            PREMIER,
            "summary: Le premier entretien d’essai.",
            "summary: '[clic](javascript:alert(1))'",
        ),
        (PREMIER, 4, "summary"),
    ),
    (
        "summary uppercase tag",
        replace(PREMIER, "summary: Le premier entretien d’essai.", "summary: 'a <SCRIPT SRC=//x>'"),
        (PREMIER, 4, "summary"),
    ),
    (
        "theme",
        replace(PREMIER, "themes: [Emploi]", "themes: ['\"><script src=/images/x.js></script>']"),
        (PREMIER, 8, "themes"),
    ),
    ("role", replace(PERSON, "role:", "role: <b>x</b>\nrole_old:"), (PERSON, 3, "role")),
    (
        "organisation",
        replace(PERSON, "organisation:", "organisation: '</title><script>'\norg:"),
        (PERSON, 4, "organisation"),
    ),
    (
        "portrait_alt",
        replace(PERSON, "portrait_alt:", "portrait_alt: '<svg onload=alert(1)>'\nalt:"),
        (PERSON, 6, "portrait_alt"),
    ),
    (
        "interviewee role",
        replace(
            PREMIER,
            "interviewees: [marie-durand]",
            "interviewees: [{person: marie-durand, role: '<i>x</i>'}]",
        ),
        (PREMIER, 6, "interviewees"),
    ),
    (
        "a_completer",
        replace(PAGE, "summary:", "a_completer: '<iframe src=//x>'\nsummary:"),
        (PAGE, 3, "a_completer"),
    ),
    ("url", replace(PAGE, "summary:", "url: 'a&b<c\"/'\nsummary:"), (PAGE, 3, "url")),
    (
        "url javascript",
        replace(PAGE, "summary:", "url: 'javascript:alert(1)'\nsummary:"),
        (PAGE, 3, "url"),
    ),
    (
        "save_as traversal",
        replace(PAGE, "summary:", "save_as: ../../pwned.html\nsummary:"),
        (PAGE, 3, "save_as"),
    ),
    (
        "save_as absolute",
        replace(PAGE, "summary:", "save_as: /tmp/pwned.html\nsummary:"),
        (PAGE, 3, "save_as"),
    ),
    (
        "template traversal",
        replace(PAGE, "summary:", "template: ../../etc/passwd\nsummary:"),
        (PAGE, 3, "template"),
    ),
    (
        "template unknown",
        replace(PAGE, "summary:", "template: htaccess\nsummary:"),
        (PAGE, 3, "template"),
    ),
    # 3. Files that would run on the site's origin
    ("js", write("images/x.js", "alert(1)"), ("images/x.js", 1, "fichier")),
    ("html", write("images/x.html", "<script>alert(1)</script>"), ("images/x.html", 1, "fichier")),
    ("svg", write("images/x.svg", "<svg onload='alert(1)'/>"), ("images/x.svg", 1, "fichier")),
    ("wasm", write("images/x.wasm", b"\x00asm\x01\x00\x00\x00"), ("images/x.wasm", 1, "fichier")),
    ("js named png", write("images/x.png", "alert(1)"), ("images/x.png", 1, "fichier")),
    ("no extension", write("images/LISEZMOI", "x"), ("images/LISEZMOI", 1, "fichier")),
    ("attach js", append(PAGE, "[x]({attach}../images/x.js)"), (PAGE, 7, "lien")),
    # 5. Characters and YAML
    (
        "title vertical tab",
        replace(PREMIER, "title: Premier entretien", 'title: "Premier\\ventretien"'),
        (PREMIER, 2, "title"),
    ),
    (
        "theme escape",
        replace(PREMIER, "themes: [Emploi]", 'themes: ["Emploi\\e[31m"]'),
        (PREMIER, 8, "themes"),
    ),
    (
        "title bidi",
        replace(PREMIER, "title: Premier entretien", 'title: "Premier \\u202eentretien"'),
        (PREMIER, 2, "title"),
    ),
    (
        "title noncharacter",
        replace(PREMIER, "title: Premier entretien", 'title: "Premier\\uffffentretien"'),
        (PREMIER, 2, "title"),
    ),
    (
        "duplicate status",
        replace(
            PREMIER,
            "title: Premier entretien",
            "status: draft\ntitle: Premier entretien\nstatus: published",
        ),
        (PREMIER, 4, "status"),
    ),
    (
        "alias bomb",
        replace(
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
        replace(
            PREMIER, "title: Premier entretien", "title: !!python/object/apply:os.system ['id']"
        ),
        (PREMIER, 2, "title"),
    ),
    # Body HTML
    ("body script", append(PAGE, "<script>alert(1)</script>"), (PAGE, 7, "html")),
    ("body event", append(PAGE, '<p onclick="alert(1)">x</p>'), (PAGE, 7, "html")),
    (
        "body iframe",
        append(PAGE, '<iframe src="https://exemple.org/"></iframe>'),
        (PAGE, 7, "html"),
    ),
    ("body javascript link", append(PAGE, "[clic](javascript:alert(1))"), (PAGE, 7, "lien")),
    ("script split over lines", append(PAGE, "<script\n>alert(1)</script>"), (PAGE, 7, "html")),
    (
        "script in indented div",
        append(PAGE, "<div>\n    <script>alert(1)</script>\n</div>"),
        (PAGE, 8, "html"),
    ),
    (
        "uppercase script",
        append(PAGE, "<SCRIPT SRC=//exemple.org/x.js></SCRIPT>"),
        (PAGE, 7, "html"),
    ),
    (
        "inline img onerror",
        append(PAGE, "Texte <img alt=x src=x onerror=alert(1)> suite"),
        (PAGE, 7, "html"),
    ),
    (
        "entity javascript",
        append(PAGE, '<a href="jav&#x09;ascript:alert(1)">x</a>'),
        (PAGE, 7, "lien"),
    ),
    (
        "mixed case javascript",
        append(PAGE, '<a href="JaVaScRiPt:alert(1)">x</a>'),
        (PAGE, 7, "lien"),
    ),
    (
        "reference javascript",
        append(PAGE, "[clic][x]\n\n[x]: javascript:alert(1)"),
        (PAGE, 9, "lien"),
    ),
    ("svg script", append(PAGE, "<svg><script>alert(1)</script></svg>"), (PAGE, 7, "html")),
    (
        "object",
        append(PAGE, '<object data="https://exemple.org/x.swf"></object>'),
        (PAGE, 7, "html"),
    ),
    (
        "form",
        append(PAGE, '<form action="https://exemple.org/"><input name=x></form>'),
        (PAGE, 7, "html"),
    ),
    ("base", append(PAGE, '<base href="https://exemple.org/">'), (PAGE, 7, "html")),
    (
        "data url",
        append(PAGE, '<a href="data:text/html,<script>alert(1)</script>">x</a>'),
        (PAGE, 7, "lien"),
    ),
    # Found in review: Pelican copies {static}/{attach} from any attribute
    (
        "attach in cite",
        append(PAGE, '<q cite="{attach}../../secret.txt">citation</q>'),
        (PAGE, 7, "lien"),
    ),
    (
        "attach with a title",
        append(PAGE, "[b]({attach}../../secret.txt 'titre')"),
        (PAGE, 7, "lien"),
    ),
    ("pipe spelling", append(PAGE, "[x](|attach|../../secret.txt)"), (PAGE, 7, "lien")),
    (
        "hidden svg",
        lambda c: (
            write("pages/.x.svg", "<svg><script>alert(1)</script></svg>")(c),
            append(PAGE, "[s]({static}.x.svg)")(c),
        ),
        (PAGE, 7, "lien"),
    ),
    (
        "summary attribute list",
        replace(
            PREMIER,
            "summary: Le premier entretien d’essai.",
            "summary: 'Un *mot*{: onmouseover=alert(1) }'",
        ),
        (PREMIER, 4, "summary"),
    ),
    (
        "summary JavaScript link",
        replace(
            PREMIER,
            "summary: Le premier entretien d’essai.",
            "summary: '[clic](JavaScript:alert(2))'",
        ),
        (PREMIER, 4, "summary"),
    ),
    (
        "summary remote image",
        replace(
            PREMIER,
            "summary: Le premier entretien d’essai.",
            "summary: '![p](https://evil.example/t.png)'",
        ),
        (PREMIER, 4, "summary"),
    ),
    (
        "comment opening",
        append(PAGE, 'A <!--> <img alt="a" src=x onerror=alert(1)> --> B'),
        (PAGE, 7, "html"),
    ),
    (
        "cdata",
        append(PAGE, 'A <![CDATA[><img alt="a" src=x onerror=alert(2)>]]> B'),
        (PAGE, 7, "html"),
    ),
    ("remote image", append(PAGE, "![p](https://evil.example/p.png)"), (PAGE, 7, "html")),
    (
        "ping",
        append(PAGE, '<a href="/a-propos/" ping="https://evil.example/">x</a>'),
        (PAGE, 7, "html"),
    ),
    ("plaintext", append(PAGE, "<plaintext>"), (PAGE, 7, "html")),
    (
        "save_as hidden",
        replace(PAGE, "summary:", "save_as: pages/.htaccess\nsummary:"),
        (PAGE, 3, "save_as"),
    ),
    (
        "symlink loop",
        symlink("images/boucle.png", "boucle.png"),
        ("images/boucle.png", 1, "fichier"),
    ),
    (
        "broken symlink",
        symlink("rencontres/casse.md", "absent.md"),
        ("rencontres/casse.md", 1, "fichier"),
    ),
    # 6. Redirects (content/redirections.yaml → .htaccess, nginx, _redirects)
    (
        "redirect newline directive",
        write(
            REDIRECTS, '/ok/: /rencontres/\n"/a/\\nRewriteRule ^ https://evil.example [R]": /x/\n'
        ),
        (REDIRECTS, 2, "redirection"),
    ),
    (
        "redirect nginx block",
        write(REDIRECTS, '"/a/ } location / { return 200; }": /rencontres/\n'),
        (REDIRECTS, 1, "redirection"),
    ),
    (
        "redirect nginx quote",
        write(REDIRECTS, "/a/: '/rencontres/\"; return 200 \"x'\n"),
        (REDIRECTS, 1, "redirection"),
    ),
    (
        "redirect apache flags",
        write(REDIRECTS, "/a/: /rencontres/ [R=302,L]\n"),
        (REDIRECTS, 1, "redirection"),
    ),
    (
        "redirect other site",
        write(REDIRECTS, "/a/: https://evil.example/\n"),
        (REDIRECTS, 1, "redirection"),
    ),
    (
        "redirect scheme-relative",
        write(REDIRECTS, "/a/: //evil.example/\n"),
        (REDIRECTS, 1, "redirection"),
    ),
    (
        "redirect dotdot",
        write(REDIRECTS, "/../../etc/: /rencontres/\n"),
        (REDIRECTS, 1, "redirection"),
    ),
    (
        "redirect backreference",
        write(REDIRECTS, "/a/$1/: /rencontres/\n"),
        (REDIRECTS, 1, "redirection"),
    ),
    (
        "redirect query injection",
        write(REDIRECTS, '"/?p=1 [OR]": /rencontres/\n'),
        (REDIRECTS, 1, "redirection"),
    ),
    (
        "redirect hides a page",
        write(REDIRECTS, "/a-propos/: /rencontres/\n"),
        (REDIRECTS, 1, "redirection"),
    ),
    ("redirect nowhere", write(REDIRECTS, "/a/: /nulle-part/\n"), (REDIRECTS, 1, "redirection")),
    ("redirect not yaml", write(REDIRECTS, "/a/: [\n"), (REDIRECTS, 2, "redirection")),
]
