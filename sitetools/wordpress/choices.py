"""The editor's mapping file, content/import-wordpress.yaml: its first
version (``propose``), what in it the import cannot follow
(``choice_problems``), and the choice for one WordPress term. Pure."""

from __future__ import annotations

from .site import SLUG, Site
from .text import plain_text
from .wxr import Export

# « Non classé » is WordPress's default category: it says nothing.
DEFAULT_CATEGORIES = {"uncategorized", "non-classe", "sans-categorie"}


def propose(export: Export, site: Site) -> dict:
    """The first mapping: a category named like a programme file leads
    to it; « Non classé » is ignored; other terms become themes; authors
    named in full get a person file."""
    categories = {}
    for term in sorted(export.categories.values(), key=lambda t: t.slug):
        slug = site.slug(plain_text(term.name))
        if term.slug in DEFAULT_CATEGORIES:
            categories[term.slug] = {"ignorer": True}
        elif slug in site.programmes:
            categories[term.slug] = {"programme": slug}
        else:
            categories[term.slug] = {"theme": plain_text(term.name)}
    tags = {
        t.slug: {"theme": plain_text(t.name)}
        for t in sorted(export.tags.values(), key=lambda t: t.slug)
    }
    authors = {}
    for login, author in sorted(export.authors.items()):
        full = f"{author.first_name} {author.last_name}".strip()
        authors[login] = site.slug(full) if author.first_name and author.last_name else None
    return {"categories": categories, "etiquettes": tags, "auteurs": authors, "entretiens": {}}


def choice_problems(choices: dict, site: Site) -> list[tuple[str, str, str]]:
    """What the editor's mapping says that the import cannot follow:
    (group, key, French message), all at once."""
    problems = []
    for group in ("categories", "etiquettes"):
        for key, choice in (choices.get(group) or {}).items():
            if not isinstance(choice, dict) or len(choice) != 1:
                problems.append(
                    (group, key, "attendu {programme: …}, {theme: …} ou {ignorer: true}.")
                )
                continue
            ((kind, value),) = choice.items()
            if kind == "programme" and value not in site.programmes:
                known = ", ".join(sorted(site.programmes)) or "aucun"
                problems.append(
                    (group, key, f"programme « {value} » inconnu (content/programmes/ : {known}).")
                )
            elif kind == "theme" and not (isinstance(value, str) and site.slug(value)):
                problems.append((group, key, "un thème est un nom avec des lettres."))
            elif kind not in ("programme", "theme", "ignorer"):
                problems.append((group, key, f"« {kind} » inconnu : programme, theme ou ignorer."))
    for key, slug in (choices.get("auteurs") or {}).items():
        if slug is not None and not (isinstance(slug, str) and SLUG.match(slug)):
            problems.append(("auteurs", key, f"« {slug} » n’est pas un identifiant de fiche."))
    for key, slugs in (choices.get("entretiens") or {}).items():
        if not isinstance(slugs, list) or not all(
            isinstance(s, str) and SLUG.match(s) for s in slugs
        ):
            problems.append(
                ("entretiens", key, "attendu une liste d’identifiants, ex. [prenom-nom].")
            )
    return problems


def term_choice(choices: dict, group: str, slug: str, name: str) -> dict:
    choice = (choices.get(group) or {}).get(slug)
    if isinstance(choice, dict):
        return choice
    return {"theme": plain_text(name)} if name else {"ignorer": True}
