"""The import's report, in French Markdown (import-wordpress.rapport.md,
beside content/). Pure: the same import gives the same text, so a second
run does not change it."""

from __future__ import annotations

from .mapping import Plan
from .write import Outcome


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render(
    export_name: str,
    site_url: str,
    plan: Plan,
    outcome: Outcome,
    checked: list[str],
) -> str:
    lines = [
        "# Import WordPress : rapport",
        "",
        f"Export : `{export_name}` (site d’origine : {site_url or 'inconnu'}).",
        "Correspondances catégories, étiquettes, auteurs : `content/import-wordpress.yaml`.",
        "",
        "## En bref",
        "",
        "| quoi | nombre |",
        "| --- | ---: |",
    ]
    for what, number in sorted(plan.counts.items()):
        lines.append(f"| {_cell(what)} | {number} |")
    lines += [
        f"| redirections (content/redirections.yaml) | {len(plan.redirects)} |",
        f"| fichiers à copier depuis --uploads | {len(plan.copies)} |",
        f"| commentaires approuvés (non importés : le site n’en publie pas) | {plan.comments} |",
        "",
        "## À voir par une personne",
        "",
    ]
    human = [f"- {_cell(title)} : {why}" for title, why in plan.needs_human]
    human += [f"- `{p}` modifié depuis le dernier import : non écrasé" for p in outcome.edited]
    human += [f"- `{p}` supprimé depuis le dernier import : non recréé" for p in outcome.deleted]
    human += [
        f"- `{p}` existe déjà et ne vient pas de l’import : laissé tel quel"
        for p in outcome.foreign
    ]
    human += [
        f"- `{p}` retiré : l’export ne le donne plus à cet endroit (déplacé ou supprimé)"
        for p in outcome.removed
    ]
    human += [f"- vérification : {line}" for line in checked]
    lines += human or ["Rien : tout a été importé sans intervention."]
    lines += [
        "",
        "## Contenus",
        "",
        "| type | titre | ancienne adresse | nouvelle adresse | statut | fichier |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for e in plan.entries:
        lines.append(
            f"| {_cell(e.kind)} | {_cell(e.title)} | `{_cell(e.old)}` | `{_cell(e.new)}` "
            f"| {_cell(e.status)} | {f'`{e.file}`' if e.file else '—'} |"
        )
    lines += ["", "## Redirections", "", "| ancienne adresse | nouvelle adresse |", "| --- | --- |"]
    for old, new in plan.redirects.items():
        lines.append(f"| `{_cell(old)}` | `{_cell(new)}` |")
    return "\n".join(lines) + "\n"
