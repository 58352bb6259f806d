"""Phone photos keep the orientation the phone had: a photo stored
sideways with an EXIF Orientation tag (1 to 8) is shown upright in every
file the site publishes for it — the original, each WebP size, the JPEG
fallback, a person's portrait — and its width and height in the page are
the upright ones. Checked on the pixels of a real build: the upright
photo has a red top-left corner."""

import shutil
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from tests.helpers import FIXTURE, build_site

WIDTH, HEIGHT = 300, 450  # upright: a portrait photo
# What the phone did to store it, for each tag: the inverse of what the
# tag asks a viewer to do (EXIF 2.3, « Orientation »).
STORED = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,  # the viewer turns it 90° clockwise
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,  # the viewer turns it 90° counter-clockwise
}


def upright_photo() -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    image.paste((220, 0, 0), (0, 0, WIDTH // 3, HEIGHT // 3))
    return image


def phone_photo(path, orientation: int) -> None:
    image = upright_photo()
    if STORED[orientation] is not None:
        image = image.transpose(STORED[orientation])
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Téléphone"  # Make
    image.save(path, "JPEG", quality=95, exif=exif)


def is_red(pixel) -> bool:
    red, green, blue = pixel
    return red > 150 and green < 90 and blue < 90


def assert_upright(path) -> None:
    """Portrait-shaped, red in the top-left corner only."""
    with Image.open(path) as image:
        # No tag left that would turn it again in a browser.
        assert image.getexif().get(0x0112, 1) in (0, 1), path
        rgb = image.convert("RGB")
        width, height = rgb.size
        assert height / width == pytest.approx(HEIGHT / WIDTH, rel=0.02), (path, rgb.size)
        corners = {
            "haut gauche": (width // 6, height // 6),
            "haut droit": (width * 5 // 6, height // 6),
            "bas gauche": (width // 6, height * 5 // 6),
            "bas droit": (width * 5 // 6, height * 5 // 6),
        }
        red = {name for name, point in corners.items() if is_red(rgb.getpixel(point))}
        assert red == {"haut gauche"}, (path, red)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("orientation")
    content = tmp / "content"
    shutil.copytree(FIXTURE, content)
    lines = []
    for orientation in STORED:
        phone_photo(content / "images" / f"orientation-{orientation}.jpg", orientation)
        lines.append(f"![Photo {orientation}]({{static}}/images/orientation-{orientation}.jpg)\n")
    interview = content / "rencontres" / "premier.md"
    interview.write_text(
        interview.read_text(encoding="utf-8") + "\n" + "\n".join(lines), encoding="utf-8"
    )
    # Paul Petit's portrait, taken upright on a phone (stored sideways).
    phone_photo(content / "images" / "paul-petit.jpg", 6)
    person = content / "personnes" / "paul-petit.md"
    person.write_text(
        person.read_text(encoding="utf-8").replace("paul-petit.png", "paul-petit.jpg"),
        encoding="utf-8",
    )
    return build_site(tmp / "site", content=content)


def published(output, url: str):
    return output / unquote(urlparse(url).path).lstrip("/")


def sources(image) -> list[str]:
    return [image["src"]] + [c.strip().split()[0] for c in image["srcset"].split(",")]


@pytest.mark.parametrize("orientation", sorted(STORED))
def test_every_published_copy_of_a_photo_is_upright(built, orientation):
    page = BeautifulSoup((built / "premier" / "index.html").read_text("utf-8"), "html.parser")
    image = page.find("img", alt=f"Photo {orientation}")
    assert (image["width"], image["height"]) == (str(WIDTH), str(HEIGHT))
    files = [published(built, url) for url in sources(image)]
    assert len(files) == 4 and all(f.is_file() for f in files), files  # 3 WebP + fallback
    assert_upright(built / "images" / f"orientation-{orientation}.jpg")
    for path in files:
        assert_upright(path)


def test_a_portrait_taken_on_a_phone_is_upright(built):
    page = BeautifulSoup(
        (built / "personnes" / "paul-petit" / "index.html").read_text("utf-8"), "html.parser"
    )
    image = page.select_one("img.portrait")
    files = [published(built, url) for url in sources(image)]
    assert len(files) == 3 and all(f.is_file() for f in files), files  # 1x, 2x, fallback
    assert_upright(built / "images" / "paul-petit.jpg")
    for path in files:
        assert_upright(path)
