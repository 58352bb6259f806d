"""Read a WordPress export (WXR) into plain data.

Parsing is Pelican's own: ``pelican.tools.pelican_import.file_to_soup``
(BeautifulSoup's XML parser) reads the file and ``decode_wp_content``
turns WordPress's stored text (blank lines as paragraphs) into HTML.
``wp2fields`` itself is not used: it keeps only published posts and
drafts and drops what this import needs (post ids for ``?p=``, the old
address ``<link>``, passwords, private and trashed items, category
slugs, attachments, comments).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from pelican.tools.pelican_import import decode_wp_content, file_to_soup


class ExportError(Exception):
    """The export cannot be read (in French, for the editor)."""


@dataclass
class Term:
    slug: str  # WordPress's « nicename »
    name: str


@dataclass
class Author:
    login: str
    display_name: str
    first_name: str
    last_name: str


@dataclass
class Item:
    id: str
    type: str  # post, page, attachment, or a custom type
    status: str  # publish, draft, pending, private, future, trash, inherit
    title: str
    slug: str  # post_name (may be empty for drafts)
    link: str  # the old address, as WordPress wrote it
    date: str  # « AAAA-MM-JJ HH:MM:SS », or « 0000-00-00 00:00:00 »
    html: str  # the body, as HTML
    excerpt: str
    creator: str
    categories: list[Term] = field(default_factory=list)
    tags: list[Term] = field(default_factory=list)
    password: str = ""
    parent: str = "0"
    attachment_url: str = ""
    comments: int = 0


@dataclass
class Export:
    site_url: str
    authors: dict[str, Author]
    categories: dict[str, Term]
    tags: dict[str, Term]
    items: list[Item]


def _text(node, name: str) -> str:
    found = node.find(name, recursive=False)
    return (found.get_text() if found is not None else "").strip()


def read_export(path: Path) -> Export:
    """The export at ``path``; ``ExportError`` if it is not a WXR file."""
    try:
        soup = file_to_soup(str(path))
    except (OSError, UnicodeDecodeError) as error:
        raise ExportError(f"{path}: illisible ({error.__class__.__name__}).") from None
    channel = soup.rss.channel if soup.rss else None
    if channel is None:
        raise ExportError(
            f"{path}: ce n’est pas un export WordPress (WXR) : "
            "exportez-le depuis Outils > Exporter dans l’administration WordPress."
        )
    site_url = _text(channel, "base_site_url") or _text(channel, "link")
    authors = {}
    for node in channel.find_all("author", recursive=False):
        login = _text(node, "author_login")
        authors[login.lower()] = Author(
            login,
            _text(node, "author_display_name"),
            _text(node, "author_first_name"),
            _text(node, "author_last_name"),
        )
    categories = {
        _text(n, "category_nicename"): Term(_text(n, "category_nicename"), _text(n, "cat_name"))
        for n in channel.find_all("category", recursive=False)
        if _text(n, "category_nicename")
    }
    tags = {
        _text(n, "tag_slug"): Term(_text(n, "tag_slug"), _text(n, "tag_name"))
        for n in channel.find_all("tag", recursive=False)
        if _text(n, "tag_slug")
    }
    items = []
    for node in channel.find_all("item", recursive=False):
        terms = {"category": [], "post_tag": []}
        for term in node.find_all("category", recursive=False):
            domain = term.get("domain")
            if domain in terms and term.get("nicename"):
                terms[domain].append(Term(term["nicename"], term.get_text().strip()))
        encoded = node.find("encoded", recursive=False)  # content:encoded, then excerpt:
        excerpts = node.find_all("encoded", recursive=False)
        items.append(
            Item(
                id=_text(node, "post_id"),
                type=_text(node, "post_type") or "post",
                status=_text(node, "status") or "draft",
                title=_text(node, "title"),
                slug=_text(node, "post_name"),
                link=_text(node, "link"),
                date=_text(node, "post_date"),
                html=decode_wp_content(encoded.get_text() if encoded is not None else ""),
                excerpt=excerpts[1].get_text().strip() if len(excerpts) > 1 else "",
                creator=_text(node, "creator"),
                categories=terms["category"],
                tags=terms["post_tag"],
                password=_text(node, "post_password"),
                parent=_text(node, "post_parent") or "0",
                attachment_url=_text(node, "attachment_url"),
                comments=sum(
                    _text(c, "comment_approved") == "1"
                    for c in node.find_all("comment", recursive=False)
                ),
            )
        )
    return Export(site_url.rstrip("/"), authors, categories, tags, items)


def old_path(link: str, site_url: str) -> str:
    """The path (and query) of an old address, relative to the old site:
    « https://ancien.fr/a-propos/ » → « /a-propos/ », « …/?p=12 » → « /?p=12 »."""
    parts = urlsplit(link)
    base = urlsplit(site_url).path.rstrip("/")
    path = parts.path or "/"
    if base and path.startswith(base + "/"):
        path = path[len(base) :]
    return path + (f"?{parts.query}" if parts.query else "")
