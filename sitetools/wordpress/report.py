"""The import's report, in French Markdown (import-wordpress.rapport.md,
beside content/). Pure: the same import gives the same text, so a second
run does not change it. Counts first; then what a person must look at
(« à revoir »), apart from what the import changed on its own
(« corrigé automatiquement ») and from the content check's lines."""

from __future__ import annotations

from .mapping import Plan
from .write import Outcome

# Post types of plugins, as an editor knows them.
TYPE_NAMES = {
    "product": "produit (WooCommerce)",
    "product_variation": "variante de produit (WooCommerce)",
    "shop_order": "commande (WooCommerce, données de clients)",
    "shop_order_refund": "remboursement (WooCommerce)",
    "shop_coupon": "code promo (WooCommerce)",
    "wpcf7_contact_form": "formulaire de contact (Contact Form 7)",
    "acf-field-group": "groupe de champs (ACF)",
    "acf-field": "champ (ACF)",
    "nav_menu_item": "élément de menu",
    "revision": "révision",
    "wp_block": "bloc réutilisable",
    "wp_template": "modèle de thème",
    "wp_template_part": "partie de modèle de thème",
    "wp_navigation": "menu de navigation",
    "wp_global_styles": "styles du thème",
    "custom_css": "CSS personnalisé",
    "feedback": "message reçu (Jetpack)",
    "jetpack_migration": "donnée de Jetpack",
    "oembed_cache": "cache d’intégrations",
    "customize_changeset": "réglage du thème",
    "user_request": "demande de données personnelles",
}


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render(
    export_name: str,
    site_url: str,
    plan: Plan,
    outcome: Outcome,
    checked: list[str],
    errors: int = 0,
) -> str:
    published = sum(e.status == "publié" for e in plan.entries)
    drafts = sum(e.status == "brouillon" for e in plan.entries)
    review = [f"- {_cell(what)} : {why}" for what, why in plan.needs_human]
    review += [f"- `{p}` modifié depuis le dernier import : non écrasé" for p in outcome.edited]
    review += [f"- `{p}` supprimé depuis le dernier import : non recréé" for p in outcome.deleted]
    review += [
        f"- `{p}` existe déjà et ne vient pas de l’import : laissé tel quel"
        for p in outcome.foreign
    ]
    review += [f"- {line}" for line in outcome.distrusted]
    fixed = [f"- {_cell(what)} : {how}" for what, how in plan.fixed]
    fixed += [
        f"- `{p}` retiré : l’export ne le donne plus à cet endroit (déplacé ou supprimé)"
        for p in outcome.removed
    ]
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
        f"| contenus publiés | {published} |",
        f"| brouillons | {drafts} |",
        f"| non importés (autres types, détail plus bas) | {sum(plan.others.values())} |",
        f"| redirections (content/redirections.yaml) | {len(plan.redirects)} |",
        f"| anciennes adresses non redirigées | {len(plan.refused_redirects)} |",
        f"| points à revoir | {len(review)} |",
        f"| corrections automatiques | {len(fixed)} |",
        f"| erreurs de la vérification (invoke check) | {errors} |",
    ]
    for what, number in sorted(plan.counts.items()):
        lines.append(f"| {_cell(what)} | {number} |")
    lines += [
        f"| fichiers à copier depuis --uploads | {len(plan.copies)} |",
        f"| commentaires approuvés (non importés : le site n’en publie pas) | {plan.comments} |",
        "",
        "## À revoir",
        "",
    ]
    lines += review or ["Rien."]
    lines += ["", "## Corrigé automatiquement", ""]
    lines += fixed or ["Rien."]
    lines += ["", "## Non importés : autres types de contenu", ""]
    if plan.others:
        lines += ["| type WordPress | ce que c’est | nombre |", "| --- | --- | ---: |"]
        for kind, number in sorted(plan.others.items()):
            name = TYPE_NAMES.get(kind, "type d’une extension")
            lines.append(f"| `{_cell(kind)}` | {name} | {number} |")
    else:
        lines.append("Aucun : l’export ne contient que des articles, des pages et des fichiers.")
    lines += [
        "",
        "## Anciennes adresses non redirigées",
        "",
        "Ces adresses auraient été refusées par la vérification : l’import ne les écrit pas.",
        "",
    ]
    lines += [f"- `{_cell(old)}` : {why}" for old, why in plan.refused_redirects] or ["Aucune."]
    lines += ["", "## Vérification du contenu (invoke check)", ""]
    lines += [f"- {line}" for line in checked] or ["Aucune erreur ni aucun avertissement."]
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
