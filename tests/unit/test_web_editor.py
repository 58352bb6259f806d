"""The web editor's config.yml is made from the content model: every
schema field has its form field and no form field is outside the schema,
and what the form's patterns accept is what the validation accepts."""

import datetime
import itertools
import re

import pytest
import yaml

from plugins.content_model import kinds
from plugins.content_model.fields import SitePath, Slug, Text
from plugins.french_dates.core import DateFormatError, parse_publication_date
from plugins.web_editor import DEFAULT_SETTINGS
from plugins.web_editor.core import (
    EditorSettingsError,
    admin_csp,
    bundle_files,
    cms_config,
)

KINDS = kinds.by_folder(kinds.KINDS)
DATE, DAY = kinds.DATE, kinds.MODIFIED
SLUG_REF, PATH, TEXT = Slug("Adresse"), SitePath("Chemin"), Text("Texte")
# Every field type that has a rule for the form.
RULES = {type(f): f for kind in kinds.KINDS for f in kind.fields.values() if f.editor_rule()}


def config(**settings):
    return cms_config({**DEFAULT_SETTINGS, **settings}, ["Collectivités", "Emploi et insertion"])


def test_one_collection_per_content_folder_with_every_schema_field_and_no_other():
    collections = {c["name"]: c for c in config()["collections"]}
    assert (
        set(collections)
        == set(KINDS)
        == {
            "rencontres",
            "programmes",
            "personnes",
            "series",
            "pages",
            "actualites",
        }
    )
    for folder, kind in KINDS.items():
        form = {f["name"]: f for f in collections[folder]["fields"]}
        assert collections[folder]["folder"] == f"content/{folder}"
        # The body is the Markdown under the front matter, not a field.
        assert set(form) - {"body"} == set(kind.fields), folder
        for name, field in kind.fields.items():
            assert form[name]["label"] == field.label
            assert form[name]["hint"].startswith(field.help)
            assert form[name]["required"] is (name in kind.required), (folder, name)


def test_fields_are_written_in_the_schema_order():
    rencontres = next(c for c in config()["collections"] if c["name"] == "rencontres")
    assert [f["name"] for f in rencontres["fields"]][:-1] == list(KINDS["rencontres"].fields)


def test_references_are_relations_over_the_files_of_their_folder():
    rencontres = next(c for c in config()["collections"] if c["name"] == "rencontres")
    form = {f["name"]: f for f in rencontres["fields"]}
    for name, folder, multiple in (
        ("interviewees", "personnes", True),
        ("programmes", "programmes", True),
        ("mentions", "personnes", True),
        ("series", "series", False),
    ):
        assert form[name]["widget"] == "relation"
        assert form[name]["collection"] == folder
        assert form[name]["value_field"] == "{{slug}}"
        assert form[name]["multiple"] is multiple
    assert form["status"]["default"] == "draft"
    assert {o["value"] for o in form["status"]["options"]} == {"published", "draft", "hidden"}
    assert "Thèmes existants : Collectivités, Emploi et insertion." in form["themes"]["hint"]


def test_the_config_is_french_and_plain_yaml():
    text = yaml.safe_dump(config(), allow_unicode=True, sort_keys=False)
    assert yaml.safe_load(text) == config()
    assert config()["locale"] == "fr"


def _validation_accepts(kind_type, value) -> bool:
    if kind_type is DATE:
        try:
            parse_publication_date(value)
        except DateFormatError:
            return False
        return True
    if kind_type is DAY:
        # The form writes a string: plain (a YAML date) only if it has
        # no surrounding space; quoted, it is no date.
        try:
            dumped = yaml.safe_dump({"d": value})
            return isinstance(yaml.safe_load(dumped.replace("'", ""))["d"], datetime.date) and (
                value == value.strip()
            )
        except ValueError:  # PyYAML refuses 2018-02-30 outright
            return False
    return kind_type.problem(value) is None


def _dates():
    days = [datetime.date(2016, 1, 1) + datetime.timedelta(days=n) for n in range(0, 1500, 7)]
    yield from (d.isoformat() for d in days)
    for year, month, day in itertools.product(
        (1900, 2000, 2017, 2024), range(0, 14), (0, 28, 29, 30, 31, 32)
    ):
        yield f"{year}-{month:02d}-{day:02d}"
    yield from ("2018", "2018-01", "2018-1", "18", "2017/2018", "2017-05/2018-01-15", "2018/")
    yield from (
        "2018-01-15 ",
        " 2017 / 2018",
        "2018/2017",
        "15/01/2018",
        "2018-00",
        "2018-13",
        "",
        "2017/2018/2019",
    )


@pytest.mark.parametrize("kind_type", [DATE, DAY])
def test_date_patterns_accept_what_the_validation_accepts(kind_type):
    pattern = re.compile(kind_type.editor_rule()[0])
    for value in _dates():
        expected = _validation_accepts(kind_type, value)
        # The period's order (2018/2017) is the validation's alone.
        if kind_type is DATE and value.count("/") == 1 and not expected:
            halves = value.split("/")
            if all(_validation_accepts(DATE, half) for half in halves):
                continue
        assert bool(pattern.search(value)) == expected, (kind_type, value)


@pytest.mark.parametrize(
    "kind_type, values",
    [
        (SLUG_REF, ["centsept-labs", "a", "Centsept", "a--b", "-a", "é", "a_b", "a b"]),
        (PATH, ["ancienne-adresse/", "a/b.html", "../x", "/x", "a//b", "a/.cache", "É/"]),
        (
            TEXT,
            [
                "Entretien avec « Marie » : l’économie",
                "a <b>gras</b>",
                "&amp; co",
                "[x](javascript:alert(1))",
                "   ",
                "retour\x0bvertical",
                "sens\u202einverse",
                "émoji 🙂 accepté",
                "deux\nlignes",
                "x" * 200,
                "x" * 201,
            ],
        ),
    ],
)
def test_text_patterns_accept_what_the_validation_accepts(kind_type, values):
    pattern = re.compile(kind_type.editor_rule()[0])
    for value in values:
        assert bool(pattern.search(value)) == _validation_accepts(kind_type, value), value


def test_every_pattern_has_a_french_sentence_for_a_message():
    for regex, message in (field.editor_rule() for field in RULES.values()):
        assert re.compile(regex)
        # Decap shows it after « Le champ … ne correspond pas au schéma: »
        # and adds the full stop.
        assert message[0].isupper() and not message.endswith(".") and "'" not in message


def test_online_backends_and_their_policy():
    gitlab = config(
        WEB_EDITOR_BACKEND="gitlab",
        WEB_EDITOR_REPO="asso/site",
        WEB_EDITOR_BASE_URL="https://gitlab.example.org",
        WEB_EDITOR_APP_ID="abc",
    )
    assert gitlab["backend"] == {
        "name": "gitlab",
        "repo": "asso/site",
        "branch": "main",
        "auth_type": "pkce",
        "app_id": "abc",
        "base_url": "https://gitlab.example.org",
        "api_root": "https://gitlab.example.org/api/v4",
    }
    assert gitlab["publish_mode"] == "editorial_workflow"
    github = config(
        WEB_EDITOR_BACKEND="github",
        WEB_EDITOR_REPO="asso/site",
        WEB_EDITOR_BASE_URL="https://oauth.example.org",
    )
    assert github["backend"]["base_url"] == "https://oauth.example.org"
    assert github["publish_mode"] == "editorial_workflow"
    gitea = config(
        WEB_EDITOR_BACKEND="gitea",
        WEB_EDITOR_REPO="asso/site",
        WEB_EDITOR_BASE_URL="https://forge.example.org/",
        WEB_EDITOR_APP_ID="x",
    )
    assert gitea["backend"]["api_root"] == "https://forge.example.org/api/v1"
    assert "publish_mode" not in gitea  # Decap's Gitea backend has none
    csp = admin_csp(
        {
            **DEFAULT_SETTINGS,
            "WEB_EDITOR_BACKEND": "github",
            "WEB_EDITOR_BASE_URL": "https://oauth.example.org/auth",
        }
    )
    assert "connect-src 'self' https://oauth.example.org https://api.github.com blob:;" in csp
    assert (
        "script-src 'self' 'unsafe-eval';" in csp
        and "unsafe-inline' " not in csp.split("style-src")[0]
    )
    local = admin_csp(DEFAULT_SETTINGS)
    assert "connect-src 'self' http://localhost:8081 http://127.0.0.1:8081 blob:;" in local
    assert config()["backend"] == {"name": "proxy", "proxy_url": "http://127.0.0.1:8081/api/v1"}
    assert "publish_mode" not in config()


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"WEB_EDITOR_BACKEND": "svn"}, "WEB_EDITOR_BACKEND = « svn » : possibles"),
        ({"WEB_EDITOR_BACKEND": "gitlab"}, "réglage WEB_EDITOR_REPO manquant"),
        (
            {
                "WEB_EDITOR_BACKEND": "gitlab",
                "WEB_EDITOR_REPO": "a/b",
                "WEB_EDITOR_BASE_URL": "https://gitlab.com",
            },
            "réglage WEB_EDITOR_APP_ID manquant",
        ),
    ],
)
def test_a_backend_that_cannot_work_is_one_french_line(settings, message):
    with pytest.raises(EditorSettingsError, match=message):
        config(**settings)


def test_the_bundle_is_the_script_its_chunks_and_wasm_without_maps():
    names = ["decap-cms.js", "103.decap-cms.js", "103.decap-cms.js.map", "cms.js", "1.cms.js"]
    names += ["a1.wasm", "decap-cms.js.LICENSE.txt", "cms.css"]
    assert bundle_files(names) == [
        "103.decap-cms.js",
        "a1.wasm",
        "decap-cms.js",
        "decap-cms.js.LICENSE.txt",
    ]
