"""README claims about images that had no test of their own
(docs/affirmations.md)."""

import hashlib
import shutil

from PIL import Image

from tests.helpers import FIXTURE, build_site


def digests(folder):
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# R-images-source-intacte: « Le fichier de l’éditeur, dans `content/images/`,
# n’est jamais modifié ».
def test_the_editors_photo_is_never_modified_by_the_build(tmp_path):
    """A phone photo (camera, GPS, turned by its EXIF tag) in a page: the
    build strips what it publishes, and every byte of content/ stays as
    the editor left it."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    exif = Image.Exif()
    exif[0x010F] = "Fabricant"  # Make
    exif[0x0112] = 6  # Orientation: to be turned when shown
    exif[0x8825] = {1: "N", 2: (45.0, 45.0, 0.0), 3: "E", 4: (4.0, 50.0, 0.0)}  # GPS
    Image.new("RGB", (1200, 900), (150, 40, 60)).save(
        content / "images" / "telephone.jpg", "JPEG", exif=exif
    )
    interview = content / "rencontres" / "premier.md"
    interview.write_text(
        interview.read_text(encoding="utf-8")
        + "\n![Une photo prise au téléphone]({static}/images/telephone.jpg)\n",
        encoding="utf-8",
    )
    before = digests(content)
    site = build_site(tmp_path / "site", settings="publishconf.py", content=content)
    published = Image.open(site / "images" / "telephone.jpg")
    assert not published.getexif()  # the build did its work on the copy it publishes
    assert digests(content) == before
