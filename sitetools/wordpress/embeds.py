"""Players and embedded media in a WordPress body (<iframe>, <object>,
<embed>, <video>, <audio>, the block editor's embeds, a provider's
address alone in a paragraph) → a paragraph with the media's label and
address (media.py names them), with a note for the report: the site
loads nothing from other sites. Pure functions, on the parsed tree."""

from __future__ import annotations

import html
import re

from bs4 import BeautifulSoup

from .media import identify
from .notes import FIXED, REVIEW

MEDIA_TAGS = ("iframe", "object", "embed", "video", "audio")
MEDIA_HINT = re.compile(
    r"<(?:iframe|object|embed|video|audio)\b|wp-block-embed|<p>\s*https?://", re.I
)


def media_html(value: str, hint: str = "") -> tuple[str, tuple[str, str] | None]:
    """A paragraph with the media's label and address, and its note."""
    media = identify(value, hint)
    if media is None:
        return "", (REVIEW, f"[{hint}] sans adresse : retiré")
    address = html.escape(media.url)
    paragraph = f'<p>{media.label} : <a href="{address}">{address}</a></p>'
    if media.known:
        return paragraph, (
            FIXED,
            f"lecteur intégré ({media.label}) remplacé par un lien : {media.url}",
        )
    return paragraph, (
        REVIEW,
        f"contenu intégré d’un service inconnu, remplacé par un lien : {media.url}",
    )


def media_tags(soup, notes: list) -> None:
    """<iframe>, <object>, <embed>, <video>, <audio> (and the block
    editor's embeds) → a paragraph with a label and the media's address."""
    for figure in soup.select("figure.wp-block-embed, div.wp-block-embed"):
        wrapper = figure.find(class_="wp-block-embed__wrapper") or figure
        address = (
            wrapper.get_text(" ", strip=True).split(" ")[0] if wrapper.get_text(strip=True) else ""
        )
        if address.startswith("http"):
            caption = figure.find("figcaption")
            paragraph, note = media_html(address)
            new = BeautifulSoup(paragraph, "html.parser")
            if caption is not None and caption.get_text(strip=True):
                new.append(
                    BeautifulSoup(
                        f"<p>{html.escape(caption.get_text(' ', strip=True))}</p>", "html.parser"
                    )
                )
            figure.replace_with(new)
            notes.append(note)
    for tag in soup.find_all(list(MEDIA_TAGS)):
        if tag.parent is None or tag.find_parent(list(MEDIA_TAGS)) is not None:
            continue  # already replaced with its container
        sources = [tag.get("src"), tag.get("data")]
        sources += [
            p.get("value")
            for p in tag.find_all("param")
            if (p.get("name") or "").lower() in ("movie", "src", "url", "filename")
        ]
        sources += [s.get("src") for s in tag.find_all(["source", "embed"])]
        source = next((s.strip() for s in sources if s and s.strip()), "")
        if source.startswith("//"):
            source = "https:" + source
        if not source:
            notes.append((REVIEW, f"<{tag.name}> sans adresse : retiré"))
            tag.decompose()
            continue
        paragraph, note = media_html(source, tag.name)
        notes.append(note)
        tag.replace_with(BeautifulSoup(paragraph, "html.parser"))
    # A provider's address alone in a paragraph: WordPress showed the player.
    for paragraph in soup.find_all("p"):
        text = paragraph.get_text(strip=True)
        if paragraph.find(True) is None and re.fullmatch(r"https?://\S+", text):
            media = identify(text)
            if media is not None and media.known and media.label != "Contenu externe":
                new, note = media_html(text)
                paragraph.replace_with(BeautifulSoup(new, "html.parser"))
                notes.append(note)
