"""Field types of the front matter: each one owns its rule.

A field type knows what a value must be (``problem``: the French message
the validation gives), what the web editor's form checks before saving
(``editor_rule``: a pattern both Python and JavaScript read, with its
message, and the length limit), which form widget edits it
(``widget``), and how the WordPress import makes a value it accepts
(``normalise``). The kinds (kinds.py) are tables of these: a rule is
written once and every path (check, build, livereload, web editor,
import) reads it from here.

Pure functions, no Pelican import.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from plugins.french_dates.core import DateFormatError, parse_publication_date

# An identifier of the site (file name, reference, slug): ASCII, lower
# case, words joined by single dashes. The one slug rule of the code.
SLUG_PATTERN = "[a-z0-9]+(?:-[a-z0-9]+)*"
SLUG = re.compile(SLUG_PATTERN)
SLUG_MAX = 100

# Front matter is plain text: what a template shows is escaped there, and
# markup here is refused, so that no value can carry HTML or script into
# a page, a feed, JSON-LD or the search index.
MARKUP = re.compile(
    r"<[A-Za-z!/?][^\s>]*|&#?[A-Za-z0-9]+;|\]\(\s*<?\s*(?:javascript|vbscript|data):"
)
# Control characters make feeds invalid XML (and, in an address, split a
# server directive); bidirectional overrides make text read differently
# from what it is (« Trojan Source »).
CONTROL_CHARACTERS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\uffff"
)
CONTROL = re.compile(f"[{CONTROL_CHARACTERS}\ud800-\udfff]")
# A path the site writes to (save_as, url, an image of content/):
# relative, plain ASCII, no « .. », no hidden part, no query.
SITE_PATH_PATTERN = "(?!.*\\.\\.)(?!.*//)(?!.*/\\.)[a-z0-9][a-z0-9/._-]*"
SITE_PATH = re.compile(SITE_PATH_PATTERN)

# The same rules for the browser (JavaScript regular expressions).
_YEAR = "[0-9]{4}"
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
_DAY = (
    f"(?:{_YEAR}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    f"|{_LEAP_YEAR}-02-29)"
)
_PARTIAL_DATE = f"(?:{_DAY}|{_YEAR}-(?:0[1-9]|1[0-2])|{_YEAR})"
_JS_CONTROL = (
    "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f"
    "\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ufeff\\ufff9-\\uffff"
)

STATUSES = {"published": "publié", "draft": "brouillon", "hidden": "caché"}
STATUS_LABELS = {"published": "Publié", "draft": "Brouillon", "hidden": "Caché"}


def text_problem(value: str) -> str | None:
    """Why a plain-text value is refused, or None."""
    markup = MARKUP.search(value)
    if markup:
        return (
            f"texte simple attendu : « {markup.group(0)} » ressemble à du HTML ou à du code, "
            "qui n’est pas permis ici ; écrivez le texte seul (la mise en forme vient du thème)."
        )
    control = CONTROL.search(value)
    if control:
        return (
            f"caractère invisible interdit (U+{ord(control.group(0)):04X}) : "
            "retapez la valeur sans copier-coller depuis un autre logiciel."
        )
    return None


def slug_problem(value) -> str | None:
    if not isinstance(value, str) or not SLUG.fullmatch(value) or len(value) > SLUG_MAX:
        return (
            f"« {value} » n’est pas un identifiant : lettres minuscules sans accent, "
            f"chiffres et tirets, {SLUG_MAX} caractères au plus (ex. « centsept-labs »)."
        )
    return None


def is_site_path(value) -> bool:
    """A relative ASCII path of the site, without « .. » or hidden part."""
    return isinstance(value, str) and bool(SITE_PATH.fullmatch(value))


@dataclass(frozen=True)
class Field:
    """What every field type has: its label and help for editors, and
    whether the kind requires it."""

    label: str
    help: str = ""
    required: bool = False
    # When the field is missing and not required: a note « à compléter »
    # for editors (check, previews), never filler shown to readers.
    missing_note: str | None = None

    def problem(self, value) -> str | None:
        """Why ``value`` is refused (French, for ``fichier:ligne: champ:``)."""
        return None

    def related_problems(self, name: str, metadata: dict) -> list[tuple[str, str]]:
        """Rules that join this field to another one: (field, message)."""
        return []

    def editor_rule(self) -> tuple[str, str] | None:
        """(pattern, message) the web editor's form applies before saving."""
        return None

    def widget(self) -> dict[str, Any]:
        """The Decap CMS widget and its options."""
        return {"widget": "string"}

    def normalise(self, value):
        """A value this field accepts, made from an imported one."""
        return value


@dataclass(frozen=True)
class Text(Field):
    """Plain text: no markup, no invisible character, ``max`` characters."""

    max: int = 200
    long: bool = False  # a multi-line box in the form
    # Over the limit is an error: the form refuses it, the check refuses it.

    def problem(self, value) -> str | None:
        if not isinstance(value, str) or not value.strip():
            return (
                "doit être un texte non vide (entre guillemets s’il contient « : » "
                "ou commence par « # », « @ », « * », « & »)."
            )
        if len(value) > self.max:
            return (
                f"{len(value)} caractères : {self.max} au plus ; raccourcissez ce texte "
                "(les listes, les cartes de partage et les moteurs de recherche le coupent)."
            )
        return text_problem(value)

    def editor_rule(self) -> tuple[str, str]:
        # Non-empty, no markup, no invisible character (surrogates aside:
        # JavaScript sees an emoji as two of them). The length is the
        # form's own rule (``max``, web_editor/rules.py), with its message.
        return (
            "^(?![\\s\\S]*(?:" + MARKUP.pattern + "))"
            f"(?![\\s\\S]*[{_JS_CONTROL}])"
            "[\\s\\S]*\\S[\\s\\S]*$",
            "Texte simple attendu : ni balise HTML, ni code, ni caractère invisible "
            "(retapez-le sans copier-coller depuis un autre logiciel)",
        )

    def widget(self) -> dict[str, Any]:
        return {"widget": "text" if self.long else "string"}

    def normalise(self, value):
        """Cut at the last word that fits, with « … » (the import's chapô)."""
        value = CONTROL.sub("", " ".join(str(value).split()))
        if len(value) <= self.max:
            return value
        cut = value[: self.max - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
        return cut + "…"


@dataclass(frozen=True)
class TextList(Field):
    """A list of plain texts (themes), each ``item_max`` characters at most."""

    item_max: int = 60

    def problem(self, value) -> str | None:
        if not isinstance(value, list) or not value:
            return (
                "doit être une liste non vide, par exemple « [a, b] » "
                "ou une ligne « - a » par élément."
            )
        item = Text(self.label, max=self.item_max)
        for entry in value:
            if not isinstance(entry, str) or not entry.strip():
                return "chaque élément doit être un texte."
            problem = item.problem(entry)
            if problem:
                return problem
        return None

    def widget(self) -> dict[str, Any]:
        # Decap has no « choose or create » list: free words.
        return {"widget": "list"}


@dataclass(frozen=True)
class Slug(Field):
    """An identifier: the address of a content when it differs from its file."""

    def problem(self, value) -> str | None:
        return slug_problem(value)

    def editor_rule(self) -> tuple[str, str]:
        return (
            f"^(?=.{{1,{SLUG_MAX}}}$){SLUG_PATTERN}$",
            "Identifiant : lettres minuscules sans accent, chiffres et tirets "
            "(ex. « centsept-labs »)",
        )


@dataclass(frozen=True)
class Reference(Field):
    """One content of another kind (``many``: a list of them), by its slug."""

    target: Any = None  # the Kind it names (kinds.py)
    many: bool = False

    def problem(self, value) -> str | None:
        if not self.many:
            return slug_problem(value)
        if not isinstance(value, list) or not value:
            return (
                "doit être une liste non vide, par exemple « [a, b] » "
                "ou une ligne « - a » par élément."
            )
        for item in value:
            problem = slug_problem(item)
            if problem:
                return problem
        return None

    def slugs(self, value) -> list[str]:
        """The slugs named, whatever the value's shape."""
        items = value if isinstance(value, list) else [value]
        return [item for item in items if isinstance(item, str)]

    def widget(self) -> dict[str, Any]:
        # The form offers the titles of the target folder's files.
        widget = {
            "widget": "relation",
            "collection": self.target.folder,
            "value_field": "{{slug}}",
            "search_fields": ["title"],
            "display_fields": ["title"],
            "multiple": self.many,
        }
        if self.many and self.required:
            widget["min"] = 1
        return widget


PERSON_KEYS = ("person", "role", "organisation")


@dataclass(frozen=True)
class People(Reference):
    """Interviewees: a slug each, or ``{person, role, organisation}`` when
    the interview gives the role the person had then."""

    many: bool = True

    def problem(self, value) -> str | None:
        if not isinstance(value, list) or not value:
            return (
                "doit être une liste d’au moins une personne (son identifiant, ex. « alain-blum »)."
            )
        for item in value:
            problem = slug_problem(item.get("person") if isinstance(item, dict) else item)
            if problem:
                return problem
            if not isinstance(item, dict):
                continue
            extra = set(item) - set(PERSON_KEYS)
            if extra:
                return (
                    f"clé inconnue « {sorted(extra)[0]} » pour une personne ; "
                    "possibles : person, role, organisation."
                )
            for key in ("role", "organisation"):
                if key in item:
                    if not isinstance(item[key], str) or not item[key].strip():
                        return f"« {key} » d’une personne doit être un texte non vide."
                    problem = Text(key, max=150).problem(item[key])
                    if problem:
                        return f"« {key} » d’une personne : {problem}"
        return None

    def slugs(self, value) -> list[str]:
        items = value if isinstance(value, list) else []
        found = []
        for item in items:
            if isinstance(item, dict):
                item = item.get("person")
            if isinstance(item, str):
                found.append(item)
        return found


@dataclass(frozen=True)
class PartialDate(Field):
    """A date as known: the day, the month, the year or a period. When the
    day is not known, ``day_field`` (the day it went online) is required:
    feeds need an exact day."""

    day_field: str = "modified"

    def problem(self, value) -> str | None:
        try:
            parse_publication_date(value)
        except DateFormatError as error:
            return str(error)
        return None

    def related_problems(self, name: str, metadata: dict) -> list[tuple[str, str]]:
        try:
            publication = parse_publication_date(metadata[name])
        except (DateFormatError, KeyError):
            return []
        if publication.is_exact or self.day_field in metadata:
            return []
        return [
            (
                self.day_field,
                f"la date n’est pas connue au jour près : ajoutez « {self.day_field}: "
                "AAAA-MM-JJ », le jour de mise en ligne sur ce site (les flux Atom l’exigent).",
            )
        ]

    def editor_rule(self) -> tuple[str, str]:
        return (
            f"^\\s*{_PARTIAL_DATE}(?:\\s*/\\s*{_PARTIAL_DATE})?\\s*$",
            "Date impossible ou illisible : écrivez AAAA-MM-JJ (2018-01-15), AAAA-MM (2018-01), "
            "AAAA (2018) ou une période AAAA/AAAA (2017/2018), avec un jour qui existe",
        )


@dataclass(frozen=True)
class Day(Field):
    """A whole day, AAAA-MM-JJ."""

    def problem(self, value) -> str | None:
        if not isinstance(value, datetime.date):
            return "doit être une date complète AAAA-MM-JJ, par exemple 2018-01-15."
        return None

    def editor_rule(self) -> tuple[str, str]:
        return (
            f"^{_DAY}$",
            "Jour impossible ou illisible : écrivez AAAA-MM-JJ, par exemple 2018-01-15",
        )


@dataclass(frozen=True)
class Status(Field):
    default: str | None = None  # the form's default (an interview starts as a draft)

    def problem(self, value) -> str | None:
        if value not in STATUSES:
            return (
                "statut inconnu ; possibles : "
                + ", ".join(f"{key} ({french})" for key, french in STATUSES.items())
                + "."
            )
        return None

    def widget(self) -> dict[str, Any]:
        widget = {
            "widget": "select",
            "options": [{"label": STATUS_LABELS[value], "value": value} for value in STATUSES],
        }
        if self.default:
            widget["default"] = self.default
        return widget


@dataclass(frozen=True)
class SitePath(Field):
    """A path the site writes (special pages only)."""

    def problem(self, value) -> str | None:
        if not is_site_path(value):
            return (
                "doit être un chemin relatif du site, en minuscules sans accent, "
                "par exemple « ancienne-adresse/ » (ni « .. », ni « / » au début)."
            )
        return None

    def editor_rule(self) -> tuple[str, str]:
        return (
            f"^{SITE_PATH_PATTERN}$",
            "Chemin relatif du site, en minuscules sans accent, par exemple « ancienne-adresse/ »",
        )


@dataclass(frozen=True)
class Template(Field):
    """One of the theme's templates that render one content."""

    choices: tuple[str, ...] = ()

    def problem(self, value) -> str | None:
        if value not in self.choices:
            return f"gabarit inconnu ; possibles : {', '.join(self.choices)}."
        return None

    def widget(self) -> dict[str, Any]:
        return {"widget": "select", "options": list(self.choices)}


@dataclass(frozen=True)
class Image(Field):
    """An image of content/ (« images/portrait.jpg »), which must have its
    description in ``alt_field``."""

    alt_field: str = ""

    def problem(self, value) -> str | None:
        if not is_site_path(value):
            return (
                "doit être le chemin d’une image de content/, par exemple "
                "« images/portrait.jpg » (minuscules sans accent, ni espace)."
            )
        return None

    def related_problems(self, name: str, metadata: dict) -> list[tuple[str, str]]:
        if not self.alt_field or self.alt_field in metadata:
            return []
        return [
            (
                self.alt_field,
                f"une image doit avoir un texte alternatif : ajoutez « {self.alt_field}: … » "
                "qui décrit la photo pour qui ne la voit pas.",
            )
        ]

    def widget(self) -> dict[str, Any]:
        return {"widget": "image", "choose_url": False}
