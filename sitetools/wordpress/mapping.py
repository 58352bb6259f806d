"""The export mapped onto this site's content model. Pure functions:
no file is read or written here (write.py does it).

``plan(export, choices, site)`` gives every file to write, every image
to copy, every redirect and every line of the report; ``choices`` is the
editor's mapping file (choices.py). This module plans the contents
(each post or page's folder, address, draft or not, front matter and
body, the images it copies); the people are planned in people.py, the
redirects in redirect_plan.py, and plan_types.py says what a plan holds.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urljoin, urlsplit

from .addresses import (
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
from .notes import FIXED, REVIEW
from .people import interviewees, named_authors, plan_person
from .plan_types import INTERVIEWS, NEWS_FOLDER, PAGES, Entry, Plan, Planned
from .redirect_plan import plan_redirects, redirect_uploads
from .site import AT_TOP, Site
from .text import Converted, parse_body, plain_text, render_body, summary_from
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
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp")


def plan(export: Export, choices: dict, site: Site) -> Plan:
    """Everything the import will do, decided before anything is written."""
    result = Plan()
    attachments = {i.id: i for i in export.items if i.type == "attachment"}
    planned: list[Planned] = []
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
            Planned(
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
    plan_redirects(result, export, choices, site, planned, attachments, present)
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
    redirect_uploads(result, uploads_moved)
    for login, slug in named_authors(export, choices, planned).items():
        author = export.authors[login]
        plan_person(result, slug, f"{author.first_name} {author.last_name}".strip(), site, True)
    for kind, label in (("categories", "catégories"), ("etiquettes", "étiquettes")):
        result.counts[f"{label} WordPress (correspondances)"] = len(choices.get(kind) or {})
    return result


def _plan_item(result: Plan, entry: Planned, rewrite, site: Site, absolute=None) -> None:
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
            plan_person(result, slug, name, site, entry.published)
