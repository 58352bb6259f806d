"""WordPress's own markup in a body, before it is parsed as HTML: the
block editor's comments taken out, and the shortcodes of an allow-list
(captions, galleries, players, forms, page builders' layout) turned
into escaped HTML, with a note for the report each; every other bracket
stays text, since a reader may have written it (« [sic] »,
« Optional[str] »). Pure functions."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from bs4 import BeautifulSoup

from .embeds import media_html
from .notes import FIXED, REVIEW

# <!-- wp:paragraph {"align":"center"} --> and <!-- /wp:paragraph -->
_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*?-->\s*", re.S)
# The shortcodes this import knows; any other « [mot] » is text (a
# reader wrote it: « [sic] », « Optional[str] », a git configuration).
CODE_LANGUAGES = {
    "code": "", "sourcecode": "", "source": "", "bash": "bash", "shell": "bash",
    "sh": "bash", "php": "php", "python": "python", "py": "python", "js": "javascript",
    "javascript": "javascript", "css": "css", "html": "html", "xml": "xml", "sql": "sql",
    "java": "java", "cpp": "cpp", "csharp": "csharp", "ruby": "ruby", "perl": "perl",
    "plain": "", "text": "", "json": "json", "yaml": "yaml", "diff": "diff",
    "powershell": "powershell", "ps": "powershell", "go": "go", "rust": "rust",
}  # fmt: skip
EMBEDS = {
    "embed", "video", "audio", "playlist", "youtube", "vimeo", "dailymotion",
    "soundcloud", "dewplayer", "googlevideo", "wpvideo", "ted", "flickr",
}  # fmt: skip
FORMS = {
    "contact-form", "contact-form-7", "contact_form", "wpforms", "gravityform",
    "gravityforms", "formidable", "ninja_form", "ninja_forms", "mc4wp_form",
    "caldera_form", "si-contact-form", "cforms", "fluentform",
}  # fmt: skip
# Page builders' layout shortcodes: their text stays, the layout goes.
LAYOUT_PREFIXES = ("vc_", "et_pb_", "fusion_")
_NAMES = "|".join(
    sorted(
        (
            re.escape(n)
            for n in {"caption", "wp_caption", "gallery"} | set(CODE_LANGUAGES) | EMBEDS | FORMS
        ),
        key=len,
        reverse=True,
    )
)
_SHORTCODE = re.compile(
    r"(?<!\[)\[(?P<name>" + _NAMES + r"|(?:vc|et_pb|fusion)_[\w-]+)(?![\w-])"
    r"(?P<attrs>[^\]]*)\](?:(?P<inner>.*?)\[/(?P=name)\])?",
    re.S | re.I,
)
# [[gallery]] is how WordPress writes a shortcode's name as text.
_ESCAPED = re.compile(r"\[(\[(?:" + _NAMES + r")(?![\w-])[^\]]*\])\]", re.I)
_LOOKS_LIKE_SHORTCODE = re.compile(
    r"\[([a-zA-Z][\w-]*)\s+[\w-]+=(?:\"[^\"\]]*\"|'[^'\]]*'|[^\s\]]+)[^\]]*\]|\[/([a-zA-Z][\w-]*)\]"
)
_LAYOUT_LEFT = re.compile(r"\[/?(?:vc|et_pb|fusion)_[\w-]+[^\]]*\]", re.I)
_PRE = re.compile(r"<pre\b.*?</pre>", re.S | re.I)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")


def strip_blocks(text: str) -> str:
    """Gutenberg's block comments removed (the HTML between them stays)."""
    return _BLOCK_COMMENT.sub("", text)


def shortcode_attrs(text: str) -> dict[str, str]:
    return {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTR.finditer(text)}


def _positional(attrs_text: str) -> str:
    """« [youtube=URL] », « [dewplayer:URL] », « [youtube ID] »."""
    value = attrs_text.strip().lstrip("=:").strip()
    return value.split()[0].strip("\"'") if value else ""


def expand_shortcodes(
    text: str, gallery: Callable[[list[str]], list[tuple[str, str]]]
) -> tuple[str, list[tuple[str, str]]]:
    """Known shortcodes → HTML (escaped), with notes for the report;
    any other bracket is left as it is (text).

    ``gallery(ids)`` gives the (address, description) of a gallery's
    images; ``[]`` of ids: the post's own images."""
    notes: list[tuple[str, str]] = []

    def replace(match: re.Match) -> str:
        name = match["name"].lower()
        attrs = shortcode_attrs(match["attrs"] or "")
        inner = match["inner"] or ""
        if name in ("caption", "wp_caption"):
            soup = BeautifulSoup(inner, "html.parser")
            image = soup.find("img")
            if image is not None:
                image.extract()
            for link in soup.find_all("a"):
                if not link.get_text(strip=True):
                    link.extract()
            caption = soup.get_text(" ", strip=True) or attrs.get("caption", "")
            if image is None:
                return f"<p>{html.escape(caption)}</p>"
            if not image.get("alt"):
                image["alt"] = caption
            return f"<figure>{image}<figcaption>{html.escape(caption)}</figcaption></figure>"
        if name == "gallery":
            ids = [i.strip() for i in attrs.get("ids", "").split(",") if i.strip()]
            found = gallery(ids)
            if not found:
                notes.append(
                    (
                        REVIEW,
                        "galerie vide : aucune de ses images n’est dans l’export ni dans --uploads",
                    )
                )
                return ""
            if ids and len(found) < len(ids):
                notes.append(
                    (
                        REVIEW,
                        f"galerie : {len(ids) - len(found)} image(s) sur {len(ids)} absente(s) "
                        "de l’export, les autres gardées",
                    )
                )
            elif not ids:
                notes.append(
                    (
                        FIXED,
                        f"galerie sans liste : les {len(found)} image(s) de l’article "
                        "reprises en liste",
                    )
                )
            items = "".join(
                f'<li><img src="{html.escape(src)}" alt="{html.escape(alt)}"></li>'
                for src, alt in found
            )
            return f"<ul>{items}</ul>"
        if name in EMBEDS:
            value = (
                inner.strip()
                or attrs.get("src", "")
                or attrs.get("url", "")
                or attrs.get("id", "")
                or next(
                    (
                        attrs[k]
                        for k in ("mp4", "mp3", "ogg", "webm", "m4v", "m4a", "wav", "flv")
                        if attrs.get(k)
                    ),
                    "",
                )
                or _positional(match["attrs"] or "")
            )
            paragraph, note = media_html(
                value, name if name not in ("embed", "video", "audio") else ""
            )
            if note[1].startswith("[") and name in ("embed", "video", "audio", "playlist"):
                note = (REVIEW, f"[{name}] sans adresse : retiré")
            notes.append(note)
            return paragraph
        if name in FORMS:
            notes.append(
                (
                    REVIEW,
                    f"formulaire [{name}] non importé : le site n’en a pas "
                    "(indiquez une adresse de contact)",
                )
            )
            return ""
        if name.startswith(LAYOUT_PREFIXES):
            return inner  # the builder's text stays
        return match.group(0)  # an unpaired « [code] »: text

    parts = _PRE.split(text)
    pres = _PRE.findall(text)
    out = []
    for index, part in enumerate(parts):
        previous = None
        while previous != part:  # nested shortcodes: outer first, then inner
            previous, part = part, _SHORTCODE.sub(replace, part)
        part = _LAYOUT_LEFT.sub("", part)  # a builder's unpaired closing tags
        out.append(_ESCAPED.sub(r"\1", part))
        if index < len(pres):
            out.append(pres[index])
    # Brackets kept as text that look like a plugin's shortcode (with
    # attributes, or a closing tag): said, since a reader now sees them.
    result = "".join(out)
    found = _LOOKS_LIKE_SHORTCODE.finditer(_PRE.sub("", result))
    for name in dict.fromkeys((m[1] or m[2]).lower() for m in found):
        notes.append(
            (
                REVIEW,
                f"[{name}…] gardé tel quel, en texte : sans doute le code court d’une extension",
            )
        )
    builders = {m.lower() for m in re.findall(r"\[/?((?:vc|et_pb|fusion)_[\w-]+)", text, re.I)}
    if builders:
        notes.append((FIXED, "mise en page d’un constructeur de pages retirée, son texte gardé"))
    return result, notes
