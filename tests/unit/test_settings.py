"""Settings: each plugin declares its own with defaults, and the three
settings files never re-declare a value they inherit."""

import ast
import importlib

import pytest
from pelican.settings import read_settings

from plugins.settings import declare
from tests.helpers import ROOT

PLUGIN_DEFAULTS = [
    "plugins.content_model.validation",
    "plugins.french_typography",
    "plugins.content_images",
    "plugins.search_index",
    "plugins.static_assets",
    "plugins.programme_feeds",
    "plugins.social_cards",
    "plugins.web_editor",
    "plugins.incremental",
]


def test_declare_merges_defaults_and_keeps_what_is_set():
    settings = {"B": 2}
    declare(settings, {"A": True, "B": 1, "C": None})
    assert settings == {"A": True, "B": 2, "C": None}


@pytest.mark.parametrize(
    ("defaults", "value"),
    [
        ({"PRECOMPRESS": False}, "yes"),
        ({"PHOTO_MAX_WIDTH": 960}, True),
        ({"ALLOWED_EMBEDS": ()}, "https://exemple.org/"),
    ],
)
def test_declare_refuses_a_value_of_the_wrong_type(defaults, value):
    name = next(iter(defaults))
    with pytest.raises(ValueError, match=f"réglage {name}"):
        declare({name: value}, defaults)


def _assigned(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        for target in targets:
            for element in getattr(target, "elts", [target]):
                if isinstance(element, ast.Name):
                    names.add(element.id)
    return names


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        ("publishconf.py", "pelicanconf.py"),
        ("previewconf.py", "publishconf.py"),
    ],
)
def test_settings_files_do_not_repeat_what_they_inherit(child, parent):
    child_settings = read_settings(str(ROOT / child))
    parent_settings = read_settings(str(ROOT / parent))
    repeated = [
        name
        for name in _assigned(ROOT / child)
        if name.isupper() and child_settings[name] == parent_settings.get(name)
    ]
    assert repeated == []


def test_pelicanconf_does_not_repeat_plugin_defaults():
    assigned = _assigned(ROOT / "pelicanconf.py")
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    for module in PLUGIN_DEFAULTS:
        for name, default in importlib.import_module(module).DEFAULT_SETTINGS.items():
            assert not (name in assigned and settings[name] == default), name


def test_architecture_document_names_every_plugin_and_setting():
    """docs/architecture.md stays true: every plugin of PLUGINS and
    every declared setting has its row."""
    document = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    plugins = [
        name.removeprefix("plugins.")
        for name in read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
        if name.startswith("plugins.")
    ]
    assert plugins and all(f"| `{name}` |" in document for name in plugins)
    for module in PLUGIN_DEFAULTS:
        for name in importlib.import_module(module).DEFAULT_SETTINGS:
            assert f"| `{name}` |" in document, name
