"""A kind of content is one entry of the registry (plugins/content_model/
kinds.py) and one template: a fixture site adds « evenements » (date,
place, summary) in its settings file and its theme, and nothing else
changes; the check, the build, the web editor's config.yml and the site
map all know it."""

import shutil

import yaml

from plugins.content_model.validation import validate
from sitetools.check import site_settings
from tests.helpers import FIXTURE, ROOT, run_pelican

SETTINGS = """\
from pelicanconf import *  # noqa: F403
from plugins.content_model import kinds
from plugins.content_model.fields import Text

EVENEMENTS = kinds.Kind(
    "evenements",
    "évènement",
    "Évènements",
    {
        "title": kinds.TITLE,
        "date": kinds.DATE,
        "lieu": Text("Lieu", "La salle et la ville.", required=True, max=150),
        "summary": kinds.SUMMARY,
        "modified": kinds.MODIFIED,
        **kinds.COMMON,
    },
    url_prefix="evenements/",
    template="evenement",
    card_kicker="Évènement",
    sitemap_heading="Évènements",
)
CONTENT_KINDS = (*kinds.KINDS, EVENEMENTS)
globals().update(kinds.kind_settings(CONTENT_KINDS))
THEME = "@THEME@"
"""
TEMPLATE = """{% extends "page.html" %}
{% block page_extra %}<p class="lieu">Lieu : {{ page.lieu }}</p>{% endblock %}
"""
EVENT = """---
title: Forum de l’innovation sociale
date: 2019-06-13
lieu: Hôtel de Région, Lyon
summary: Une journée de rencontres.
---
Le programme de la journée.
"""


def site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    (content / "evenements").mkdir()
    (content / "evenements" / "forum.md").write_text(EVENT, encoding="utf-8")
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "templates" / "evenement.html").write_text(TEMPLATE, encoding="utf-8")
    settings_file = tmp_path / "evenementsconf.py"
    settings_file.write_text(SETTINGS.replace("@THEME@", str(theme)), encoding="utf-8")
    return content, settings_file


def test_a_kind_added_by_one_entry_and_one_template(tmp_path):
    content, settings_file = site(tmp_path)
    settings = site_settings(settings_file, content)
    assert validate(content, settings).errors == []
    # The kind's own rule: a missing place is named, file, line and field.
    (content / "evenements" / "forum.md").write_text(
        EVENT.replace("lieu: Hôtel de Région, Lyon\n", ""), encoding="utf-8"
    )
    (problem,) = validate(content, site_settings(settings_file, content)).errors
    assert (problem.file, problem.field) == ("content/evenements/forum.md", "lieu")
    (content / "evenements" / "forum.md").write_text(EVENT, encoding="utf-8")

    output = tmp_path / "output"
    result = run_pelican(output, str(settings_file), content=content)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (output / "evenements" / "forum" / "index.html").read_text(encoding="utf-8")
    assert "Lieu : Hôtel de Région, Lyon" in page
    site_map = (output / "plan-du-site" / "index.html").read_text(encoding="utf-8")
    assert "Évènements" in site_map and 'href="/evenements/forum/"' in site_map
    config = yaml.safe_load((output / "admin" / "config.yml").read_text(encoding="utf-8"))
    (collection,) = [c for c in config["collections"] if c["name"] == "evenements"]
    assert collection["folder"] == "content/evenements"
    assert [f["name"] for f in collection["fields"]][:3] == ["title", "date", "lieu"]
    assert list((output / "cartes").glob("*.png"))  # its social card too


def test_settings_that_do_not_follow_the_kinds_are_refused_in_french(tmp_path):
    content, settings_file = site(tmp_path)
    text = settings_file.read_text(encoding="utf-8")
    settings_file.write_text(
        text.replace("globals().update(kinds.kind_settings(CONTENT_KINDS))\n", ""),
        encoding="utf-8",
    )
    result = run_pelican(tmp_path / "output", str(settings_file), content=content)
    assert result.returncode != 0
    assert "réglage ARTICLE_PATHS" in result.stdout + result.stderr or (
        "réglage PAGE_PATHS" in result.stdout + result.stderr
    )
