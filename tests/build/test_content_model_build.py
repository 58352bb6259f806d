"""The content model in a real build: every status of interview gets
the same treatment, and the build refuses what check refuses."""

import shutil

from bs4 import BeautifulSoup

from tests.helpers import FIXTURE, ROOT, build_site


def test_hidden_interview_is_enriched_like_a_published_one(tmp_path):
    """status: hidden builds the page (not listed): reading time,
    typography and the interviewee card, as for a published one."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    source = content / "rencontres" / "premier.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            "title: Premier entretien", 'title: "Premier entretien : caché"\nstatus: hidden'
        ),
        encoding="utf-8",
    )
    output = build_site(tmp_path / "out", content=content)
    page = BeautifulSoup(
        (output / "premier" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert "Lecture\u00a0: 1\u00a0min" in page.select_one(".lecture").get_text()
    assert page.h1.get_text() == "Premier entretien\u00a0: caché"
    card = page.select_one("aside.interviewes a")
    assert card is not None and card["href"].endswith("personnes/marie-durand/")
    listing = (output / "rencontres" / "index.html").read_text(encoding="utf-8")
    assert "premier/" not in listing


def test_each_file_is_rendered_once_for_validation_and_reading(tmp_path, monkeypatch):
    """The validation renders every file before Pelican reads it; the
    reader gets the same rendering, it does not convert again."""
    from pelican import Pelican
    from pelican.settings import read_settings

    import plugins.content_model.rendering as core
    from plugins.content_model.source import split_front_matter

    converted = []

    class Counting(core.Markdown):
        def convert(self, source):
            converted.append(source)
            return super().convert(source)

    monkeypatch.setattr(core, "Markdown", Counting)
    monkeypatch.setattr(core, "RENDERED", core.RenderCache())  # nothing rendered yet
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(tmp_path / "out"),
            "SEARCH_INDEX": False,
            # One process, nothing kept from another build: every
            # conversion is seen here (test_render_cache.py: the others).
            "RENDER_WORKERS": 1,
            "RENDER_CACHE": False,
        },
    )
    Pelican(settings).run()
    sources = sorted(content.rglob("*.md"))
    summaries = sum(
        "summary" in split_front_matter(p.read_text(encoding="utf-8")).metadata for p in sources
    )
    assert len(converted) == len(sources) + summaries
