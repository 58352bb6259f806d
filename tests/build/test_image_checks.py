"""A file of content/images/ that is not the image it claims to be is
refused by the check and by the build with the same French line, naming
the file, before anything is built (the build used to stop with
« UnidentifiedImageError … (core.py:28) »). Pillow's own opening is the
test: first bytes are not enough."""

from __future__ import annotations

import shutil

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from plugins.content_model.problems import ContentError
from sitetools.check import check_site
from tests.helpers import FIXTURE, ROOT
from tests.unit.test_image_files import image_bytes, png_header_only

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))

CASES = {
    "faux.jpg": b"\xff\xd8\xff" + b"ceci n'est pas une image" * 4,
    "tronquee.jpg": image_bytes("JPEG", size=(400, 300))[:300],
    "png.jpg": image_bytes("PNG"),
    "bombe.png": png_header_only(20_000, 20_000),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_false_image_is_refused_by_check_and_build_alike(tmp_path, name):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    (content / "images" / name).write_bytes(CASES[name])
    # Used in a page, as an editor would: the build must not reach it.
    premier = content / "rencontres" / "premier.md"
    premier.write_text(
        premier.read_text(encoding="utf-8") + f"\n![Une image]({{static}}/images/{name})\n",
        encoding="utf-8",
    )

    checked = [p for p in check_site(content, SETTINGS) if p.severity == "erreur"]
    found = {(p.file, p.line, p.field): p.message for p in checked}
    message = found[(f"content/images/{name}", 1, "fichier")]
    assert message.startswith(("image trop grande", "ce fichier n’est pas", "cette image ne"))
    # The page that shows it is refused too, at its line, for the same reason.
    line = len(premier.read_text(encoding="utf-8").splitlines())
    assert found[("content/rencontres/premier.md", line, "lien")].endswith(message)

    output = tmp_path / "output"
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(content), "OUTPUT_PATH": str(output), "SEARCH_INDEX": False},
    )
    with pytest.raises(ContentError) as refused:
        Pelican(settings).run()
    assert refused.value.problems == checked
    assert not output.exists() or not any(output.rglob("*.html"))


def test_the_wordpress_import_refuses_a_false_image_with_the_same_message(tmp_path):
    """The import copies only what the check would accept: a photo of
    the old site's uploads/ that only starts like a JPEG is reported,
    not copied, with the check's words."""
    from plugins.content_model.files import image_problem
    from sitetools.wordpress import run_import
    from tests.wordpress_exports import FRENCH_EXPORT, make_uploads, site_copy

    content = site_copy(tmp_path)
    uploads = make_uploads(tmp_path / "uploads")
    fake = uploads / "2019" / "09" / "salle-essai.jpg"
    fake.write_bytes(CASES["faux.jpg"])
    lines, status = run_import(FRENCH_EXPORT, uploads, content)
    report = (tmp_path / "import-wordpress.rapport.md").read_text(encoding="utf-8")
    assert f"- 2019/09/salle-essai.jpg : {image_problem(fake)}" in report, report
    assert not list(content.rglob("salle-essai*"))
