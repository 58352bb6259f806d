"""The site's address space: every address the built site serves, the
folders the build writes whole, and the forms under which the shipped
servers (nginx, Apache, Netlify-style ``_redirects``) match a string.

Derived from the settings, the kinds and the content (never listed by
hand): links are checked against it, a content whose address the site
already uses is refused, and a redirect may neither take over an
address the site serves (in any form a server matches) nor point
anywhere but at a page of the site. The WordPress import asks it which
addresses it may not use.

Pure functions, no Pelican import.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

# Pelican's own default for direct templates without a « NAME_SAVE_AS ».
_DEFAULT_SAVE_AS = "{name}.html"
# Folders that belong to the build or the server, whatever the settings:
# the web editor (plugins/web_editor), the search index (Pagefind), and
# the files a host or a certificate authority puts there (ACME).
ALWAYS_RESERVED = {
    "/admin/": "l’éditeur du site (/admin/)",
    "/pagefind/": "l’index de recherche",
    "/.well-known/": "les fichiers du serveur (certificats)",
}


def address_of(save_as: str) -> str:
    """« rencontres/index.html » → « /rencontres/ »; « robots.txt » →
    « /robots.txt » (servers answer a folder's address with its index)."""
    address = "/" + save_as.lstrip("/")
    return address.removesuffix("index.html")


@dataclass
class Addresses:
    """What the site publishes.

    ``exact``: each address served, with what it is (for messages);
    ``files``: the exact addresses that are files, not pages (a static
    file, robots.txt, a feed is a page for this purpose: see ``is_page``);
    ``prefixes``: folders whose every address exists (pagination, feeds
    of programmes…); ``reserved``: folders the build or the server owns
    entirely, which no content may take or redirect.
    """

    exact: dict[str, str] = field(default_factory=dict)
    prefixes: tuple[str, ...] = ()
    reserved: dict[str, str] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)
    # Addresses the shipped server configurations name (the 404 page, a
    # content of its own): never redirected, whoever writes them.
    server: dict[str, str] = field(default_factory=dict)

    def fingerprint(self) -> str:
        """Equal for two Addresses that answer every question alike. A
        short digest, not the tuple of every address: it goes into one
        memo key per file, and a key that long is hashed and compared in
        full at each look-up (quadratic in the number of contents)."""
        everything = (
            tuple(sorted(self.exact.items())),
            self.prefixes,
            tuple(sorted(self.reserved.items())),
            tuple(sorted(self.files)),
            tuple(sorted(self.server.items())),
        )
        return hashlib.blake2b(repr(everything).encode("utf-8"), digest_size=16).hexdigest()

    def exists(self, address: str) -> bool:
        """An address a link may lead to."""
        return address in self.exact or address.startswith(self.prefixes)

    def owner(self, address: str, server: bool = True) -> str | None:
        """What the site serves at ``address`` or owns around it (the
        address itself, or a folder it belongs to), or None. ``server``:
        count the addresses the server configurations name (a content
        may be the 404 page; a redirect may not take it)."""
        if address in self.exact:
            return self.exact[address]
        if server and address in self.server:
            return self.server[address]
        for folder, what in self.reserved.items():
            if address.startswith(folder) or address == folder.rstrip("/"):
                return what
        for prefix in self.prefixes:
            if address.startswith(prefix):
                return "une page du site"
        return None

    def is_page(self, address: str) -> bool:
        """An address a reader may be sent to: a page or a feed, not a
        file published as it is, not a folder the build owns."""
        listed = address in self.exact and address not in self.files
        return (listed or address.startswith(self.prefixes)) and not address.startswith(
            tuple(self.reserved)
        )

    def top_segments(self) -> set[str]:
        """First parts of the addresses the site uses (« rencontres »,
        « admin »…): a page of another site may not take them."""
        segments = set()
        for address in [*self.exact, *self.prefixes, *self.reserved]:
            first = address.strip("/").split("/", 1)[0]
            if first:
                segments.add(first.removesuffix(".html"))
        return segments


def server_forms(address: str) -> list[str]:
    """The addresses a server matches for a redirect of ``address``, as
    our redirect writers write it (plugins/redirections): with and
    without the final slash (nginx gets both, Apache's rule is
    ``^a/?$``), percent-decoded (servers decode the request first), and
    a folder's ``index.html`` as the folder (Apache rewrites after
    DirectoryIndex, so « /a/index.html » is also « /a/ »)."""
    decoded = unquote(address)
    forms = []
    for path in dict.fromkeys((address, decoded)):
        bare = path.rstrip("/") or "/"
        for form in (bare, bare + "/" if bare != "/" else "/"):
            forms.append(form)
            if form.endswith("/index.html"):
                forms.append(form.removesuffix("index.html"))
            elif form == "/index.html":
                forms.append("/")
    return list(dict.fromkeys(forms))


def paginated_lists(settings: dict) -> list[str]:
    """Paginated templates that are list pages of their own (a
    ``<NAME>_SAVE_AS`` without a slug), not Pelican's tag or category pages."""
    return [
        name
        for name in settings.get("PAGINATED_TEMPLATES", {})
        if "{" not in settings.get(f"{name.upper()}_SAVE_AS", "{")
    ]


def generated(settings: dict) -> Addresses:
    """The addresses Pelican and our plugins write besides contents."""
    exact, files = {}, set()
    # List pages: Pelican's DIRECT_TEMPLATES, and the paginated lists of
    # page kinds that plugins/listings writes (named in PAGINATED_TEMPLATES).
    for name in dict.fromkeys((*settings.get("DIRECT_TEMPLATES", ()), *paginated_lists(settings))):
        save_as = settings.get(f"{name.upper()}_SAVE_AS", _DEFAULT_SAVE_AS.format(name=name))
        if save_as:
            exact[address_of(save_as)] = f"la page « {name} » du site"
    exact["/index.html"] = exact.get("/", "la page d’accueil")
    for template, save_as in settings.get("TEMPLATE_PAGES", {}).items():
        address = address_of(save_as)
        exact[address] = f"la page du site faite par {template}"
        if not address.endswith(("/", ".html", ".atom.xml")):
            files.add(address)  # robots.txt, .htaccess, _redirects…; a feed is a page
    for key in ("TAGS_SAVE_AS", "CATEGORIES_SAVE_AS", "AUTHORS_SAVE_AS", "ARCHIVES_SAVE_AS"):
        if settings.get(key):
            exact[address_of(settings[key])] = "une page du site"
    for feed in (settings.get("FEED_ALL_ATOM"), *settings.get("PRODUCTION_FEEDS", ())):
        if feed and "{" not in feed:
            exact[address_of(feed)] = "un flux Atom"
    if settings.get("SITEMAP"):
        exact["/sitemap.xml"] = "le plan du site pour les moteurs"
        files.add("/sitemap.xml")
    theme = "/" + settings.get("THEME_STATIC_DIR", "theme").strip("/") + "/"
    prefixes = {theme, "/pagefind/"}
    for feed in settings.get("PRODUCTION_FEEDS", ()):
        if "{" in feed:
            prefixes.add("/" + feed.split("{", 1)[0].lstrip("/"))
    # Later pages of paginated lists: /rencontres/page/2/ …
    for name in settings.get("PAGINATED_TEMPLATES", {}):
        save_as = settings.get(f"{name.upper()}_SAVE_AS", "")
        for _, url, _ in settings.get("PAGINATION_PATTERNS", ()):
            if "{number}" in url and save_as:
                base = save_as.removesuffix("index.html").removesuffix(".html").rstrip("/")
                prefixes.add("/" + url.split("{number}")[0].format(base_name=base).lstrip("/"))
    reserved = dict(ALWAYS_RESERVED)
    reserved[theme] = "les fichiers du thème"
    if settings.get("SOCIAL_CARDS_PATH"):
        reserved["/" + settings["SOCIAL_CARDS_PATH"].strip("/") + "/"] = "les cartes de partage"
    # Drafts' folder, even where production writes none: previews do.
    for key in ("DRAFT_URL", "DRAFT_PAGE_URL"):
        folder = settings.get(key, "").split("{", 1)[0]
        if folder.strip("/"):
            reserved["/" + folder.strip("/") + "/"] = "les brouillons (prévisualisations)"
    server = {"/404.html": "la page « introuvable » que les serveurs envoient (404)"}
    return Addresses(exact, tuple(sorted(prefixes)), reserved, files, server)


def static_files(content: Path, settings: dict) -> dict[str, str]:
    """Files of STATIC_PATHS, published as they are."""
    found = {}
    for static in settings.get("STATIC_PATHS", ()):
        folder = content / static
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file():
                    found["/" + path.relative_to(content).as_posix()] = "un fichier de content/"
    return found


def redirect_problem(old: str, new: str, addresses: Addresses, olds: set[str]) -> str | None:
    """Why the redirect ``old`` → ``new`` may not be written, in French,
    or None. ``old`` and ``new`` already have the form of addresses
    (plugins/redirections.core.address_problem); ``olds``: every old
    address redirected."""
    for form in server_forms(old):
        what = addresses.owner(form)
        if what:
            shown = "" if form == old else f" (les serveurs la lisent aussi « {form} »)"
            return (
                f"« {old} » est une adresse du site{shown} : {what} ; "
                "la rediriger la rendrait inaccessible."
            )
    target = new.split("#", 1)[0]
    if target in olds or unquote(target) in olds:
        return (
            f"« {old} » mène à « {new} », elle-même redirigée : "
            "écrivez directement la dernière adresse (pas de chaîne ni de boucle)."
        )
    if addresses.is_page(target):
        return None
    if target in addresses.files and _same_type(old, target):
        return None  # an old file's address → the same file, moved (uploads)
    if addresses.exists(target) or target in addresses.files:
        return (
            f"« {old} » mène à « {new} », qui n’est pas une page du site "
            "(seulement une page, ou un fichier du même type qu’à l’ancienne adresse)."
        )
    return f"« {old} » mène à « {new} », qui n’est pas une adresse du site."


def _same_type(old: str, new: str) -> bool:
    old_suffix = PurePosixPath(unquote(old)).suffix.lower()
    return bool(old_suffix) and old_suffix == PurePosixPath(new).suffix.lower()
