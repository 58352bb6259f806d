"""The kinds of content: one entry per kind, read by every feature.

A kind is a folder of content/ with everything the site knows of it:
its address, its template, whether Pelican reads it as an article, its
fields (field types, fields.py), the line above its title on a social
card, its label in the web editor, its list page. ``pelicanconf.py``
derives Pelican's settings from this table (``kind_settings``); the
validation, the model, the social cards, the web editor, the site map,
``invoke new-interview`` and the WordPress import read it. A site adds
a kind with one entry here (or in its settings' ``CONTENT_KINDS``) and
one template.

Pure, no Pelican import.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .fields import (
    Day,
    Field,
    Image,
    PartialDate,
    People,
    Reference,
    SitePath,
    Slug,
    Status,
    Template,
    Text,
    TextList,
)

# The theme's templates that render one content (not lists or feeds).
CONTENT_TEMPLATES = ("page", "article", "programme", "personne", "serie")


@dataclass(frozen=True)
class Kind:
    """One kind of content: a folder of content/ and what it means."""

    folder: str  # content/<folder>/, and the kind's key everywhere
    name: str  # one of them, for messages: « rencontre »
    label: str  # the web editor's menu: « Rencontres »
    fields: dict[str, Field]
    article: bool = False  # read by Pelican as an article (dated, in feeds)
    url_prefix: str = ""  # a page's address: /<url_prefix><slug>/
    template: str = "page"
    listing: bool = False  # a list page at /<folder>/ (template <folder>.html)
    # Its list page in pages of DEFAULT_PAGINATION (PAGINATION_PATTERNS:
    # /<folder>/page/2/…); a page kind's is written by plugins/listings.
    paginated: bool = False
    card_kicker: str | None = None  # the line above the title on its social card
    needs_questions: bool = False  # its body is questions (« ## ») and answers
    # Its pages go online only with a published interview that names them
    # (or their own « status: »): a person's name never before (publication.py).
    shown_by_others: bool = False
    # Its heading in the site map (/plan-du-site/); None: its pages are
    # listed at the top, one by one.
    sitemap_heading: str | None = None

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(name for name, f in self.fields.items() if f.required)


# Fields every kind has, and those only special pages need.
STATUS = Status(
    "État",
    "Brouillon : visible seulement en prévisualisation, jamais sur le site publié. "
    "Caché : publié à son adresse, mais absent des listes, du plan du site, de la "
    "recherche et des flux.",
)
COMMON = {
    "slug": Slug(
        "Adresse",
        "Seulement si l’adresse doit différer du nom du fichier : l’adresse d’une page "
        "de l’ancien site, conservée telle quelle (ne la modifiez pas, les liens vers "
        "elle casseraient).",
    ),
    "status": STATUS,
    "a_completer": Text(
        "Note à compléter",
        "Une note pour l’équipe : visible en prévisualisation, jamais sur le site publié.",
        max=1000,
        long=True,
    ),
}
_ADVANCED = {
    "save_as": SitePath(
        "Fichier écrit (avancé)",
        "Réservé aux pages spéciales : le chemin du fichier que le site écrit.",
    ),
    "url": SitePath(
        "Adresse forcée (avancé)",
        "Réservé aux pages spéciales : l’adresse de la page, si elle diffère.",
    ),
    "template": Template(
        "Gabarit (avancé)",
        "Réservé aux pages spéciales : le gabarit du thème.",
        choices=CONTENT_TEMPLATES,
    ),
}

TITLE = Text(
    "Titre",
    "Tapé simplement : le site ajoute les espaces insécables, les « guillemets » "
    "et les apostrophes ’.",
    required=True,
    max=150,
)
SUMMARY_MAX = 300  # characters a search engine shows of a description
SUMMARY = Text(
    "Chapô",
    "Une ou deux phrases de présentation, reprises par les moteurs de recherche "
    f"({SUMMARY_MAX} caractères au plus).",
    required=True,
    max=SUMMARY_MAX,
    long=True,
)
DATE = PartialDate(
    "Date",
    "Ce qui est connu, sans inventer de jour : 2024-03-15 (le jour), 2024-03 (le mois), "
    "2024 (l’année) ou une période 2017/2018. Si le jour n’est pas connu, remplissez "
    "aussi « Mise en ligne ».",
    required=True,
)
MODIFIED = Day(
    "Mise en ligne",
    "Le jour de mise en ligne sur ce site, ou d’une mise à jour importante. "
    "Obligatoire quand la date n’est pas connue au jour près : les flux "
    "d’abonnement exigent un jour exact.",
)

PERSON = Kind(
    "personnes",
    "personne",
    "Personnes",
    {
        "title": Text("Nom", "Prénom et nom, tels que le site les affiche.", True, max=100),
        "role": Text("Fonction", "Par exemple « Vice-président ».", max=150),
        "organisation": Text("Organisation", "Par exemple « Le Centsept ».", max=150),
        "summary": Text(
            "Présentation courte", "Une phrase, reprise dans les listes.", max=SUMMARY_MAX
        ),
        "portrait": Image(
            "Portrait",
            "Une photo carrée de préférence ; sa description est obligatoire.",
            alt_field="portrait_alt",
        ),
        "portrait_alt": Text(
            "Description du portrait",
            "Ce que montre la photo, pour qui ne la voit pas (obligatoire avec un portrait).",
            max=300,
        ),
        **COMMON,
        "status": replace(
            STATUS,
            help="Laissé vide, la fiche paraît avec le premier entretien publié qui nomme la "
            "personne (jamais avant) ; « Publié » la publie tout de suite ; « Brouillon » ou "
            "« Caché » la retiennent.",
        ),
    },
    url_prefix="personnes/",
    template="personne",
    listing=True,
    card_kicker="Personne",
    sitemap_heading="Personnes",
    shown_by_others=True,
)
PROGRAMME = Kind(
    "programmes",
    "programme",
    "Programmes",
    {
        "title": TITLE,
        # Written by the association, or absent: readers then see the
        # programme's card without a description, never a made-up one.
        "summary": replace(
            SUMMARY,
            required=False,
            missing_note="description du programme absente ; ajoutez « summary: … », une "
            "phrase écrite par l’association. En attendant, les lecteurs voient la carte du "
            "programme sans description.",
        ),
        **COMMON,
    },
    url_prefix="programmes/",
    template="programme",
    listing=True,
    card_kicker="Programme",
    sitemap_heading="Programmes",
)
SERIES = Kind(
    "series",
    "série",
    "Séries",
    {
        "title": TITLE,
        "summary": SUMMARY,
        **COMMON,
        "status": replace(
            STATUS,
            help="Laissé vide, la série paraît avec son premier entretien publié ; « Publié » "
            "la publie tout de suite.",
        ),
    },
    url_prefix="series/",
    template="serie",
    sitemap_heading="Séries",
    shown_by_others=True,
)
INTERVIEW = Kind(
    "rencontres",
    "rencontre",
    "Rencontres",
    {
        "title": TITLE,
        "date": DATE,
        "summary": SUMMARY,
        "interviewees": People(
            "Personnes interviewées",
            "Leur fiche est dans « Personnes » : créez-la d’abord si elle manque.",
            required=True,
            target=PERSON,
        ),
        "programmes": Reference(
            "Programmes", "Les programmes dont parle l’entretien.", target=PROGRAMME, many=True
        ),
        "series": Reference(
            "Série", "La série dont fait partie l’entretien, s’il y en a une.", target=SERIES
        ),
        "themes": TextList(
            "Thèmes",
            "En toutes lettres, séparés par des virgules, de préférence les mots de "
            "l’interviewé ; chaque thème a sa page.",
        ),
        "mentions": Reference(
            "Personnes citées",
            "Les personnes dont l’entretien parle : leur fiche listera l’entretien.",
            target=PERSON,
            many=True,
        ),
        "modified": MODIFIED,
        **COMMON,
        # A new interview starts as a draft (as `invoke new-interview`).
        "status": replace(STATUS, default="draft"),
    },
    article=True,
    template="article",
    listing=True,
    paginated=True,
    card_kicker="Entretien",
    needs_questions=True,
    sitemap_heading="Rencontres",
)
PAGE = Kind(
    "pages",
    "page",
    "Pages",
    {"title": TITLE, "summary": SUMMARY, **COMMON, **_ADVANCED},
)
# Posts of the former WordPress site that are not interviews
# (announcements, events): pages at their old address /<slug>/, dated
# like WordPress dated them.
NEWS = Kind(
    "actualites",
    "actualité",
    "Actualités",
    {
        "title": TITLE,
        "summary": SUMMARY,
        "date": PartialDate(DATE.label, DATE.help),
        "modified": MODIFIED,
        **COMMON,
    },
    card_kicker="Actualité",
    sitemap_heading="Actualités (ancien site)",
    listing=True,
    paginated=True,
)

KINDS: tuple[Kind, ...] = (INTERVIEW, PROGRAMME, PERSON, SERIES, PAGE, NEWS)


def by_folder(kinds) -> dict[str, Kind]:
    return {kind.folder: kind for kind in kinds}


def kind_of(source_file: str, kinds=KINDS) -> Kind | None:
    """The kind of a file, from the first folder of its path that is a
    kind's (content/rencontres/personnes/x.md is an interview, as Pelican
    reads every file below an ARTICLE_PATHS folder as an article)."""
    folders = by_folder(kinds)
    for folder in source_file.replace("\\", "/").split("/")[:-1]:
        if folder in folders:
            return folders[folder]
    return None


def article_kind(kinds=KINDS) -> Kind:
    """The kind Pelican reads as articles (one: the site's category)."""
    (found,) = [kind for kind in kinds if kind.article]
    return found


def kind_settings(kinds, direct_templates=("index", "tags")) -> dict:
    """Pelican's settings that follow from the kinds: where it reads
    articles and pages, each folder's address prefix and template (with
    the ``kind`` metadata templates select on), the list pages and their
    addresses, which of them are paginated, the one category of articles."""
    articles = article_kind(kinds)
    settings = {
        "ARTICLE_PATHS": [articles.folder],
        "PAGE_PATHS": [kind.folder for kind in kinds if not kind.article],
        "EXTRA_PATH_METADATA": {
            kind.folder: (
                {"kind": kind.folder}
                if kind.article
                else {"url_prefix": kind.url_prefix, "template": kind.template, "kind": kind.folder}
            )
            for kind in kinds
        },
        # Every article is in the one category named after its folder;
        # drafts need it too (Pelican gives DEFAULT_CATEGORY to published ones).
        "DEFAULT_CATEGORY": articles.folder,
        "DEFAULT_METADATA": {"category": articles.folder},
        "PAGINATED_TEMPLATES": {kind.folder: None for kind in kinds if kind.paginated},
    }
    listings = [kind.folder for kind in kinds if kind.listing]
    # Pelican writes DIRECT_TEMPLATES with the articles, paginating those:
    # a paginated list of pages is written by plugins/listings instead.
    direct = [
        kind.folder for kind in kinds if kind.listing and (kind.article or not kind.paginated)
    ]
    first, *rest = direct_templates
    settings["DIRECT_TEMPLATES"] = [first, *direct, *rest]
    for folder in listings:
        settings[f"{folder.upper()}_URL"] = f"{folder}/"
        settings[f"{folder.upper()}_SAVE_AS"] = f"{folder}/index.html"
    return settings


def settings_disagreement(settings: dict) -> str | None:
    """Why the settings do not follow their CONTENT_KINDS, in French, or None
    (a kind added to the table without deriving the settings again)."""
    expected = kind_settings(settings["CONTENT_KINDS"])
    for name in ("ARTICLE_PATHS", "PAGE_PATHS", "EXTRA_PATH_METADATA"):
        if settings.get(name) != expected[name]:
            return (
                f"réglage {name} différent de ce que donnent les types de contenu "
                "(CONTENT_KINDS) : écrivez « globals().update(kind_settings(CONTENT_KINDS)) » "
                "après avoir changé CONTENT_KINDS."
            )
    return None


def reference_targets(kind: Kind) -> dict[str, Kind]:
    """The kind's reference fields → the kind each one names."""
    return {
        name: f.target
        for name, f in kind.fields.items()
        if isinstance(f, Reference) and f.target is not None
    }
