"""What the editing loop's rebuilds rest on (plugins/incremental/core.py):
which templates may show what a content draws from its body."""

from __future__ import annotations

import re

from plugins.content_model.kinds import CONTENT_TEMPLATES
from plugins.incremental.core import OWN_PAGE_ONLY, SHOWS_BODIES
from sitetools.build import ROOT

TEMPLATES = ROOT / "theme" / "templates"
# A body, or what is drawn from it, as a template reaches it.
FROM_A_BODY = re.compile(
    r"\.content\b|\bpull_quote\b|"
    + "|".join(rf"\b{name}\b" for name in sorted(OWN_PAGE_ONLY) if not name.startswith("_"))
)
INCLUDE = re.compile(r"""\{%-?\s*(?:include|import|from|extends)\s+["']([^"']+)["']""")


def included_by() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for template in TEMPLATES.rglob("*"):
        if template.is_file():
            name = template.relative_to(TEMPLATES).as_posix()
            for target in INCLUDE.findall(template.read_text(encoding="utf-8")):
                found.setdefault(target, set()).add(name)
    return found


def pages_using(name: str, includers: dict[str, set[str]], seen=()) -> set[str]:
    """The templates that render ``name``: itself, or those that include it."""
    if name not in includers:
        return {name}
    found = set()
    for includer in includers[name] - set(seen):
        found |= pages_using(includer, includers, (*seen, name))
    return found


def test_only_a_contents_own_page_or_a_page_made_every_time_shows_a_body():
    """An edit of a body alone rewrites its page and the pages made at
    every rebuild; a list that showed some body (the home page's pull
    quote) without being in SHOWS_BODIES would keep the old one."""
    includers = included_by()
    allowed = {f"{name}.html" for name in (*CONTENT_TEMPLATES, *SHOWS_BODIES)}
    showing = [
        template.relative_to(TEMPLATES).as_posix()
        for template in TEMPLATES.rglob("*.html")
        if FROM_A_BODY.search(template.read_text(encoding="utf-8"))
    ]
    assert "index.html" in showing and "article.html" in showing  # the pattern finds them
    for name in showing:
        assert pages_using(name, includers) <= allowed, name


def test_the_pattern_finds_a_body_shown_by_a_partial():
    assert FROM_A_BODY.search("{{ interview.reading_minutes }}")
    assert FROM_A_BODY.search("{{ featured.content|pull_quote }}")
    assert not FROM_A_BODY.search("{{ interview.summary }}")
    includers = {
        "partials/a.html": {"tag.html", "partials/b.html"},
        "partials/b.html": {"index.html"},
    }
    assert pages_using("partials/a.html", includers) == {"tag.html", "index.html"}
