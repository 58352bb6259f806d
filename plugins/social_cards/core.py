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
DRAWING_VERSION = 3
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


def draw_card(texts: dict[str, str], font: bytes) -> bytes:
    """The PNG of a card. ``texts``: ``kicker`` (the series or the kind of
    page), ``title``, ``byline`` (who is interviewed, or a role), and
    ``site`` (the site's name), all plain text."""
    from PIL import Image, ImageDraw

    texts = {key: drawable(one_line(value)[:_SHOWN], font) for key, value in texts.items()}

    image = Image.new("RGB", (WIDTH, HEIGHT), PALETTE["fond"])
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 16, HEIGHT), fill=PALETTE["accent"])
    text_width = WIDTH - 2 * MARGIN
    y = MARGIN
    kicker = _font(font, 28, 700)
    kicker_text = cut(one_line(texts.get("kicker", "")).upper(), text_width, _measure(kicker))
    if kicker_text:
        draw.text((MARGIN, y), kicker_text, font=kicker, fill=PALETTE["accent"])
        y += 60
    title, lines = fit_title(one_line(texts["title"]), font, text_width)
    line_height = round(title.size * 1.15)
    for line in lines:
        draw.text((MARGIN, y), line, font=title, fill=PALETTE["texte"])
        y += line_height
    bottom = HEIGHT - MARGIN
    byline = _font(font, 32, 500)
    byline_text = cut(one_line(texts.get("byline", "")), text_width - 300, _measure(byline))
    if byline_text:
        draw.text((MARGIN, bottom), byline_text, font=byline, fill=PALETTE["discret"], anchor="ls")
    site = _font(font, 36, 800)
    draw.text(
        (WIDTH - MARGIN, bottom),
        texts.get("site", ""),
        font=site,
        fill=PALETTE["accent"],
        anchor="rs",
    )
    return png_unfiltered(image)


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Rows compressed at a time: 16 × 3,600 bytes, well below the 128 KB
# from which malloc maps memory of its own.
_BAND = 16


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_unfiltered(image) -> bytes:
    """An RGB ``image`` as a PNG whose rows are stored unfiltered.

    Written here rather than with Pillow's ``save``: Pillow tries the
    five PNG filters on every row to keep the best one (libpng's rule)
    and has no option to skip that, which was three quarters of a card's
    time (bench/cartes.py). A card is flat colour and text: unfiltered
    rows compress as well (measured on one card: 6 ms and 48 KB against
    12 ms and 54 KB). zlib level 3: level 6 is 2.5 times slower for 20 %
    less. Same pixels as Pillow's file (tests/unit/test_design_cores.py)."""
    width, height = image.size
    if image.mode != "RGB":
        raise ValueError(f"PNG sans filtre : image RGB attendue, pas {image.mode}")
    stride = width * 3
    deflate = zlib.compressobj(3)
    compressed = []
    # A band of rows at a time, never the 2.3 MB of the whole image: in
    # the build's process, whose memory is fragmented, buffers that big
    # were mapped and unmapped at each card (system time; bench/froid.py).
    for top in range(0, height, _BAND):
        band = image.crop((0, top, width, min(height, top + _BAND))).tobytes()
        # Each row starts with its filter type: 0, none.
        rows = b"".join(
            b"\0" + band[start : start + stride] for start in range(0, len(band), stride)
        )
        compressed.append(deflate.compress(rows))
    compressed.append(deflate.flush())
    # Width, height, 8 bits per channel, colour type 2 (RGB), deflate,
    # filtering method 0, no interlacing.
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        _PNG_SIGNATURE
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", b"".join(compressed))
        + _png_chunk(b"IEND", b"")
    )
