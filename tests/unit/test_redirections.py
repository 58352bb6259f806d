"""plugins/redirections/core.py: REDIRECTS (and content/redirections.yaml)
written for Apache, nginx and Netlify-style hosts; an untrusted value can
never add a directive. (On real servers: tests/e2e/test_servers.py.)"""

from __future__ import annotations

import pytest

from plugins.redirections import core

REDIRECTS = {
    "/feed/": "/flux/rencontres.atom.xml",
    "/category/centsept-labs/": "/programmes/centsept-labs/",
    "/?p=12": "/entretien/",
    "/?page_id=3": "/contact/",
    "/ancienne": "/nouvelle/",
}


def test_apache_rules():
    rules = core.apache(REDIRECTS, "https://www.exemple.test").splitlines()
    assert "  RewriteRule ^feed/?$ https://www.exemple.test/flux/rencontres.atom.xml [R=301,L]" in (
        rules
    )
    assert (
        "  RewriteRule ^category/centsept\\-labs/?$ "
        "https://www.exemple.test/programmes/centsept-labs/ [R=301,L]"
    ) in rules
    position = rules.index("  RewriteCond %{QUERY_STRING} (^|&)p=12(&|$)")
    assert rules[position + 1] == (
        "  RewriteRule ^(index\\.php)?$ https://www.exemple.test/entretien/ [R=301,L,QSD]"
    )


def test_nginx_directives():
    text = core.nginx(REDIRECTS)
    assert 'location = "/feed/" { return 301 "/flux/rencontres.atom.xml"; }' in text
    assert 'location = "/feed" { return 301 "/flux/rencontres.atom.xml"; }' in text
    assert 'location = "/ancienne/" { return 301 "/nouvelle/"; }' in text
    assert (
        'if ($request_uri ~ "^/(index\\.php)?\\?([^#]*&)?page_id=3(&|#|$)") '
        '{ return 301 "/contact/"; }'
    ) in text


def test_netlify_lines():
    lines = core.netlify(REDIRECTS).splitlines()
    assert "/feed/ /flux/rencontres.atom.xml 301" in lines
    assert "/ p=12 /entretien/ 301" in lines
    assert "/index.php p=12 /entretien/ 301" in lines


HOSTILE = [
    ("/a/\nRewriteRule ^ http://evil.test [R]", "/x/"),
    ('/a" ; return 200 "x', "/x/"),
    ("/a/ } location / { return 200; }", "/x/"),
    ("/a/", "/x/ [R=302]"),
    ("/a/", '/x/"; return 200 "'),
    ("/a/", "https://evil.test/"),
    ("/a/", "//evil.test/"),
    ("/../etc/", "/x/"),
    ("/a/", "/../x/"),
    ("/a%0a/", "/x/"),
    ("/a/$1/", "/x/"),
    ("/?p=1&q=2", "/x/"),
    ("/?p=1\nx", "/x/"),
    ("/page?p=1", "/x/"),
    ("/", "/x/"),
    ("a/", "/x/"),
    ("/ancienne-page\n", "/x/"),
    ("/ancienne-page", "/pagefind/\n"),
    ("/a/", "/x/#y\nRewriteRule"),
    ("/.well-known/acme-challenge/x", "/x/"),
    ("/.htaccess", "/x/"),
    ("/%2e%2e/x/", "/x/"),
    ("/%2e/x/", "/x/"),
    ("/a%20b/", "/x/"),
    ("/a b/", "/x/"),
    ("/a\u202e/", "/x/"),
    ("/a\u2028/", "/x/"),
    ("/x%", "/x/"),
    ("/%ff/", "/x/"),
    ("/a//b/", "/x/"),
    ("/" + "a" * 600, "/x/"),
    (12, "/x/"),
]


def test_french_wordpress_slugs_are_redirected_as_servers_match_them():
    """« l’or » as WordPress wrote it (percent-encoded) or typed: nginx and
    Apache match the decoded form, _redirects gets both."""
    for old in ("/l%e2%80%99or/", "/l’or/"):
        assert core.address_problem(old, "/x/") is None
        assert 'location = "/l’or/" { return 301 "/x/"; }' in core.nginx({old: "/x/"})
        assert "RewriteRule ^l’or/?$ /x/ [R=301,L]" in core.apache({old: "/x/"})
        assert core.netlify({old: "/x/"}).splitlines() == [
            "/l’or/ /x/ 301",
            "/l%E2%80%99or/ /x/ 301",
        ]


@pytest.mark.parametrize(("old", "new"), HOSTILE)
def test_hostile_values_are_refused_and_never_written(old, new):
    assert core.address_problem(old, new)
    for writer in (core.apache, core.nginx, core.netlify):
        assert writer({old: new}) == ""


def test_load_names_the_line_of_each_problem():
    text = (
        "# commentaire\n"
        "/ancienne/: /nouvelle/\n"
        '"/a\\nb": /x/\n'
        "/b/: https://ailleurs.test/\n"
        "/ancienne/: /encore/\n"
    )
    found, problems = core.load(text)
    assert found == {"/ancienne/": "/nouvelle/"}
    assert [line for line, _ in problems] == [3, 4, 5]
    assert "deux fois" in problems[-1][1]


def test_load_reports_unreadable_yaml():
    found, problems = core.load("/a/: [\n")
    assert found == {} and problems and problems[0][1].startswith("YAML illisible")
