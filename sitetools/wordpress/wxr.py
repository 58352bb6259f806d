"""Read a WordPress export (WXR) into plain data.

WordPress's stored text (blank lines as paragraphs, [caption]) becomes
HTML with Pelican's own ``pelican.tools.pelican_import.decode_wp_content``.
The XML itself is read with lxml (already a dependency), not with
Pelican's ``file_to_soup``/``wp2fields``: ``wp2fields`` keeps only
published posts and drafts and drops what this import needs (post ids
for ``?p=``, the old address ``<link>``, passwords, private and trashed
items, category slugs, attachments, comments), and reading 1,600 posts
through BeautifulSoup's XML tree took 10 s where lxml takes 0.2 s
(measured on bench/import_wordpress.py's synthetic export). Entities are not resolved and nothing is
fetched from the network (XXE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree
from pelican.tools.pelican_import import decode_wp_content

from .text import code_blocks

# Bytes XML 1.0 never allows (even in CDATA); real exports have some.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class ExportError(Exception):
    """The export cannot be read (in French, for the editor)."""


@dataclass
class Term:
    slug: str  # WordPress's « nicename »
    name: str
    parent: str = ""  # the parent category's slug (its address is /category/parent/slug/)


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
    guid: str = ""


@dataclass
class Export:
    site_url: str  # the blog's own address (base_blog_url, else <link>)
    authors: dict[str, Author]
    categories: dict[str, Term]
    tags: dict[str, Term]
    items: list[Item]
    # Other addresses of the same site (WordPress's install, the old
    # domain, WordPress.com's file hosts): their files are this site's.
    aliases: tuple[str, ...] = ()
    repaired: list[tuple[int, str]] = field(default_factory=list)  # (line, what was removed)


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(node) -> dict[str, list]:
    """Children by local name: the wp: namespace changes with WXR versions."""
    found: dict[str, list] = {}
    for child in node:
        found.setdefault(_local(child), []).append(child)
    return found


def _text(children: dict, name: str) -> str:
    found = children.get(name)
    return (found[0].text or "").strip() if found else ""


def read_export(path: Path) -> Export:
    """The export at ``path``; ``ExportError`` if it is not a WXR file."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True
    )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ExportError(f"{path}: illisible ({error.__class__.__name__}).") from None
    repaired = control_characters(data)
    if repaired:
        data = _CONTROL.sub(b"", data)
    try:
        root = etree.fromstring(data, parser).getroottree().getroot()
    except etree.XMLSyntaxError as error:
        line = error.lineno or 1
        raise ExportError(
            f"{path}:{line}: XML illisible ({error.msg}) : ouvrez le fichier dans un "
            "éditeur de texte à cette ligne (une balise coupée, un caractère étranger), "
            "ou exportez-le de nouveau sans l’ouvrir dans un autre logiciel."
        ) from None
    channel = root.find("channel") if _local(root) == "rss" else None
    if channel is None:
        raise ExportError(
            f"{path}: ce n’est pas un export WordPress (WXR) : "
            "exportez-le depuis Outils > Exporter dans l’administration WordPress."
        )
    top = _children(channel)
    # base_blog_url is the site; base_site_url the install (on
    # WordPress.com, « https://wordpress.com » for every blog).
    site_url = _text(top, "base_blog_url") or _text(top, "link") or _text(top, "base_site_url")
    aliases = [_text(top, n) for n in ("base_blog_url", "link", "base_site_url")]
    authors = {}
    for node in top.get("author", []):
        c = _children(node)
        login = _text(c, "author_login")
        authors[login.lower()] = Author(
            login,
            _text(c, "author_display_name"),
            _text(c, "author_first_name"),
            _text(c, "author_last_name"),
        )
    categories = {}
    for node in top.get("category", []):
        c = _children(node)
        if _text(c, "category_nicename"):
            term = Term(
                _text(c, "category_nicename"), _text(c, "cat_name"), _text(c, "category_parent")
            )
            categories[term.slug] = term
    tags = {}
    for node in top.get("tag", []):
        c = _children(node)
        if _text(c, "tag_slug"):
            tags[_text(c, "tag_slug")] = Term(_text(c, "tag_slug"), _text(c, "tag_name"))
    items = [_item(node) for node in top.get("item", [])]
    # Terms may be named only on the items (many exports): as in the header.
    for item in items:
        for term in item.categories:
            categories.setdefault(term.slug, term)
        for term in item.tags:
            tags.setdefault(term.slug, term)
    site_url = site_url.rstrip("/")
    return Export(
        site_url,
        authors,
        categories,
        tags,
        items,
        site_aliases(
            site_url, [a for a in aliases + _own_hosts(items) if "wordpress.com" not in a]
        ),
        repaired,
    )


def _own_hosts(items: list[Item]) -> list[str]:
    """Hosts the export itself shows as the site's: where its
    attachments were stored, and its guids (« http://ancien.fr/?p=12 »),
    which keep the domain a site had before it moved."""
    hosts = []
    for item in items:
        for url in (
            item.attachment_url,
            item.guid if "?p=" in item.guid or "?page_id=" in item.guid else "",
        ):
            if url.startswith(("http://", "https://")) and "wp.com/" not in url:
                hosts.append(urlsplit(url).netloc)
    return list(dict.fromkeys(hosts))


def control_characters(data: bytes) -> list[tuple[int, str]]:
    """(line, character) of every byte XML refuses, to be removed."""
    found = []
    for match in _CONTROL.finditer(data):
        line = data.count(b"\n", 0, match.start()) + 1
        found.append((line, f"U+{match[0][0]:04X}"))
    return found


def site_aliases(site_url: str, others: list[str]) -> tuple[str, ...]:
    """Every host name of the old site: with and without « www. », the
    install's, and WordPress.com's file hosts (« x.files.wordpress.com »;
    i0.wp.com is matched by its path, in addresses.py)."""
    hosts = []
    for url in [site_url, *others]:
        host = urlsplit(url if "//" in url else "//" + url).netloc.lower().split("@")[-1]
        host = host.split(":")[0].removeprefix("www.")
        if host:
            hosts += [host, "www." + host]
            if host.endswith(".wordpress.com"):
                hosts.append(host.removesuffix(".wordpress.com") + ".files.wordpress.com")
    return tuple(dict.fromkeys(hosts))


def _item(node) -> Item:
    c = _children(node)
    terms: dict[str, list[Term]] = {"category": [], "post_tag": []}
    for term in c.get("category", []):
        domain = term.get("domain")
        if domain in terms and term.get("nicename"):
            terms[domain].append(Term(term.get("nicename"), (term.text or "").strip()))
    body = excerpt = ""
    for encoded in c.get("encoded", []):
        if "excerpt" in (etree.QName(encoded).namespace or ""):
            excerpt = (encoded.text or "").strip()
        else:
            body = encoded.text or ""
    return Item(
        id=_text(c, "post_id"),
        type=_text(c, "post_type") or "post",
        status=_text(c, "status") or "draft",
        title=_text(c, "title"),
        slug=_text(c, "post_name"),
        link=_text(c, "link"),
        date=_text(c, "post_date"),
        html=body_html(body),
        excerpt=excerpt,
        creator=_text(c, "creator"),
        categories=terms["category"],
        tags=terms["post_tag"],
        password=_text(c, "post_password"),
        parent=_text(c, "post_parent") or "0",
        attachment_url=_text(c, "attachment_url"),
        guid=_text(c, "guid"),
        comments=sum(
            _text(_children(comment), "comment_approved") == "1" for comment in c.get("comment", [])
        ),
    )


def body_html(stored: str) -> str:
    """WordPress's stored text as HTML. The classic editor's text gets
    its paragraphs as WordPress's wpautop gives them (Pelican's
    decode_wp_content); the block editor's is HTML already, and
    WordPress itself skips wpautop on it (has_blocks): so do we."""
    stored = code_blocks(stored)  # before the paragraphs: code stays code
    if "<!-- wp:" in stored:
        return stored
    return decode_wp_content(stored)


def old_path(link: str, site_url: str) -> str:
    """The path (and query) of an old address, relative to the old site:
    « https://ancien.fr/a-propos/ » → « /a-propos/ », « …/?p=12 » → « /?p=12 »."""
    parts = urlsplit(link)
    base = urlsplit(site_url).path.rstrip("/")
    path = parts.path or "/"
    if base and path.startswith(base + "/"):
        path = path[len(base) :]
    return path + (f"?{parts.query}" if parts.query else "")
