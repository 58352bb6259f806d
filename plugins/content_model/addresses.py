"""Every address the built site will have, derived from the settings and
the content (never listed by hand): links are checked against it, and a
content whose address is one the site already uses is refused.

Pure functions, no Pelican import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# Pelican's own default for direct templates without a « NAME_SAVE_AS ».
_DEFAULT_SAVE_AS = "{name}.html"


def address_of(save_as: str) -> str:
    """« rencontres/index.html » → « /rencontres/ »; « robots.txt » →
    « /robots.txt » (servers answer a folder's address with its index)."""
    address = "/" + save_as.lstrip("/")
    return address.removesuffix("index.html")


@dataclass
class Addresses:
    """What the site publishes: exact addresses, with what each one is
    (for messages), and folders whose every address exists."""

    exact: dict[str, str] = field(default_factory=dict)
    prefixes: tuple[str, ...] = ()

    def exists(self, address: str) -> bool:
        return address in self.exact or address.startswith(self.prefixes)


def generated(settings: dict) -> Addresses:
    """The addresses Pelican and our plugins write besides contents."""
    exact = {}
    for name in settings.get("DIRECT_TEMPLATES", ()):
        save_as = settings.get(f"{name.upper()}_SAVE_AS", _DEFAULT_SAVE_AS.format(name=name))
        if save_as:
            exact[address_of(save_as)] = f"la page « {name} » du site"
    for template, save_as in settings.get("TEMPLATE_PAGES", {}).items():
        exact[address_of(save_as)] = f"la page du site faite par {template}"
    for key in ("TAGS_SAVE_AS", "CATEGORIES_SAVE_AS", "AUTHORS_SAVE_AS", "ARCHIVES_SAVE_AS"):
        if settings.get(key):
            exact[address_of(settings[key])] = "une page du site"
    for feed in (settings.get("FEED_ALL_ATOM"), *settings.get("PRODUCTION_FEEDS", ())):
        if feed and "{" not in feed:
            exact[address_of(feed)] = "un flux Atom"
    if settings.get("SITEMAP"):
        exact["/sitemap.xml"] = "le plan du site pour les moteurs"
    prefixes = {"/" + settings.get("THEME_STATIC_DIR", "theme").strip("/") + "/", "/pagefind/"}
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
    return Addresses(exact, tuple(sorted(prefixes)))


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
