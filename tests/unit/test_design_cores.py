"""The pure cores behind the design: initials, the featured quotation,
the social cards' wrapping and naming, and the committed fonts."""

from __future__ import annotations

import io

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from plugins.interviews.core import initials, pull_quote
from plugins.social_cards import core as cards
from sitetools import fonts

FONT = (fonts.FONTS / "figtree-normal.woff2").read_bytes()
NNBSP = "\u202f"


def test_initials_of_french_names():
    assert initials("Alain Blum") == "AB"
    assert initials("Jean de La Fontaine") == "JF"
    assert initials("Émile") == "É"
    assert initials("  ") == ""


def test_pull_quote_is_the_first_quotation_only():
    body = (
        "<p>a</p><blockquote>\n<p>Première</p>\n</blockquote><blockquote><p>Autre</p></blockquote>"
    )
    assert pull_quote(body) == "<p>Première</p>"
    assert pull_quote("<p>Sans citation.</p>") is None


def test_pull_quote_keeps_its_own_words_whatever_the_nesting():
    """Issue 27: a ``>`` quotation followed by a nested ``> >`` (merged
    by Markdown) still gives a featured quotation: its own words."""
    nested = "<blockquote><p>Lui</p><blockquote><p>Un autre</p></blockquote></blockquote>"
    assert pull_quote(nested) == "<p>Lui</p>"
    assert pull_quote(nested + "<blockquote><p>Elle</p></blockquote>") == "<p>Lui</p>"
    # Only a quotation within: its words are the first there are.
    inner_only = "<blockquote>\n<blockquote><p>Un autre</p></blockquote>\n</blockquote>"
    assert pull_quote(inner_only) == "<p>Un autre</p>"
    deep = (
        "<blockquote><p>A</p><blockquote><p>B</p><blockquote><p>C</p></blockquote>"
        "</blockquote><p>D</p></blockquote>"
    )
    assert pull_quote(deep) == "<p>A</p><p>D</p>"


def test_pull_quote_of_an_unclosed_quotation_is_quick():
    # Hypothesis-style worst case of the old pattern: 7 s at 2,000 spaces.
    assert pull_quote("<blockquote>" + " " * 20000) is None


def test_wrap_keeps_french_spaces_and_width():
    text = f"«{NNBSP}Quel rôle pour les collectivités{NNBSP}?{NNBSP}»"
    lines = cards.wrap(text, 20, len)
    assert all(not line.startswith(("?", "»", NNBSP)) for line in lines)
    assert " ".join(lines) == text
    assert all(len(line) <= 20 for line in lines)


def test_wrap_cuts_a_word_wider_than_a_line_and_folds_white_space():
    assert cards.wrap("Anticonstitutionnellement", 10, len) == ["Anticonst…"]
    assert cards.wrap("Directrice\n  des\tprojets", 100, len) == ["Directrice des projets"]
    assert cards.one_line(" \n ") == ""


def test_a_card_from_folded_or_blank_values_is_drawn():
    """A role folded by YAML (`role: >`) holds line breaks; a kicker may
    be blank: neither may stop the build."""
    texts = {"kicker": "  ", "title": "Un\ntitre", "byline": "Directrice\ndes projets", "site": "S"}
    assert Image.open(io.BytesIO(cards.draw_card(texts, FONT))).size == (1200, 630)


def test_a_long_title_is_cut_with_an_ellipsis_never_overflows():
    for title in ("Un titre " * 40, "Anticonstitutionnellement" * 20):
        face, lines = cards.fit_title(title.strip(), FONT, 1040)
        assert len(lines) <= 4 and lines[-1].endswith("…")
        assert all(face.getlength(line) <= 1040 for line in lines)


def test_card_is_1200_by_630_and_named_by_what_it_shows():
    texts = {
        "kicker": "Série",
        "title": "Un titre",
        "byline": "Marie Durand",
        "site": "Le Centsept",
    }
    image = Image.open(io.BytesIO(cards.draw_card(texts, FONT)))
    assert image.size == (1200, 630) and image.format == "PNG"
    key = cards.card_key(texts, FONT)
    assert cards.card_key(dict(texts), FONT) == key
    assert cards.card_key({**texts, "title": "Un autre titre"}, FONT) != key
    assert cards.card_key(texts, FONT + b"\0") != key


def test_committed_fonts_cover_french_and_fit_the_budget():
    total = 0
    for style in fonts.STYLES:
        data = (fonts.FONTS / f"figtree-{style}.woff2").read_bytes()
        total += len(data)
        font = TTFont(io.BytesIO(data))
        assert font.flavor == "woff2"
        cmap = font.getBestCmap()
        missing = {c for c in fonts.FRENCH_CHARACTERS if c not in cmap}
        assert missing == set(fonts.FIGTREE_LACKS), (style, sorted(map(hex, missing)))
        assert "wght" in [axis.axisTag for axis in font["fvar"].axes]
    # Both styles together, though a first visit usually needs the roman only.
    assert total <= 60 * 1024
    assert "Open Font License" in (fonts.FONTS / "OFL.txt").read_text(encoding="utf-8")


def test_the_narrow_no_break_space_is_narrower_than_a_space():
    font = TTFont(io.BytesIO(FONT))
    cmap = font.getBestCmap()
    width = font["hmtx"][cmap[0x202F]][0]
    assert 0 < width < font["hmtx"][cmap[0x20]][0]


def test_letters_the_font_lacks_are_drawn_as_their_closest_latin_letters():
    assert cards.drawable("Łukasz Wałęsa", FONT) == "Lukasz Walesa"
    assert cards.drawable(f"Œuvre «{NNBSP}été{NNBSP}»", FONT) == f"Œuvre «{NNBSP}été{NNBSP}»"
    texts = {"kicker": "", "title": "Nguyễn", "byline": "", "site": "S"}
    assert cards.draw_card(texts, FONT) == cards.draw_card({**texts, "title": "Nguyen"}, FONT)


def test_a_card_is_a_valid_png_with_the_pixels_drawn():
    """The card's own PNG writer (core.png_unfiltered): a file Pillow
    verifies (chunk CRCs, zlib stream) and decodes to the pixels drawn,
    those Pillow's own encoder keeps."""
    from PIL import ImageDraw

    image = Image.new("RGB", (37, 41), "#fbf8f3")  # three bands of rows
    ImageDraw.Draw(image).text((1, 12), "Été", fill="#a1182b")
    written = cards.png_unfiltered(image)
    checked = Image.open(io.BytesIO(written))
    checked.verify()
    decoded = Image.open(io.BytesIO(written))
    assert decoded.mode == "RGB" and decoded.size == (37, 41)
    assert decoded.tobytes() == image.tobytes()
    pillow = io.BytesIO()
    image.save(pillow, "PNG")
    assert Image.open(pillow).tobytes() == decoded.tobytes()
    with pytest.raises(ValueError, match="RGB"):
        cards.png_unfiltered(image.convert("RGBA"))
