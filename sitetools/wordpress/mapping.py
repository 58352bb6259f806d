"""The export mapped onto this site's content model. Pure functions:
no file is read or written here (write.py does it).

``plan(export, choices, site)`` gives every file to write, every image
to copy, every redirect and every line of the report; ``choices`` is the
editor's mapping file (choices.py).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from plugins.content_model import kinds

from .addresses import (
    HOME,
    SIZE_SUFFIX,
    day_of,
    image_target,
    is_internal,
    slug_of,
    unproxied,
    upload_of,
    upload_path,
    windows_reserved,
)
from .choices import term_choice
from .redirects import address_forms, flatten
from .site import AT_TOP, SLUG, Site
from .text import (
    FIXED,
    REVIEW,
    Converted,
    Parsed,
    parse_body,
    plain_text,
    render_body,
    summary_from,
)
from .wxr import Export, Item, old_path

# Only « publish » without a password is published; every other status
# (draft, pending, future, private, auto-draft) is imported as a draft.
PUBLISHED = "publish"
# Only these are contents; every other type (forms, products, menus,
# field groups, blocks…) is counted in the report, never published.
CONTENT_TYPES = ("post", "page")
# WordPress's own machinery, not content.
TECHNICAL_TYPES = {
    "nav_menu_item",
    "revision",
    "wp_block",
    "wp_template",
    "wp_template_part",
    "wp_navigation",
    "wp_global_styles",
    "customize_changeset",
    "oembed_cache",
    "custom_css",
    "user_request",
    "wp_font_family",
    "wp_font_face",
}
_INTERVIEWEE = re.compile(
    r"(?:[Ee]ntretien|[Rr]encontre|[Ii]nterview|[Pp]ortrait)s?\s+(?:avec|de|d’|d')\s*"
    r"(?P<name>[A-ZÀ-Ý][\w’'-]+(?:\s+(?:de\s+|d[’']|le\s+)?[A-ZÀ-Ý][\w’'-]+){1,3})"
)
MAIN_FEED = "/flux/rencontres.atom.xml"
# Imported news: its list and feed (theme/templates/actualites.html).
NEWS = "/actualites/"
NEWS_FEED = "/flux/actualites.atom.xml"
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp")

# The kinds the import writes (plugins/content_model/kinds.py).
INTERVIEWS, PAGES, NEWS_FOLDER = kinds.INTERVIEW.folder, kinds.PAGE.folder, kinds.NEWS.folder


@dataclass
class Entry:
    """One line of the report's inventory."""

    kind: str  # « entretien », « actualité », « page », « personne »…
    title: str
    old: str
    new: str  # address, or « — » if not imported
    file: str = ""
    status: str = "publié"


@dataclass
class Plan:
    files: dict[str, dict] = field(default_factory=dict)  # content-relative → {meta, body}
    copies: dict[str, str] = field(default_factory=dict)  # content-relative → uploads-relative
    redirects: dict[str, str] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    needs_human: list[tuple[str, str]] = field(default_factory=list)  # (what, why): à revoir
    fixed: list[tuple[str, str]] = field(default_factory=list)  # (what, how): corrigé
    counts: dict[str, int] = field(default_factory=dict)
    comments: int = 0
    others: dict[str, int] = field(default_factory=dict)  # types not imported → number
    refused_redirects: list[tuple[str, str]] = field(default_factory=list)  # (old, why)

    def count(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1


# --- People --------------------------------------------------------------------


def interviewees(item: Item, choices: dict, site: Site) -> list[tuple[str, str]]:
    """(slug, name) of the people interviewed: from the mapping file, else
    named in the title (« Entretien avec Prénom Nom »)."""
    chosen = (choices.get("entretiens") or {}).get(item.id) or (
        choices.get("entretiens") or {}
    ).get(int(item.id) if item.id.isdigit() else item.id)
    if isinstance(chosen, list) and chosen:
        # The editor gave slugs: a new person file is titled from it
        # (« dominique-essai » → « Dominique Essai »), to be checked.
        return [(str(s), str(s).replace("-", " ").title()) for s in chosen if SLUG.match(str(s))]
    match = _INTERVIEWEE.search(plain_text(item.title))
    if not match:
        return []
    name = match["name"].strip()
    return [(site.slug(name), name)]


# --- The plan --------------------------------------------------------------------


@dataclass
class _Planned:
    item: Item
    folder: str
    slug: str
    address: str
    published: bool
    people: list[tuple[str, str]]
    programmes: list[str]
    themes: list[str]
    old: str = "—"  # the old address, relative to the old site
    parsed: Parsed | None = None
    empty: bool = False  # nothing to read or see once converted


def plan(export: Export, choices: dict, site: Site) -> Plan:
    """Everything the import will do, decided before anything is written."""
    result = Plan()
    attachments = {i.id: i for i in export.items if i.type == "attachment"}
    planned: list[_Planned] = []
    present: list[tuple[Item, str]] = []  # already in content/: (item, its address)
    used_slugs: dict[str, str] = {}
    for line, character in export.repaired:
        result.fixed.append(
            (f"export, ligne {line}", f"caractère de contrôle {character} retiré (XML invalide)")
        )
    for item in export.items:
        result.comments += item.comments
        if item.type == "attachment":
            continue
        if item.type not in CONTENT_TYPES:
            result.others[item.type] = result.others.get(item.type, 0) + 1
            continue
        title = plain_text(item.title) or f"Sans titre (WordPress n° {item.id})"
        old = old_path(item.link, export.site_url) if item.link else "—"
        if item.status in ("trash", "inherit"):
            result.count("ignorés (corbeille)")
            result.entries.append(Entry("ignoré", title, old, "—", status="corbeille"))
            continue
        slug = slug_of(item, site)
        if windows_reserved(slug):
            result.fixed.append(
                (title, f"« {slug} » est un nom interdit sous Windows : adresse « /{slug}-page/ »")
            )
            slug = f"{slug}-page"
        if slug in site.taken:
            if item.status == PUBLISHED and site.taken[slug].startswith(AT_TOP):
                present.append((item, f"/{slug}/"))
            result.count("déjà présents")
            result.entries.append(
                Entry("déjà présent", title, old, "—", site.taken[slug], "non réimporté")
            )
            continue
        if slug in site.reserved:
            slug = f"{slug}-wordpress"
            result.needs_human.append(
                (title, f"adresse « /{item.slug}/ » déjà prise par le site : « /{slug}/ »")
            )
        if slug in used_slugs:
            first = used_slugs[slug]
            slug = f"{slug}-{site.slug(item.id) or 'bis'}"
            while slug in used_slugs:
                slug += "-bis"
            result.needs_human.append(
                (title, f"même adresse que « {first} » sur WordPress : mis à « /{slug}/ »")
            )
        used_slugs[slug] = title
        published = item.status == PUBLISHED and not item.password
        programmes, themes = [], []
        for group, terms in (("categories", item.categories), ("etiquettes", item.tags)):
            for term in terms:
                choice = term_choice(choices, group, term.slug, term.name)
                if choice.get("programme") in site.programmes:
                    programmes.append(choice["programme"])
                elif isinstance(choice.get("theme"), str) and site.slug(choice["theme"]):
                    themes.append(choice["theme"])
        people = interviewees(item, choices, site) if item.type == "post" else []
        folder = PAGES if item.type == "page" else NEWS_FOLDER
        if item.type == "post" and people and day_of(item):
            folder = INTERVIEWS
        address = f"/{slug}/"
        planned.append(
            _Planned(
                item,
                folder,
                slug,
                address,
                published,
                people,
                list(dict.fromkeys(programmes)),
                list(dict.fromkeys(themes)),
                old,
            )
        )

    def gallery_of(item: Item):
        def gallery(ids: list[str]) -> list[tuple[str, str]]:
            """A gallery's images: its ids, else the images attached to
            the post, else those of its month's uploads folder."""
            if ids:
                chosen = [attachments[i] for i in ids if i in attachments]
            else:
                chosen = sorted(
                    (a for a in attachments.values() if a.parent == item.id),
                    key=lambda a: int(a.id) if a.id.isdigit() else 0,
                )
            found = [
                (a.attachment_url, plain_text(a.title))
                for a in chosen
                if a.attachment_url.lower().endswith(IMAGE_EXTENSIONS)
            ]
            day = day_of(item)
            if not found and not ids and day:
                folder = f"{day:%Y}/{day:%m}/"
                found = [
                    (
                        f"{export.site_url}/wp-content/uploads/{name}",
                        posixpath.splitext(posixpath.basename(name))[0].replace("-", " "),
                    )
                    for name in sorted(site.uploads)
                    if name.startswith(folder)
                    and name.count("/") == 2
                    and not SIZE_SUFFIX.search(name)
                    and name.lower().endswith(IMAGE_EXTENSIONS)
                ]
            return found

        return gallery

    for entry in planned:
        entry.parsed = parse_body(
            entry.item.html, gallery_of(entry.item), entry.item.type == "post"
        )
        soup = entry.parsed.soup
        if not re.search(r"\w", soup.get_text()) and soup.find("img") is None:
            # Never an empty page: a person decides what it should say.
            entry.empty = True
            if entry.published:
                entry.published = False
                entry.parsed.problems.append(
                    (
                        REVIEW,
                        "vide après l’import (rien à lire ni à voir) : importé en brouillon",
                    )
                )
        if entry.folder == INTERVIEWS and entry.parsed.questions == 0:
            # The content model wants questions in an interview.
            entry.folder = NEWS_FOLDER
            entry.parsed.problems.append(
                (REVIEW, "entretien sans question repérée : rangé dans les actualités, à vérifier")
            )
    by_old = {"/": "/"}
    for entry in planned:
        if entry.published and entry.item.link:
            by_old.setdefault(old_path(entry.item.link, export.site_url), entry.address)
    for item, address in present:
        if item.link:
            by_old.setdefault(old_path(item.link, export.site_url), address)
    _plan_redirects(result, export, choices, site, planned, attachments, present)
    by_old.update(result.redirects)
    uploads_moved: dict[str, str] = {}  # old path of a file → its new address

    def copy(url: str) -> str | None:
        upload = upload_of(url, site)
        if upload is None:
            return None
        target = image_target(upload, site)
        if target not in result.copies and windows_reserved(
            posixpath.splitext(posixpath.basename(upload))[0].rstrip(". ")
        ):
            result.fixed.append((upload, f"nom interdit sous Windows : copié en {target}"))
        elif target not in result.copies and upload.endswith((".", " ")):
            result.fixed.append((upload, f"point ou espace final (refusé par Windows) : {target}"))
        result.copies[target] = upload
        path = urlsplit(unproxied(url)).path
        if "/wp-content/uploads/" in path:
            uploads_moved[old_path(unproxied(url), export.site_url)] = "/" + target
        return target

    def rewrite(url: str) -> str:
        if not is_internal(url, export.site_url, export.aliases):
            return url if urlsplit(url).scheme in ("http", "https", "mailto") else ""
        target = copy(url)
        if target is not None:
            return "{static}/" + target
        relative = upload_path(url)
        if relative is not None:
            for candidate in dict.fromkeys((relative, SIZE_SUFFIX.sub("", relative))):
                if candidate in site.refused:
                    result.needs_human.append((candidate, site.refused[candidate]))
            return ""  # reported by the caller: never fetched
        path = old_path(url, export.site_url)
        new = by_old.get(path) or by_old.get(path.rstrip("/") + "/")
        return new or ""

    def absolute(url: str) -> str:
        url = unproxied(url.strip())
        return "https:" + url if url.startswith("//") else urljoin(export.site_url + "/", url)

    for entry in planned:
        _plan_item(result, entry, rewrite, site, absolute)
    # The files of public attachments: copied, and their old address kept.
    by_id = {p.item.id: p for p in planned if p.published}
    for attachment in attachments.values():
        if attachment.parent in by_id or attachment.parent == "0":
            if attachment.attachment_url and is_internal(
                attachment.attachment_url, export.site_url, export.aliases
            ):
                copy(attachment.attachment_url)
    _redirect_uploads(result, uploads_moved)
    for login, slug in _named_authors(export, choices, planned).items():
        author = export.authors[login]
        _plan_person(result, slug, f"{author.first_name} {author.last_name}".strip(), site, True)
    for kind, label in (("categories", "catégories"), ("etiquettes", "étiquettes")):
        result.counts[f"{label} WordPress (correspondances)"] = len(choices.get(kind) or {})
    return result


def _plan_item(result: Plan, entry: _Planned, rewrite, site: Site, absolute=None) -> None:
    item = entry.item
    title = plain_text(item.title) or f"Sans titre (WordPress n° {item.id})"
    notes = []
    converted: Converted = render_body(entry.parsed, rewrite, absolute or (lambda url: url))
    body = converted.markdown
    folder = entry.folder
    if entry.empty:
        notes.append("Vide après l’import : complétez ou supprimez ce fichier.")
    if item.type == "post" and converted.questions >= 2 and not entry.people:
        result.needs_human.append(
            (
                title,
                "a la forme d’un entretien, mais la personne interviewée n’est pas nommée "
                "dans le titre : rangé dans les actualités (voir « entretiens » dans "
                "content/import-wordpress.yaml)",
            )
        )
    if folder == INTERVIEWS and converted.plain_questions:
        result.needs_human.append(
            (title, "questions repérées seulement à leur « ? » final : vérifiez les titres ##")
        )
    for kind, problem in converted.problems:
        (result.fixed if kind == FIXED else result.needs_human).append((title, problem))
    summary = summary_from(item.excerpt, item.html)
    meta: dict = {"title": title}
    if not entry.published:
        meta["status"] = "draft"
        reason = {
            "private": "privé sur WordPress",
            "pending": "en attente de relecture sur WordPress",
            "future": "programmé sur WordPress",
        }.get(item.status, "brouillon sur WordPress")
        if item.password:
            reason = "protégé par un mot de passe sur WordPress"
        notes.append(f"Importé en brouillon ({reason}) : relisez avant de publier.")
        if item.status == "private" or item.password:
            result.needs_human.append(
                (
                    title,
                    f"{reason} : importé en brouillon, jamais publié, mais son texte est "
                    "dans le dépôt ; supprimez le fichier si le dépôt est public",
                )
            )
    day = day_of(item)
    if day and folder in (INTERVIEWS, NEWS_FOLDER):
        meta["date"] = day
    if folder == INTERVIEWS:
        meta["interviewees"] = [slug for slug, _ in entry.people]
        if entry.programmes:
            meta["programmes"] = entry.programmes
        if entry.themes:
            meta["themes"] = entry.themes
    if not summary:
        summary = title
        notes.append("Chapô repris du titre : écrivez un vrai résumé.")
    meta["summary"] = summary
    if notes:
        meta["a_completer"] = " ".join(notes)
    path = f"{folder}/{entry.slug}.md"
    result.files[path] = {"meta": meta, "body": body, "origin": f"n° {item.id} sur WordPress"}
    kind = {INTERVIEWS: "entretien", PAGES: "page", NEWS_FOLDER: "actualité"}[folder]
    result.count(f"{kind}s" if entry.published else f"{kind}s (brouillons)")
    result.entries.append(
        Entry(
            kind,
            title,
            entry.old,
            entry.address if entry.published else f"/brouillons/{entry.slug}/",
            f"content/{path}",
            "publié" if entry.published else "brouillon",
        )
    )
    if folder == INTERVIEWS:
        for slug, name in entry.people:
            _plan_person(result, slug, name, site, entry.published)


def _named_authors(export: Export, choices: dict, planned: list[_Planned]) -> dict[str, str]:
    """Authors of a published item whom the mapping file gives a person
    slug (the proposal does when WordPress has a first and last name)."""
    wrote = {p.item.creator.lower() for p in planned if p.published}
    named = {}
    for login, slug in (choices.get("auteurs") or {}).items():
        login = str(login).lower()
        if isinstance(slug, str) and SLUG.match(slug) and login in wrote:
            author = export.authors.get(login)
            if author is not None and (author.first_name or author.last_name):
                named[login] = slug
    return named


def _plan_person(result: Plan, slug: str, name: str, site: Site, published: bool) -> None:
    """A person file; a draft while only unpublished items name them
    (a private post must not reveal who it is about)."""
    path = f"personnes/{slug}.md"
    if slug in site.people:
        return
    planned = result.files.get(path)
    if planned is not None:
        if published and planned["meta"].get("status") == "draft":
            del planned["meta"]["status"]
            for entry in result.entries:
                if entry.file == f"content/{path}":
                    entry.new, entry.status = f"/personnes/{slug}/", "publié"
        return
    meta = {"title": name}
    if not published:
        meta["status"] = "draft"
    meta["a_completer"] = (
        "Fiche créée par l’import WordPress : ajoutez rôle, organisation, "
        "présentation et, si vous en avez une, une photo avec son texte alternatif."
    )
    result.files[path] = {"meta": meta, "body": "", "origin": "fiche de personne"}
    result.count("personnes")  # a line of the report, not the folder
    result.entries.append(
        Entry(
            "personne",
            name,
            "—",
            f"/personnes/{slug}/" if published else f"/brouillons/{slug}/",
            f"content/{path}",
            "publié" if published else "brouillon",
        )
    )


def _listing(entries: list[_Planned], default: tuple[str, str]) -> tuple[str, str]:
    """The list (and feed) that shows these items: the interviews' when
    one is an interview, the news' when all are news."""
    folders = {e.folder for e in entries}
    if INTERVIEWS in folders:
        return HOME, MAIN_FEED
    if NEWS_FOLDER in folders:
        return NEWS, NEWS_FEED
    return default


def _plan_redirects(result, export, choices, site, planned, attachments, present) -> None:
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
    archives: dict[str, list[_Planned]] = {}
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
    named = _named_authors(export, choices, planned)
    for login in export.authors:
        author = site.slug(login)
        if not author:
            continue
        entries = [p for p in published if p.item.creator.lower() == login]
        target, feed = _listing(entries, default)
        if login in named:
            target = f"/personnes/{named[login]}/"
        add(f"/author/{author}/", target)
        add(f"/author/{author}/feed/", feed)
    add("/comments/feed/", default[1])
    written, refused = flatten(redirects, serves)
    result.redirects = dict(sorted(written.items()))
    result.refused_redirects += refused


def _redirect_uploads(result: Plan, moved: dict[str, str]) -> None:
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
