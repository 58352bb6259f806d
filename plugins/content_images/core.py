"""Pure functions for images."""


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


def without_metadata(data: bytes) -> bytes | None:
    """``data`` (an image file) saved again without its metadata, turned
    upright first if its EXIF said it was rotated; None when it carries
    none (the file is then published as it is, byte for byte). Pillow
    re-encodes JPEG and WebP (quality 90): an editor's original is
    reached only by a direct link or a feed reader."""
    import io

    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        found = [key for key in METADATA_KEYS if image.info.get(key)]
        if not found and not image.getexif():
            return None
        kind = image.format
        upright = ImageOps.exif_transpose(image)
        keep = {}
        if image.info.get("icc_profile"):
            keep["icc_profile"] = image.info["icc_profile"]  # colours, not metadata
        out = io.BytesIO()
        if kind == "JPEG":
            upright.save(out, "JPEG", quality=90, optimize=True, **keep)
        elif kind == "WEBP":
            upright.save(out, "WEBP", quality=90, **keep)
        elif kind == "PNG":
            upright.save(out, "PNG", optimize=True, **keep)
        else:  # GIF and others: saved without their extra chunks
            upright.save(out, kind, **keep)
        return out.getvalue()
