"""Social cards: the 1200 × 630 image that a link to a page shows on
social networks and in messaging apps (``og:image``). Pure functions,
no Pelican import: a card is drawn from its texts, the site's font and
its colours, and named by the hash of all of them, so it is drawn again
only when one of them changes."""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
import struct
import zlib

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
# The light palette of theme/static/css/site.css.
PALETTE = {"fond": "#fbf8f3", "texte": "#1d1a17", "discret": "#5b544c", "accent": "#a1182b"}
# Bump when the drawing changes: every card is drawn again.
DRAWING_VERSION = 4
# White space a value may hold (a YAML value folded on several lines),
# but not the no-break spaces French typography puts inside « ».
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")


def card_key(texts: dict[str, str], font: bytes) -> str:
    """What a card depends on, as a short hash (its file name)."""
    digest = hashlib.sha256()
    digest.update(json.dumps([DRAWING_VERSION, PALETTE, texts], sort_keys=True).encode())
    digest.update(hashlib.sha256(font).digest())
    return digest.hexdigest()[:20]


@functools.lru_cache(maxsize=4)
def _characters(font: bytes) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(io.BytesIO(font)).getBestCmap())


def drawable(text: str, font: bytes) -> str:
    """``text`` with each letter the font lacks (Ł, ę, ễ: the site's font
    is subset to French) replaced by its closest Latin letters (L, e, e),
    rather than drawn as a blank. The page itself shows the real letter,
    from the browser's fallback font."""
    from unidecode import unidecode

    have = _characters(font)
    return "".join(c if ord(c) in have else unidecode(c) for c in text)


def one_line(text: str) -> str:
    """``text`` with every run of white space (line breaks of a folded
    YAML value, tabs) made one space; the narrow and the ordinary
    no-break spaces of French typography are kept."""
    return _WHITESPACE.sub(" ", text).strip(" ")


# A run of letters this long is wider than any line of a card (1,040 px;
# Figtree's narrowest character, the space, is 9.4 px at the title's
# smallest size, 40 px, 6.5 px at the kicker's 28 px): only its
# beginning is measured.
_LONG = 200
# More characters than a card can show (4 title lines of at most 111):
# a text is cut to this before anything else, so a 100,000-character
# title costs what an 800-character one does, and still ends in « … ».
_SHOWN = 4 * _LONG


def _clipped(text: str, width: float, measure) -> str:
    """``text``, or its first ``_LONG`` characters when even those are
    wider than ``width``: what is cut away would be cut anyway."""
    if len(text) > _LONG and measure(text[:_LONG]) > width:
        return text[:_LONG]
    return text


def cut(text: str, width: float, measure) -> str:
    """``text`` shortened with « … » until it is no wider than ``width``."""
    text = _clipped(text, width, measure)
    if measure(text) <= width:
        return text
    # The longest prefix that fits with its « … », by bisection: a
    # 10,000-letter word costs 14 measures, not 10,000.
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(text[:middle] + "…") <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip(" ,;:") + "…"


def wrap(text: str, width: float, measure, max_lines: int | None = None) -> list[str]:
    """``text`` in lines no wider than ``width`` (``measure(line)`` gives
    a line's width), breaking between words only: the narrow no-break
    spaces of French typography (« », ; : ! ?) never start a line. A
    word wider than a line is cut with « … ».

    With ``max_lines``, it stops at the first word beyond that many
    lines: the text after it is never measured, and the result has one
    line more than ``max_lines`` (only that it exists matters)."""
    lines: list[str] = []
    current = ""
    for word in one_line(text).split(" "):
        word = _clipped(word, width, measure)
        candidate = f"{current} {word}" if current else word
        if current and measure(candidate) > width:
            lines.append(current)
            current = word
            if max_lines is not None and len(lines) == max_lines:
                break
        else:
            current = candidate
    if current:
        lines.append(current)
    # The line beyond max_lines is never shown: not cut either.
    shown = lines if max_lines is None else lines[:max_lines]
    return [cut(line, width, measure) for line in shown] + lines[len(shown) :]


@functools.lru_cache(maxsize=64)
def _font(font: bytes, size: int, weight: int):
    from PIL import ImageFont

    face = ImageFont.truetype(io.BytesIO(font), size=size)
    face.set_variation_by_axes([weight])
    return face


@functools.lru_cache(maxsize=64)
def _measure(face):
    """``face.getlength``, remembered: a line is measured when it is
    wrapped and again when it is cut, and the same kicker, title
    beginnings and site name come back card after card."""
    return functools.lru_cache(maxsize=1024)(face.getlength)


def fit_title(title: str, font: bytes, width: float, max_lines: int = 4):
    """The largest title size (from 72 px down to 40) at which ``title``
    holds in ``max_lines`` lines; at 40 px, the lines beyond are cut
    with an ellipsis. Each size measures at most ``max_lines`` lines
    and a word, whatever the title's length."""
    for size in range(72, 39, -4):
        face = _font(font, size, 800)
        lines = wrap(title, width, _measure(face), max_lines)
        if len(lines) <= max_lines and not any(line.endswith("…") for line in lines):
            return face, lines
    kept = lines[:max_lines]
    if len(lines) > max_lines:
        kept[-1] = cut(kept[-1].rstrip(" ,;:") + "…", width, _measure(face))
    return face, kept


def layout(texts: dict[str, str], font: bytes) -> list[tuple[str, str, dict]]:
    """What a card shows, in the order it is drawn: (ink, ImageDraw
    method, its arguments). ``texts``: ``kicker`` (the series or the
    kind of page), ``title``, ``byline`` (who is interviewed, or a
    role), and ``site`` (the site's name), all plain text."""
    texts = {key: drawable(one_line(value)[:_SHOWN], font) for key, value in texts.items()}
    shown = [("accent", "rectangle", {"xy": (0, 0, 16, HEIGHT)})]
    text_width = WIDTH - 2 * MARGIN
    y = MARGIN
    kicker = _font(font, 28, 700)
    kicker_text = cut(one_line(texts.get("kicker", "")).upper(), text_width, _measure(kicker))
    if kicker_text:
        shown.append(("accent", "text", {"xy": (MARGIN, y), "text": kicker_text, "font": kicker}))
        y += 60
    title, lines = fit_title(one_line(texts["title"]), font, text_width)
    line_height = round(title.size * 1.15)
    for line in lines:
        shown.append(("texte", "text", {"xy": (MARGIN, y), "text": line, "font": title}))
        y += line_height
    bottom = HEIGHT - MARGIN
    byline = _font(font, 32, 500)
    byline_text = cut(one_line(texts.get("byline", "")), text_width - 300, _measure(byline))
    if byline_text:
        at = {"xy": (MARGIN, bottom), "text": byline_text, "font": byline, "anchor": "ls"}
        shown.append(("discret", "text", at))
    site = _font(font, 36, 800)
    at = {"xy": (WIDTH - MARGIN, bottom), "text": texts.get("site", ""), "font": site}
    shown.append(("accent", "text", {**at, "anchor": "rs"}))
    return shown


# The inks of a card, and how finely their edges are kept: coverage in
# steps of 3 out of 255 (85 levels), so that the background and three
# inks fill a palette of 256 colours exactly.
INKS = ("accent", "texte", "discret")
_STEP = 3
_LEVELS = 255 // _STEP


@functools.cache
def palette() -> bytes:
    """The card's 256 colours (RGB triples): the background, then each
    ink over it at each level of coverage, blended as Pillow blends a
    glyph's edge."""
    background = _rgb(PALETTE["fond"])
    colours = list(background)
    for ink in INKS:
        for level in range(1, _LEVELS + 1):
            alpha = level * _STEP
            colours += [
                (c * alpha + b * (255 - alpha) + 127) // 255
                for c, b in zip(_rgb(PALETTE[ink]), background, strict=True)
            ]
    return bytes(colours)


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


@functools.cache
def _levels(ink: str) -> tuple[int, ...]:
    """Coverage (0–255) → the palette index of ``ink`` at that level."""
    first = 1 + INKS.index(ink) * _LEVELS
    return tuple(0 if v < _STEP else first + v // _STEP - 1 for v in range(256))


def draw_card(texts: dict[str, str], font: bytes) -> bytes:
    """The PNG of a card (``layout``), as an image of 256 colours.

    Each text is drawn as Pillow's antialiased coverage on a mask the
    size of its box, and each pixel there takes the index of its ink at
    that level: one byte a pixel rather than three, which halves what a
    card costs to compress, for a picture within 2 of the full-colour
    drawing on every channel of every pixel (tests/unit/test_design_cores.py).
    Where two boxes meet, the brighter index stays, as inks never overlap
    on a card (the byline leaves room for the site's name)."""
    from PIL import Image, ImageChops, ImageDraw

    indexes = Image.new("L", (WIDTH, HEIGHT), 0)  # palette indexes, 0: background
    pen = ImageDraw.Draw(indexes)
    for ink, method, arguments in layout(texts, font):
        if method == "rectangle":
            pen.rectangle(**arguments, fill=_levels(ink)[255])
            continue
        drawn = _inked_text(
            ink, arguments["text"], arguments["font"], arguments["xy"], arguments.get("anchor")
        )
        if drawn is not None:
            box, inked = drawn
            indexes.paste(ImageChops.lighter(indexes.crop(box), inked), box[:2])
    return png_unfiltered(indexes, palette())


@functools.lru_cache(maxsize=256)
def _inked_text(ink: str, text: str, face, xy: tuple[int, int], anchor: str | None):
    """One text of a card: its box on the card and its palette indexes
    there, or None when it falls outside. Remembered: the kicker and the
    site's name are the same on card after card (a third of a card's
    text drawing, bench/cartes.py). The image returned is never changed."""
    from PIL import Image, ImageDraw

    arguments = {"xy": xy, "text": text, "font": face, "anchor": anchor}
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    left, top, right, bottom = probe.textbbox(**arguments)
    box = (max(left, 0), max(top, 0), min(right, WIDTH), min(bottom, HEIGHT))
    if box[0] >= box[2] or box[1] >= box[3]:
        return None
    coverage = Image.new("L", (box[2] - box[0], box[3] - box[1]), 0)
    x, y = xy
    ImageDraw.Draw(coverage).text(**{**arguments, "xy": (x - box[0], y - box[1])}, fill=255)
    return box, coverage.point(list(_levels(ink)))


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Rows compressed at a time: 48 × 1,201 bytes, below the 128 KB from
# which malloc maps memory of its own.
_BAND = 48


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_unfiltered(indexes, colours: bytes) -> bytes:
    """A PNG of 256 colours at most: ``indexes``, an "L" image of palette
    indexes, ``colours`` the palette (RGB triples), rows stored unfiltered.

    Written here rather than with Pillow's ``save``: Pillow tries the
    five PNG filters on every row to keep the best one (libpng's rule)
    and has no option to skip that, which was three quarters of a card's
    time (bench/cartes.py). A card is flat colour and text: unfiltered
    rows compress as well. zlib level 3: level 6 is 2.5 times slower for
    20 % less. Same pixels as Pillow's file (tests/unit/test_design_cores.py)."""
    from PIL import Image

    width, height = indexes.size
    if indexes.mode != "L" or len(colours) % 3 or not 0 < len(colours) <= 256 * 3:
        raise ValueError(f"PNG sans filtre : index « L » et palette RVB attendus ({indexes.mode})")
    # PNG stores each row after a byte naming its filter: 0, none. Put
    # one column right on a canvas of zeros, the image's bytes are the
    # rows as PNG stores them.
    rows = Image.new("L", (width + 1, height), 0)
    rows.paste(indexes, (1, 0))
    deflate = zlib.compressobj(3)
    # A band of rows at a time, never the whole image: in the build's
    # process, whose memory is fragmented, buffers that big were mapped
    # and unmapped at each card (system time; bench/froid.py).
    compressed = [
        deflate.compress(rows.crop((0, top, width + 1, min(height, top + _BAND))).tobytes())
        for top in range(0, height, _BAND)
    ]
    compressed.append(deflate.flush())
    # Width, height, 8 bits per index, colour type 3 (palette), deflate,
    # filtering method 0, no interlacing.
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)
    return (
        _PNG_SIGNATURE
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"PLTE", colours)
        + _png_chunk(b"IDAT", b"".join(compressed))
        + _png_chunk(b"IEND", b"")
    )
