"""The one table of file types (plugins/content_model/files.py): each
image is opened by Pillow as the format its extension names, within the
pixel limit, to its end; and the check knows a photo that still says
where it was taken."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from plugins.content_model import files
from plugins.content_model.files import (
    FILE_TYPES,
    IMAGE_EXTENSIONS,
    LOCATION_WARNING,
    carries_location,
    image_problem,
    location_warning,
    published_file_problem,
)

GPS = {1: "N", 2: (45.0, 45.0, 0.0), 3: "E", 4: (4.0, 50.0, 0.0)}


def image_bytes(fmt: str, size=(40, 30), **options) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, fmt, **options)
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` × ``height`` pixels in 60 bytes: what a
    decompression bomb looks like to Pillow before it decodes anything."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0"))


def test_every_image_type_says_how_its_metadata_is_removed():
    """An image type without a way to remove its metadata (GPS, camera)
    would be published with it: the table gives each one a policy, and
    the list of image extensions comes from the table."""
    images = [kind for kind in FILE_TYPES if kind.image]
    assert {kind.metadata for kind in images} <= {files.LOSSLESS, files.REENCODED}
    assert set(IMAGE_EXTENSIONS) == {"jpg", "jpeg", "png", "gif", "webp", "avif"}
    assert all(kind.metadata is None for kind in FILE_TYPES if not kind.image)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.jpg", "JPEG"), ("a.jpeg", "JPEG"), ("a.png", "PNG"), ("a.gif", "GIF")]
    + [("a.webp", "WEBP"), ("a.avif", "AVIF"), ("A.JPG", "JPEG")],
)
def test_real_images_are_accepted(tmp_path, name, fmt):
    path = tmp_path / name
    path.write_bytes(image_bytes(fmt))
    assert published_file_problem(path, tmp_path) is None


@pytest.mark.parametrize(
    ("name", "data"),
    [
        # The security review's case: JPEG's first bytes, then text.
        ("faux.jpg", b"\xff\xd8\xff" + b"ceci n'est pas une image" * 4),
        ("png.jpg", image_bytes("PNG")),  # renamed, first bytes wrong
        ("gif.png", image_bytes("GIF")),
        ("tronquee.jpg", image_bytes("JPEG", size=(400, 300))[:300]),
        ("tronquee.png", image_bytes("PNG", size=(400, 300))[:90]),
        ("faux.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 40),
        ("faux.avif", b"\x00\x00\x00\x1cftypavif" + b"\x00" * 40),
        ("faux.gif", b"GIF89a" + b"\x00" * 3),
    ],
)
def test_a_file_that_is_not_the_image_it_claims_is_refused_in_french(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    message = published_file_problem(path, tmp_path)
    assert message is not None
    assert "exportez-" in message and "Error" not in message


def test_the_import_calls_the_same_function(tmp_path):
    path = tmp_path / "faux.jpg"
    path.write_bytes(b"\xff\xd8\xff" + b"texte" * 10)
    assert image_problem(path) == published_file_problem(path, tmp_path)
    assert "ne peut pas être lue comme un « .jpg »" in image_problem(path)


@pytest.mark.parametrize(
    ("width", "height"), [(10_000, 9_000), (20_000, 20_000)], ids=["90 Mpx", "400 Mpx"]
)
def test_a_decompression_bomb_is_refused_before_it_is_decoded(tmp_path, width, height):
    path = tmp_path / "bombe.png"
    path.write_bytes(png_header_only(width, height))
    message = published_file_problem(path, tmp_path)
    assert message is not None and message.startswith("image trop grande")


def test_a_large_but_reasonable_photo_passes(tmp_path):
    path = tmp_path / "grande.png"
    path.write_bytes(png_header_only(9_000, 9_000))  # 81 Mpx: under the limit
    # Only its size is known from the header; decoding finds the data short.
    assert "trop grande" not in (published_file_problem(path, tmp_path) or "")


def exif_with_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[0x8825] = GPS
    return exif


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "AVIF"])
def test_a_gps_position_is_found_in_exif(tmp_path, fmt):
    path = tmp_path / f"photo.{fmt.lower()}"
    path.write_bytes(image_bytes(fmt, exif=exif_with_gps()))
    assert carries_location(path)
    assert location_warning(path) == LOCATION_WARNING
    assert "invoke photos" in LOCATION_WARNING


def test_a_gps_position_is_found_in_xmp(tmp_path):
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="45,45.0N" '
        b'exif:GPSLongitude="4,50.0E"/></rdf:RDF></x:xmpmeta>'
    )
    path = tmp_path / "photo.jpg"
    path.write_bytes(image_bytes("JPEG", xmp=xmp))
    assert carries_location(path)


def test_a_photo_without_position_gives_no_warning(tmp_path):
    exif = Image.Exif()
    exif[0x010F] = "Appareil"  # a camera, but no place
    path = tmp_path / "photo.jpg"
    path.write_bytes(image_bytes("JPEG", exif=exif))
    assert not carries_location(path) and location_warning(path) is None
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    assert location_warning(pdf) is None
