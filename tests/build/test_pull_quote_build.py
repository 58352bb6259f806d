"""Issue 27: a ``>`` quotation followed by a nested ``> >`` (which
Markdown merges into one) still gives the home page its featured
quotation: the editor's own quoted words, not the nested ones."""

import shutil

from bs4 import BeautifulSoup

from tests.helpers import FIXTURE, build_site


def test_a_nested_quotation_still_gives_a_featured_one(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    newest = content / "rencontres" / "hors-serie.md"
    text = newest.read_text(encoding="utf-8")
    quote = "> Une citation d’essai, mise en avant.\n"
    assert quote in text
    newest.write_text(
        text.replace(quote, quote + "\n> > Des mots cités dans la citation.\n"), encoding="utf-8"
    )
    site = build_site(tmp_path / "site", content=content)
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    featured = home.select_one(".une .citation blockquote").get_text(" ", strip=True)
    assert featured.startswith("Une citation d’essai")
    assert "Des mots cités" not in featured
