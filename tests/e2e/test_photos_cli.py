"""A photo that still says where it was taken, through the real command
line: `invoke check` warns, naming the file and `invoke photos` (and
fails with --strict); `invoke photos` cleans it in place; the check is
then quiet."""

import shutil
import subprocess

from PIL import Image

from tests.helpers import FIXTURE, INVOKE, ROOT
from tests.unit.test_photos import jpeg_scan, phone_photo

WARNING = (
    "content/images/reunion.jpg:1: fichier: avertissement : cette photo contient le lieu "
    "où elle a été prise (position GPS) : lancez « invoke photos »"
)


def run(*arguments):
    return subprocess.run(
        [INVOKE, *arguments], cwd=ROOT, capture_output=True, text=True, encoding="utf-8"
    )


def test_check_warns_then_photos_cleans(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    photo = content / "images" / "reunion.jpg"
    phone_photo(photo, "JPEG")
    before = photo.read_bytes()

    checked = run("check", "--content", str(content))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert any(line.startswith(WARNING) for line in checked.stdout.splitlines()), checked.stdout
    strict = run("check", "--strict", "--content", str(content))
    assert strict.returncode == 1 and WARNING in strict.stdout

    cleaned = run("photos", "--content", str(content))
    assert cleaned.returncode == 0, cleaned.stderr
    assert cleaned.stdout.splitlines() == [
        "content/images/reunion.jpg : lieu (GPS) et métadonnées retirés (image intacte)",
        "1 photo(s) nettoyée(s) : vérifiez-les, puis enregistrez-les (git commit).",
    ]
    assert jpeg_scan(photo.read_bytes()) == jpeg_scan(before)
    with Image.open(photo) as image:
        assert dict(image.getexif()) == {0x0112: 6}

    again = run("check", "--strict", "--content", str(content))
    assert again.returncode == 0 and "GPS" not in again.stdout, again.stdout
    assert "Traceback" not in checked.stderr + strict.stderr + cleaned.stderr + again.stderr
