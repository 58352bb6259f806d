"""A WordPress body (HTML) → this site's Markdown. Pure functions.

Order: Gutenberg block comments out, shortcodes into HTML (or reported),
questions into headings, links and images to their new addresses, then
HTML → Markdown with markdownify rather than html2text: measured on the
two test exports (bench/import_wordpress.py --convertisseurs), html2text
is faster but, on WordPress's invalid nesting (<p><figure>, an unclosed
<a>), merges a whole interview into one paragraph (structure kept in 16
texts of 24, against 21); markdownify works on BeautifulSoup's repaired
tree (already a dependency) and lets us choose heading style and
escaping. French typography is left to the build
(plugins/french_typography).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString
from markdownify import MarkdownConverter

# <!-- wp:paragraph {"align":"center"} --> and <!-- /wp:paragraph -->
_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*?-->\s*", re.S)
# [name attr="x"]…[/name] or [name …] (WordPress's own grammar, less
# its escapes): hand-written because no kept Python library parses
# shortcodes; unknown ones are reported, never executed.
_SHORTCODE = re.compile(
    r"\[(?P<name>[a-zA-Z][\w-]*)(?P<attrs>(?:\s[^\]]*)?)\]"
    r"(?:(?P<inner>.*?)\[/(?P=name)\])?",
    re.S,
)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
QUESTION_MAX = 400  # characters: longer, it is a paragraph that asks


@dataclass
class Converted:
    markdown: str
    questions: int = 0  # questions turned into headings
    plain_questions: bool = False  # found only as plain paragraphs: to check
    problems: list[str] = field(default_factory=list)  # for the report
    images: list[str] = field(default_factory=list)  # sources as written


def strip_blocks(text: str) -> str:
    """Gutenberg's block comments removed (the HTML between them stays)."""
    return _BLOCK_COMMENT.sub("", text)


def shortcode_attrs(text: str) -> dict[str, str]:
    return {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTR.finditer(text)}


def expand_shortcodes(
    text: str, gallery: Callable[[str], list[tuple[str, str]]]
) -> tuple[str, list[str]]:
    """Shortcodes → HTML (escaped); what could not be kept is reported.

    ``gallery(id)`` gives an attachment's (address, description)."""
    problems: list[str] = []

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
            found = [pair for i in ids for pair in gallery(i)]
            if len(found) < len(ids) or not ids:
                problems.append(
                    f"galerie : {len(ids) - len(found) if ids else 'aucune'} image(s) "
                    "introuvable(s) dans l’export"
                )
            return "".join(
                f'<p><img src="{html.escape(src)}" alt="{html.escape(alt)}"></p>'
                for src, alt in found
            )
        if name in ("embed", "video", "audio"):
            url = (
                (inner.strip() if name == "embed" else "")
                or attrs.get("src", "")
                or (attrs.get("mp4", "") or attrs.get("mp3", ""))
            )
            if not url:
                problems.append(f"[{name}] sans adresse : supprimé")
                return ""
            # No <iframe>: the site loads nothing from other origins (CSP).
            label = {"embed": "Contenu externe", "video": "Vidéo", "audio": "Son"}[name]
            return f'<p>{label} : <a href="{html.escape(url)}">{html.escape(url)}</a></p>'
        problems.append(f"code court inconnu [{name}] : retiré, son texte gardé")
        return inner

    previous = None
    while previous != text:  # nested shortcodes: outer first, then inner
        previous, text = text, _SHORTCODE.sub(replace, text)
    return text, problems


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


class _Converter(MarkdownConverter):
    """markdownify, with figures as paragraphs, and text that stays text:
    markdownify writes « &lt;script&gt; » back as « <script> », which
    Markdown would pass on as HTML, and « [a](javascript:…) » as a link."""

    def escape(self, text, parent_tags):
        text = super().escape(text, parent_tags)
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return text.replace("[", "\\[").replace("]", "\\]")

    def convert_figure(self, el, text, parent_tags=None):
        return f"\n\n{text.strip()}\n\n"

    def convert_figcaption(self, el, text, parent_tags=None):
        return f"\n\n*{text.strip()}*\n\n" if text.strip() else ""


@dataclass
class Parsed:
    """A body once its structure is known (questions found), before its
    links are given their new addresses: where an item goes depends on
    the first, the addresses on where every item goes."""

    soup: BeautifulSoup
    questions: int
    plain_questions: bool
    problems: list[str]


def parse_body(
    body: str, gallery: Callable[[str], list[tuple[str, str]]], detect_questions: bool = True
) -> Parsed:
    text, problems = expand_shortcodes(strip_blocks(body), gallery)
    soup = BeautifulSoup(text, "html.parser")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(["script", "style", "iframe", "object", "embed", "form"]):
        problems.append(f"balise <{tag.name}> retirée (le site n’en charge pas)")
        tag.decompose()
    questions, plain = mark_questions(soup) if detect_questions else (0, False)
    level_headings(soup)
    return Parsed(soup, questions, plain, problems)


def to_markdown(
    body: str,
    *,
    rewrite: Callable[[str], str],
    gallery: Callable[[str], list[tuple[str, str]]],
    detect_questions: bool = True,
) -> Converted:
    """One WordPress body → Markdown, with what needs a human.

    ``rewrite(url)`` gives the new address of a link or image source
    (or the same one)."""
    return render_body(parse_body(body, gallery, detect_questions), rewrite)


def render_body(parsed: Parsed, rewrite: Callable[[str], str]) -> Converted:
    """Links and images to their new addresses, then Markdown."""
    soup, questions, plain = parsed.soup, parsed.questions, parsed.plain_questions
    problems = list(parsed.problems)
    images = []
    for link in soup.find_all("a", href=True):
        target = rewrite(link["href"])
        if target:
            link["href"] = target
        else:  # no page there any more: the words stay, the link goes
            why = (
                "fichier introuvable dans --uploads, lien retiré"
                if "/wp-content/uploads/" in link["href"]
                else "lien retiré (aucune page à cette adresse)"
            )
            problems.append(f"{why} : {link['href']}")
            link.unwrap()
    for image in soup.find_all("img"):
        source = image.get("src", "")
        images.append(source)
        target = rewrite(source)
        if not target:  # never fetched from the internet
            problems.append(f"image introuvable dans --uploads, retirée : {source}")
            image.decompose()
            continue
        image["src"] = target
        for name in list(image.attrs):
            if name not in ("src", "alt", "title"):
                del image[name]
        figure = image.find_parent("figure")
        caption = figure.find("figcaption") if figure is not None else None
        if not image.get("alt", "").strip() and caption is not None:
            image["alt"] = caption.get_text(" ", strip=True)
        if not image.get("alt", "").strip():
            image["alt"] = image.get("title", "").strip()
            if not image["alt"]:
                image["alt"] = "Image sans description"
                problems.append(f"image sans texte alternatif (à décrire) : {source}")
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
            text = re.sub(r"\[/?[a-zA-Z][^\]]*\]", "", text).strip()
            if len(text) > 20:
                break
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text
