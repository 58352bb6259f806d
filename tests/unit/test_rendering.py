"""The rendering memo (plugins/content_model/rendering.py): kept on disk
by exact key, redone when a file it read changes, never trusting what it
reads back, and the same on every core as on one."""

import json
import subprocess
import sys

import pytest

import plugins.content_model.rendering as rendering
from plugins.content_model.memo import DiskMemo, digest
from tests.helpers import ROOT, site_settings

TEXT = """---
title: Un entretien
summary: Un chapô « simple ».
---

## Une question ?

Une réponse, avec ![une photo](/images/photo.jpg).
"""


@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setattr(rendering, "RENDERED", rendering.RenderCache())
    return rendering


@pytest.fixture(scope="module")
def settings():
    return site_settings()


def test_a_rendering_comes_back_from_disk_identical(fresh, settings, tmp_path, monkeypatch):
    first = fresh.render(TEXT, settings)
    fresh.RENDERED.save(str(tmp_path / "rendu.json"))
    monkeypatch.setattr(fresh, "RENDERED", rendering.RenderCache())
    fresh.RENDERED.load(str(tmp_path / "rendu.json"))
    monkeypatch.setattr(fresh, "Markdown", None)  # any conversion now would fail
    again = fresh.render(TEXT, settings)
    assert (again.html, again.headings, again.formatted) == (
        first.html,
        first.headings,
        first.formatted,
    )
    assert again.front_matter.metadata == first.front_matter.metadata


def test_a_photo_read_by_the_rendering_is_a_dependency(fresh, settings, tmp_path, monkeypatch):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    local = {**settings, "PATH": str(content)}
    # The photo extension reads PATH from its own configuration: a site
    # whose content is in tmp_path has its own settings.
    local["MARKDOWN"] = {
        **settings["MARKDOWN"],
        "extensions": [
            type(e)(str(content), e.max_width) if hasattr(e, "max_width") else e
            for e in settings["MARKDOWN"]["extensions"]
        ],
    }
    absent = fresh.render(TEXT, local)
    assert "width=" not in absent.html
    from PIL import Image

    Image.new("RGB", (1200, 800)).save(content / "images" / "photo.jpg")
    present = fresh.render(TEXT, local)  # the photo appeared: rendered again
    assert 'width="960"' in present.html and 'height="640"' in present.html


def test_the_fingerprint_is_the_same_in_another_process():
    code = (
        "from tests.helpers import site_settings;"
        "from plugins.content_model.rendering import markdown_fingerprint;"
        "print(markdown_fingerprint(site_settings()['MARKDOWN']))"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()[-1]
        for _ in range(2)
    ]
    assert runs[0] == runs[1]


def test_the_fingerprint_follows_the_configuration(settings):
    markdown = settings["MARKDOWN"]
    wider = {
        **markdown,
        "extensions": [
            type(e)(str(e.content_path), e.max_width + 1) if hasattr(e, "max_width") else e
            for e in markdown["extensions"]
        ],
    }
    assert rendering.markdown_fingerprint(wider) != rendering.markdown_fingerprint(markdown)
    other = {**markdown, "output_format": "xhtml"}
    assert rendering.markdown_fingerprint(other) != rendering.markdown_fingerprint(markdown)


@pytest.mark.parametrize(
    "written",
    [
        "pas du JSON",
        json.dumps({"version": "autre", "entries": {}}),
        json.dumps({"version": None, "entries": []}),
        "[]",
    ],
)
def test_an_unreadable_or_foreign_cache_is_ignored(fresh, settings, tmp_path, written):
    (tmp_path / "rendu.json").write_text(written, encoding="utf-8")
    fresh.RENDERED.load(str(tmp_path / "rendu.json"))
    assert "<h2" in fresh.render(TEXT, settings).html


def test_a_malformed_entry_is_rendered_again(fresh, settings, tmp_path, monkeypatch):
    fresh.render(TEXT, settings)
    fresh.RENDERED.save(str(tmp_path / "rendu.json"))
    stored = json.loads((tmp_path / "rendu.json").read_text("utf-8"))
    for entry in stored["entries"].values():
        del entry["html"]
    (tmp_path / "rendu.json").write_text(json.dumps(stored), "utf-8")
    monkeypatch.setattr(fresh, "RENDERED", rendering.RenderCache())
    fresh.RENDERED.load(str(tmp_path / "rendu.json"))
    assert "<h2" in fresh.render(TEXT, settings).html


def test_rendering_on_two_processes_gives_what_one_gives(fresh, settings, monkeypatch):
    texts = [TEXT.replace("Un entretien", f"Entretien {n}") + f"\nPhrase {n}.\n" for n in range(12)]
    texts.append("pas d’en-tête")  # refused: left to the build's own render, which reports it
    assert fresh.render_all(texts, settings, workers=2, pool_from=1) == len(texts)
    parallel = [
        fresh.RENDERED.get(fresh._key(t, fresh.markdown_fingerprint(settings["MARKDOWN"])))
        for t in texts
    ]
    assert parallel[-1] is None
    monkeypatch.setattr(fresh, "RENDERED", rendering.RenderCache())
    serial = [fresh.render(t, settings) for t in texts[:-1]]
    assert [(r.html, r.formatted, r.headings) for r in parallel[:-1]] == [
        (r.html, r.formatted, r.headings) for r in serial
    ]


def test_the_pool_also_runs_what_plugins_ask_of_every_rendering(fresh, settings):
    """Each body and formatted field (the chapô) rendered in the pool
    goes through every step asked, and its result reaches the step's
    memo in this process, under the digest of prefix and HTML: what the
    function gives here (``len``: a function the workers can be sent)."""
    texts = [TEXT.replace("Un entretien", f"Entretien {n}") + f"\nPhrase {n}.\n" for n in range(6)]
    memo = DiskMemo("essai")
    step = rendering.AlsoInThePool(len, memo, "avant ")
    assert fresh.render_all(texts, settings, workers=2, pool_from=1, also=[step]) == len(texts)
    htmls = [html for t in texts for html in fresh._htmls(fresh.render(t, settings))]
    assert len(htmls) == 2 * len(texts)  # a body and a chapô each
    assert memo.used == {digest("avant " + html): len(html) for html in htmls}


def test_what_a_plugin_asks_of_the_renderings_belongs_to_its_build():
    step = rendering.AlsoInThePool(len, DiskMemo("essai"))
    ours, other = {}, {}
    rendering.ask_of_every_rendering(ours, step)
    assert rendering.asked_of_every_rendering(ours) == [step]
    assert rendering.asked_of_every_rendering(other) == [] and other == {}  # read, not written
