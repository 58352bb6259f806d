"""Drafts and future dates: shown in development builds, with a banner
for drafts, kept out of production."""

import shutil

from bs4 import BeautifulSoup

from tests.helpers import FIXTURE, add_draft, build_site


def test_drafts_and_future_interviews_stay_out_of_production(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    add_draft(content)
    premier = (content / "rencontres" / "premier.md").read_text(encoding="utf-8")
    (content / "rencontres" / "futur.md").write_text(
        premier.replace("title: Premier entretien", "title: Un entretien futur").replace(
            "date: 2018-01-01", "date: 2099-01-01"
        ),
        encoding="utf-8",
    )

    local = build_site(tmp_path / "local", content=content)
    draft = BeautifulSoup(
        (local / "brouillons" / "brouillon" / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    assert "Brouillon" in draft.select_one(".bandeau-brouillon").get_text()
    assert (local / "futur" / "index.html").is_file()

    production = build_site(tmp_path / "prod", settings="publishconf.py", content=content)
    everything = "".join(
        p.read_text(encoding="utf-8")
        for p in production.rglob("*")
        if p.is_file() and p.suffix in (".html", ".xml", ".txt")
    )
    assert not (production / "brouillons").exists()
    assert not (production / "futur").exists()
    assert "Un brouillon" not in everything and "Un entretien futur" not in everything
