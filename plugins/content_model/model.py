"""The content model's interface for the other plugins and the theme.

- ``all_contents(generators)``: every content object of a build, of
  every status (published, hidden, draft) and language; the one walk
  over Pelican's lists.
- ``kind(content)``: its kind (kinds.Kind, from the build's
  CONTENT_KINDS), from its folder.
- ``link(contents)``: turns references into objects. Afterwards every
  content has these attributes (always present, never to be guessed
  with ``getattr``):

  ``people``            interviewees: dicts with ``page`` (the person's
                        page), ``name``, ``role``, ``organisation``
                        (as of the interview)
  ``programme_pages``   the programme pages it names
  ``series_page``       its series' page, or None
  ``mentioned_people``  person pages it mentions
  ``referenced_by``     published interviews that name this page,
                        newest first

No Pelican import: content objects are used through their attributes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from . import kinds as kinds_
from .fields import People
from .kinds import Kind, kind_of, reference_targets

# Pelican's lists of contents, on ArticlesGenerator and PagesGenerator.
CONTENT_LISTS = (
    "articles",
    "hidden_articles",
    "drafts",
    "pages",
    "hidden_pages",
    "draft_pages",
    "translations",
    "hidden_translations",
    "drafts_translations",
    "draft_translations",
)


def published_contents(generators: Iterable) -> Iterator:
    """What this build publishes: Pelican's articles and pages lists."""
    for generator in generators:
        yield from getattr(generator, "articles", ())
        yield from getattr(generator, "pages", ())


def all_contents(generators: Iterable) -> Iterator:
    """Every content of every generator, each once."""
    seen = set()
    for generator in generators:
        for name in CONTENT_LISTS:
            for content in getattr(generator, name, ()):
                if id(content) not in seen:
                    seen.add(id(content))
                    yield content


def kind(content) -> Kind | None:
    """From the file's path below content/ (Pelican's relative_source_path)."""
    source = getattr(content, "relative_source_path", None)
    if not source:
        return None
    return kind_of(source, content.settings.get("CONTENT_KINDS", kinds_.KINDS))


def is_interview(content) -> bool:
    found = kind(content)
    return found is not None and found.article


def link(contents: list) -> None:
    """Replace slugs by the contents they name, both ways. References
    were checked by the validation: every slug names a content."""
    by_slug = {}
    for content in contents:
        content.people, content.programme_pages, content.mentioned_people = [], [], []
        content.series_page = None
        content.referenced_by = []
        found = kind(content)
        if found is not None:
            by_slug[found.folder, content.slug] = content
    for content in contents:
        found = kind(content)
        if found is None:
            continue
        metadata = content.metadata
        for name, target in reference_targets(found).items():
            field = found.fields[name]
            value = metadata.get(name)
            if value is None:
                continue
            pages = [by_slug[target.folder, slug] for slug in field.slugs(value)]
            if isinstance(field, People):
                content.people = [
                    _person(page, item) for page, item in zip(pages, value, strict=True)
                ]
            elif target is kinds_.PROGRAMME:
                content.programme_pages = pages
            elif target is kinds_.SERIES:
                content.series_page = pages[0]
            elif target is kinds_.PERSON:
                content.mentioned_people = pages
        if content.status != "published":
            continue  # drafts and hidden interviews link out; nothing published links to them
        targets = content.programme_pages + content.mentioned_people
        targets += [person["page"] for person in content.people]
        if content.series_page is not None:
            targets.append(content.series_page)
        for target in dict.fromkeys(targets):
            target.referenced_by.append(content)
    for content in contents:
        content.referenced_by.sort(key=lambda interview: interview.date, reverse=True)


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
