"""The people of the plan: who an interview is with (the mapping
file, else its title), which WordPress authors get a person file, and
the person files themselves, drafts while only unpublished items name
them. Pure functions."""

from __future__ import annotations

import re

from .plan_types import Entry, Plan, Planned
from .site import SLUG, Site
from .text import plain_text
from .wxr import Export, Item

_INTERVIEWEE = re.compile(
    r"(?:[Ee]ntretien|[Rr]encontre|[Ii]nterview|[Pp]ortrait)s?\s+(?:avec|de|d’|d')\s*"
    r"(?P<name>[A-ZÀ-Ý][\w’'-]+(?:\s+(?:de\s+|d[’']|le\s+)?[A-ZÀ-Ý][\w’'-]+){1,3})"
)


def interviewees(item: Item, choices: dict, site: Site) -> list[tuple[str, str]]:
    """(slug, name) of the people interviewed: from the mapping file, else
    named in the title (« Entretien avec Prénom Nom »)."""
    chosen = (choices.get("entretiens") or {}).get(item.id) or (
        choices.get("entretiens") or {}
    ).get(int(item.id) if item.id.isdigit() else item.id)
    if isinstance(chosen, list) and chosen:
        # The editor gave slugs: a new person file is titled from it
        # (« dominique-essai » → « Dominique Essai »), to be checked.
        return [(str(s), str(s).replace("-", " ").title()) for s in chosen if SLUG.match(str(s))]
    match = _INTERVIEWEE.search(plain_text(item.title))
    if not match:
        return []
    name = match["name"].strip()
    return [(site.slug(name), name)]


def named_authors(export: Export, choices: dict, planned: list[Planned]) -> dict[str, str]:
    """Authors of a published item whom the mapping file gives a person
    slug (the proposal does when WordPress has a first and last name)."""
    wrote = {p.item.creator.lower() for p in planned if p.published}
    named = {}
    for login, slug in (choices.get("auteurs") or {}).items():
        login = str(login).lower()
        if isinstance(slug, str) and SLUG.match(slug) and login in wrote:
            author = export.authors.get(login)
            if author is not None and (author.first_name or author.last_name):
                named[login] = slug
    return named


def plan_person(result: Plan, slug: str, name: str, site: Site, published: bool) -> None:
    """A person file; a draft while only unpublished items name them
    (a private post must not reveal who it is about)."""
    path = f"personnes/{slug}.md"
    if slug in site.people:
        return
    planned = result.files.get(path)
    if planned is not None:
        if published and planned["meta"].get("status") == "draft":
            del planned["meta"]["status"]
            for entry in result.entries:
                if entry.file == f"content/{path}":
                    entry.new, entry.status = f"/personnes/{slug}/", "publié"
        return
    meta = {"title": name}
    if not published:
        meta["status"] = "draft"
    meta["a_completer"] = (
        "Fiche créée par l’import WordPress : ajoutez rôle, organisation, "
        "présentation et, si vous en avez une, une photo avec son texte alternatif."
    )
    result.files[path] = {"meta": meta, "body": "", "origin": "fiche de personne"}
    result.count("personnes")  # a line of the report, not the folder
    result.entries.append(
        Entry(
            "personne",
            name,
            "—",
            f"/personnes/{slug}/" if published else f"/brouillons/{slug}/",
            f"content/{path}",
            "publié" if published else "brouillon",
        )
    )
