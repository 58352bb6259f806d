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
    verifies (chunk CRCs, zlib stream) and decodes to the indexes and
    colours given, those Pillow's own encoder keeps."""
    from PIL import ImageDraw

    indexes = Image.new("L", (37, 101), 0)  # three bands of rows
    ImageDraw.Draw(indexes).text((1, 12), "Été", fill=200)
    ImageDraw.Draw(indexes).rectangle((30, 0, 36, 100), fill=255)
    colours = cards.palette()
    written = cards.png_unfiltered(indexes, colours)
    checked = Image.open(io.BytesIO(written))
    checked.verify()
    decoded = Image.open(io.BytesIO(written))
    assert decoded.mode == "P" and decoded.size == (37, 101)
    assert decoded.tobytes() == indexes.tobytes()
    assert bytes(decoded.getpalette()) == colours
    pillow = io.BytesIO()
    expected = Image.frombytes("P", indexes.size, indexes.tobytes())
    expected.putpalette(colours)
    expected.save(pillow, "PNG")
    assert Image.open(pillow).convert("RGB").tobytes() == decoded.convert("RGB").tobytes()
    with pytest.raises(ValueError, match="palette"):
        cards.png_unfiltered(indexes.convert("RGB"), colours)


def test_a_card_of_256_colours_looks_like_its_full_colour_drawing():
    """Each ink's edges kept in 85 levels (core.draw_card): every
    channel of every pixel within 2 of the same layout drawn in full
    colour by Pillow, whatever the texts."""
    from PIL import ImageDraw

    for texts in (
        {"kicker": "Série « Été »", "title": "Qg", "byline": "", "site": "Le Centsept"},
        {
            "kicker": "À la rencontre de nos membres",
            "title": "Un titre assez long pour tenir sur plusieurs lignes " * 3,
            "byline": "Une fonction bien trop longue pour la place qui lui revient " * 2,
            "site": "Le Centsept",
        },
    ):
        card = Image.open(io.BytesIO(cards.draw_card(texts, FONT)))
        assert card.mode == "P"
        drawn = Image.new("RGB", (1200, 630), cards.PALETTE["fond"])
        pen = ImageDraw.Draw(drawn)
        for ink, method, arguments in cards.layout(texts, FONT):
            getattr(pen, method)(**arguments, fill=cards.PALETTE[ink])
        pairs = zip(card.convert("RGB").tobytes(), drawn.tobytes(), strict=True)
        assert max(abs(a - b) for a, b in pairs) <= 2
        # Text was drawn: the card is not the background alone.
        assert len(set(card.tobytes())) > 20
