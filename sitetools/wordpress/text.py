"""A WordPress body (HTML) → this site's Markdown. Pure functions.

Order: code shortcodes into blocks (code_blocks.py), Gutenberg block
comments out and shortcodes of an allow-list into HTML, every other
bracket staying text (shortcodes.py), embedded players into links
(embeds.py), questions into headings (questions.py), links and images
to their new addresses, then HTML → Markdown with markdownify rather
than html2text: measured on the two test exports
(bench/import_wordpress.py --convertisseurs), html2text is faster but,
on WordPress's invalid nesting (<p><figure>, an unclosed <a>), merges a
whole interview into one paragraph (structure kept in 16 texts of 24,
against 21); markdownify works on BeautifulSoup's repaired tree
(already a dependency) and lets us choose heading style and escaping.
French typography is left to the build (plugins/french_typography).

Every note for the report is (FIXED or REVIEW, French message), see
notes.py.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment
from markdownify import MarkdownConverter

from plugins.content_model import kinds

from .code_blocks import code_blocks, code_language, to_pre
from .embeds import MEDIA_HINT, media_tags
from .notes import FIXED, REVIEW
from .questions import level_headings, mark_questions
from .shortcodes import expand_shortcodes, strip_blocks

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
_REMOVED_HINT = re.compile(r"<(?:" + "|".join(REMOVED_TAGS) + r")\b", re.I)

# The chapô of every kind the import writes (one field type, one limit).
SUMMARY = kinds.NEWS.fields["summary"]


@dataclass
class Converted:
    markdown: str
    questions: int = 0  # questions turned into headings
    plain_questions: bool = False  # found only as plain paragraphs: to check
    problems: list[tuple[str, str]] = field(default_factory=list)  # (FIXED|REVIEW, message)
    images: list[str] = field(default_factory=list)  # sources as written


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
    if MEDIA_HINT.search(text):
        media_tags(soup, notes)
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
            to_pre(soup, code)
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


def summary_from(excerpt: str, markdown_html: str) -> str:
    """The chapô: the excerpt, else the first paragraph, cut at a word to
    the chapô field's own limit (its normaliser: kinds.py, fields.py)."""
    text = plain_text(excerpt)
    if not text:
        soup = BeautifulSoup(strip_blocks(markdown_html), "html.parser")
        for paragraph in soup.find_all("p"):
            text = re.sub(r"\s+", " ", paragraph.get_text(" ")).strip()
            text = re.sub(r" ([.,)])", r"\1", text)  # « en ligne . » from « <a>…</a>. »
            text = re.sub(r"\[/?[a-zA-Z][^\]]*\]", "", text).strip()
            if len(text) > 20:
                break
    return SUMMARY.normalise(text) if text else text
