"""Pelican settings for local development. Settings only, no logic:
the logic lives in plugins/ (see README.md)."""

from jinja2 import select_autoescape

from plugins.content_model import kinds

AUTHOR = "Le Centsept"
SITENAME = "Le Centsept"
SITE_DESCRIPTION = (
    "Le Centsept, association lyonnaise d’innovation sociale : "
    "collectivités, entreprises et entrepreneurs sociaux."
)
SITEURL = ""

PATH = "content"
# The kinds of content (folder, address, template, fields…), declared
# once in plugins/content_model/kinds.py. Pelican's settings that follow
# from them are derived here: ARTICLE_PATHS, PAGE_PATHS,
# EXTRA_PATH_METADATA (each folder's address prefix and template),
# DEFAULT_CATEGORY, DIRECT_TEMPLATES with the list pages and their
# *_URL / *_SAVE_AS, PAGINATED_TEMPLATES. A site that adds a kind
# extends CONTENT_KINDS and derives them again (the build says so if not).
CONTENT_KINDS = kinds.KINDS
globals().update(kinds.kind_settings(CONTENT_KINDS, direct_templates=("index", "tags")))
STATIC_PATHS = ["images"]
# Hidden files (.gitkeep, editors' backups) are neither read nor copied.
IGNORE_FILES = [".*"]
THEME = "theme"
# Every value a template prints is escaped for HTML (and XML), unless it
# is HTML the build made itself (bodies, chapôs, typeset titles: marked
# safe). Server files (.htaccess, _headers, robots.txt) are not HTML.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
    "autoescape": select_autoescape(["html", "xml"], default_for_string=False),
}
OUTPUT_PATH = "output"

TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
# Dates are formatted by Babel (plugins/french_dates), never by the
# machine's locale: leave Pelican's LOCALE and DATE_FORMATS alone.

# Our plugins are the package plugins/ (installed by `pip install -e .`).
# Order matters where several plugins act on the same signal: the
# content model links references before interviews use them, and
# typography runs on the final text.
PLUGINS = [
    "plugins.template_cache",  # each template compiled once per process
    "plugins.yaml_frontmatter",
    "plugins.french_dates",
    "plugins.content_model",
    "plugins.interviews",
    "plugins.french_typography",
    "plugins.programme_feeds",
    "plugins.listings",  # the paginated list pages of page kinds (/actualites/)
    "plugins.redirections",  # REDIRECTS + content/redirections.yaml → server files
    "plugins.structured_data",
    "plugins.social_cards",  # after the typography: cards show typeset titles
    "sitemap",
    "plugins.content_images",  # runs pelican-image-process on pages with images
    "plugins.search_index",
    "plugins.web_editor",  # /admin/: Decap CMS, its config made from the content model
    "plugins.static_assets",  # after the search index: it compresses it too
    "plugins.fixed_addresses",  # after every plugin that may change an address
    "plugins.incremental",  # last: livereload's writer, once every plugin made its contents
]

# Images: WebP in several sizes (srcset) for the browser to choose from,
# the original format as the fallback (src); metadata is not copied.
# Content images get the « photo » treatment (plugins/content_images),
# portraits the « portrait » one (theme templates). « responsive-image »
# rather than « picture »: image_process 3.4.0 builds <picture> paths
# with url[1:], which breaks on the absolute URLs of production.
IMAGE_PROCESS = {
    "photo": {
        "type": "responsive-image",
        "sizes": "(min-width: 42rem) 40rem, 100vw",
        "srcset": [
            ("480w", ["scale_in 480 10000 False"], "webp"),
            ("960w", ["scale_in 960 10000 False"], "webp"),
            ("1440w", ["scale_in 1440 10000 False"], "webp"),
        ],
        "default": ["scale_in 960 10000 False"],
    },
    "portrait": {
        "type": "responsive-image",
        "srcset": [
            ("1x", ["scale_out 192 192 False"], "webp"),
            ("2x", ["scale_out 384 384 False"], "webp"),
        ],
        "default": ["scale_out 192 192 False"],
    },
}

# Clean URLs, as on the association's former WordPress site: an
# interview lives at /<slug>/, so its old address is its address.
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
DRAFT_URL = "brouillons/{slug}/"
DRAFT_SAVE_AS = "brouillons/{slug}/index.html"
# Pages take the address prefix and template of their kind.
PAGE_URL = "{url_prefix}{slug}/"
PAGE_SAVE_AS = "{url_prefix}{slug}/index.html"
DRAFT_PAGE_URL = "brouillons/{slug}/"
DRAFT_PAGE_SAVE_AS = "brouillons/{slug}/index.html"
# A page's address is its file name: content/programmes/centsept-labs.md
# is /programmes/centsept-labs/, and other files refer to it as
# « centsept-labs ». A « slug: » line overrides it (old addresses).
SLUGIFY_SOURCE = "basename"

# Every interview is in the one category of the article kind; the site
# has no category, author or archive pages of Pelican's kind. Themes are
# Pelican tags (plugins/content_model): one page per theme.
USE_FOLDER_AS_CATEGORY = False
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
TAG_URL = "themes/{slug}/"
TAG_SAVE_AS = "themes/{slug}/index.html"
TAGS_URL = "themes/"
TAGS_SAVE_AS = "themes/index.html"

# « / » is the home page; each kind with a list page (kinds.py) has it
# at /<folder>/ (« /rencontres/ » lists every interview, « /actualites/ »
# the news, both paginated: /rencontres/page/2/…).
DEFAULT_PAGINATION = 20
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

MENU_ITEMS = (
    ("Rencontres", "rencontres/"),
    ("Programmes", "programmes/"),
    ("Actualités", "actualites/"),  # a page kind's list: shown once it has content (base.html)
    ("À propos", "a-propos/"),
    ("Recherche", "recherche/"),
)
# The footer, in columns: (column title, ((link text, path), ...)).
FOOTER_COLUMNS = (
    (
        "Lire",
        (
            ("Rencontres", "rencontres/"),
            ("Personnes", "personnes/"),
            ("Thèmes", "themes/"),
            ("Recherche", "recherche/"),
        ),
    ),
    (
        "L’association",
        (
            ("À propos", "a-propos/"),
            ("Programmes", "programmes/"),
        ),
    ),
    (
        "Informations",
        (
            ("Mentions légales", "mentions-legales/"),
            ("Confidentialité", "confidentialite/"),
            ("Accessibilité", "accessibilite/"),
            ("Plan du site", "plan-du-site/"),
        ),
    ),
)

# Mentions légales (LCEN, art. 1-1 since the 2024 SREN law): one block,
# shown on /mentions-legales/. None = not known yet: previews show the
# gap to editors, `invoke check` lists it, publishing refuses to run.
LEGAL_NOTICE = {
    "editeur": "Le Centsept, association",
    "siege": None,  # adresse du siège social
    "telephone": None,
    "courriel": None,  # aussi l’adresse de contact de la page Accessibilité
    "directeur_publication": None,  # le ou la représentante légale
    "hebergeur_nom": None,
    "hebergeur_adresse": None,
    "hebergeur_telephone": None,
}

TEMPLATE_PAGES = {
    "robots.txt": "robots.txt",
    "site.webmanifest": "site.webmanifest",
    # Server configuration shipped with the site (docs: README « Hébergement »).
    "htaccess": ".htaccess",
    "_headers": "_headers",
    "_redirects": "_redirects",
    "redirections.nginx": ".redirections.nginx",
    "recherche.html": "recherche/index.html",
    "plan-du-site.html": "plan-du-site/index.html",
    "mentions-legales.html": "mentions-legales/index.html",
}
SITEMAP = {
    "format": "xml",
    "exclude": [
        "^brouillons/",
        "^404\\.html$",
        "^admin/",
        # Pages only (an address ending in « / », or .html): not the files
        # written beside them from TEMPLATE_PAGES (robots.txt, the feeds,
        # the server configurations), which pelican-sitemap lists too.
        "^(?!.*\\.html$).*[^/]$",
    ],
}

# Feeds only in production (publishconf.py), where URLs are absolute.
# Their addresses are declared here so that every build knows them
# (links to a feed are checked in development too).
PRODUCTION_FEEDS = (
    "flux/rencontres.atom.xml",
    "flux/programmes/{slug}.atom.xml",
    "flux/actualites.atom.xml",  # theme/templates/actualites.atom.xml
)
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None

# The Content-Security-Policy every server config sends (and the browser
# tests check): nothing from other origins; Pagefind's WebAssembly needs
# 'wasm-unsafe-eval'.
# Every page also carries it as <meta http-equiv>, for hosts that send
# no headers (GitHub Pages, GitLab Pages): there, a browser ignores
# frame-ancestors, which only a header can give.
CONTENT_SECURITY_POLICY_META = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)
CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY_META + "; frame-ancestors 'none'"
REFERRER_POLICY = "strict-origin-when-cross-origin"

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": REFERRER_POLICY,
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
# Permanent redirects for addresses that moved (old path → new path),
# written into .htaccess, _redirects and .redirections.nginx
# (plugins/redirections); content/redirections.yaml adds more (the
# WordPress import writes it). The former WordPress site's feed was /feed/.
REDIRECTS = {
    "/feed/": "/flux/rencontres.atom.xml",
}

# Notes for editors (« à compléter ») show in local and preview builds.
SHOW_EDITOR_NOTES = True
# The « Prévisualisation » banner and noindex (previewconf.py).
PREVIEW = False

RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

# Slugs: ASCII, lower case, words joined by « - ». Pelican's defaults,
# plus French elisions (« l’économie » → « l-economie ») and no « _ ».
# Pelican applies these after unidecode (é → e, œ → oe, ’ → ').
SLUG_REGEX_SUBSTITUTIONS = [
    (r"['_]", " "),
    (r"[^\w\s-]", ""),
    (r"(?u)\A\s*", ""),
    (r"(?u)\s*\Z", ""),
    (r"[-\s]+", "-"),
    (r"\A-+|-+\Z", ""),
]
