"""What content/ may publish besides Markdown: one table of file types
(extension, first bytes, and for images the format Pillow must find and
how their metadata is removed), and no symbolic link that leads out of
content/.

Scripts, pages, SVG (which can carry scripts), WebAssembly and unknown
types are refused: a file published on the site's own origin would run
under its Content-Security-Policy. Images are opened with Pillow, as the
build will open them: a file that only starts like an image, a type that
is not what its extension says, or a decompression bomb is refused here
(``invoke check``, the build, livereload and the WordPress import all
call ``published_file_problem``), never in the middle of a build.

Pure functions (they read the file), no Pelican import.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

# How an image's metadata (camera, date, GPS position) is removed. Every
# image type has one: an image whose metadata could not be removed is
# not accepted (``published_file_problem``).
LOSSLESS = "sans perte"  # only the metadata is rewritten (pyexiv2), not the pixels
REENCODED = "réencodée"  # Pillow saves the image again (exiv2 cannot write it)


@dataclass(frozen=True)
class FileType:
    extensions: tuple[str, ...]
    magic: re.Pattern[bytes]  # what the first 16 bytes must start with
    pillow: str | None = None  # an image: the format Pillow must read in it
    metadata: str | None = None  # an image: LOSSLESS or REENCODED

    @property
    def image(self) -> bool:
        return self.pillow is not None


def _magic(pattern: bytes) -> re.Pattern[bytes]:
    return re.compile(pattern, re.DOTALL)


_ZIP = _magic(rb"PK\x03\x04")  # OpenDocument and Office Open XML are zip files
FILE_TYPES = (
    FileType(("jpg", "jpeg"), _magic(rb"\xff\xd8\xff"), "JPEG", LOSSLESS),
    FileType(("png",), _magic(rb"\x89PNG\r\n\x1a\n"), "PNG", LOSSLESS),
    FileType(("gif",), _magic(rb"GIF8[79]a"), "GIF", REENCODED),
    FileType(("webp",), _magic(rb"RIFF....WEBP"), "WEBP", LOSSLESS),
    FileType(("avif",), _magic(rb"\x00\x00\x00.ftyp"), "AVIF", REENCODED),
    FileType(("pdf",), _magic(rb"%PDF-")),
    FileType(("odt", "ods", "odp", "docx", "xlsx", "pptx"), _ZIP),
)
BY_EXTENSION = {extension: kind for kind in FILE_TYPES for extension in kind.extensions}
IMAGE_EXTENSIONS = tuple(e for e, kind in BY_EXTENSION.items() if kind.image)
# What Pelican reads as content (its Markdown reader), not as a file.
MARKDOWN_EXTENSIONS = ("md", "markdown")

# Pillow's own threshold (Image.MAX_IMAGE_PIXELS, 89 million pixels):
# beyond it Pillow warns of a decompression bomb. A phone photo is 12 to
# 50 million; the site shows at most 1,440 pixels wide.
MAX_PIXELS = 89_478_485


def file_type(path: Path) -> FileType | None:
    """The type ``path`` claims by its extension, if the site accepts it."""
    return BY_EXTENSION.get(path.suffix[1:].lower())


def outside(path: Path, content: Path) -> bool:
    """Whether ``path``, after every link and « .. », is out of content/."""
    try:
        return not path.resolve(strict=True).is_relative_to(content.resolve())
    except (OSError, RuntimeError):  # broken link, or a loop: nothing to publish
        return True


def published_file_problem(path: Path, content: Path) -> str | None:
    """Why a file of content/ may not be published, or None."""
    if path.is_symlink() and not path.exists():
        return "lien symbolique cassé (ou qui mène à lui-même) : supprimez-le."
    if outside(path, content):
        return (
            "lien symbolique vers un fichier hors de content/ : interdit, le site "
            "ne publie que ce qui est dans content/."
        )
    kind = file_type(path)
    extension = path.suffix[1:].lower()
    if kind is None:
        documents = [e for e, k in BY_EXTENSION.items() if not k.image]
        return (
            f"type de fichier « .{extension or '?'} » refusé : le site publie des images "
            f"({', '.join(IMAGE_EXTENSIONS)}) et des documents ({', '.join(documents)})."
        )
    with open(path, "rb") as file:
        head = file.read(16)
    if not kind.magic.match(head):
        return _not_what_it_says(extension)
    return image_problem(path) if kind.image else None


def _not_what_it_says(extension: str) -> str:
    return (
        f"ce fichier n’est pas un vrai « .{extension} » (son contenu ne correspond pas "
        "à son extension) : exportez-le à nouveau depuis votre logiciel."
    )


def image_problem(path: Path) -> str | None:
    """Why the image ``path`` could not be published, or None: Pillow
    must read it as the format its extension names, within the pixel
    limit, to the end. Also for the WordPress import, before it copies
    a file."""
    from PIL import Image

    kind = file_type(path)
    extension = path.suffix[1:].lower()
    if kind is None or not kind.image or kind.metadata is None:
        return f"« .{extension} » n’est pas un type d’image que le site publie."
    try:
        with warnings.catch_warnings():
            # Our limit is checked below, with a French message.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path, formats=[kind.pillow]) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return (
                        f"image trop grande ({width} × {height} pixels, plus de "
                        f"{MAX_PIXELS // 1_000_000} millions) : réduisez-la (4 000 pixels de "
                        "large suffisent) et déposez-la à nouveau."
                    )
                _read_through(image)
    except Image.DecompressionBombError:
        return "image trop grande : réduisez-la (4 000 pixels de large suffisent)."
    except (OSError, SyntaxError, ValueError, EOFError):
        # UnidentifiedImageError is an OSError: not a kind.pillow image.
        return (
            f"cette image ne peut pas être lue comme un « .{extension} » (fichier abîmé, "
            "incomplet, ou d’un autre type) : exportez-la à nouveau depuis votre logiciel."
        )
    return None


def _read_through(image) -> None:
    """Read ``image`` to its end, so that a truncated file is found here,
    not by the build; as cheaply as each format allows, since the check
    runs before every build (12-megapixel files, loaded machine: JPEG
    34 ms at 1/8 of its size, where decoding a PNG or a WebP whole takes
    a second). WebP and AVIF: their decoder library has read the whole
    container when Pillow opened it."""
    if image.format in ("JPEG", "MPO"):
        width, height = image.size
        image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
        image.load()
    elif image.format == "PNG":
        image.verify()  # every chunk and its checksum, nothing decompressed
    elif image.format == "GIF":
        image.load()  # the first frame


# What places a photo on a map: EXIF's GPSLatitude and GPSLongitude,
# under any of the names they take in EXIF and XMP.
_POSITION = re.compile(r"GPS(Latitude|Longitude)\b")


def carries_location(path: Path) -> bool:
    """Whether the image ``path`` says where it was taken: a GPS position
    in its EXIF or its XMP. Only images the check accepted are asked."""
    kind = file_type(path)
    if kind is None or not kind.image:
        return False
    try:
        keys = _png_metadata(path) if kind.pillow == "PNG" else _metadata(path, kind.pillow)
    except (OSError, SyntaxError, ValueError, EOFError, RuntimeError):
        return False  # unreadable: published_file_problem says why
    return any(_POSITION.search(key) for key in keys)


def _metadata(path: Path, pillow: str) -> list[str]:
    """EXIF tag names and XMP text, as Pillow reads them when it opens
    the file (before any pixel is decoded)."""
    from PIL import ExifTags, Image

    with Image.open(path, formats=[pillow]) as image:
        gps = image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
    names = [ExifTags.GPSTAGS.get(tag, "") for tag in gps]
    return names + [xmp.decode("utf-8", "replace") if isinstance(xmp, bytes) else xmp]


def _png_metadata(path: Path) -> list[str]:
    """The keys of a PNG's EXIF and XMP, as exiv2 (pyexiv2) reads them:
    Pillow would decode the whole image to find an EXIF block written
    after the pixels (a second for 12 megapixels; exiv2: 0.1 s)."""
    import pyexiv2

    pyexiv2.set_log_level(4)  # exiv2's English warnings: its errors raise
    with pyexiv2.ImageData(path.read_bytes()) as image:
        return list(image.read_exif()) + list(image.read_xmp())


LOCATION_WARNING = (
    "cette photo contient le lieu où elle a été prise (position GPS) : lancez "
    "« invoke photos » pour l’en retirer avant de l’enregistrer dans le dépôt "
    "(le site publié ne la montre jamais, mais le dépôt la garde)."
)


def location_warning(path: Path) -> str | None:
    """The check's warning for an image of content/ that carries its GPS
    position (the published copies never do), or None."""
    return LOCATION_WARNING if carries_location(path) else None
