"""The content model: every file's front matter is checked against its
kind's schema (schema.py), references between files (programmes,
people, series) are resolved into objects for the templates, and
themes become Pelican tags (one page per theme).

All problems of a build are reported together, each as
``file:line: field: message`` in French, and the build stops (exit
status 1) before anything is written.
"""

from __future__ import annotations

import sys

from pelican import signals
from pelican.urlwrappers import Tag

from .schema import Problem, check_fields, check_references, kind_of, referenced_slugs

def themes_as_tags(generator, metadata):
    """``themes: [Emploi et insertion]`` → Pelican tags (/themes/<slug>/)."""
    themes = metadata.get("themes")
    if isinstance(themes, list):
        metadata["tags"] = [Tag(str(theme), generator.settings) for theme in themes]


def _all_contents(generators):
    for generator in generators:
        for name in ("articles", "drafts", "pages", "hidden_pages", "draft_pages"):
            yield from getattr(generator, name, [])


def _entry(content) -> dict | None:
    source_file = content.metadata.get("source_file")
    kind = kind_of(source_file) if source_file else None
    if kind is None:
        return None
    key_lines = content.metadata.get("key_lines", {})
    written = {key: content.metadata[key] for key in key_lines if key in content.metadata}
    if "date" in key_lines and "publication" in content.metadata:
        written["date"] = content.metadata["publication"]
    return {
        "file": source_file,
        "folder": kind.folder,
        "slug": content.slug,
        "metadata": written,
        "key_lines": key_lines,
        "content": content,
    }


def check_and_link(generators):
    entries = [entry for entry in map(_entry, _all_contents(generators)) if entry]
    problems = []
    for entry in entries:
        problems += check_fields(entry["file"], entry["metadata"], entry["key_lines"])
        # What earlier stages could not read (french_dates: dates).
        problems += [Problem(entry["file"], line, field, message)
                     for field, line, message in entry["content"].metadata.get("content_problems", [])]
    problems += check_references(entries)
    errors = sorted(p for p in problems if p.severity == "erreur")
    if errors:
        # Straight to stderr and out, not through Pelican's logger: a
        # logged error under --fatal becomes a traceback, which editors
        # do not need. The build stops before writing anything.
        sys.stderr.write(
            f"Le contenu a {len(errors)} problème(s) ; rien n’a été construit :\n"
            + "".join(f"  {problem}\n" for problem in errors)
        )
        raise SystemExit(1)
    _link(entries)


def _link(entries):
    """Replace slugs by the objects they name, both ways."""
    pages = {(e["folder"], e["slug"]): e["content"] for e in entries}
    for entry in entries:
        content = entry["content"]
        content.referenced_by = []
    for entry in entries:
        content, metadata = entry["content"], entry["metadata"]
        if entry["folder"] != "rencontres":
            continue
        content.programme_pages = [
            pages["programmes", slug] for slug in referenced_slugs("programmes", metadata.get("programmes"))
        ]
        content.series_page = (
            pages["series", metadata["series"]] if "series" in metadata else None
        )
        content.people = [
            _person(pages["personnes", slug], item)
            for slug, item in zip(
                referenced_slugs("interviewees", metadata["interviewees"]),
                metadata["interviewees"],
                strict=True,
            )
        ]
        content.mentioned_people = [
            pages["personnes", slug] for slug in referenced_slugs("mentions", metadata.get("mentions"))
        ]
        if content.status != "published":
            continue  # drafts link out, nothing published links to them
        targets = content.programme_pages + content.mentioned_people
        targets += [person["page"] for person in content.people]
        if content.series_page:
            targets.append(content.series_page)
        for target in dict.fromkeys(targets):
            target.referenced_by.append(content)
    for entry in entries:
        entry["content"].referenced_by.sort(key=lambda article: article.date, reverse=True)


def _person(page, item) -> dict:
    """An interviewee: the person's page, with the role and organisation
    at the time of the interview when the interview gives them."""
    overrides = item if isinstance(item, dict) else {}
    return {
        "page": page,
        "name": page.title,
        "role": overrides.get("role", page.metadata.get("role")),
        "organisation": overrides.get("organisation", page.metadata.get("organisation")),
    }


def register():
    signals.article_generator_context.connect(themes_as_tags)
    signals.all_generators_finalized.connect(check_and_link)
