"""The web editor's config.yml is made from the content model: every
schema field that applies to a kind has its form field and no form field
is outside the schema, what the form's patterns accept is what the
validation accepts, and no text reaches the form as Markdown."""

import datetime
import itertools
import re

import pytest
import yaml

from plugins.content_model import kinds
from plugins.content_model.fields import SitePath, Slug, Text
from plugins.content_model.html_safety import FORBIDDEN_TAGS, URL_ATTRIBUTES
from plugins.french_dates.core import DateFormatError, parse_publication_date
from plugins.french_typography.core import typeset_text
from plugins.web_editor import DEFAULT_SETTINGS
from plugins.web_editor.core import (
    EditorSettingsError,
    admin_csp,
    bundle_files,
    cms_config,
    markdown_text,
    wordmark_svg,
)
from plugins.web_editor.rules import (
    NOT_SAVED,
    PHRASES,
    TOO_LONG,
    body_rules,
    cross_field_rules,
    editor_rules,
    field_rules,
)

# The field types whose rules the form carries (plugins/content_model/fields.py).
KINDS = kinds.by_folder(kinds.KINDS)
DATE, DAY = kinds.DATE, kinds.MODIFIED
SLUG_REF, PATH, TEXT = Slug("Adresse"), SitePath("Chemin"), Text("Texte")
FORM_PATTERNS = {field: field.editor_rule() for field in (DATE, DAY, SLUG_REF, PATH, TEXT)}
SUMMARY_MAX = kinds.SUMMARY_MAX
# The special pages' fields: in the page kind only (kinds.py).
ADVANCED, ADVANCED_KIND = ("save_as", "url", "template"), "pages"


def field_help(kind, name):
    return kind.fields[name].label, kind.fields[name].help


def _type_problem(field, value):
    return field.problem(value)


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
        # The body is the Markdown under the front matter, not a field;
        # the special pages' fields are in the pages' form only.
        shown = {n for n in kind.fields if n not in ADVANCED or folder == ADVANCED_KIND}
        assert set(form) - {"body"} == shown, folder
        for name in shown:
            label, hint = field_help(kind, name)
            assert form[name]["label"] == label
            # Typeset like the site, shown as text (a code span: see below).
            assert form[name]["hint"].startswith("` " + typeset_text(hint))
            assert form[name]["required"] is (name in kind.required), (folder, name)
    interview = {f["name"] for f in collections["rencontres"]["fields"]}
    assert not interview & {"save_as", "url", "template"}
    assert {"save_as", "url", "template"} <= {f["name"] for f in collections["pages"]["fields"]}


def test_fields_are_written_in_the_schema_order():
    rencontres = next(c for c in config()["collections"] if c["name"] == "rencontres")
    assert [f["name"] for f in rencontres["fields"]][:-1] == [
        name for name in KINDS["rencontres"].fields if name not in ADVANCED
    ]


def test_references_are_relations_over_the_files_of_their_folder():
    rencontres = next(c for c in config()["collections"] if c["name"] == "rencontres")
    form = {f["name"]: f for f in rencontres["fields"]}
    for name, folder, multiple in (
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
    existing = typeset_text("Thèmes existants : Collectivités, Emploi et insertion.")
    assert form["themes"]["hint"].endswith(f"{existing} `")


def test_interviewees_are_lines_of_a_person_chosen_in_a_list_a_role_and_an_organisation():
    rencontres = next(c for c in config()["collections"] if c["name"] == "rencontres")
    people = next(f for f in rencontres["fields"] if f["name"] == "interviewees")
    assert people["widget"] == "personnes" and people["min"] == 1  # admin.js's list widget
    person, role, organisation = people["lines"]
    assert (person["name"], person["widget"], person["collection"]) == (
        "person",
        "relation",
        "personnes",
    )
    assert person["value_field"] == "{{slug}}" and "multiple" not in person
    # The schema's keys for a person of an interview, and nothing else.
    assert [role["name"], organisation["name"]] == ["role", "organisation"]
    assert not role["required"] and not organisation["required"]
    assert role["pattern"][0] == organisation["pattern"][0] == FORM_PATTERNS[TEXT][0]


HOSTILE_THEME = "**Session expirée** : [reconnectez-vous ici](https://evil.example/login)"


@pytest.mark.parametrize(
    "text",
    [
        HOSTILE_THEME,
        "<b>gras</b> _souligné_ `code` # titre",
        "www.evil.example et https://evil.example/x et a@evil.example",
        "![image](https://evil.example/pixel.png) ~~barré~~ | tableau |",
        "\\*antislash* [x]: https://evil.example ``double`` ```triple",
    ],
)
def test_text_reaching_a_hint_is_markdown_that_shows_exactly_itself(text):
    escaped = markdown_text(text)
    # One code span: inside, nothing is a link, an emphasis or an
    # automatic link (CommonMark §6.1); its fence is longer than any run
    # of backticks in the text, and the span gives the text back.
    fence = re.match(r"`+", escaped).group(0)
    assert escaped == f"{fence} {text} {fence}"
    assert all(len(run) < len(fence) for run in re.findall(r"`+", text))


def test_a_hostile_theme_is_escaped_in_the_existing_themes_hint():
    collections = cms_config(DEFAULT_SETTINGS, [HOSTILE_THEME])["collections"]
    themes = next(f for f in collections[0]["fields"] if f["name"] == "themes")
    assert themes["hint"] == markdown_text(
        typeset_text(
            f"{field_help(KINDS['rencontres'], 'themes')[1]} Thèmes existants : {HOSTILE_THEME}."
        )
    )


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
    return _type_problem(kind_type, value) is None


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
    pattern = re.compile(FORM_PATTERNS[kind_type][0])
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
            ],
        ),
    ],
)
def test_text_patterns_accept_what_the_validation_accepts(kind_type, values):
    pattern = re.compile(FORM_PATTERNS[kind_type][0])
    for value in values:
        assert bool(pattern.search(value)) == _validation_accepts(kind_type, value), value


def test_every_pattern_has_a_french_sentence_for_a_message():
    for regex, message in FORM_PATTERNS.values():
        assert re.compile(regex)
        # Decap shows it alone (PHRASES: « %{pattern}. »), adding the full stop.
        assert message[0].isupper() and not message.endswith(".") and "'" not in message
    assert PHRASES["editor.editorControlPane.widget.regexPattern"] == "%{pattern}."


def test_the_form_rules_carry_the_validation_s_patterns_limits_and_cross_field_rule():
    interview = KINDS["rencontres"]
    rules = field_rules(interview)
    assert rules["date"].pattern == FORM_PATTERNS[DATE][0]
    assert rules["modified"].pattern == FORM_PATTERNS[DAY][0]
    assert rules["summary"].max_length == SUMMARY_MAX == 300
    assert rules["summary"].pattern == FORM_PATTERNS[TEXT][0]
    assert "interviewees" not in rules and "save_as" not in rules  # a list; a page's field
    for kind in KINDS.values():
        assert field_rules(kind)["summary"].max_length == SUMMARY_MAX
    form = {f["name"]: f for f in config()["collections"][0]["fields"]}
    assert form["date"]["pattern"] == [rules["date"].pattern, typeset_text(rules["date"].message)]


def _exact(value: str) -> bool:
    try:
        return parse_publication_date(value).is_exact
    except DateFormatError:
        return False


def test_modified_is_required_by_the_form_exactly_when_the_validation_requires_it():
    (rule,) = cross_field_rules(KINDS["rencontres"])
    assert (rule.field, rule.other) == ("modified", "date")
    assert rule.message.startswith("La date n’est pas connue au jour près")
    pattern = re.compile(rule.pattern)
    date_pattern = re.compile(FORM_PATTERNS[DATE][0])
    for value in _dates():
        if date_pattern.search(value) and _validation_accepts(DATE, value):
            # An accepted date needs « modified » unless it is one exact day.
            assert bool(pattern.search(value)) == _exact(value), value
    assert cross_field_rules(KINDS["actualites"])[0].field == "modified"
    assert cross_field_rules(KINDS["personnes"]) == ()


def test_the_body_rules_are_the_html_safety_lists_with_their_messages():
    rules = body_rules()
    assert set(rules["balises"]) == set(FORBIDDEN_TAGS) >= {"script", "iframe", "object", "svg"}
    assert rules["balises"]["script"] == (
        "Balise <script> interdite : le site n’exécute aucun script venu du contenu"
    )
    assert rules["balises"]["iframe"].startswith("<iframe> interdit")
    assert set(rules["adresses_interdites"]) == {"javascript", "vbscript", "data", "file"}
    assert set(rules["attributs_adresse"]) == URL_ATTRIBUTES
    allowed = body_rules(("https://www.youtube-nocookie.com/embed/",))
    assert allowed["iframes_permises"] == ["https://www.youtube-nocookie.com/embed/"]
    assert "(autorisés : https://www.youtube-nocookie.com/embed/)" in allowed["balises"]["iframe"]


def test_what_the_form_says_is_french_typeset_like_the_site():
    rules = editor_rules(DEFAULT_SETTINGS)
    texts = [
        rules["trop_long"],
        rules["non_enregistre"],
        *rules["phrases"].values(),
        *rules["corps"]["balises"].values(),
        rules["collections"]["rencontres"]["obligatoire_sauf"][0]["message"],
    ]
    for text in texts:
        assert text == typeset_text(text) and "'" not in text and " :" not in text, text
    assert rules["trop_long"].format(label="Chapô", longueur=449, max=300) == typeset_text(
        TOO_LONG.format(label="Chapô", longueur=449, max=300)
    )
    assert NOT_SAVED.startswith("Rien n’est enregistré")
    assert rules["phrases"]["app.header.media"] == "Médias"  # not Decap's « Media »
    # Patterns are carried as they are, for the browser's RegExp.
    assert rules["collections"]["rencontres"]["champs"]["date"]["pattern"] == FORM_PATTERNS[DATE][0]


def test_the_sign_in_page_shows_the_association_s_wordmark():
    assert config()["logo"] == {"src": "/admin/marque.svg", "show_in_header": False}
    svg = wordmark_svg(
        '<svg class="marque-logo" viewBox="0 0 1 1"><path class="marque-le" d="M0"/></svg>',
        ":root { --texte: #1d1a17; --accent: #a1182b; }\n@media (prefers-color-scheme: dark)"
        " { :root { --texte: #efeae3; --accent: #ff9aa6; } }",
    )
    assert svg.startswith(
        '<svg class="marque-logo" viewBox="0 0 1 1"><style>.marque-le{fill:#a1182b}'
        ".marque-nom{fill:#1d1a17}</style><path"
    )


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
