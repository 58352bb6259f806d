"""Where each content of content/ will be written, and the problems of
those addresses: two contents at one address, a theme without one, a
content where the build or the server writes something else."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from pelican.utils import slugify

from .addresses import Addresses, address_of
from .kinds import Kind
from .problems import Problem

if TYPE_CHECKING:
    from .validation import Source


def slug_of(text: str, settings: dict) -> str:
    """Pelican's slug of ``text`` (a theme, a file name), as the build
    makes it with SLUG_REGEX_SUBSTITUTIONS."""
    substitutions = tuple(tuple(pair) for pair in settings.get("SLUG_REGEX_SUBSTITUTIONS", ()))
    return _slug(text, substitutions)


# Remembered: the checks ask for each theme's slug several times per
# file, and Pelican's slugify (Unicode normalisation, a dozen regular
# expressions) was a tenth of a livereload rebuild at 1,000 interviews.
@functools.lru_cache(maxsize=8192)
def _slug(text: str, substitutions: tuple) -> str:
    return slugify(text, regex_subs=[list(pair) for pair in substitutions])


def content_address(kind: Kind, slug: str, metadata: dict, settings: dict) -> str:
    """Where Pelican will write this content, as an address."""
    if isinstance(metadata.get("save_as"), str):
        return address_of(metadata["save_as"])
    if isinstance(metadata.get("url"), str):
        return "/" + metadata["url"].lstrip("/")
    if kind.article:
        return address_of(settings["ARTICLE_SAVE_AS"].format(slug=slug))
    extra = settings.get("EXTRA_PATH_METADATA", {}).get(kind.folder, {})
    return address_of(
        settings["PAGE_SAVE_AS"].format(**{"url_prefix": kind.url_prefix, **extra, "slug": slug})
    )


def content_addresses(sources: list[Source], settings: dict) -> tuple[dict, list[Problem]]:
    """The address of every content and theme; two contents at one
    address (an interview and a page both at /a-propos/), and a theme
    whose name gives no address, are problems."""
    found, problems, owners = {}, [], {}
    # The one with a « slug: » line is the likelier mistake: reported.
    for source in sorted(sources, key=lambda s: ("slug" in s.key_lines, s.file)):
        line = source.key_lines.get("slug", source.key_lines.get("title", 1))
        other = owners.get(source.address)
        same_slug = (
            other is not None
            and other.slug == source.slug
            and other.kind.article == source.kind.article
        )  # already said by check_references: one mistake, one line
        if other is not None and not same_slug:
            problems.append(
                Problem(
                    source.file,
                    line,
                    "slug",
                    f"l’adresse {source.address} est déjà celle de {found[source.address]} ; "
                    "changez le nom du fichier ou le « slug: ».",
                )
            )
        found.setdefault(source.address, source.file)
        owners.setdefault(source.address, source)
        themes = source.metadata.get("themes")
        for theme in themes if isinstance(themes, list) else ():
            if isinstance(theme, str) and settings.get("TAG_SAVE_AS"):
                slug = slug_of(theme, settings)
                if not slug:
                    problems.append(
                        Problem(
                            source.file,
                            source.key_lines.get("themes", 1),
                            "themes",
                            f"le thème « {theme} » doit contenir des lettres ou des chiffres "
                            "(il lui faut une adresse).",
                        )
                    )
                    continue
                found[address_of(settings["TAG_SAVE_AS"].format(slug=slug))] = "un thème"
    return found, problems


def taken_addresses(sources: list[Source], addresses: Addresses) -> list[Problem]:
    """A content written where the site writes something else would
    overwrite it (Pelican stops, in English), or sit in a folder the build
    or the server owns (/admin/, /pagefind/…): say it first, in French."""
    problems = []
    for source in sources:
        what = addresses.owner(source.address, server=False) or addresses.owner(
            source.address + "index.html", server=False
        )
        if what:
            problems.append(
                Problem(
                    source.file,
                    source.key_lines.get("slug", source.key_lines.get("title", 1)),
                    "slug",
                    f"l’adresse {source.address} est déjà celle de {what} ; "
                    "choisissez un autre « slug: » ou un autre nom de fichier.",
                )
            )
    return problems
