"""A WordPress body (HTML) → this site's Markdown. Pure functions.

Order: Gutenberg block comments out, shortcodes of an allow-list into
HTML (every other bracket stays text), embedded players into links,
questions into headings, links and images to their new addresses, then
HTML → Markdown with markdownify rather than html2text: measured on the
two test exports (bench/import_wordpress.py --convertisseurs), html2text
is faster but, on WordPress's invalid nesting (<p><figure>, an unclosed
<a>), merges a whole interview into one paragraph (structure kept in 16
texts of 24, against 21); markdownify works on BeautifulSoup's repaired
tree (already a dependency) and lets us choose heading style and
escaping. French typography is left to the build
(plugins/french_typography).

Every note for the report is (FIXED or REVIEW, French message): what the
import changed on its own, and what a person must look at.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString
from markdownify import MarkdownConverter

from .media import identify

FIXED = "corrigé automatiquement"
REVIEW = "à revoir"

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
_CODE_SHORTCODE = re.compile(
    r"\[(?P<name>" + "|".join(sorted(CODE_LANGUAGES, key=len, reverse=True)) + r")(?![\w-])"
    r"(?P<attrs>[^\]]*)\](?P<inner>.*?)\[/(?P=name)\]",
    re.S | re.I,
)
_LOOKS_LIKE_SHORTCODE = re.compile(
    r"\[([a-zA-Z][\w-]*)\s+[\w-]+=(?:\"[^\"\]]*\"|'[^'\]]*'|[^\s\]]+)[^\]]*\]|\[/([a-zA-Z][\w-]*)\]"
)
_LAYOUT_LEFT = re.compile(r"\[/?(?:vc|et_pb|fusion)_[\w-]+[^\]]*\]", re.I)
_PRE = re.compile(r"<pre\b.*?</pre>", re.S | re.I)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
_LANGUAGE = re.compile(r"^[a-z0-9][a-z0-9+#-]{0,19}$")
QUESTION_MAX = 400  # characters: longer, it is a paragraph that asks
# Elements the content check refuses: taken out, with what they were.
REMOVED_TAGS = {
    "script": "script", "style": "mise en forme <style>", "form": "formulaire",
    "noscript": "bloc <noscript>", "svg": "dessin <svg>", "math": "formule <math>",
    "template": "modèle <template>", "base": "balise <base>", "meta": "balise <meta>",
    "link": "balise <link>", "input": "champ de formulaire", "button": "bouton",
    "textarea": "champ de formulaire", "select": "champ de formulaire",
    "frameset": "cadres", "frame": "cadre", "applet": "applet Java",
    "plaintext": "balise <plaintext>", "xmp": "balise <xmp>", "title": "balise <title>",
}  # fmt: skip
MEDIA_TAGS = ("iframe", "object", "embed", "video", "audio")
_MEDIA_HINT = re.compile(
    r"<(?:iframe|object|embed|video|audio)\b|wp-block-embed|<p>\s*https?://", re.I
)
_REMOVED_HINT = re.compile(r"<(?:" + "|".join(REMOVED_TAGS) + r")\b", re.I)


@dataclass
class Converted:
    markdown: str
    questions: int = 0  # questions turned into headings
    plain_questions: bool = False  # found only as plain paragraphs: to check
    problems: list[tuple[str, str]] = field(default_factory=list)  # (FIXED|REVIEW, message)
    images: list[str] = field(default_factory=list)  # sources as written


def strip_blocks(text: str) -> str:
    """Gutenberg's block comments removed (the HTML between them stays)."""
    return _BLOCK_COMMENT.sub("", text)


def shortcode_attrs(text: str) -> dict[str, str]:
    return {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTR.finditer(text)}


def code_language(name: str, attrs: dict[str, str]) -> str:
    """The fenced block's language: « [code lang=x] », « [bash] »…"""
    value = attrs.get("lang") or attrs.get("language") or attrs.get("brush") or ""
    value = (value or CODE_LANGUAGES.get(name.lower(), "")).strip().lower()
    value = {"shell": "bash", "sh": "bash", "js": "javascript", "py": "python"}.get(value, value)
    return value if _LANGUAGE.match(value) and value not in ("plain", "text") else ""


def code_blocks(text: str) -> str:
    """Code shortcodes → <pre><code>, before WordPress's paragraphs are
    made (which would cut the code into paragraphs and <br />). The
    code is stored as typed, or with entities: unescaped, then escaped."""

    def replace(match: re.Match) -> str:
        attrs = shortcode_attrs(match["attrs"] or "")
        language = code_language(match["name"], attrs)
        inner = html.unescape(match["inner"]).strip("\r\n")
        inner = re.sub(r"<br\s*/?>\n?", "\n", inner)
        css = f' class="language-{language}"' if language else ""
        return f"\n\n<pre><code{css}>{html.escape(inner, quote=False)}</code></pre>\n\n"

    return _CODE_SHORTCODE.sub(replace, text)


def _positional(attrs_text: str) -> str:
    """« [youtube=URL] », « [dewplayer:URL] », « [youtube ID] »."""
    value = attrs_text.strip().lstrip("=:").strip()
    return value.split()[0].strip("\"'") if value else ""


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


def _is_question(text: str) -> bool:
    text = text.strip()
    return text.endswith("?") and 0 < len(text) <= QUESTION_MAX


def _bold_only(paragraph) -> str | None:
    """The text of a paragraph that is only bold text, else None."""
    children = [
        c for c in paragraph.children if not (isinstance(c, NavigableString) and not c.strip())
    ]
    if children and all(getattr(c, "name", None) in ("strong", "b") for c in children):
        return paragraph.get_text(" ", strip=True)
    return None


def mark_questions(soup: BeautifulSoup) -> tuple[int, bool]:
    """Questions → <h2>: bold paragraphs and headings ending with « ? »
    (and a bold question followed by <br> and its answer). Without any,
    plain short paragraphs ending with « ? » and followed by an answer,
    if there are at least two (then flagged: a human should check).
    Returns (questions, found only as plain paragraphs)."""
    count = 0
    for heading in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        if _is_question(heading.get_text()):
            heading.name = "h2"
            count += 1
    for paragraph in soup.find_all("p"):
        bold = _bold_only(paragraph)
        if bold is not None and _is_question(bold):
            paragraph.replace_with(_heading(soup, bold))
            count += 1
            continue
        first = paragraph.find(True, recursive=False)
        if (
            first is not None
            and first.name in ("strong", "b")
            and paragraph.contents
            and paragraph.contents[0] is first
            and _is_question(first.get_text())
            and first.find_next_sibling() is not None
            and first.find_next_sibling().name == "br"
        ):
            question = first.get_text(" ", strip=True)
            first.find_next_sibling().extract()
            first.extract()
            paragraph.insert_before(_heading(soup, question))
            count += 1
    if count:
        return count, False
    plain = [
        p
        for p in soup.find_all("p")
        if _is_question(p.get_text())
        and p.find_next_sibling("p") is not None
        and not _is_question(p.find_next_sibling("p").get_text())
    ]
    if len(plain) >= 2:
        for paragraph in plain:
            paragraph.replace_with(_heading(soup, paragraph.get_text(" ", strip=True)))
        return len(plain), True
    return 0, False


def _heading(soup, text: str):
    heading = soup.new_tag("h2")
    heading.string = text
    return heading


def level_headings(soup: BeautifulSoup) -> None:
    """The page title is the <h1>: body headings start at <h2> and
    never skip a level (the content check refuses ### after #)."""
    previous = 1
    for heading in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        level = max(2, min(int(heading.name[1]), previous + 1))
        heading.name = f"h{level}"
        previous = level


# What Markdown reads at the start of a line: a heading, a quotation, a
# numbered item (« 2019. » alone on its line).
_LINE_START = re.compile(r"(?:^|(?<=\n))(?:(#|>)|(\d+)(?=[.)](?:\s|$)))")


class _Converter(MarkdownConverter):
    """markdownify, with figures as paragraphs, formatting kept as the
    small HTML the content check accepts (<sup>, <del>…), fenced code
    with its language, and text that stays text: markdownify writes
    « &lt;script&gt; » back as « <script> », which Markdown would pass
    on as HTML, « [a](javascript:…) » as a link, and « # 1 » at the
    start of a line as a heading."""

    def escape(self, text, parent_tags):
        text = super().escape(text, parent_tags)
        if "_noformat" in parent_tags:
            return text
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        text = text.replace("[", "\\[").replace("]", "\\]").replace("\\](", "\\]\\(")
        if text[:1] not in "#>0123456789" and "\n" not in text:
            return text  # nothing at a line's start (most text)
        return _LINE_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\", text)

    def convert_figure(self, el, text, parent_tags=None):
        return f"\n\n{text.strip()}\n\n"

    def convert_figcaption(self, el, text, parent_tags=None):
        return f"\n\n*{text.strip()}*\n\n" if text.strip() else ""

    def _tag(name):  # noqa: N805 (a helper of the class body)
        def convert(self, el, text, parent_tags=None):
            if "_noformat" in (parent_tags or ()) or not text.strip():
                return text
            before, core, after = re.match(r"^(\s*)(.*?)(\s*)$", text, re.S).groups()
            return f"{before}<{name}>{core}</{name}>{after}"

        return convert

    convert_sup = _tag("sup")
    convert_sub = _tag("sub")
    convert_del = convert_s = convert_strike = _tag("del")
    convert_mark = _tag("mark")
    convert_kbd = _tag("kbd")

    def convert_pre(self, el, text, parent_tags=None):
        if not text.strip():
            return ""
        code = el.find("code")
        classes = " ".join((code.get("class") or []) if code is not None else [])
        classes += " " + " ".join(el.get("class") or [])
        found = re.search(r"(?:language-|lang:|brush:\s*|lang-)([\w#+-]+)", classes)
        language = code_language("code", {"lang": found[1]}) if found else ""
        text = text.strip("\n")
        fence = "```"
        while fence in text:
            fence += "`"
        return f"\n\n{fence}{language}\n{text}\n{fence}\n\n"


def _to_pre(soup, code) -> None:
    """A <code> of several lines becomes a block of code."""
    for br in code.find_all("br"):
        after = br.next_sibling
        if isinstance(after, NavigableString) and after.startswith("\n"):
            after.replace_with(after[1:])  # wpautop's <br /> before a line break
        br.replace_with("\n")
    pre = soup.new_tag("pre")
    code.wrap(pre)
    parent = pre.parent
    if parent is not None and parent.name == "p":  # a block cannot be in a paragraph
        if not parent.get_text(strip=True).replace(pre.get_text(strip=True), "").strip():
            parent.unwrap()


def _media_tags(soup, notes: list) -> None:
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


@dataclass
class Parsed:
    """A body once its structure is known (questions found), before its
    links are given their new addresses: where an item goes depends on
    the first, the addresses on where every item goes."""

    soup: BeautifulSoup
    questions: int
    plain_questions: bool
    problems: list[tuple[str, str]]


def parse_body(
    body: str, gallery: Callable[[list[str]], list[tuple[str, str]]], detect_questions: bool = True
) -> Parsed:
    text, notes = expand_shortcodes(strip_blocks(code_blocks(body)), gallery)
    soup = BeautifulSoup(text, "html.parser")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    # Each search only when the text can hold what it looks for: most
    # bodies have none of it, and searching the tree is the import's cost.
    if _MEDIA_HINT.search(text):
        _media_tags(soup, notes)
    removed: dict[str, int] = {}
    for tag in soup.find_all(list(REMOVED_TAGS)) if _REMOVED_HINT.search(text) else ():
        if tag.parent is None:
            continue
        removed[tag.name] = removed.get(tag.name, 0) + 1
        tag.decompose()
    for name, count in sorted(removed.items()):
        why = (
            "à recréer autrement (le site ne recueille aucune donnée)"
            if name == "form"
            else "le site n’en affiche pas"
        )
        notes.append(
            (
                REVIEW if name == "form" else FIXED,
                f"{REMOVED_TAGS[name]} retiré(e) ({count}) : {why}",
            )
        )
    for code in soup.find_all("code") if "<code" in text else ():
        if code.find_parent("pre") is None and ("\n" in code.get_text().strip() or code.find("br")):
            _to_pre(soup, code)
    questions, plain = mark_questions(soup) if detect_questions else (0, False)
    level_headings(soup)
    return Parsed(soup, questions, plain, notes)


def to_markdown(
    body: str,
    *,
    rewrite: Callable[[str], str],
    gallery: Callable[[list[str]], list[tuple[str, str]]],
    detect_questions: bool = True,
    absolute: Callable[[str], str] = lambda url: url,
) -> Converted:
    """One WordPress body → Markdown, with what needs a human.

    ``rewrite(url)`` gives the new address of a link or image source
    (or the same one); ``absolute(url)`` an old address in full."""
    return render_body(parse_body(body, gallery, detect_questions), rewrite, absolute)


def render_body(
    parsed: Parsed, rewrite: Callable[[str], str], absolute: Callable[[str], str] = lambda url: url
) -> Converted:
    """Links and images to their new addresses, then Markdown."""
    soup, questions, plain = parsed.soup, parsed.questions, parsed.plain_questions
    problems = list(parsed.problems)
    images = []
    for link in soup.find_all("a", href=True):
        target = rewrite(link["href"])
        if target:
            link["href"] = target
            continue
        old = absolute(link["href"])
        if "/wp-content/uploads/" in link["href"] and old.startswith(("http://", "https://")):
            problems.append(
                (
                    REVIEW,
                    f"fichier absent de --uploads : le lien mène à son ancienne adresse, {old}",
                )
            )
            link["href"] = old
        else:  # no page there any more: the words stay, the link goes
            problems.append(
                (
                    REVIEW,
                    f"lien retiré, ses mots gardés (aucune page à cette adresse) : {link['href']}",
                )
            )
            link.unwrap()
    for image in soup.find_all("img"):
        source = image.get("src", "")
        images.append(source)
        target = rewrite(source)
        description = (image.get("alt") or image.get("title") or "").strip()
        figure = image.find_parent("figure")
        caption = figure.find("figcaption") if figure is not None else None
        if not description and caption is not None:
            description = caption.get_text(" ", strip=True)
        if not target.startswith("{static}"):  # never fetched, never loaded from elsewhere
            old = absolute(source)
            if not old.startswith(("http://", "https://")):
                problems.append((REVIEW, f"image illisible retirée : {source[:80]}"))
                image.decompose()
                continue
            link = soup.new_tag("a", href=old)
            link.string = f"Image : {description}" if description else "Image sans description"
            parent = image.parent
            if parent is not None and parent.name == "a":  # a linked image: one link
                parent.replace_with(link)
            else:
                image.replace_with(link)
            problems.append(
                (REVIEW, f"image absente de --uploads, remplacée par un lien : {old}")
                if target == ""
                else (FIXED, f"image d’un autre site remplacée par un lien : {old}")
            )
            continue
        image["src"] = target
        for name in list(image.attrs):
            if name not in ("src", "alt", "title"):
                del image[name]
        image["alt"] = description
        if not description:
            image["alt"] = "Image sans description"
            problems.append((REVIEW, f"image sans texte alternatif (à décrire) : {source}"))
    for figure in soup.find_all("figure"):
        if figure.find("img") is None:  # its image was missing: keep the caption
            figure.name = "p"
    markdown = _Converter(
        heading_style="ATX", bullets="-", strong_em_symbol="*", escape_underscores=False
    ).convert_soup(soup)
    # Non-breaking spaces alone on a line: empty paragraphs of the old editor.
    markdown = re.sub(r"^[ \t\u00a0]+$", "", markdown, flags=re.M)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
    return Converted(markdown, questions, plain, problems, images)


def plain_text(fragment: str) -> str:
    """A title or excerpt as plain text: no tags, no entities, one line,
    no invisible characters (bidirectional overrides, controls)."""
    text = html.unescape(fragment)
    if "<" in text:  # most titles have no markup: no parser needed
        soup = BeautifulSoup(text, "html.parser")
        for tag in soup.find_all(["script", "style"]):
            tag.decompose()
        text = soup.get_text(" ")
    text = re.sub(r"\s+", " ", text)
    return "".join(c for c in text if unicodedata.category(c)[0] != "C").strip()


def summary_from(excerpt: str, markdown_html: str, limit: int = 280) -> str:
    """The chapô: the excerpt, else the first paragraph, cut at a word."""
    text = plain_text(excerpt)
    if not text:
        soup = BeautifulSoup(strip_blocks(markdown_html), "html.parser")
        for paragraph in soup.find_all("p"):
            text = re.sub(r"\s+", " ", paragraph.get_text(" ")).strip()
            text = re.sub(r" ([.,)])", r"\1", text)  # « en ligne . » from « <a>…</a>. »
            text = re.sub(r"\[/?[a-zA-Z][^\]]*\]", "", text).strip()
            if len(text) > 20:
                break
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text
