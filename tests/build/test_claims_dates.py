"""The guide's four ways of dating an interview, as readers see them on
the built page (docs/affirmations.md, G-date-jour, G-date-mois,
G-date-annee, G-date-periode)."""

import re
import shutil

from bs4 import BeautifulSoup

from tests.helpers import FIXTURE, build_site

# file of the fixture site: (its date line, what the guide writes, what the page says)
DATES = {
    "premier": ("date: 2018-01-01", "date: 2024-03-15", "Publié le 15 mars 2024"),
    "deuxieme": ("date: 2018-03", "date: 2024-03", "Publié en mars 2024"),
    "troisieme": ("date: 2019-06-15", "date: 2024\nmodified: 2025-01-10", "Publié en 2024"),
    "hors-serie": (
        "date: 2020-02-10",
        "date: 2017/2018\nmodified: 2025-01-10",
        "Publié entre 2017 et 2018",
    ),
}


def test_each_date_the_guide_shows_is_what_readers_read(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    for name, (old, new, _) in DATES.items():
        source = content / "rencontres" / f"{name}.md"
        text = source.read_text(encoding="utf-8")
        assert old in text, name
        source.write_text(text.replace(old, new, 1), encoding="utf-8")
    site = build_site(tmp_path / "site", content=content)
    for name, (_, _, shown) in DATES.items():
        page = BeautifulSoup(
            (site / name / "index.html").read_text(encoding="utf-8"), "html.parser"
        )
        meta = re.sub(r"\s+", " ", page.select_one("article header .meta").get_text()).strip()
        assert meta.split(" · ")[0] == shown, (name, meta)
