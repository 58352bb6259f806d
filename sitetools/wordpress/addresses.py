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


def is_internal(url: str, site_url: str) -> bool:
    parts, base = urlsplit(url), urlsplit(site_url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return False
    return not parts.netloc or parts.netloc.lower().removeprefix("www.") == (
        base.netloc.lower().removeprefix("www.")
    )


def upload_of(url: str, site: Site) -> str | None:
    """The file of --uploads an old address names, at the largest size
    WordPress kept: « photo-300x200.jpg » → « photo.jpg » if present,
    else the widest « photo-WxH.jpg »."""
    path = unquote(urlsplit(url).path)
    if "/wp-content/uploads/" not in path:
        return None
    relative = path.split("/wp-content/uploads/", 1)[1]
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
    stem, extension = posixpath.splitext(name)
    parts = [site.slug(p) or "x" for p in folder.split("/") if p]
    return posixpath.join(IMAGES_FOLDER, *parts, f"{site.slug(stem) or 'image'}{extension.lower()}")


def redirectable(old: str) -> bool:
    """An old address the server configurations can match safely (the
    rule is the redirects plugin's, which the content check applies)."""
    return address_problem(old, HOME) is None
