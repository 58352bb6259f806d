"""Pelican settings for local development. Settings only, no logic:
the logic lives in plugins/ (see README.md)."""

AUTHOR = "Le Centsept"
SITENAME = "Le Centsept"
SITE_DESCRIPTION = (
    "Le Centsept, association lyonnaise d’innovation sociale : "
    "collectivités, entreprises et entrepreneurs sociaux."
)
SITEURL = ""

PATH = "content"
ARTICLE_PATHS = ["rencontres"]
PAGE_PATHS = ["pages", "programmes"]
STATIC_PATHS = ["images"]
THEME = "theme"
OUTPUT_PATH = "output"

TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
# Dates are formatted by Babel (plugins/french_dates), never by the
# machine's locale: leave Pelican's LOCALE and DATE_FORMATS alone.

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["yaml_frontmatter", "french_dates", "french_typography"]

# Clean URLs, as on the association's former WordPress site: an
# interview lives at /<slug>/, so its old address is its address.
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
DRAFT_URL = "brouillons/{slug}/"
DRAFT_SAVE_AS = "brouillons/{slug}/index.html"
# Pages take the prefix of their folder (``url_prefix`` below).
PAGE_URL = "{url_prefix}{slug}/"
PAGE_SAVE_AS = "{url_prefix}{slug}/index.html"
DRAFT_PAGE_URL = "brouillons/{slug}/"
DRAFT_PAGE_SAVE_AS = "brouillons/{slug}/index.html"
EXTRA_PATH_METADATA = {
    "pages": {"url_prefix": ""},
    "programmes": {"url_prefix": "programmes/"},
}
SLUGIFY_SOURCE = "title"

# Every interview is in the one category « Rencontres »; the site has no
# category, tag, author or archive pages of Pelican's kind.
DEFAULT_CATEGORY = "rencontres"
USE_FOLDER_AS_CATEGORY = False
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""

# « / » is the home page; « /rencontres/ » lists every interview and
# « /programmes/ » every programme.
DIRECT_TEMPLATES = ["index", "rencontres", "programmes"]
PAGINATED_TEMPLATES = {"rencontres": None}
RENCONTRES_URL = "rencontres/"
RENCONTRES_SAVE_AS = "rencontres/index.html"
PROGRAMMES_URL = "programmes/"
PROGRAMMES_SAVE_AS = "programmes/index.html"
DEFAULT_PAGINATION = 20
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

MENU_ITEMS = (
    ("Rencontres", "rencontres/"),
    ("Programmes", "programmes/"),
    ("À propos", "a-propos/"),
)

# Feeds only in production (publishconf.py), where URLs are absolute.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Notes for editors (« à compléter ») show in local and preview builds.
SHOW_EDITOR_NOTES = True

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
