"""Responsive images: a real multi-megapixel JPEG with camera metadata,
dropped into content as an editor would, comes out in several WebP
sizes with a JPEG fallback, sized, lazy, and without its metadata.
The production build, with its absolute URLs."""

import random
import shutil

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from tests.helpers import FIXTURE, build_site

WIDTH, HEIGHT = 4000, 3000  # 12 megapixels, as a phone takes them


def camera_photo(path):
    """A noisy gradient (compresses like a photo), with EXIF: camera,
    date and GPS position, which must not reach readers."""
    rng = random.Random(1)
    small = Image.new("RGB", (400, 300))
    small.putdata(
        [
            (x * 255 // 400, y * 255 // 300, rng.randrange(256))
            for y in range(300)
            for x in range(400)
        ]
    )
    image = small.resize((WIDTH, HEIGHT), Image.Resampling.BICUBIC)
    exif = Image.Exif()
    exif[0x010F] = "Fabricant"  # Make
    exif[0x0110] = "Appareil"  # Model
    exif[0x0132] = "2024:03:15 10:00:00"  # DateTime
    exif[0x8825] = {1: "N", 2: (45.0, 45.0, 0.0), 3: "E", 4: (4.0, 50.0, 0.0)}  # GPS
    image.save(path, "JPEG", quality=92, exif=exif)


def avif_photo(path):
    """An AVIF (accepted like JPEG) with its camera and GPS position."""
    exif = Image.Exif()
    exif[0x010F] = "Fabricant"
    exif[0x8825] = {1: "N", 2: (45.0, 45.0, 0.0), 3: "E", 4: (4.0, 50.0, 0.0)}
    Image.new("RGB", (800, 600), (90, 120, 40)).save(path, "AVIF", exif=exif)
    assert Image.open(path).getexif().get_ifd(0x8825)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("images")
    content = tmp / "content"
    shutil.copytree(FIXTURE, content)
    camera_photo(content / "images" / "reunion.jpg")
    assert Image.open(content / "images" / "reunion.jpg").getexif()
    avif_photo(content / "images" / "salle.avif")
    interview = content / "rencontres" / "premier.md"
    interview.write_text(
        interview.read_text(encoding="utf-8")
        + "\n![Une réunion de l’association]({static}/images/reunion.jpg)\n"
        + "\n![La salle]({static}/images/salle.avif)\n",
        encoding="utf-8",
    )
    return build_site(tmp / "site", settings="publishconf.py", content=content)


def test_responsive_markup(built):
    page = BeautifulSoup(
        (built / "premier" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    image = page.select_one(".texte img")
    assert image["alt"] == "Une réunion de l’association"
    assert (image["width"], image["height"]) == ("960", "720")
    assert image["loading"] == "lazy" and image["decoding"] == "async"
    assert image["src"].startswith("https://www.lecentsept.fr/images/derivatives/photo/")
    assert image["src"].endswith(".jpg")  # the fallback keeps the original format
    candidates = [c.strip().split() for c in image["srcset"].split(",")]
    assert [c[1] for c in candidates] == ["480w", "960w", "1440w"]
    assert all(c[0].endswith(".webp") for c in candidates)
    assert image["sizes"]


def test_derivatives_are_smaller_and_carry_no_metadata(built):
    original = (built / "images" / "reunion.jpg").stat().st_size
    derivatives = sorted((built / "images" / "derivatives" / "photo").rglob("reunion.*"))
    assert len(derivatives) == 4  # 3 WebP sizes and the JPEG fallback
    for path in derivatives:
        with Image.open(path) as image:
            assert image.width in (480, 960, 1440)
            assert image.width / image.height == pytest.approx(WIDTH / HEIGHT, rel=0.01)
            assert not image.getexif(), path
            assert "exif" not in image.info
        assert path.stat().st_size < original / 4


def test_the_published_original_carries_no_metadata_either(built):
    """Feed readers and direct links get /images/reunion.jpg itself: no
    camera, no date, no GPS position there either."""
    with Image.open(built / "images" / "reunion.jpg") as image:
        assert image.size == (WIDTH, HEIGHT)
        assert not image.getexif()
        assert not {"exif", "xmp", "photoshop"} & set(image.info)
    # An upright JPEG is not re-encoded: the same compressed pixels.
    published = (built / "images" / "reunion.jpg").read_bytes()
    original = (built.parent / "content" / "images" / "reunion.jpg").read_bytes()
    assert published[published.index(b"\xff\xda") :] == original[original.index(b"\xff\xda") :]
    # The editor's file is untouched: only what is published is cleaned.
    pages = list(built.rglob("*.html"))
    assert pages


def test_an_avif_is_published_without_its_gps_position(built):
    """AVIF is among the accepted types (files.py), so it is cleaned like
    the others: the original and each size, without EXIF."""
    published = [built / "images" / "salle.avif"]
    published += sorted((built / "images" / "derivatives" / "photo").rglob("salle.*"))
    assert len(published) == 5  # the original, 3 WebP sizes, the AVIF fallback
    for path in published:
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert "exif" not in image.info and "xmp" not in image.info
            assert image.width / image.height == pytest.approx(800 / 600, rel=0.01)


def test_an_upright_photo_stays_upright(tmp_path):
    """A phone photo stored sideways with an EXIF « rotate » tag is
    published turned upright, since the tag is removed."""
    from plugins.content_images.core import without_metadata

    image = Image.new("RGB", (40, 20), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    path = tmp_path / "photo.jpg"
    image.save(path, "JPEG", exif=exif)
    stripped = without_metadata(path.read_bytes())
    import io

    with Image.open(io.BytesIO(stripped)) as result:
        assert result.size == (20, 40) and not result.getexif()
    plain = tmp_path / "simple.png"
    Image.new("RGB", (4, 4)).save(plain)
    assert without_metadata(plain.read_bytes()) is None  # published byte for byte
