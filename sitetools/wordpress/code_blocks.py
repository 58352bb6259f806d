"""Code in a WordPress body → fenced blocks of Markdown: the code
shortcodes (« [code lang=x] », « [bash] »…) made into <pre><code>
before WordPress's paragraphs cut them, the block's language read from
a shortcode or a class, and a <code> of several lines made a block.
The names of the code shortcodes are in the allow-list of
shortcodes.py. Pure functions."""

from __future__ import annotations

import html
import re

from bs4 import NavigableString

from .shortcodes import CODE_LANGUAGES, shortcode_attrs

_CODE_SHORTCODE = re.compile(
    r"\[(?P<name>" + "|".join(sorted(CODE_LANGUAGES, key=len, reverse=True)) + r")(?![\w-])"
    r"(?P<attrs>[^\]]*)\](?P<inner>.*?)\[/(?P=name)\]",
    re.S | re.I,
)
_LANGUAGE = re.compile(r"^[a-z0-9][a-z0-9+#-]{0,19}$")


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


def to_pre(soup, code) -> None:
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
