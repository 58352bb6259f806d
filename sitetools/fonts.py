"""The site's typeface and wordmark, made from the Figtree font.

Figtree (SIL Open Font License 1.1) comes from the npm package
@fontsource-variable/figtree, pinned in package.json. `invoke polices`
subsets its two variable files (roman and italic, weights 300 to 900) to
the characters French text needs and writes them, with the licence, to
theme/static/fonts/; it also draws the « Le Centsept » wordmark as SVG
paths (theme/templates/partials/marque.svg), so the logo never depends on
a font having loaded. The results are committed: `invoke serve` needs no
npm, and a test regenerates them to prove they are what this code makes.
"""

from __future__ import annotations

import io
from pathlib import Path

from sitetools import SiteError

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "@fontsource-variable" / "figtree"
FONTS = ROOT / "theme" / "static" / "fonts"
WORDMARK = ROOT / "theme" / "templates" / "partials" / "marque.svg"
STYLES = {"normal": "figtree-latin-wght-normal.woff2", "italic": "figtree-latin-wght-italic.woff2"}

# What French text uses: ASCII, Latin-1 (« » à â ç é è ê ë î ï ô ù û ü
# ÿ and capitals, the no-break space), Œ œ Ÿ, the typographic apostrophe
# and quotes, dashes, ellipsis, the euro sign, and the narrow no-break
# space that our typography puts inside « » and before ; : ! ?
FRENCH_CHARACTERS = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x100),
    0x152,
    0x153,
    0x178,
    0x2013,
    0x2014,
    0x2018,
    0x2019,
    0x201A,
    0x201C,
    0x201D,
    0x201E,
    0x2022,
    0x2026,
    0x202F,
    0x2039,
    0x203A,
    0x20AC,
]
# Asked for, but not in Fontsource's « latin » file of Figtree (Ÿ is in
# its « latin-ext » file): the browser takes them from the fallback font
# (the soft hyphen is never drawn except at a line break).
FIGTREE_LACKS = {0xAD: "trait d’union conditionnel", 0x178: "Ÿ (capitale de ÿ, L’HAŸ-LES-ROSES)"}
NARROW_NO_BREAK_SPACE = 0x202F
# Figtree has no U+202F: without it the browser would take that one
# character from a fallback font. A sixth of an em, as French
# typesetting's « espace fine ».
NARROW_SPACE_WIDTH = 1 / 6
# Only the OpenType features the text uses (kerning, ligatures, the
# French forms), so nothing else is downloaded.
FEATURES = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk", "pnum", "tnum", "frac"]


def add_narrow_no_break_space(font) -> None:
    """Give ``font`` (a fontTools TTFont, variable) an empty glyph of
    fixed width for U+202F."""
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    cmap = font.getBestCmap()
    if NARROW_NO_BREAK_SPACE in cmap:
        return
    for tag in font.keys():  # decompile every table before the glyph count changes
        font[tag]
    name = "uni202F"
    order = font.getGlyphOrder() + [name]
    font.setGlyphOrder(order)
    font["glyf"].glyphs[name] = Glyph()
    font["glyf"].glyphOrder = order
    width = round(font["head"].unitsPerEm * NARROW_SPACE_WIDTH)
    font["hmtx"].metrics[name] = (width, 0)
    font["maxp"].numGlyphs = len(order)
    if "gvar" in font:
        font["gvar"].variations[name] = []
    # HVAR maps advance-width variations by glyph number; without it the
    # browser reads them from gvar, where the new glyph has none.
    if "HVAR" in font:
        del font["HVAR"]
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[NARROW_NO_BREAK_SPACE] = name


def subset(source: bytes) -> bytes:
    """The woff2 of ``source`` with only French characters and features."""
    from fontTools import subset as fontsubset
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(source))
    add_narrow_no_break_space(font)
    options = fontsubset.Options()
    options.flavor = "woff2"
    options.layout_features = FEATURES
    options.name_IDs = ["*"]  # keep the copyright and licence names (OFL)
    subsetter = fontsubset.Subsetter(options)
    subsetter.populate(unicodes=FRENCH_CHARACTERS)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.recalcTimestamp = False  # the same bytes on every run (a test compares them)
    font.save(out)
    return out.getvalue()


def wordmark(source: bytes, weight: int = 780) -> str:
    """« Le Centsept » as SVG paths in Figtree at ``weight``: « Le » in
    the accent colour, « Centsept » in the text colour (CSS classes)."""
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.pens.transformPen import TransformPen
    from fontTools.ttLib import TTFont
    from fontTools.varLib.instancer import instantiateVariableFont

    font = instantiateVariableFont(TTFont(io.BytesIO(source)), {"wght": weight})
    glyphs = font.getGlyphSet()
    cmap = font.getBestCmap()
    ascent = font["hhea"].ascent
    kerning = _kerning(font)
    x = 0
    groups = []
    for word, css_class in (("Le", "marque-le"), ("Centsept", "marque-nom")):
        pen = SVGPathPen(glyphs, ntos=lambda value: str(round(value)))
        previous = None
        for character in word:
            name = cmap[ord(character)]
            if previous:
                x += kerning.get((previous, name), 0)
            glyphs[name].draw(TransformPen(pen, (1, 0, 0, -1, x, ascent)))
            x += glyphs[name].width
            previous = name
        groups.append(f'<path class="{css_class}" d="{pen.getCommands()}"/>')
        x += glyphs[cmap[0x20]].width
    width = x - glyphs[cmap[0x20]].width
    # From the top of the capitals to the bottom of the « p ».
    top = ascent - font["OS/2"].sCapHeight - 20
    height = font["OS/2"].sCapHeight + 20 - font["hhea"].descent
    return (
        f'<svg class="marque-logo" xmlns="http://www.w3.org/2000/svg" viewBox="0 {top} {width} '
        f'{height}" aria-hidden="true" focusable="false">' + "".join(groups) + "</svg>\n"
    )


def _kerning(font) -> dict[tuple[str, str], int]:
    """Pair kerning from the font's GPOS, first format-1 lookups only:
    enough for a two-word wordmark."""
    pairs: dict[tuple[str, str], int] = {}
    if "GPOS" not in font:
        return pairs
    for lookup in font["GPOS"].table.LookupList.Lookup:
        for sub in lookup.SubTable:
            sub = getattr(sub, "ExtSubTable", sub)
            if getattr(sub, "Format", None) == 1 and hasattr(sub, "PairSet"):
                for first, pairset in zip(sub.Coverage.glyphs, sub.PairSet, strict=True):
                    for record in pairset.PairValueRecord:
                        value = getattr(record.Value1, "XAdvance", 0) if record.Value1 else 0
                        pairs.setdefault((first, record.SecondGlyph), value)
            elif getattr(sub, "Format", None) == 2 and hasattr(sub, "Class1Record"):
                classes1 = sub.ClassDef1.classDefs
                classes2 = sub.ClassDef2.classDefs
                for first in sub.Coverage.glyphs:
                    record1 = sub.Class1Record[classes1.get(first, 0)]
                    for second, class2 in list(classes2.items()):
                        value = record1.Class2Record[class2].Value1
                        advance = getattr(value, "XAdvance", 0) if value else 0
                        if advance:
                            pairs.setdefault((first, second), advance)
    return pairs


def generate(package: Path = PACKAGE, fonts: Path = FONTS, wordmark_file: Path = WORDMARK):
    """Write the subset fonts, their licence and the wordmark."""
    if not package.is_dir():
        raise SiteError(f"{package} absent : lancez d’abord « npm ci ».")
    fonts.mkdir(parents=True, exist_ok=True)
    for style, name in STYLES.items():
        source = (package / "files" / name).read_bytes()
        (fonts / f"figtree-{style}.woff2").write_bytes(subset(source))
    (fonts / "OFL.txt").write_text((package / "LICENSE").read_text(encoding="utf-8"))
    roman = (package / "files" / STYLES["normal"]).read_bytes()
    wordmark_file.write_text(wordmark(roman), encoding="utf-8")


ICON_SIZES = (32, 180, 192, 512)
ICON_BACKGROUND = "#a1182b"  # the accent colour of theme/static/css/site.css


def icon(source: bytes, size: int) -> bytes:
    """The favicon (« 107 », Cent-sept, white on the accent colour) as a
    PNG of ``size`` pixels, drawn with Figtree so it matches favicon.svg."""
    from PIL import Image, ImageDraw, ImageFont

    scale = 4  # drawn large, then reduced: smooth edges
    side = size * scale
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, side - 1, side - 1), radius=side * 12 // 64, fill=ICON_BACKGROUND)
    font = ImageFont.truetype(io.BytesIO(source), size=side * 26 // 64)
    font.set_variation_by_axes([800])
    draw.text((side / 2, side * 42 / 64), "107", font=font, fill="white", anchor="ms")
    out = io.BytesIO()
    image.resize((size, size), Image.LANCZOS).save(out, "PNG", optimize=True)
    return out.getvalue()


def generate_icons(package: Path = PACKAGE, folder: Path = FONTS.parent / "icones") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    source = (package / "files" / STYLES["normal"]).read_bytes()
    for size in ICON_SIZES:
        (folder / f"icone-{size}.png").write_bytes(icon(source, size))
