"""Pure functions for images: the size a photo is shown at, and a photo
without its metadata, turned the way the phone held it."""

from __future__ import annotations

import io

from plugins.content_model.files import LOSSLESS

# EXIF Orientation values that swap width and height (a quarter turn).
_QUARTER_TURNS = {5, 6, 7, 8}
ORIENTATION = 0x0112


def upright_size(size: tuple[int, int], orientation: int | None) -> tuple[int, int]:
    """The size of a photo as shown, once its EXIF ``orientation`` is
    applied: a portrait taken on a phone is stored landscape, tagged 6."""
    width, height = size
    return (height, width) if orientation in _QUARTER_TURNS else (width, height)


def displayed_size(size: tuple[int, int], max_width: int) -> tuple[int, int]:
    """The size of the fallback image: the original, scaled down (never
    up) to ``max_width`` wide, the aspect ratio kept."""
    width, height = size
    if width <= max_width:
        return width, height
    return max_width, round(height * max_width / width)


# What a file may carry about where and how it was made: camera, GPS
# position, dates, author, editing software (Pillow's names for them).
METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "photoshop", "iptc", "comment", "Comment")


def without_metadata(data: bytes, policy: str = LOSSLESS) -> bytes | None:
    """``data`` (an image file) without its metadata, turned upright if
    its EXIF said it was rotated; None when it carries none (the file is
    then used as it is, byte for byte).

    An upright image of a ``LOSSLESS`` type (files.py: JPEG, PNG, WebP)
    keeps its pixels: only its metadata is rewritten (pyexiv2). Otherwise
    Pillow saves it again (JPEG, WebP and AVIF at quality 90): turning
    the pixels is what makes every copy, and every size made from it,
    show the photo as the phone held it."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        found = [key for key in METADATA_KEYS if image.info.get(key)]
        if not found and not exif:
            return None
        kind = image.format
        if exif.get(ORIENTATION, 1) in (0, 1) and lossless(kind, policy):
            stripped = metadata_cleared(data)
            if stripped is not None:
                return stripped
        upright = ImageOps.exif_transpose(image)
        # Some writers (GIF's comment) save what ``info`` still holds.
        upright.info = {k: v for k, v in upright.info.items() if k not in METADATA_KEYS}
        keep = {}
        if image.info.get("icc_profile"):
            keep["icc_profile"] = image.info["icc_profile"]  # colours, not metadata
        out = io.BytesIO()
        if kind in ("JPEG", "MPO"):  # MPO: a phone's JPEG with more images after it
            upright.save(out, "JPEG", quality=90, optimize=True, **keep)
        elif kind in ("WEBP", "AVIF"):
            upright.save(out, kind, quality=90, **keep)
        elif kind == "PNG":
            upright.save(out, "PNG", optimize=True, **keep)
        else:  # GIF and others: saved without their extra chunks
            upright.save(out, kind, **keep)
        return out.getvalue()


def lossless(pillow_format: str, policy: str) -> bool:
    """Whether exiv2 can remove all of this image's metadata without
    touching its pixels. Not an MPO (a phone's JPEG followed by other
    images, each with its own EXIF): exiv2 rewrites the first only."""
    return policy == LOSSLESS and pillow_format != "MPO"


def metadata_cleared(data: bytes, orientation: int = 1) -> bytes | None:
    """``data`` with its EXIF, XMP, IPTC and comment removed by exiv2,
    the pixels untouched, but for the EXIF ``orientation`` when it is
    not 1 (so the photo still shows upright); None if exiv2 cannot
    rewrite this file."""
    import pyexiv2

    pyexiv2.set_log_level(4)  # exiv2's English warnings: its errors raise
    try:
        with pyexiv2.ImageData(data) as image:
            image.clear_exif()
            image.clear_xmp()
            image.clear_iptc()
            image.clear_comment()
            if orientation not in (0, 1):
                image.modify_exif({"Exif.Image.Orientation": str(orientation)})
            return image.get_bytes()
    except RuntimeError:  # exiv2's error for a file it cannot write
        return None
