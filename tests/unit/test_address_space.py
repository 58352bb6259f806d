"""The site's address space (plugins/content_model/addresses.py) and the
redirects it refuses: an attack matrix of hostile content/redirections.yaml
lines run through the one validation (the same that check, build,
livereload, preview and publish run), each refused on its own line with
a French message; the servers' side is tests/e2e/test_servers.py."""

import json

import pytest

from plugins.content_model.addresses import generated, server_forms
from plugins.content_model.validation import validate
from tests.helpers import FIXTURE, site_settings

# (old, new, words of the message). The fixture site has /a-propos/,
# /rencontres/ (the list), /programmes/prog-a/, /images/paul-petit.png.
HOSTILE = [
    # 1. The editor's configuration replaced by a « PDF » (issue 22.1).
    ("/admin/config.yml", "/images/paul-petit.png", "l’éditeur du site"),
    ("/admin", "/a-propos/", "l’éditeur du site"),
    ("/admin/", "/a-propos/", "l’éditeur du site"),
    ("/admin/index.html", "/a-propos/", "l’éditeur du site"),
    ("/%61dmin/", "/a-propos/", "l’éditeur du site"),
    # 2. Real pages, the 404 page, server files, in every form a server matches.
    ("/index.html", "/a-propos/", "adresse du site"),
    ("/404.html/", "/a-propos/", "adresse du site"),
    ("/a-propos", "/rencontres/", "adresse du site"),
    ("/a-propos/index.html", "/rencontres/", "adresse du site"),
    ("/rencontres", "/a-propos/", "adresse du site"),
    ("/robots.txt/", "/a-propos/", "adresse du site"),
    ("/robots.txt", "/a-propos/", "adresse du site"),
    ("/sitemap.xml/", "/a-propos/", "adresse du site"),
    ("/_redirects", "/a-propos/", "adresse du site"),
    ("/programmes/prog-a", "/a-propos/", "adresse du site"),
    ("/themes/", "/a-propos/", "adresse du site"),
    ("/rencontres/page/2/", "/a-propos/", "adresse du site"),
    # The news list, written by plugins/listings (not a DIRECT_TEMPLATES page).
    ("/actualites", "/a-propos/", "adresse du site"),
    ("/actualites/page/3/", "/a-propos/", "adresse du site"),
    ("/pagefind/pagefind.js", "/a-propos/", "l’index de recherche"),
    ("/pagefind", "/a-propos/", "l’index de recherche"),
    ("/theme/css/site.css", "/a-propos/", "les fichiers du thème"),
    ("/cartes/x.png", "/a-propos/", "les cartes de partage"),
    ("/brouillons/x/", "/a-propos/", "les brouillons"),
    ("/images/paul-petit.png", "/a-propos/", "adresse du site"),
    ("/%2Fa-propos/", "/rencontres/", "refusée"),
    # Hidden files and server folders never get a rule.
    ("/.well-known/acme-challenge/x", "/a-propos/", "refusée"),
    ("/.htaccess", "/a-propos/", "refusée"),
    # 3. Newlines and invisible characters (Apache 500, nginx header).
    ("/ancienne-page\n", "/a-propos/", "refusée"),
    ("/ancienne-page", "/pagefind/\n", "refusée"),
    ("/ancienne\u202e-page", "/a-propos/", "refusée"),
    ("/ancienne page", "/a-propos/", "refusée"),
    # Targets: pages of the site only (not files, not the build's folders).
    ("/guide/", "/images/paul-petit.png", "n’est pas une page du site"),
    ("/guide/", "/pagefind/pagefind.js", "n’est pas une page du site"),
    ("/guide/", "/robots.txt", "n’est pas une page du site"),
    ("/guide/", "/admin/", "n’est pas une page du site"),
    ("/guide/", "/inexistante/", "n’est pas une adresse du site"),
    ("/guide/", "https://evil.example/", "refusée"),
    ("/guide/", "//evil.example/", "refusée"),
]


def check(tmp_path, lines: dict) -> list:
    content = tmp_path / "content"
    import shutil

    shutil.copytree(FIXTURE, content)
    # JSON is YAML: every value quoted exactly, newlines included.
    text = "".join(f"{json.dumps(old)}: {json.dumps(new)}\n" for old, new in lines.items())
    (content / "redirections.yaml").write_text(text, encoding="utf-8")
    problems = validate(content, site_settings()).problems
    return [p for p in problems if p.file == "content/redirections.yaml"]


@pytest.mark.parametrize(("old", "new", "words"), HOSTILE, ids=[repr(c[:2]) for c in HOSTILE])
def test_a_hostile_redirect_is_refused_on_its_line(tmp_path, old, new, words):
    problems = check(tmp_path, {"/bonne/": "/a-propos/", old: new})
    assert len(problems) == 1, problems
    (problem,) = problems
    assert (problem.line, problem.field, problem.severity) == (2, "redirection", "erreur")
    assert words in problem.message


def test_at_least_thirty_hostile_redirects():
    assert len(HOSTILE) >= 30


def test_chains_and_loops_are_refused(tmp_path):
    problems = check(tmp_path, {"/a/": "/b/", "/b/": "/a-propos/", "/c/": "/d/", "/d/": "/c/"})
    assert {p.line for p in problems} == {1, 3, 4}
    assert all("redirigée" in p.message or "adresse du site" in p.message for p in problems)


def test_good_redirects_pass(tmp_path):
    assert (
        check(
            tmp_path,
            {
                "/ancienne/": "/a-propos/",
                "/category/labs/": "/programmes/prog-a/",
                "/l%e2%80%99or/": "/rencontres/",
                "/?p=12": "/a-propos/#contact",
                "/wp-content/uploads/2019/05/paul.png": "/images/paul-petit.png",
            },
        )
        == []
    )


def test_server_forms():
    assert server_forms("/a") == ["/a", "/a/"]
    assert server_forms("/a/index.html") == ["/a/index.html", "/a/", "/a/index.html/"]
    assert "/" in server_forms("/index.html")
    assert "/admin/" in server_forms("/%61dmin")


def test_the_build_owns_its_folders():
    space = generated(site_settings())
    for folder in ("/admin/", "/pagefind/", "/theme/", "/.well-known/", "/cartes/"):
        assert space.owner(folder + "x")
    assert {"rencontres", "programmes", "personnes", "themes", "admin", "pagefind"} <= (
        space.top_segments()
    )


def test_a_content_cannot_take_a_folder_of_the_build(tmp_path):
    content = tmp_path / "content"
    import shutil

    shutil.copytree(FIXTURE, content)
    page = (content / "pages" / "a-propos.md").read_text(encoding="utf-8")
    (content / "pages" / "admin.md").write_text(page, encoding="utf-8")
    (content / "pages" / "pagefind.md").write_text(page, encoding="utf-8")
    problems = [p for p in validate(content, site_settings()).errors if p.field == "slug"]
    assert {p.file for p in problems} == {"content/pages/admin.md", "content/pages/pagefind.md"}


def test_a_redirect_to_a_page_production_does_not_publish_is_refused(tmp_path):
    """A person no published interview names has no page online yet
    (publication.py): an old address sent there would answer 404."""
    content = tmp_path / "content"
    import shutil

    shutil.copytree(FIXTURE, content)
    (content / "personnes" / "inconnue.md").write_text("---\ntitle: Inconnue\n---\n", "utf-8")
    (content / "redirections.yaml").write_text(
        "/auteur/inconnue/: /personnes/inconnue/\n/bonne/: /a-propos/\n", encoding="utf-8"
    )
    problems = [
        p for p in validate(content, site_settings()).errors if p.file.endswith("redirections.yaml")
    ]
    assert [(p.line, p.field) for p in problems] == [(1, "redirection")]
    assert "le site publié ne l’a pas" in problems[0].message


def test_a_feed_written_by_a_template_is_a_page_a_redirect_may_lead_to():
    """The news feed is a template page in production (publishconf.py):
    old feed addresses of the WordPress site lead there."""
    space = generated(site_settings("publishconf.py"))
    assert space.is_page("/flux/actualites.atom.xml")
    assert not space.is_page("/robots.txt") and not space.is_page("/sitemap.xml")


def test_the_news_list_and_its_pages_are_pages_a_redirect_may_lead_to():
    """Archive, category and tag addresses of imported news lead to
    /actualites/, which plugins/listings writes (not Pelican's
    DIRECT_TEMPLATES): the address space still knows it, and its pages."""
    space = generated(site_settings())
    assert space.is_page("/actualites/")
    assert space.is_page("/rencontres/")


def test_the_fingerprint_is_short_and_follows_every_answer():
    """The body checks' memo key holds it once per file: a short digest,
    the same for the same addresses, another when any answer changes."""
    from plugins.content_model.addresses import Addresses

    def site(**changes):
        fields = {
            "exact": {"/a/": "page", "/b.pdf": "fichier"},
            "prefixes": ("/actualites/",),
            "reserved": {"/admin/": "l’éditeur"},
            "files": {"/b.pdf"},
            "server": {"/404.html": "page d’erreur"},
        }
        return Addresses(**{**fields, **changes})

    assert site().fingerprint() == site().fingerprint()
    assert len(site().fingerprint()) == 32
    for changes in (
        {"exact": {"/a/": "page", "/c.pdf": "fichier"}},
        {"exact": {"/a/": "programme", "/b.pdf": "fichier"}},
        {"prefixes": ()},
        {"reserved": {}},
        {"files": set()},
        {"server": {}},
    ):
        assert site(**changes).fingerprint() != site().fingerprint(), changes
