"""The front-matter schema of every kind of content, and its checks.

Pure functions, no Pelican import, used by validation.py: the build and
``invoke check`` apply the same rules with the same French messages. A
problem names the file, the line and the field.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field

from .problems import Problem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# What each field holds, as editors write it.
TEXT, SLUG_REF, SLUG_LIST, TEXT_LIST, DATE, DAY, PEOPLE, STATUS, IMAGE, PATH, TEMPLATE = (
    "texte",
    "référence",
    "liste de références",
    "liste de textes",
    "date",
    "jour",
    "personnes",
    "statut",
    "image",
    "chemin",
    "gabarit",
)

# Front matter is plain text: what a template shows is escaped there, and
# markup here is refused, so that no value can carry HTML or script into
# a page, a feed, JSON-LD or the search index.
_MARKUP = re.compile(
    r"<[A-Za-z!/?][^\s>]*|&#?[A-Za-z0-9]+;|\]\(\s*<?\s*(?:javascript|vbscript|data):"
)
# Control characters make feeds invalid XML; bidirectional overrides
# make text read differently from what it is (« Trojan Source »).
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ufeff\ufff9-\uffff\ud800-\udfff]"
)
# An address or output path Pelican writes to: relative, plain ASCII,
# no « .. », no query or fragment.
_OUTPUT_PATH = re.compile(r"^(?!.*\.\.)(?!.*//)(?!.*/\.)[a-z0-9][a-z0-9/._-]*$")
# The theme's templates that render one content (not lists or feeds).
CONTENT_TEMPLATES = ("page", "article", "programme", "personne", "serie")


@dataclass(frozen=True)
class Kind:
    """One kind of content: the folder it lives in and its fields."""

    name: str
    folder: str
    required: tuple[str, ...]
    optional: dict[str, str] = field(default_factory=dict)
    # What editors read (the web editor's menus): « Rencontres », « rencontre ».
    label: str = ""
    singular: str = ""

    @property
    def fields(self) -> dict[str, str]:
        return {**{name: FIELD_TYPES[name] for name in self.required}, **self.optional}


FIELD_TYPES = {
    "title": TEXT,
    "summary": TEXT,
    "date": DATE,
    "interviewees": PEOPLE,
}

COMMON = {
    "slug": SLUG_REF,
    "status": STATUS,
    "a_completer": TEXT,
    "save_as": PATH,
    "url": PATH,
    "template": TEMPLATE,
}

KINDS = {
    kind.folder: kind
    for kind in (
        Kind(
            "rencontre",
            "rencontres",
            required=("title", "date", "summary", "interviewees"),
            # Fields are in the order the web editor shows and writes them.
            optional={
                "programmes": SLUG_LIST,
                "series": SLUG_REF,
                "themes": TEXT_LIST,
                "mentions": SLUG_LIST,
                "modified": DAY,
                **COMMON,
            },
            label="Rencontres",
            singular="rencontre",
        ),
        Kind(
            "programme",
            "programmes",
            required=("title", "summary"),
            optional=COMMON,
            label="Programmes",
            singular="programme",
        ),
        Kind(
            "personne",
            "personnes",
            required=("title",),
            optional={
                "role": TEXT,
                "organisation": TEXT,
                "summary": TEXT,
                "portrait": IMAGE,
                "portrait_alt": TEXT,
                **COMMON,
            },
            label="Personnes",
            singular="personne",
        ),
        Kind(
            "serie",
            "series",
            required=("title", "summary"),
            optional=COMMON,
            label="Séries",
            singular="série",
        ),
        Kind(
            "page",
            "pages",
            required=("title", "summary"),
            optional=COMMON,
            label="Pages",
            singular="page",
        ),
        # Posts of the former WordPress site that are not interviews
        # (announcements, events): pages at their old address /<slug>/,
        # dated like WordPress dated them.
        Kind(
            "actualité",
            "actualites",
            required=("title", "summary"),
            optional={**COMMON, "date": DATE, "modified": DAY},
            label="Actualités",
            singular="actualité",
        ),
    )
}

# Files at the top of content/ that are data, not pages: the redirects
# of old addresses (checked by plugins/redirections) and the WordPress
# import's mapping (read by sitetools/wordpress).
DATA_FILES = ("redirections.yaml", "import-wordpress.yaml")

# What editors read of each field: its label and help text in the web
# editor (/admin/, generated from this file: plugins/web_editor). The
# explanations that were YAML comments in content files live here, since
# the web editor rewrites front matter without comments.
FIELD_HELP = {
    "title": (
        "Titre",
        "Tapé simplement : le site ajoute les espaces insécables, les « guillemets » "
        "et les apostrophes ’.",
    ),
    "date": (
        "Date",
        "Ce qui est connu, sans inventer de jour : 2024-03-15 (le jour), 2024-03 (le mois), "
        "2024 (l’année) ou une période 2017/2018. Si le jour n’est pas connu, remplissez "
        "aussi « Mise en ligne ».",
    ),
    "summary": (
        "Chapô",
        "Une ou deux phrases de présentation, reprises par les moteurs de recherche "
        "(300 caractères au plus).",
    ),
    "interviewees": (
        "Personnes interviewées",
        "Leur fiche est dans « Personnes » : créez-la d’abord si elle manque.",
    ),
    "programmes": ("Programmes", "Les programmes dont parle l’entretien."),
    "series": ("Série", "La série dont fait partie l’entretien, s’il y en a une."),
    "themes": (
        "Thèmes",
        "En toutes lettres, séparés par des virgules, de préférence les mots de "
        "l’interviewé ; chaque thème a sa page.",
    ),
    "mentions": (
        "Personnes citées",
        "Les personnes dont l’entretien parle : leur fiche listera l’entretien.",
    ),
    "modified": (
        "Mise en ligne",
        "Le jour de mise en ligne sur ce site, ou d’une mise à jour importante. "
        "Obligatoire quand la date n’est pas connue au jour près : les flux "
        "d’abonnement exigent un jour exact.",
    ),
    "slug": (
        "Adresse",
        "Seulement si l’adresse doit différer du nom du fichier : l’adresse d’une page "
        "de l’ancien site, conservée telle quelle (ne la modifiez pas, les liens vers "
        "elle casseraient).",
    ),
    "status": (
        "État",
        "Brouillon : visible seulement en prévisualisation, jamais sur le site publié.",
    ),
    "a_completer": (
        "Note à compléter",
        "Une note pour l’équipe : visible en prévisualisation, jamais sur le site publié.",
    ),
    "save_as": (
        "Fichier écrit (avancé)",
        "Réservé aux pages spéciales : le chemin du fichier que le site écrit.",
    ),
    "url": (
        "Adresse forcée (avancé)",
        "Réservé aux pages spéciales : l’adresse de la page, si elle diffère.",
    ),
    "template": ("Gabarit (avancé)", "Réservé aux pages spéciales : le gabarit du thème."),
    "role": ("Fonction", "Par exemple « Vice-président »."),
    "organisation": ("Organisation", "Par exemple « Le Centsept »."),
    "portrait": ("Portrait", "Une photo carrée de préférence ; sa description est obligatoire."),
    "portrait_alt": (
        "Description du portrait",
        "Ce que montre la photo, pour qui ne la voit pas (obligatoire avec un portrait).",
    ),
}
# Where a field means something else for one kind of content.
KIND_FIELD_HELP = {
    ("personnes", "title"): ("Nom", "Prénom et nom, tels que le site les affiche."),
    ("personnes", "summary"): ("Présentation courte", "Une phrase, reprise dans les listes."),
    ("personnes", "status"): (
        "État",
        "Laissé vide, la fiche paraît avec le premier entretien publié qui nomme la personne "
        "(jamais avant) ; « Publié » la publie tout de suite ; « Brouillon » ou « Caché » la "
        "retiennent.",
    ),
    ("series", "status"): (
        "État",
        "Laissé vide, la série paraît avec son premier entretien publié ; « Publié » la "
        "publie tout de suite.",
    ),
}


def field_help(kind: Kind, name: str) -> tuple[str, str]:
    """The label and help text of one field of one kind."""
    return KIND_FIELD_HELP.get((kind.folder, name), FIELD_HELP[name])


# The rules above that a form can check on its own, as regular
# expressions both Python and JavaScript read (the web editor refuses a
# value before saving; it ends the message with its own full stop).
# tests/unit/test_web_editor.py checks that they accept exactly what the
# validation accepts.
_YEAR = "[0-9]{4}"
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
_DAY = (
    f"(?:{_YEAR}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    f"|{_LEAP_YEAR}-02-29)"
)
_PARTIAL_DATE = f"(?:{_DAY}|{_YEAR}-(?:0[1-9]|1[0-2])|{_YEAR})"
FORM_PATTERNS = {
    DATE: (
        f"^\\s*{_PARTIAL_DATE}(?:\\s*/\\s*{_PARTIAL_DATE})?\\s*$",
        "Date impossible ou illisible : écrivez AAAA-MM-JJ (2018-01-15), AAAA-MM (2018-01), "
        "AAAA (2018) ou une période AAAA/AAAA (2017/2018), avec un jour qui existe",
    ),
    DAY: (
        f"^{_DAY}$",
        "Jour impossible ou illisible : écrivez AAAA-MM-JJ, par exemple 2018-01-15",
    ),
    SLUG_REF: (
        SLUG.pattern,
        "Identifiant : lettres minuscules sans accent, chiffres et tirets (ex. « centsept-labs »)",
    ),
    PATH: (
        _OUTPUT_PATH.pattern,
        "Chemin relatif du site, en minuscules sans accent, par exemple « ancienne-adresse/ »",
    ),
    # Non-empty, no markup, no invisible character (surrogates aside:
    # JavaScript sees an emoji as two of them).
    TEXT: (
        "^(?![\\s\\S]*(?:" + _MARKUP.pattern + "))"
        "(?![\\s\\S]*[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f"
        "\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ufeff\\ufff9-\\uffff])"
        "[\\s\\S]*\\S[\\s\\S]*$",
        "Texte simple attendu : ni balise HTML, ni code, ni caractère invisible "
        "(retapez-le sans copier-coller depuis un autre logiciel)",
    ),
}

# What a reference field points to: the folder of the pages it names.
REFERENCE_TARGETS = {
    "programmes": "programmes",
    "series": "series",
    "mentions": "personnes",
    "interviewees": "personnes",
}

# The kind Pelican reads as articles (ARTICLE_PATHS); the others are pages.
ARTICLES = "rencontres"

STATUSES = {"published": "publié", "draft": "brouillon", "hidden": "caché"}


def kind_of(source_file: str) -> Kind | None:
    """The kind of a file, from the first folder of its path that is a
    kind's (content/rencontres/personnes/x.md is an interview, as Pelican
    reads every file below an ARTICLE_PATHS folder as an article)."""
    parts = source_file.replace("\\", "/").split("/")
    for folder in parts[:-1]:
        if folder in KINDS:
            return KINDS[folder]
    return None


def check_fields(source_file: str, metadata: dict, key_lines: dict[str, int]) -> list[Problem]:
    """Unknown, missing and mistyped fields of one file's front matter.

    ``metadata`` holds the values as YAML gave them; ``key_lines`` the
    line of each key the editor wrote.
    """
    kind = kind_of(source_file)
    if kind is None:
        return [
            Problem(
                source_file,
                1,
                "-",
                f"ce dossier n’est pas un dossier de contenu connu ({', '.join(sorted(KINDS))}).",
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
            message = _type_problem(fields[key], metadata[key])
            if message:
                problems.append(Problem(source_file, line, key, message))
    if "portrait" in key_lines and "portrait_alt" not in key_lines:
        problems.append(
            Problem(
                source_file,
                key_lines["portrait"],
                "portrait_alt",
                "une image doit avoir un texte alternatif : ajoutez « portrait_alt: … » "
                "qui décrit la photo pour qui ne la voit pas.",
            )
        )
    return problems


def _type_problem(expected: str, value) -> str | None:
    if expected == TEXT:
        if not isinstance(value, str) or not value.strip():
            return (
                "doit être un texte non vide (entre guillemets s’il contient « : » "
                "ou commence par « # », « @ », « * », « & »)."
            )
        return text_problem(value)
    elif expected == PATH:
        if not is_site_path(value):
            return (
                "doit être un chemin relatif du site, en minuscules sans accent, "
                "par exemple « ancienne-adresse/ » (ni « .. », ni « / » au début)."
            )
    elif expected == TEMPLATE:
        if value not in CONTENT_TEMPLATES:
            return f"gabarit inconnu ; possibles : {', '.join(CONTENT_TEMPLATES)}."
    elif expected == SLUG_REF:
        return _slug_problem(value)
    elif expected in (SLUG_LIST, TEXT_LIST):
        if not isinstance(value, list) or not value:
            return (
                "doit être une liste non vide, par exemple « [a, b] » "
                "ou une ligne « - a » par élément."
            )
        for item in value:
            problem = (
                _slug_problem(item)
                if expected == SLUG_LIST
                else (
                    text_problem(item)
                    if isinstance(item, str) and item.strip()
                    else "chaque élément doit être un texte."
                )
            )
            if problem:
                return problem
    elif expected == PEOPLE:
        if not isinstance(value, list) or not value:
            return (
                "doit être une liste d’au moins une personne (son identifiant, ex. « alain-blum »)."
            )
        for item in value:
            slug = item.get("person") if isinstance(item, dict) else item
            problem = _slug_problem(slug)
            if problem:
                return problem
            if isinstance(item, dict):
                extra = set(item) - {"person", "role", "organisation"}
                if extra:
                    return (
                        f"clé inconnue « {sorted(extra)[0]} » pour une personne ; "
                        "possibles : person, role, organisation."
                    )
                for key in ("role", "organisation"):
                    if key in item:
                        if not isinstance(item[key], str) or not item[key].strip():
                            return f"« {key} » d’une personne doit être un texte non vide."
                        if text_problem(item[key]):
                            return f"« {key} » d’une personne : {text_problem(item[key])}"
    elif expected == DAY:
        if not isinstance(value, datetime.date):
            return "doit être une date complète AAAA-MM-JJ, par exemple 2018-01-15."
    elif expected == STATUS:
        if value not in STATUSES:
            return (
                "statut inconnu ; possibles : "
                + ", ".join(f"{key} ({french})" for key, french in STATUSES.items())
                + "."
            )
    elif expected == IMAGE:
        if not is_site_path(value):
            return (
                "doit être le chemin d’une image de content/, par exemple "
                "« images/portrait.jpg » (minuscules sans accent, ni espace)."
            )
    return None


def is_site_path(value) -> bool:
    """A relative ASCII path of the site, without « .. » or hidden part."""
    return isinstance(value, str) and bool(_OUTPUT_PATH.match(value))


def text_problem(value: str) -> str | None:
    """Why a plain-text value is refused, or None."""
    markup = _MARKUP.search(value)
    if markup:
        return (
            f"texte simple attendu : « {markup.group(0)} » ressemble à du HTML ou à du code, "
            "qui n’est pas permis ici ; écrivez le texte seul (la mise en forme vient du thème)."
        )
    control = _CONTROL.search(value)
    if control:
        return (
            f"caractère invisible interdit (U+{ord(control.group(0)):04X}) : "
            "retapez la valeur sans copier-coller depuis un autre logiciel."
        )
    return None


def _slug_problem(value) -> str | None:
    if not isinstance(value, str) or not SLUG.match(value):
        return (
            f"« {value} » n’est pas un identifiant : lettres minuscules sans accent, "
            "chiffres et tirets (ex. « centsept-labs »)."
        )
    return None


def check_references(entries: list[dict]) -> list[Problem]:
    """References between files that lead nowhere, and slugs used twice.

    Each entry: ``file``, ``folder`` (its kind's folder), ``slug``,
    ``metadata`` (YAML values) and ``key_lines``.
    """
    problems = []
    known: dict[str, dict[str, str]] = {}
    # Pelican wants a slug once among articles, and once among pages of
    # every kind (a series and a programme may not share one).
    taken: dict[bool, dict[str, str]] = {True: {}, False: {}}
    # Of two files with one address, the one with a « slug: » line is the
    # likelier mistake: it is the one reported.
    for entry in sorted(entries, key=lambda e: ("slug" in e["key_lines"], e["file"])):
        known.setdefault(entry["folder"], {})[entry["slug"]] = entry["file"]
        by_slug = taken[entry["folder"] == ARTICLES]
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
    for entry in entries:
        for key, folder in REFERENCE_TARGETS.items():
            if key not in entry["metadata"]:
                continue
            # Each on its own line (« - prog-z »), else the key's.
            lines = entry.get("item_lines", {}).get(key, [])
            for index, slug in enumerate(referenced_slugs(key, entry["metadata"][key])):
                line = lines[index] if index < len(lines) else entry["key_lines"].get(key, 1)
                if slug not in known.get(folder, {}):
                    candidates = difflib.get_close_matches(slug, known.get(folder, {}), n=1)
                    hint = (
                        f" ; vouliez-vous dire « {candidates[0]} » ?"
                        if candidates
                        else (f" ; créez d’abord le fichier content/{folder}/{slug}.md.")
                    )
                    problems.append(
                        Problem(
                            entry["file"],
                            line,
                            key,
                            f"« {slug} » n’existe pas dans content/{folder}/{hint}",
                        )
                    )
    return problems


def referenced_slugs(key: str, value) -> list[str]:
    """The slugs a reference field names, whatever its shape."""
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        return []
    slugs = []
    for item in value:
        if isinstance(item, dict):
            item = item.get("person")
        if isinstance(item, str):
            slugs.append(item)
    return slugs
