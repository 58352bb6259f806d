"""A front matter checked against its kind's fields, and references
between files.

The rules themselves are the field types' (fields.py) and the kinds'
(kinds.py); this module applies them to one file, or to all of them for
references. Pure functions, no Pelican import: the build and ``invoke
check`` apply the same rules with the same French messages. A problem
names the file, the line and the field.
"""

from __future__ import annotations

import difflib

from .kinds import KINDS, kind_of, reference_targets
from .problems import Problem

# Files at the top of content/ that are data, not pages: the redirects
# of old addresses (checked by plugins/redirections) and the WordPress
# import's mapping (read by sitetools/wordpress).
DATA_FILES = ("redirections.yaml", "import-wordpress.yaml")

__all__ = ["DATA_FILES", "check_fields", "check_references"]


def check_fields(
    source_file: str, metadata: dict, key_lines: dict[str, int], kinds=KINDS
) -> list[Problem]:
    """Unknown, missing and mistyped fields of one file's front matter.

    ``metadata`` holds the values as YAML gave them; ``key_lines`` the
    line of each key the editor wrote.
    """
    kind = kind_of(source_file, kinds)
    if kind is None:
        folders = ", ".join(sorted(k.folder for k in kinds))
        return [
            Problem(
                source_file,
                1,
                "-",
                f"ce dossier n’est pas un dossier de contenu connu ({folders}).",
            )
        ]
    problems = []
    fields = kind.fields
    for key, line in key_lines.items():
        if key not in fields:
            hint = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
            suggestion = (
                f" ; vouliez-vous dire « {hint[0]} » ?"
                if hint
                else (f" ; champs possibles : {', '.join(sorted(fields))}.")
            )
            problems.append(Problem(source_file, line, key, f"clé inconnue « {key} »{suggestion}"))
    for key, field in fields.items():
        if field.missing_note and key not in key_lines and not field.required:
            problems.append(Problem(source_file, 1, key, field.missing_note, "note"))
    for key in kind.required:
        if key not in key_lines:
            problems.append(
                Problem(
                    source_file,
                    1,
                    key,
                    f"champ obligatoire manquant pour un contenu de type « {kind.name} » ; "
                    f"ajoutez une ligne « {key}: … » dans l’en-tête.",
                )
            )
    for key, line in key_lines.items():
        if key in fields and key in metadata:
            message = fields[key].problem(metadata[key])
            if message:
                problems.append(Problem(source_file, line, key, message))
            else:
                for other, related in fields[key].related_problems(key, metadata):
                    problems.append(Problem(source_file, line, other, related))
    return problems


def check_references(entries: list[dict], kinds=KINDS) -> list[Problem]:
    """References between files that lead nowhere, and slugs used twice.

    Each entry: ``file``, ``folder`` (its kind's folder), ``slug``,
    ``metadata`` (YAML values), ``key_lines`` and, optionally,
    ``item_lines`` (the line of each item of a list field).
    """
    problems = []
    known: dict[str, dict[str, str]] = {}
    articles = {kind.folder for kind in kinds if kind.article}
    # Pelican wants a slug once among articles, and once among pages of
    # every kind (a series and a programme may not share one).
    taken: dict[bool, dict[str, str]] = {True: {}, False: {}}
    # Of two files with one address, the one with a « slug: » line is the
    # likelier mistake: it is the one reported.
    for entry in sorted(entries, key=lambda e: ("slug" in e["key_lines"], e["file"])):
        known.setdefault(entry["folder"], {})[entry["slug"]] = entry["file"]
        by_slug = taken[entry["folder"] in articles]
        if entry["slug"] in by_slug:
            problems.append(
                Problem(
                    entry["file"],
                    entry["key_lines"].get("slug", entry["key_lines"].get("title", 1)),
                    "slug",
                    f"l’adresse « {entry['slug']} » est déjà celle de {by_slug[entry['slug']]} ; "
                    "changez le nom du fichier ou le « slug: ».",
                )
            )
        else:
            by_slug[entry["slug"]] = entry["file"]
    folders = {kind.folder: kind for kind in kinds}
    for entry in entries:
        kind = folders.get(entry["folder"])
        for key, target in (reference_targets(kind) if kind else {}).items():
            if key not in entry["metadata"]:
                continue
            existing = known.get(target.folder, {})
            item_lines = entry.get("item_lines", {}).get(key, [])
            for index, slug in enumerate(kind.fields[key].slugs(entry["metadata"][key])):
                if slug in existing:
                    continue
                candidates = difflib.get_close_matches(slug, existing, n=1)
                hint = (
                    f" ; vouliez-vous dire « {candidates[0]} » ?"
                    if candidates
                    else (f" ; créez d’abord le fichier content/{target.folder}/{slug}.md.")
                )
                # The line of the item when the list is one item a line.
                line = (
                    item_lines[index] if index < len(item_lines) else entry["key_lines"].get(key, 1)
                )
                problems.append(
                    Problem(
                        entry["file"],
                        line,
                        key,
                        f"« {slug} » n’existe pas dans content/{target.folder}/{hint}",
                    )
                )
    return problems
