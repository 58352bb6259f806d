"""Renderings kept between builds and made on every core
(plugins/content_model/rendering.py) change nothing in the site: a cold
build rendered in parallel, a warm build that renders nothing and a
build without any cache write the same files, byte for byte."""

import shutil

import plugins.content_model.rendering as rendering
from sitetools.build import DEVELOPMENT, Site, init_logging, read_settings
from tests.helpers import FIXTURE, differences


class CountingMarkdown(rendering.Markdown):
    converted: list[str] = []

    def convert(self, source):
        CountingMarkdown.converted.append(source)
        return super().convert(source)


def build(content, output, cache, **settings):
    init_logging(fatal=True)
    Site(
        read_settings(
            DEVELOPMENT, content, output, CACHE_PATH=str(cache), SEARCH_INDEX=False, **settings
        )
    ).run()


def test_parallel_cold_warm_and_uncached_builds_write_the_same_site(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    monkeypatch.setattr(rendering, "Markdown", CountingMarkdown)

    # Cold, on two processes, saving its renderings in cache/.
    monkeypatch.setattr(rendering, "RENDERED", rendering.RenderCache())
    in_parallel = []
    render_all = rendering.render_all
    monkeypatch.setattr(
        rendering, "render_all", lambda *a, **k: in_parallel.append(render_all(*a, **k))
    )
    build(content, tmp_path / "cold", tmp_path / "cache", RENDER_WORKERS=2, RENDER_POOL_FROM=1)
    assert in_parallel and in_parallel[0] == len(list(content.rglob("*.md")))
    assert (tmp_path / "cache" / "rendu.json").is_file()

    # Warm, in a fresh memory (another process would start so): every
    # rendering comes from cache/, none is converted again.
    monkeypatch.setattr(rendering, "RENDERED", rendering.RenderCache())
    CountingMarkdown.converted.clear()
    build(content, tmp_path / "warm", tmp_path / "cache")
    assert CountingMarkdown.converted == []

    # One process, no cache at all: the reference.
    monkeypatch.setattr(rendering, "RENDERED", rendering.RenderCache())
    build(content, tmp_path / "plain", tmp_path / "none", RENDER_WORKERS=1, RENDER_CACHE=False)
    assert not (tmp_path / "none" / "rendu.json").exists()
    assert CountingMarkdown.converted  # it did render

    assert differences(tmp_path / "plain", tmp_path / "cold") == []
    assert differences(tmp_path / "plain", tmp_path / "warm") == []


def test_an_edited_file_is_rendered_again_and_only_it(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    monkeypatch.setattr(rendering, "Markdown", CountingMarkdown)
    monkeypatch.setattr(rendering, "RENDERED", rendering.RenderCache())
    build(content, tmp_path / "first", tmp_path / "cache", RENDER_WORKERS=1)

    edited = next((content / "rencontres").glob("*.md"))
    edited.write_text(edited.read_text("utf-8") + "\nUne phrase ajoutée.\n", "utf-8")
    monkeypatch.setattr(rendering, "RENDERED", rendering.RenderCache())
    CountingMarkdown.converted.clear()
    build(content, tmp_path / "second", tmp_path / "cache", RENDER_WORKERS=1)
    # The body, plus its formatted fields (the chapô): one file's worth.
    assert any("Une phrase ajoutée." in text for text in CountingMarkdown.converted)
    assert len(CountingMarkdown.converted) <= 3
    page = tmp_path / "second" / edited.stem / "index.html"
    assert "Une phrase ajoutée." in page.read_text("utf-8")


def test_production_reads_no_cache_even_a_poisoned_one(tmp_path, monkeypatch):
    """A cache/ folder CI restored may come from anyone's build: the
    production build scans what it publishes itself. Here the kept
    findings say « nothing to report » for a body with a script."""
    import json

    import pytest

    from plugins.content_model import html_safety
    from plugins.content_model.memo import DiskMemo, digest
    from sitetools.build import PRODUCTION, BuildError
    from tests.helpers import site_settings

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    page = next((content / "rencontres").glob("*.md"))
    page.write_text(page.read_text("utf-8") + "\n<script>alert(1)</script>\n", "utf-8")
    html = rendering.render(page.read_text("utf-8"), site_settings()).html
    assert "<script>" in html
    cache = tmp_path / "cache"
    cache.mkdir()
    version = html_safety.FINDINGS.version
    (cache / "surete.json").write_text(
        json.dumps({"version": version, "entries": {digest(repr(()) + "\0" + html): []}}),
        "utf-8",
    )

    def fresh_memory():  # as a new process would start
        monkeypatch.setattr(html_safety, "FINDINGS", DiskMemo(version))
        monkeypatch.setattr(rendering, "RENDERED", rendering.RenderCache())

    # Development believes the poisoned cache (that is what a cache is)…
    fresh_memory()
    build(content, tmp_path / "dev", cache)
    # … production does not: it refuses the script.
    fresh_memory()
    init_logging(fatal=True)
    settings = read_settings(
        PRODUCTION, content, tmp_path / "prod", CACHE_PATH=str(cache), SEARCH_INDEX=False
    )
    assert settings["RENDER_CACHE"] is False
    with pytest.raises(BuildError, match="script"):
        Site(settings).run()


LIVERELOAD_TWICE = """
import sys
from pathlib import Path
from sitetools.build import Site, init_logging
from sitetools.live import live_settings

content, output, cache = map(Path, sys.argv[1:])
init_logging(fatal=True)
site = Site(live_settings(output, content, CACHE_PATH=str(cache)))
site.build_beside(output)
premier = content / "rencontres" / "premier.md"
premier.write_text(premier.read_text(encoding="utf-8") + "\\n\\nUn ajout.\\n", encoding="utf-8")
site.build_beside(output)
print(sorted(path.name for path in cache.glob("*.json")))
"""


def test_livereload_saves_the_renderings_once_when_it_ends(tmp_path):
    """`invoke livereload` keeps its renderings in memory between
    rebuilds and writes them when it stops, with both versions of the
    edited file, for the next start to find."""
    import json
    import subprocess
    import sys

    from sitetools.build import ROOT

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    cache = tmp_path / "cache"
    result = subprocess.run(
        [sys.executable, "-c", LIVERELOAD_TWICE, content, tmp_path / "site", cache],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    # Nothing written while it ran (printed just before it ended).
    assert result.stdout.strip().splitlines()[-1] == "[]"
    saved = json.loads((cache / "rendu.json").read_text(encoding="utf-8"))["entries"]
    assert len(saved) == len(list(content.rglob("*.md"))) + 1
    assert (cache / "typographie.json").is_file() and (cache / "surete.json").is_file()


def test_a_validation_scanned_in_the_pool_reports_what_one_process_reports(tmp_path, monkeypatch):
    """The render pool's workers scan each rendering for unsafe markup
    (html_safety.findings_in_the_pool) and the validation reports what
    they found: the same problems, at the same lines, as one process."""
    from plugins.content_model import html_safety
    from plugins.content_model.memo import DiskMemo
    from plugins.content_model.validation import validate
    from tests.helpers import site_settings

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    page = next((content / "rencontres").glob("*.md"))
    hostile = "\n<script>alert(1)</script>\n\n[lien](javascript:alert(1))\n"
    page.write_text(page.read_text("utf-8") + hostile, "utf-8")
    reported = []
    for workers in (2, 1):
        monkeypatch.setattr(html_safety, "FINDINGS", DiskMemo(html_safety.FINDINGS.version))
        monkeypatch.setattr(rendering, "RENDERED", rendering.RenderCache())
        settings = {**site_settings(), "RENDER_WORKERS": workers, "RENDER_POOL_FROM": 1}
        reported.append(validate(content, settings).errors)
    assert reported[0] == reported[1]
    assert {problem.file for problem in reported[0]} == {f"content/rencontres/{page.name}"}
    assert any("script" in problem.message for problem in reported[0])
