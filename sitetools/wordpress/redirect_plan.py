"""The redirects of the plan: every old address of a published item
(its path, « ?p= », attachments, archives by date, categories, tags,
authors and their feeds) → its new address or the list that shows it,
in every form the servers may receive it, then the old addresses of
copied files; only what the check accepts is kept (redirects.py).
Pure functions."""

from __future__ import annotations

from .addresses import HOME, day_of
from .choices import term_choice
from .people import named_authors
from .plan_types import INTERVIEWS, NEWS_FOLDER, Plan, Planned
from .redirects import address_forms, flatten
from .site import AT_TOP
from .wxr import old_path

MAIN_FEED = "/flux/rencontres.atom.xml"
# Imported news: its list and feed (theme/templates/actualites.html).
NEWS = "/actualites/"
NEWS_FEED = "/flux/actualites.atom.xml"


def _listing(entries: list[Planned], default: tuple[str, str]) -> tuple[str, str]:
    """The list (and feed) that shows these items: the interviews' when
    one is an interview, the news' when all are news."""
    folders = {e.folder for e in entries}
    if INTERVIEWS in folders:
        return HOME, MAIN_FEED
    if NEWS_FOLDER in folders:
        return NEWS, NEWS_FEED
    return default


def plan_redirects(result, export, choices, site, planned, attachments, present) -> None:
    """Every other old address → its new one (REDIRECTS, through
    content/redirections.yaml), in every form the servers may receive
    it; the check's refusals are left out and reported (redirects.py)."""
    redirects: dict[str, str] = {}
    published = [p for p in planned if p.published]
    # Addresses the new site serves itself: redirecting one would hide a page.
    served = {p.address for p in planned}
    kept = set(site.reserved) | {s for s, f in site.taken.items() if f.startswith(AT_TOP)}

    def serves(address: str) -> bool:
        if "?" in address:
            return False
        path = address.rstrip("/") + "/"
        if path.startswith(site.owned_folders):
            return True  # a folder of the build, at any depth
        return path in served or (path.strip("/").split("/", 1)[0] in kept and path.count("/") <= 2)

    def add(old: str, new: str) -> None:
        for form in address_forms(old):
            if form != new and form not in redirects:
                redirects[form] = new

    default = (
        (NEWS, NEWS_FEED)
        if any(p.folder == NEWS_FOLDER for p in published)
        else (
            HOME,
            MAIN_FEED,
        )
    )
    themes_used = {t for p in published if p.folder == INTERVIEWS for t in p.themes}
    archives: dict[str, list[Planned]] = {}
    for entry in published:
        item = entry.item
        old = old_path(item.link, export.site_url) if item.link else ""
        if old and old != "/":
            add(old, entry.address)
        if item.id.isdigit():
            add(f"/?p={item.id}", entry.address)
            if item.type == "page":
                add(f"/?page_id={item.id}", entry.address)
        day = day_of(item)
        if day and item.type == "post":
            for archive in (f"/{day:%Y}/", f"/{day:%Y}/{day:%m}/", f"/{day:%Y}/{day:%m}/{day:%d}/"):
                archives.setdefault(archive, []).append(entry)
    for archive, entries in archives.items():
        add(archive, _listing(entries, default)[0])
    for item, address in present:  # an item already on the new site: its ?p= leads there
        if item.id.isdigit():
            add(f"/?p={item.id}", address)
            if item.type == "page":
                add(f"/?page_id={item.id}", address)
    by_id = {p.item.id: p for p in published}
    for attachment in attachments.values():
        parent = by_id.get(attachment.parent)
        if parent is None:
            continue
        add(f"/?attachment_id={attachment.id}", parent.address)
        old = old_path(attachment.link, export.site_url) if attachment.link else ""
        if old and old != "/" and "?" not in old:
            add(old, parent.address)
    for group, prefix, terms, field_ in (
        ("categories", "category", export.categories.values(), "categories"),
        ("etiquettes", "tag", export.tags.values(), "tags"),
    ):
        for term in terms:
            if not term.slug or "/" in term.slug:
                continue
            entries = [
                p for p in published if term.slug in {t.slug for t in getattr(p.item, field_)}
            ]
            choice = term_choice(choices, group, term.slug, term.name)
            target, feed = _listing(entries, default)
            if choice.get("programme") in site.programmes:
                target = f"/programmes/{choice['programme']}/"
                feed = f"/flux/programmes/{choice['programme']}.atom.xml"
            elif (
                isinstance(choice.get("theme"), str)
                and choice["theme"] in themes_used
                and any(p.folder == INTERVIEWS for p in entries)
            ):
                target = f"/themes/{site.slug(choice['theme'])}/"
            path, parent, seen = term.slug, term.parent, {term.slug}
            while parent in export.categories and parent not in seen and prefix == "category":
                seen.add(parent)  # WordPress's address of a sub-category holds its parents
                path, parent = f"{parent}/{path}", export.categories[parent].parent
            for address in dict.fromkeys((term.slug, path)):
                add(f"/{prefix}/{address}/", target)
                add(f"/{prefix}/{address}/feed/", feed)
    named = named_authors(export, choices, planned)
    # A person's page is online only with a published interview that
    # names them (content_model/publication.py): an author's old address
    # leads there only then, to their list of posts otherwise.
    shown = {slug for p in published for slug, _ in getattr(p, "people", ())}
    for login in export.authors:
        author = site.slug(login)
        if not author:
            continue
        entries = [p for p in published if p.item.creator.lower() == login]
        target, feed = _listing(entries, default)
        if login in named and named[login] in shown:
            target = f"/personnes/{named[login]}/"
        add(f"/author/{author}/", target)
        add(f"/author/{author}/feed/", feed)
    add("/comments/feed/", default[1])
    written, refused = flatten(redirects, serves)
    result.redirects = dict(sorted(written.items()))
    result.refused_redirects += refused


def redirect_uploads(result: Plan, moved: dict[str, str]) -> None:
    """Old addresses of copied files (« /wp-content/uploads/… », every
    size a page used) → where the files now live."""
    redirects = {}
    for old, new in moved.items():
        for form in address_forms(old):
            if form not in result.redirects:
                redirects[form] = new
    written, refused = flatten(redirects, lambda address: False)
    result.redirects = dict(sorted({**result.redirects, **written}.items()))
    result.refused_redirects += refused
