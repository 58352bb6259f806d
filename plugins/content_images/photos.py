"""`invoke photos`: the photos of content/ cleaned in place before they
are committed — their GPS position, camera, dates, author and editing
software removed — since the repository keeps every version of a file
(the published copies are cleaned by the build anyway, __init__.py).

JPEG, PNG and WebP lose their metadata without being re-encoded: exiv2
(pyexiv2, which ships it) rewrites the metadata blocks and leaves the
compressed pixels byte for byte; their EXIF Orientation is kept, so a
phone photo still shows upright. Piexif was not chosen: it leaves XMP
(where editing software copies the GPS position) and IPTC, and is no
longer maintained. AVIF, GIF and a phone's MPO, which exiv2 cannot
rewrite, are saved again by Pillow, upright (AVIF at quality 90).
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from plugins.content_model.files import carries_location, file_type

from .core import METADATA_KEYS, ORIENTATION, lossless, metadata_cleared, without_metadata


@dataclass(frozen=True)
class Cleaned:
    path: Path
    had_location: bool
    reencoded: bool


def _metadata(data: bytes) -> tuple[str, int] | None:
    """Pillow's format and the EXIF orientation, if ``data`` carries
    anything but its orientation (and its colour profile, which is not
    metadata); else None."""
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        extra = [tag for tag in exif if tag != ORIENTATION]
        extra += [key for key in METADATA_KEYS if key != "exif" and image.info.get(key)]
        return (image.format, exif.get(ORIENTATION, 1)) if extra else None


def clean(path: Path) -> Cleaned | None:
    """``path`` (an image) rewritten without its metadata, or None if it
    had none. Written beside it, then renamed over it: never half a
    photo, whatever stops the command."""
    kind = file_type(path)
    data = path.read_bytes()
    found = _metadata(data)
    if found is None:
        return None
    pillow_format, orientation = found
    located = carries_location(path)
    cleaned = None
    if lossless(pillow_format, kind.metadata):
        cleaned = metadata_cleared(data, orientation)
    reencoded = cleaned is None
    if reencoded:
        cleaned = without_metadata(data, kind.metadata)
    mode = path.stat().st_mode & 0o7777
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".photo")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(cleaned)
        os.chmod(partial, mode)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return Cleaned(path, located, reencoded)


def clean_photos(content: Path) -> list[Cleaned]:
    """Every image of ``content`` (hidden files and symbolic links
    aside: the site publishes neither) cleaned in place."""
    done = []
    for folder, directories, names in os.walk(content):
        directories[:] = sorted(d for d in directories if not d.startswith("."))
        for name in sorted(names):
            path = Path(folder) / name
            kind = file_type(path)
            if name.startswith(".") or path.is_symlink() or kind is None or not kind.image:
                continue
            try:
                result = clean(path)
            except (OSError, SyntaxError, ValueError):
                continue  # not a readable image: `invoke check` says why
            if result is not None:
                done.append(result)
    return done


def report(done: list[Cleaned], content: Path) -> list[str]:
    """What `invoke photos` prints, in French."""
    lines = []
    for cleaned in done:
        name = cleaned.path.relative_to(content.parent).as_posix()
        what = (
            "lieu (GPS) et métadonnées retirés" if cleaned.had_location else "métadonnées retirées"
        )
        how = "image réenregistrée" if cleaned.reencoded else "image intacte"
        lines.append(f"{name} : {what} ({how})")
    if not done:
        lines.append("Aucune photo à nettoyer : aucune ne contient de métadonnées.")
    else:
        lines.append(
            f"{len(done)} photo(s) nettoyée(s) : vérifiez-les, puis enregistrez-les (git commit)."
        )
    return lines
