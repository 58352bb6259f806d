"""What content/ may publish besides Markdown: an allow-list of file
types, each checked by its extension and by its first bytes, and no
symbolic link that leads out of content/.

Scripts, pages, SVG (which can carry scripts), WebAssembly and unknown
types are refused: a file published on the site's own origin would run
under its Content-Security-Policy.

Pure functions, no Pelican import.
"""

from __future__ import annotations

from pathlib import Path

# Extension → what its first bytes must be (one of).
_ZIP = (b"PK\x03\x04",)  # OpenDocument and Office Open XML are zip files
SIGNATURES = {
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),
    "avif": (b"\x00\x00\x00",),
    "pdf": (b"%PDF-",),
    "odt": _ZIP,
    "ods": _ZIP,
    "odp": _ZIP,
    "docx": _ZIP,
    "xlsx": _ZIP,
    "pptx": _ZIP,
}
IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "gif", "webp", "avif")


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
    extension = path.suffix[1:].lower()
    if extension not in SIGNATURES:
        return (
            f"type de fichier « .{extension or '?'} » refusé : le site publie des images "
            f"({', '.join(IMAGE_EXTENSIONS)}) et des documents "
            f"({', '.join(e for e in SIGNATURES if e not in IMAGE_EXTENSIONS)})."
        )
    with open(path, "rb") as file:
        head = file.read(16)
    if (
        not head.startswith(SIGNATURES[extension])
        or (extension == "webp" and head[8:12] != b"WEBP")
        or (extension == "avif" and head[4:8] != b"ftyp")
    ):
        return (
            f"ce fichier n’est pas un vrai « .{extension} » (son contenu ne correspond pas "
            "à son extension) : exportez-le à nouveau depuis votre logiciel."
        )
    return None
