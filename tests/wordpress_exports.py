"""The two WordPress exports the import is tested on, and what goes with
them: Pelican's own test export (shipped in its wheel, written by no one
here) and a French one built for these tests (tests/fixtures/wordpress/,
fictitious texts), with its wp-content/uploads/ made by Pillow."""

from __future__ import annotations

import shutil
from pathlib import Path

import pelican

from tests.helpers import ROOT

PELICAN_EXPORT = Path(pelican.__file__).parent / "tests" / "content" / "wordpressexport.xml"
FRENCH_EXPORT = ROOT / "tests" / "fixtures" / "wordpress" / "export-essai.xml"
EXPORTS = {"pelican": PELICAN_EXPORT, "francais": FRENCH_EXPORT}

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


def make_uploads(folder: Path) -> Path:
    """JPEGs with EXIF (camera, GPS position) that the build must strip."""
    from PIL import Image

    for relative, size in UPLOADS.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
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
    uploads = make_uploads(folder / "uploads") if name == "francais" else None
    lines, status = run_import(EXPORTS[name], uploads, content)
    return content, lines, status


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below ``folder``: its bytes and modification time."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
