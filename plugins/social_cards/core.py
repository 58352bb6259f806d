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

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
# The light palette of theme/static/css/site.css.
PALETTE = {"fond": "#fbf8f3", "texte": "#1d1a17", "discret": "#5b544c", "accent": "#a1182b"}
# Bump when the drawing changes: every card is drawn again.
DRAWING_VERSION = 1


def card_key(texts: dict[str, str], font: bytes) -> str:
    """What a card depends on, as a short hash (its file name)."""
    digest = hashlib.sha256()
    digest.update(json.dumps([DRAWING_VERSION, PALETTE, texts], sort_keys=True).encode())
    digest.update(hashlib.sha256(font).digest())
    return digest.hexdigest()[:20]


def wrap(text: str, width: float, measure) -> list[str]:
    """``text`` in lines no wider than ``width`` (``measure(line)`` gives
    a line's width), breaking between words only. The narrow no-break
    spaces of French typography (« », ; : ! ?) never start a line."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and measure(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


@functools.lru_cache(maxsize=64)
def _font(font: bytes, size: int, weight: int):
    from PIL import ImageFont

    face = ImageFont.truetype(io.BytesIO(font), size=size)
    face.set_variation_by_axes([weight])
    return face


def fit_title(title: str, font: bytes, width: float, max_lines: int = 4):
    """The largest title size (from 72 px down to 40) at which ``title``
    holds in ``max_lines`` lines; at 40 px, the lines beyond are cut
    with an ellipsis."""
    for size in range(72, 39, -4):
        face = _font(font, size, 800)
        lines = wrap(title, width, face.getlength)
        if len(lines) <= max_lines:
            return face, lines
    kept = lines[:max_lines]
    kept[-1] = kept[-1].rstrip(" ,;:") + "…"
    return face, kept


def draw_card(texts: dict[str, str], font: bytes) -> bytes:
    """The PNG of a card. ``texts``: ``kicker`` (the series or the kind of
    page), ``title``, ``byline`` (who is interviewed, or a role), and
    ``site`` (the site's name), all plain text."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), PALETTE["fond"])
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 16, HEIGHT), fill=PALETTE["accent"])
    text_width = WIDTH - 2 * MARGIN
    y = MARGIN
    if texts.get("kicker"):
        kicker = _font(font, 28, 700)
        line = wrap(texts["kicker"].upper(), text_width, kicker.getlength)[0]
        draw.text((MARGIN, y), line, font=kicker, fill=PALETTE["accent"])
        y += 60
    title, lines = fit_title(texts["title"], font, text_width)
    line_height = round(title.size * 1.15)
    for line in lines:
        draw.text((MARGIN, y), line, font=title, fill=PALETTE["texte"])
        y += line_height
    bottom = HEIGHT - MARGIN
    if texts.get("byline"):
        byline = _font(font, 32, 500)
        line = wrap(texts["byline"], text_width - 300, byline.getlength)[0]
        draw.text((MARGIN, bottom), line, font=byline, fill=PALETTE["discret"], anchor="ls")
    site = _font(font, 36, 800)
    draw.text(
        (WIDTH - MARGIN, bottom),
        texts.get("site", ""),
        font=site,
        fill=PALETTE["accent"],
        anchor="rs",
    )
    out = io.BytesIO()
    # Level 3: five times faster to encode than the default, 3 % larger
    # (measured on a 1,200 × 630 card: 19 ms, 59 KB).
    image.save(out, "PNG", compress_level=3)
    return out.getvalue()
