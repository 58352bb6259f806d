"""French typography for HTML and plain text. Pure functions, no Pelican.

Rules (Imprimerie nationale's *Lexique*, as JoliTypo applies them):
narrow no-break space (U+202F) before ; ! ?, no-break space (U+00A0)
before : and inside « », straight quotes and apostrophes made curly,
... made …, ordinals in superscript, no-break spaces after civilities,
between a number and its unit and inside digit groups.

Only text nodes change: tags, attribute values, comments and the
contents of code-like elements are copied byte for byte, and so are
URLs, e-mail addresses, times (14:30) and ratios (1:2) in text.

Why not polytypo (PyPI), which is French-aware and well specified: it
takes about 30 ms for one 5 KB interview here, which alone would make a
1,000-interview build several times slower (the budget is +10 %), and
it has no ordinals or digit groups. These rules are a handful of
regular expressions over text nodes (under a millisecond an interview:
see bench/typographie.py); the tests check that they agree with
polytypo wherever both define a rule.
"""

from __future__ import annotations

import html
import re

NBSP = "\u00a0"  # espace insécable
NNBSP = "\u202f"  # espace fine insécable
ANY_SPACE = " \t\n\u00a0\u202f\u2009"

# Elements whose text is never touched.
PROTECTED = frozenset(
    {"code", "pre", "kbd", "samp", "var", "script", "style", "textarea", "svg", "math"}
)
# Inline elements: text on both sides of them is one run of text, so
# « <em>mot</em> ! » still gets its space. Any other tag starts afresh.
INLINE = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "data",
        "dfn",
        "em",
        "i",
        "mark",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
    }
)

# A tag (quoted attribute values may hold « > »), a comment, or a doctype.
_TAG = re.compile(
    r"<!--.*?-->|<![^>]*>|<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL,
)
# Stretches of text that must stay as they are.
_VERBATIM = re.compile(
    r"(?:https?|ftp)://[^\s<>«»\"]+[^\s<>«»\".,;:!?)]"
    r"|www\.[^\s<>«»\"]+[^\s<>«»\".,;:!?)]"
    r"|mailto:[^\s<>«»\"]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)

_SPACES = f"[{ANY_SPACE}]"
_LETTER = r"[^\W\d_]"

UNITS = (
    "%",
    "‰",
    "€",
    "$",
    "£",
    "°C",
    "°",
    "k€",
    "M€",
    "Md€",
    "km",
    "m",
    "cm",
    "mm",
    "m²",
    "m³",
    "km²",
    "ha",
    "kg",
    "g",
    "mg",
    "h",
    "min",
    "Mo",
    "Go",
    "Ko",
    "To",
    "kWh",
    "MWh",
    "W",
    "kW",
    "MW",
)
_UNIT = "|".join(re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True))
CIVILITIES = ("M.", "MM.", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Pr", "Me")
_CIVILITY = "|".join(re.escape(c) for c in sorted(CIVILITIES, key=len, reverse=True))


def _char_before(match: re.Match) -> str:
    return match.string[match.start() - 1] if match.start() else ""


def _char_after(match: re.Match) -> str:
    return match.string[match.end()] if match.end() < len(match.string) else ""


# Replacements that need to see around the match. Patterns start with a
# literal or a narrow class and these functions look behind: a pattern
# that starts with a look-behind or a run of spaces makes the regex
# engine try every position, five times slower on a page.


def _closing_guillemet(match: re.Match) -> str:
    if not match.group(1) and _char_before(match) in ANY_SPACE and _char_before(match):
        return match.group(0)  # the space is at the end of the text node before
    return NBSP + "»"


def _digit_group(match: re.Match) -> str:
    if len(match.group(1)) > 3 or _char_before(match) in (".", ","):
        return match.group(0)  # « 2018 2019 », « 3,141 592 »: not a grouped number
    return match.group(1) + NNBSP


def _civility(match: re.Match) -> str:
    before = _char_before(match)
    if before and (before.isalnum() or before == "."):
        return match.group(0)
    return match.group(1) + NBSP


def _space_before_mark(match: re.Match) -> str:
    """; : ! ? (a run of ! and ? is one mark), by what stands around it."""
    spaces, mark = match.group(1), match.group(2)
    before, after = _char_before(match), _char_after(match)
    if not before or before in "([«{;:!?":
        return match.group(0)
    if not spaces and before in ANY_SPACE:
        return match.group(0)  # the space is at the end of the text node before
    if mark == ":":
        if not spaces and before.isdigit() and after.isdigit():
            return match.group(0)  # 14:30, 1:2
        return NBSP + mark
    if mark == ";" and not spaces and after and after not in ANY_SPACE:
        return match.group(0)  # « a;b » is not a sentence
    return NNBSP + mark


def _ordinal(match: re.Match) -> str:
    number, suffix = match.groups()
    before = _char_before(match)
    allowed = _ORDINAL_SUFFIXES_ARABIC if number.isdigit() else _ORDINAL_SUFFIXES_ROMAN
    if suffix not in allowed or (before and (before.isalnum() or before in "_.,-")):
        return match.group(0)
    return f"{number}<sup>{suffix}</sup>"


# (pattern, replacement, what the text must hold for the rule to apply),
# in the order they run. The last test skips most rules on most nodes.
_RULE_TABLE = [
    # ... → … (longer runs of dots are left alone).
    (r"\.\.\.(?!\.)(?<!\.\.\.\.)", "…", "..."),
    # Apostrophe after a letter: l'école, aujourd'hui.
    (rf"'(?<={_LETTER}')", "’", "'"),
    # « » take a no-break space inside, whatever space was there.
    (rf"«{_SPACES}*", f"«{NBSP}", "«"),
    (rf"({_SPACES}*)»", _closing_guillemet, "»"),
    # Digit groups already written with spaces: 10 000, 1 250 000.
    (rf"(\d+){_SPACES}(?=\d{{3}}(?!\d))", _digit_group, r"\d"),
    # A number and its unit, percent sign or currency: 50 %, 10 €, 3 km.
    (rf"(\d){_SPACES}+(?=(?:{_UNIT})(?![\w²³]))", rf"\1{NBSP}", r"\d"),
    (r"(\d)(?=[%‰€](?!\w))", rf"\1{NBSP}", r"\d"),
    # Civilities before a name: M. Dupont, Mme Durand.
    (rf"({_CIVILITY}){_SPACES}+(?=[A-ZÀ-Ý])", _civility, "MDP"),
    # The space before ; : ! ?
    (rf"({_SPACES}*)([!?]+|[;:])", _space_before_mark, ";:!?"),
]


def _may_match(trigger: str):
    """A cheap test: a repeated character (« ... »), digits, or any of
    some characters."""
    if trigger == r"\d":
        return re.compile(r"\d").search
    if len(trigger) > 1 and trigger == trigger[0] * len(trigger):
        return lambda text, start: trigger in text[start:] if start else trigger in text
    return re.compile(f"[{re.escape(trigger)}]").search


_RULES = [
    (re.compile(pattern), replacement, _may_match(trigger))
    for pattern, replacement, trigger in _RULE_TABLE
]

# Ordinals: 1er, 1re, 1ers, 2e, 2es, 2nd, 2nde, XIXe, Ier. A lone Roman
# letter is only read as an ordinal for I, V and X (« Ve République »),
# so that « Le », « Ce », « De » stay words.
_ORDINAL = re.compile(r"(\d+|[IVX][IVXLC]*|[LC][IVXLC]+)(ers?|res?|es?|nde?s?)(?![\w-])")
_ORDINAL_SUFFIXES_ARABIC = {"er", "ers", "re", "res", "e", "es", "nd", "nde", "nds", "ndes"}
_ORDINAL_SUFFIXES_ROMAN = {"er", "re", "e", "es"}
_MARKS_SIDE_BY_SIDE = re.compile(f"[;:!?«»][{ANY_SPACE}]?[;:!?«»]")


def _straight_double_quotes(text: str, previous: str) -> str:
    """ " → « or » by what stands before it: opening after a space or at
    the start, closing otherwise."""
    if '"' not in text:
        return text
    out = []
    before = previous
    for char in text:
        if char == '"':
            char = "«" if (not before or before in ANY_SPACE or before in "([«—–-") else "»"
        out.append(char)
        before = char
    return "".join(out)


def _apply_rules(text: str, previous: str) -> str:
    """All rules on one run of unescaped text. ``previous`` is the last
    character of the text before it in the same block, or ""."""
    if not text or text.isspace():
        return text
    text = _straight_double_quotes(text, previous)
    # Rules see the preceding character; no match may change it.
    text = previous + text
    start = len(previous)
    # A rule can make room for another (« 1:; » : the space put before
    # « ; » now follows « : »), so run them until nothing changes, which
    # makes the whole idempotent. That only happens where two marks
    # stand side by side; other text settles in one pass.
    for _ in range(4):
        before = text
        for pattern, replacement, may_match in _RULES:
            if may_match(text, start):
                replaced = pattern.sub(replacement, text)
                if replaced[:start] != text[:start]:
                    replaced = _sub_from(pattern, replacement, text, start)
                text = replaced
        if text == before or not _MARKS_SIDE_BY_SIDE.search(text):
            break
    return text[start:]


def _sub_from(pattern: re.Pattern, replacement, text: str, start: int) -> str:
    """``pattern.sub`` on ``text[start:]`` only; the replacement
    functions still see the character before ``start``."""
    parts = []
    last = start
    for match in pattern.finditer(text, start):
        parts.append(text[last : match.start()])
        parts.append(replacement(match) if callable(replacement) else match.expand(replacement))
        last = match.end()
    return text[:start] + "".join(parts) + text[last:]


def _ordinals_html(text: str) -> str:
    return _ORDINAL.sub(_ordinal, text)


def _typeset_text(text: str, previous: str, as_html: bool) -> tuple[str, str]:
    """Rules on unescaped text, URLs and e-mail addresses left as they
    are. With ``as_html``, the result is escaped HTML with ordinals in
    superscript. Returns it and the last character of the text."""
    pieces = []
    position = 0
    matches = _VERBATIM.finditer(text) if ("://" in text or "@" in text or "www." in text) else ()
    for match in matches:
        pieces.append(_finish(_apply_rules(text[position : match.start()], previous), as_html))
        pieces.append(html.escape(match.group(0), quote=False) if as_html else match.group(0))
        previous = match.group(0)[-1]
        position = match.end()
    rest = _apply_rules(text[position:], previous)
    pieces.append(_finish(rest, as_html))
    return "".join(pieces), (rest[-1] if rest else previous)


def _finish(text: str, as_html: bool) -> str:
    return _ordinals_html(html.escape(text, quote=False)) if as_html else text


def typeset_text(text: str) -> str:
    """French typography on plain text (a ``<title>``, a description).
    Ordinals stay plain: superscript needs HTML."""
    return _typeset_text(text, "", as_html=False)[0]


# One attribute of a tag, as browsers split them: name, then an optional
# value, double-quoted, single-quoted or bare.
_ATTRIBUTE = re.compile(
    r"""(?P<space>\s+)(?P<name>[^\s"'>/=]+)"""
    r"""(?:(?P<equals>\s*=\s*)(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"'=<>`]+)))?"""
)


def _typeset_alt(tag: str) -> str:
    """The tag with its ``alt`` value typeset as text, every other
    attribute left byte for byte."""

    def one(match: re.Match) -> str:
        if match.group("name").lower() != "alt" or match.group("equals") is None:
            return match.group(0)
        value = next(v for v in match.group("double", "single", "bare") if v is not None)
        text = html.escape(typeset_text(html.unescape(value)), quote=True)
        return f'{match.group("space")}{match.group("name")}{match.group("equals")}"{text}"'

    name = re.match(r"<[^\s>/]+", tag).group(0)  # « <img »: the attributes follow
    return name + _ATTRIBUTE.sub(one, tag[len(name) :])


def typeset_html(markup: str) -> str:
    """French typography on the text nodes of an HTML fragment."""
    out: list[str] = []
    previous = ""
    protected_depth = 0
    protected_tag = ""
    position = 0
    for match in _TAG.finditer(markup):
        text = markup[position : match.start()]
        if text:
            if protected_depth:
                out.append(text)
            else:
                done, previous = _typeset_html_text(text, previous)
                out.append(done)
        tag = match.group(0)
        closing, name = match.group(1), (match.group(2) or "").lower()
        if name in ("img", "area") and not protected_depth:
            tag = _typeset_alt(tag)  # an alt text is read aloud: it is text too
        out.append(tag)
        position = match.end()
        if not name:
            continue
        if protected_depth:
            if name == protected_tag:
                protected_depth += -1 if closing else (0 if tag.endswith("/>") else 1)
            continue
        if name in PROTECTED and not closing and not tag.endswith("/>"):
            protected_depth, protected_tag = 1, name
            previous = ""
        elif name not in INLINE:
            previous = ""
    rest = markup[position:]
    if rest:
        out.append(rest if protected_depth else _typeset_html_text(rest, previous)[0])
    return "".join(out)


# Text with none of these has nothing for any rule to do (most short
# nodes: link texts, names, « # »): it is copied as it is.
_WORK = re.compile(
    r"""[;:!?'"«»%‰€$£\d]|\.\.\.|&|\b(?:MM?\.|Mmes?|Mlles?|Dr|Pr|Me)\s|\b[IVXLC]+(?:er|re|es?)\b"""
)


def _typeset_html_text(text: str, previous: str) -> tuple[str, str]:
    """Typeset one text node; return it and its last character, which
    is the context of the next text node in the same block."""
    if not _WORK.search(text):
        return text, (text[-1] if text else previous)
    # Entities become characters so that « &amp; » is not read as « ; »,
    # and only what must be escaped in HTML text is escaped again.
    return _typeset_text(html.unescape(text), previous, as_html=True)


_ASCII_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
_ANY_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)


def plain_text(markup: str) -> str:
    """Text of an HTML fragment, for ``<title>``, descriptions and feed
    titles. Unlike Jinja's ``striptags``, it keeps no-break spaces: they
    are part of French text, not layout."""
    text = html.unescape(_ANY_TAG.sub("", str(markup)))
    return _ASCII_WHITESPACE.sub(" ", text).strip()
