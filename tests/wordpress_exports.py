"""The WordPress exports the import is tested on, and what goes with
them: Pelican's own test export (shipped in its wheel, written by no one
here) and French ones built for these tests (tests/fixtures/wordpress/,
fictitious texts) of different eras and editors: classic editor with
shortcodes, block editor, WordPress.com, a WooCommerce shop, a malformed
file; their wp-content/uploads/ made by Pillow."""

from __future__ import annotations

import shutil
from pathlib import Path

import pelican

from tests.helpers import ROOT

PELICAN_EXPORT = Path(pelican.__file__).parent / "tests" / "content" / "wordpressexport.xml"
FIXTURES = ROOT / "tests" / "fixtures" / "wordpress"
FRENCH_EXPORT = FIXTURES / "export-essai.xml"
EXPORTS = {
    "pelican": PELICAN_EXPORT,
    "francais": FRENCH_EXPORT,
    "classique": FIXTURES / "classique-codes-courts.xml",
    "blocs": FIXTURES / "editeur-blocs.xml",
    "wordpress-com": FIXTURES / "wordpress-com.xml",
    "woocommerce": FIXTURES / "woocommerce.xml",
    "malforme": FIXTURES / "malforme.xml",
}

# The files of the French export's uploads folder: the original and the
# sizes WordPress made (tableau-essai.jpg itself is missing on purpose:
# its largest kept size is used).
UPLOADS = {
    "2019/03/atelier-essai.jpg": (1200, 800),
    "2019/03/atelier-essai-300x200.jpg": (300, 200),
    "2019/09/salle-essai.jpg": (800, 600),
    "2019/09/tableau-essai-1024x768.jpg": (1024, 768),
    "2019/09/tableau-essai-300x225.jpg": (300, 225),
}
# The other exports' uploads folders (a size, or None for a PDF).
OTHER_UPLOADS = {
    "classique": {
        "2013/04/potager.jpg": (800, 600),
        "2013/04/potager-300x225.jpg": (300, 225),
        "2013/04/recolte.jpg": (640, 480),
    },
    "blocs": {
        "2022/03/assemblee.jpg": (1600, 1067),
        "2022/03/assemblee-1024x683.jpg": (1024, 683),
        "2022/03/buffet.jpg": (800, 600),
        "2022/03/compte-rendu.pdf": None,
    },
    "wordpress-com": {"2016/02/cafe.jpg": (640, 480), "2016/02/tableau.jpg": (640, 427)},
}


def make_uploads(folder: Path, files: dict | None = None) -> Path:
    """JPEGs with EXIF (camera, GPS position) that the build must strip."""
    from PIL import Image

    for relative, size in (UPLOADS if files is None else files).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if size is None:
            path.write_bytes(b"%PDF-1.4\n% document d'essai\n%%EOF\n")
            continue
        image = Image.linear_gradient("L").resize(size).convert("RGB")
        exif = Image.Exif()
        exif[0x010F] = "Fabricant"  # Make
        exif[0x0110] = "Appareil"  # Model
        exif[0x8825] = {1: "N", 2: (45.0, 45.0, 0.0), 3: "E", 4: (4.0, 50.0, 0.0)}  # GPS
        image.save(path, "JPEG", quality=85, exif=exif)
    return folder


def site_copy(folder: Path) -> Path:
    """A copy of the real content/ in ``folder`` (its report goes beside)."""
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    return content


def imported(folder: Path, name: str):
    """content/ with the export ``name`` imported: (content, lines, status)."""
    from sitetools.wordpress import run_import

    content = site_copy(folder)
    uploads = None
    if name == "francais":
        uploads = make_uploads(folder / "uploads")
    elif name in OTHER_UPLOADS:
        uploads = make_uploads(folder / "uploads", OTHER_UPLOADS[name])
    lines, status = run_import(EXPORTS[name], uploads, content)
    return content, lines, status


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below ``folder``: its bytes and modification time."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _words(text: str) -> list[str]:
    import re

    return re.findall(r"\w+", re.sub(r"https?://\S+", " ", text).lower())


def source_text(html: str) -> str:
    """What a reader of the old site read of a body: its text, without
    shortcode tags, players, scripts or addresses (the words inside a
    caption, a code block or a page builder's layout stay)."""
    import re

    from bs4 import BeautifulSoup

    from sitetools.wordpress.shortcodes import _SHORTCODE, EMBEDS, FORMS, strip_blocks

    def keep(match):
        name = match["name"].lower()
        return "" if name in EMBEDS or name in FORMS or name == "gallery" else match["inner"] or ""

    text = strip_blocks(html)
    previous = None
    while previous != text:
        previous, text = text, _SHORTCODE.sub(keep, text)
    text = re.sub(r"\[/?(?:vc|et_pb|fusion)_[^\]]*\]", "", text)
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(["script", "style", "iframe", "object", "embed", "form", "audio"]):
        tag.decompose()
    return soup.get_text(" ")


def missing_words(export: Path, plan, output: Path) -> tuple[int, int, list[str]]:
    """Words of the published items' source text missing from their built
    pages: (missing, total, examples)."""
    from collections import Counter

    from bs4 import BeautifulSoup

    from sitetools.wordpress.wxr import old_path, read_export

    data = read_export(export)
    new_of = {e.old: e.new for e in plan.entries if e.status == "publié" and e.file}
    missing = total = 0
    examples = []
    for item in data.items:
        new = new_of.get(old_path(item.link, data.site_url)) if item.link else None
        if item.type not in ("post", "page") or not new:
            continue
        source = Counter(_words(source_text(item.html)))
        page = output / new.strip("/") / "index.html"
        main = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("main")
        found = Counter(_words(main.get_text(" "))) + Counter(_words(main.get_text("")))
        for word, count in source.items():
            lost = max(0, count - found[word])
            missing += lost
            if lost:
                examples.append(f"{new}: {word}")
        total += sum(source.values())
    return missing, total, examples


def imported_once(tmp_path_factory, name: str) -> tuple[Path, Path]:
    """The export ``name`` imported once for the whole run (the build and
    the server tests read the same import, tests/once.py): its folder
    (report, uploads) and its content/. Tests only read them."""
    from tests.once import made_once

    def import_into(folder: Path) -> None:
        _, lines, status = imported(folder, name)
        assert status == 0, lines

    folder = made_once(tmp_path_factory, f"import-{name}", import_into)
    return folder, folder / "content"
