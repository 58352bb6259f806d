"""What the web editor's form refuses before saving, and the words it
says: a small explicit interface between the content model and the
form. Pure functions, no Pelican import.

``field_rules(kind)`` and ``cross_field_rules(kind)`` come from the
field types (plugins/content_model/fields.py: each one's
``editor_rule()``, ``Text.max``, ``PartialDate.day_field``),
``body_rules()`` from html_safety. Nothing here restates a rule: it only
carries them to the browser (``editor_rules``, read by
theme/static/js/admin.js).

Why in the browser and not by asking the Python validation: the form
must work with every backend (decap-server on this machine, GitLab,
Forgejo, GitHub in the browser alone), where no server of ours runs;
the check and the build still judge every file after it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from plugins.content_model.fields import Day, PartialDate, Reference, Text
from plugins.content_model.html_safety import (
    FORBIDDEN_SCHEMES,
    FORBIDDEN_TAGS,
    LOADING_ATTRIBUTES,
    URL_ATTRIBUTES,
)
from plugins.content_model.kinds import KINDS, Kind
from plugins.french_typography.core import typeset_text


@dataclass(frozen=True)
class FieldRule:
    """What the form checks in one field, on its own."""

    pattern: str | None = None  # a regular expression Python and JavaScript both read
    message: str | None = None  # the French sentence shown, without its full stop
    max_length: int | None = None  # in characters, as Python's len() counts them


@dataclass(frozen=True)
class RequiredUnless:
    """``field`` must be filled unless ``other`` matches ``pattern``."""

    field: str
    other: str
    pattern: str
    message: str


# What the form says of a value over its limit ({longueur}: its length).
TOO_LONG = "{label} trop long : {longueur} caractères pour {max} au plus ; raccourcissez-le"


def form_fields(kind: Kind) -> dict:
    """The fields of ``kind`` the form shows, in the kind's order (only
    the page kind has the special pages' fields: kinds.py)."""
    return dict(kind.fields)


def field_rules(kind: Kind) -> dict[str, FieldRule]:
    """Each form field's own rule (only the fields that have one)."""
    rules = {}
    for name, field in form_fields(kind).items():
        if isinstance(field, Reference):
            continue  # chosen in a list: always a known identifier
        pattern, message = field.editor_rule() or (None, None)
        max_length = field.max if isinstance(field, Text) else None
        if pattern or max_length:
            rules[name] = FieldRule(pattern, message, max_length)
    return rules


def cross_field_rules(kind: Kind) -> tuple[RequiredUnless, ...]:
    """Rules between fields: a date not known to the day needs the day it
    went online (PartialDate's ``day_field``, the validation's rule)."""
    fields = form_fields(kind)
    rules = []
    for name, field in fields.items():
        day_field = fields.get(getattr(field, "day_field", ""))
        if isinstance(field, PartialDate) and isinstance(day_field, Day):
            day = day_field.editor_rule()[0].removeprefix("^").removesuffix("$")
            rules.append(
                RequiredUnless(
                    field.day_field,
                    name,
                    rf"^\s*{day}\s*$",  # one exact day, as parse_publication_date reads it
                    f"La date n’est pas connue au jour près : remplissez « {day_field.label} », "
                    "le jour de mise en ligne sur ce site (les flux d’abonnement exigent un "
                    "jour exact)",
                )
            )
    return tuple(rules)


def body_rules(allowed_embeds: tuple[str, ...] = ()) -> dict:
    """What the body may not hold, for the form: html_safety's forbidden
    elements with their messages, attributes and address schemes. The
    validation reads the HTML Markdown makes; the form reads the
    Markdown's own HTML and links, a first barrier before saving (the
    check stays the judge)."""
    tags = {tag: _sentence(message.rstrip(".")) for tag, message in FORBIDDEN_TAGS.items()}
    if allowed_embeds:
        tags["iframe"] += f" (autorisés : {', '.join(allowed_embeds)})"
    return {
        "balises": tags,
        "iframes_permises": list(allowed_embeds),
        "attributs": {
            "on": "Attribut « on…= » interdit : pas de code JavaScript dans le texte",
            "style": "Attribut « style= » interdit : la mise en forme vient du thème",
            "ping": "Attribut « ping= » interdit",
            "srcdoc": "Attribut « srcdoc= » interdit",
        },
        "attributs_adresse": sorted(URL_ATTRIBUTES),
        "attributs_charge": sorted(LOADING_ATTRIBUTES),
        "adresses_interdites": [scheme.rstrip(":") for scheme in FORBIDDEN_SCHEMES],
        "adresse_interdite": "Lien « {adresse} » interdit",
        "ailleurs": (
            "Fichier chargé depuis un autre site : déposez-le avec « Médias » et écrivez "
            "{static}/images/… (le site ne charge rien d’ailleurs)"
        ),
    }


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


def editor_rules(settings: dict) -> dict:
    """Everything the form checks, as admin.js reads it (JSON in /admin/),
    its French typeset like the site's."""
    rules = {
        "collections": {
            kind.folder: {
                "champs": {
                    name: {**asdict(rule), "label": kind.fields[name].label}
                    for name, rule in field_rules(kind).items()
                },
                "obligatoire_sauf": [asdict(rule) for rule in cross_field_rules(kind)],
            }
            for kind in settings.get("CONTENT_KINDS", KINDS)
        },
        "trop_long": TOO_LONG,
        "non_enregistre": NOT_SAVED,
        "corps": body_rules(tuple(settings.get("ALLOWED_EMBEDS", ()))),
        "phrases": PHRASES,
    }
    return _typeset(rules)


def _typeset(value, key: str = ""):
    """The French texts of ``value`` typeset; patterns, names and
    addresses left as they are."""
    if isinstance(value, dict):
        return {k: _typeset(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_typeset(v, key) for v in value]
    if isinstance(value, str) and key not in _NOT_TEXT:
        return typeset_text(value)
    return value


_NOT_TEXT = {
    "pattern",
    "field",
    "other",
    "iframes_permises",
    "attributs_adresse",
    "attributs_charge",
    "adresses_interdites",
}


# Decap's French that the site words otherwise: sentence case, no jargon
# (« schéma », « entrée »), no English (« Media »). Keys are Decap's
# (decap-cms-locales/src/fr); admin.js lays them over its French.
PHRASES = {
    "app.header.media": "Médias",
    "editor.editorControlPane.widget.required": "« %{fieldLabel} » est obligatoire.",
    "editor.editorControlPane.widget.regexPattern": "%{pattern}.",
    "editor.editorControlPane.widget.processing": "« %{fieldLabel} » est en cours de vérification.",
    "ui.toast.missingRequiredField": "Un champ obligatoire est vide : remplissez-le avant "
    "de publier.",
    "ui.toast.entrySaved": "Fiche enregistrée",
    "ui.toast.onFailToPersist": "La fiche n’a pas été enregistrée : %{details}",
    "editor.editorToolbar.deleteEntry": "Supprimer la fiche",
    "editor.editorToolbar.deletePublishedEntry": "Supprimer la fiche publiée",
    "editor.editor.onDeletePublishedEntry": "Supprimer pour de bon cette fiche publiée ?",
    "collection.entries.noEntries": "Aucune fiche",
    "mediaLibrary.mediaLibraryModal.mediaAssets": "Médias",
    # Missing from Decap's French: its English would show.
    "auth.loginWithForgejo": "Se connecter avec Forgejo",
    "collection.collectionTop.viewAsList": "Afficher en liste",
    "collection.collectionTop.viewAsGrid": "Afficher en grille",
    "collection.entries.unpublishedHeader": "Fiches non publiées",
    "editor.editorControl.field.widgetLabel": "Champ",
    "editor.editorToolbar.statusInfoTooltipDraft": "Cette fiche est un brouillon : pour la "
    "faire relire, passez son état à « En cours de révision ».",
    "editor.editorToolbar.statusInfoTooltipInReview": "Cette fiche est en cours de relecture : "
    "rien d’autre à faire, mais vous pouvez encore la modifier.",
    "editor.editorWidgets.markdown.strikethrough": "Barré",
    "editor.editorWidgets.markdown.toggleMode.rich": "Passer en mode texte enrichi",
    "editor.editorWidgets.markdown.toggleMode.markdown": "Passer en mode Markdown",
    "editor.editorWidgets.image.chooseMultiple": "Choisir des images",
    "editor.editorWidgets.image.addMore": "Ajouter des images",
    "editor.editorWidgets.image.removeAll": "Retirer toutes les images",
    "editor.editorWidgets.file.chooseMultiple": "Choisir des fichiers",
    "editor.editorWidgets.file.addMore": "Ajouter des fichiers",
    "editor.editorWidgets.file.removeAll": "Retirer tous les fichiers",
    "editor.editorWidgets.datetime.setToNow": "Mettre « %{fieldLabel} » à maintenant",
    "editor.editorWidgets.object.expand": "Déplier",
    "editor.editorWidgets.object.collapse": "Replier",
    "mediaLibrary.mediaLibraryModal.close": "Fermer",
    "ui.settingsDropdown.account": "Options du compte",
}
# Shown by admin.js when « Publier » meets a refused value: Decap says
# nothing then (only for an empty required field).
NOT_SAVED = "Rien n’est enregistré : corrigez « {label} » (en rouge), puis publiez de nouveau."
