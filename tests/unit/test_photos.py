"""`invoke photos` (plugins/content_images/photos.py): every image of
content/ loses its GPS position and other metadata in place; JPEG, PNG
and WebP keep their compressed pixels byte for byte and their
orientation; the others are saved again, upright."""

from __future__ import annotations

import pytest
from PIL import Image

from plugins.content_images.photos import clean_photos, report
from plugins.content_model.files import carries_location

GPS = {1: "N", 2: (45.0, 45.0, 0.0), 3: "E", 4: (4.0, 50.0, 0.0)}
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="45,45.0N"/>'
    b"</rdf:RDF></x:xmpmeta>"
)


def phone_photo(path, fmt: str, orientation: int = 6, **options) -> None:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Téléphone"
    exif[0x0132] = "2024:03:15 10:00:00"
    exif[0x8825] = GPS
    image = Image.new("RGB", (60, 40), "white")
    image.paste((200, 0, 0), (0, 0, 20, 13))
    image.save(path, fmt, exif=exif, **options)


def jpeg_scan(data: bytes) -> bytes:
    """The compressed pixels of a JPEG: from its first Start Of Scan."""
    return data[data.index(b"\xff\xda") :]


def test_a_jpeg_loses_gps_camera_and_xmp_but_not_a_byte_of_its_pixels(tmp_path):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    photo = content / "images" / "reunion.jpg"
    phone_photo(photo, "JPEG", xmp=XMP, comment=b"Lyon, chez Paul")
    before = photo.read_bytes()
    assert carries_location(photo)

    done = clean_photos(content)

    assert [(d.path, d.had_location, d.reencoded) for d in done] == [(photo, True, False)]
    after = photo.read_bytes()
    assert jpeg_scan(after) == jpeg_scan(before)  # not re-encoded
    with Image.open(photo) as image:
        assert dict(image.getexif()) == {0x0112: 6}  # still shown upright
        assert not {"xmp", "comment", "photoshop"} & set(image.info)
    assert not carries_location(photo)
    assert report(done, content) == [
        "content/images/reunion.jpg : lieu (GPS) et métadonnées retirés (image intacte)",
        "1 photo(s) nettoyée(s) : vérifiez-les, puis enregistrez-les (git commit).",
    ]
    # Nothing left to do: the second run changes nothing.
    assert clean_photos(content) == []
    assert photo.read_bytes() == after
    assert report([], content) == ["Aucune photo à nettoyer : aucune ne contient de métadonnées."]


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_keep_their_pixels(tmp_path, fmt):
    photo = tmp_path / f"photo.{fmt.lower()}"
    options = {"lossless": True} if fmt == "WEBP" else {}
    phone_photo(photo, fmt, **options)
    with Image.open(photo) as image:
        pixels = image.convert("RGB").tobytes()
    [done] = clean_photos(tmp_path)
    assert not done.reencoded
    with Image.open(photo) as image:
        assert image.convert("RGB").tobytes() == pixels
        assert dict(image.getexif()) == {0x0112: 6}
    assert not carries_location(photo)


def test_an_avif_is_saved_again_upright_without_metadata(tmp_path):
    photo = tmp_path / "photo.avif"
    phone_photo(photo, "AVIF", orientation=6)
    [done] = clean_photos(tmp_path)
    assert done.reencoded and done.had_location
    with Image.open(photo) as image:
        assert image.size == (40, 60)  # turned, so no tag is needed
        assert not image.getexif()
    assert not carries_location(photo)


def test_photos_without_metadata_hidden_files_and_documents_are_left_alone(tmp_path):
    plain = tmp_path / "simple.png"
    Image.new("RGB", (4, 4)).save(plain)
    upright = tmp_path / "tag-seul.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # only its orientation: nothing to remove
    Image.new("RGB", (4, 4)).save(upright, exif=exif)
    hidden = tmp_path / ".cachee.jpg"
    phone_photo(hidden, "JPEG")
    broken = tmp_path / "abimee.jpg"
    broken.write_bytes(b"\xff\xd8\xff pas une image")
    files = {path: path.read_bytes() for path in (plain, upright, hidden, broken)}
    assert clean_photos(tmp_path) == []
    assert {path: path.read_bytes() for path in files} == files


def test_a_gif_is_saved_again_without_its_comment(tmp_path):
    """GIF carries no EXIF, but a comment (or XMP) can say anything:
    exiv2 cannot rewrite it, Pillow saves it again without it, for
    `invoke photos` and the build alike."""
    from plugins.content_images.core import without_metadata

    photo = tmp_path / "anime.gif"
    Image.new("P", (8, 8)).save(photo, comment=b"Chez Paul, 12 rue des Essais")
    assert without_metadata(photo.read_bytes(), "réencodée") is not None
    [done] = clean_photos(tmp_path)
    assert done.reencoded and not done.had_location
    with Image.open(photo) as image:
        assert "comment" not in image.info and image.size == (8, 8)
