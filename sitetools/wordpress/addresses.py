"""Days, slugs, old addresses and uploads of WordPress, and where each
goes on the new site. Pure."""

from __future__ import annotations

import datetime
import posixpath
import re
from urllib.parse import unquote, urlsplit

from plugins.redirections.core import address_problem

from .site import SLUG, Site
from .text import plain_text
from .wxr import Item

# « photo-300x200.jpg »: a size WordPress made of « photo.jpg ».
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
IMAGES_FOLDER = "images/wordpress"
HOME = "/rencontres/"  # where an old list without an equivalent leads


def day_of(item: Item) -> datetime.date | None:
    """The day WordPress gives; None when it has none (drafts):
    no day is ever invented."""
    try:
        return datetime.datetime.strptime(item.date, "%Y-%m-%d %H:%M:%S").date()
    except ValueError:
        return None


def slug_of(item: Item, site: Site) -> str:
    """WordPress's post_name when it is already a slug of ours (its old
    address stays its address), else one made from it or the title."""
    if SLUG.match(item.slug):
        return item.slug
    made = site.slug(unquote(item.slug)) or site.slug(plain_text(item.title))
    return made or f"wordpress-{site.slug(item.id) or 'sans-titre'}"


# Jetpack's image proxy: « https://i0.wp.com/ancien.fr/wp-content/… ».
_PHOTON = re.compile(r"^(?:https?:)?//i[0-3]\.wp\.com/", re.I)


def unproxied(url: str) -> str:
    """An address through Jetpack's image proxy → the image's own."""
    if _PHOTON.match(url):
        return "https://" + _PHOTON.sub("", url).split("?", 1)[0]
    return url


def is_internal(url: str, site_url: str, aliases: tuple[str, ...] = ()) -> bool:
    """Whether ``url`` is an address of the old site (any of its host
    names, either scheme) or a path."""
    parts, base = urlsplit(unproxied(url)), urlsplit(site_url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return False
    host = parts.netloc.lower().split(":")[0].removeprefix("www.")
    return (
        not parts.netloc
        or host == base.netloc.lower().removeprefix("www.")
        or host in aliases
        or host.endswith(".files.wordpress.com")
        and host.removesuffix(".files.wordpress.com") + ".wordpress.com" in aliases
    )


def upload_path(url: str) -> str | None:
    """The uploads-relative path an address names: « /wp-content/uploads/
    2019/05/x.jpg », or WordPress.com's « x.files.wordpress.com/2019/05/x.jpg »."""
    parts = urlsplit(unproxied(url))
    path = unquote(parts.path)
    if parts.netloc.lower().endswith(".files.wordpress.com"):
        return path.lstrip("/") or None
    if "/wp-content/uploads/" not in path:
        return None
    return path.split("/wp-content/uploads/", 1)[1] or None


def upload_of(url: str, site: Site) -> str | None:
    """The file of --uploads an old address names, at the largest size
    WordPress kept: « photo-300x200.jpg » → « photo.jpg » if present,
    else the widest « photo-WxH.jpg »."""
    relative = upload_path(url)
    if relative is None:
        return None
    original = SIZE_SUFFIX.sub("", relative)
    if original in site.uploads:
        return original
    stem, extension = posixpath.splitext(original)
    sizes = [
        f for f in site.uploads if f.startswith(stem + "-") and SIZE_SUFFIX.sub("", f) == original
    ]
    if sizes:
        return max(sizes, key=lambda f: int(re.search(r"-(\d+)x\d+\.", f)[1]))
    return relative if relative in site.uploads else None


def image_target(upload: str, site: Site) -> str:
    """Where an upload goes in content/: lower case, no accent, no space."""
    folder, name = posixpath.split(upload)
    stem, extension = posixpath.splitext(name.rstrip(". "))  # Windows drops them
    extension = re.sub(r"[^a-z0-9.]", "", extension.lower())
    parts = [_not_windows(site.slug(p) or "x") for p in folder.split("/") if p]
    stem = _not_windows(site.slug(stem) or "image")
    return posixpath.join(IMAGES_FOLDER, *parts, f"{stem}{extension}")


def _not_windows(name: str) -> str:
    return f"{name}-fichier" if windows_reserved(name) else name


def redirectable(old: str) -> bool:
    """An old address the server configurations can match safely (the
    rule is the redirects plugin's, which the content check applies)."""
    return address_problem(old, HOME) is None


# Names Windows gives to devices: a file so named cannot be checked out
# there (« con.md », « CON.jpg », « aux », « com1 »…).
_WINDOWS = re.compile(r"^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$", re.I)


def windows_reserved(stem: str) -> bool:
    """Whether a file name (before its first dot) is a Windows device."""
    return bool(_WINDOWS.match(stem.split(".", 1)[0].rstrip(" ")))
