"""The kind registry (plugins/content_model/kinds.py) is the one place the
site's kinds are declared: every settings file follows it, the theme has
each kind's templates, and the code names a kind's folder nowhere else."""

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

from plugins.content_model import fields, kinds
from tests.helpers import ROOT, settings

CODE = [
    ROOT / "pelicanconf.py",
    *(ROOT / "plugins").rglob("*.py"),
    *(ROOT / "sitetools").rglob("*.py"),
]
# Strings equal to a folder's name that mean something else.
NOT_A_FOLDER = {
    ("plugins/content_model/model.py", "pages"): "the list of Pelican's PagesGenerator",
    ("plugins/programme_feeds/__init__.py", "pages"): "the pages of Pelican's context",
    ("plugins/listings/__init__.py", "pages"): "the published pages of Pelican's context",
    ("sitetools/wordpress/mapping.py", "programmes"): "an interview's field of that name",
    ("plugins/web_editor/core.py", "personnes"): "the name of admin.js's list widget",
    ("sitetools/wordpress/people.py", "personnes"): "a count in the import's report",
    ("sitetools/publish.py", "pages"): "the git branch of GitLab Pages",
    ("sitetools/publish/git.py", "pages"): "the git branch of GitLab Pages",
}


def string_literals(path: Path):
    for token in tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline):
        if token.type == tokenize.STRING:
            try:
                yield ast.literal_eval(token.string), token.start[0]
            except (ValueError, SyntaxError):
                continue


@pytest.mark.parametrize("name", ["pelicanconf.py", "publishconf.py", "previewconf.py"])
def test_every_settings_file_follows_the_kinds(name):
    ours = settings(name)
    assert kinds.settings_disagreement(ours) is None
    for key, value in kinds.kind_settings(ours["CONTENT_KINDS"]).items():
        assert ours[key] == value, key


def test_the_theme_has_each_kinds_templates():
    templates = ROOT / "theme" / "templates"
    for kind in kinds.KINDS:
        assert (templates / f"{kind.template}.html").is_file(), kind.folder
        if kind.listing:
            assert (templates / f"{kind.folder}.html").is_file(), kind.folder
    assert {k.template for k in kinds.KINDS} <= set(kinds.CONTENT_TEMPLATES)


def test_a_folder_name_is_written_once_in_the_code():
    folders = {kind.folder for kind in kinds.KINDS}
    found = {}
    for path in CODE:
        relative = path.relative_to(ROOT).as_posix()
        for value, line in string_literals(path):
            if value in folders and (relative, value) not in NOT_A_FOLDER:
                found.setdefault(value, []).append(f"{relative}:{line}")
    for folder in folders:
        # kinds.py: the Kind itself, and field names equal to a folder
        # (« programmes: », « series: » of an interview).
        outside = [where for where in found[folder] if "content_model/kinds.py" not in where]
        assert outside == [], folder


def test_one_slug_pattern_in_the_code():
    pattern = re.escape(fields.SLUG_PATTERN.replace("\\", ""))
    copies = [
        path.relative_to(ROOT).as_posix()
        for path in CODE
        if re.search(r"\[a-z0-9\]\+\(\?:-\[a-z0-9\]\+\)\*", path.read_text("utf-8"))
    ]
    assert copies == ["plugins/content_model/fields.py"], (pattern, copies)


def test_no_module_over_450_lines():
    long = {
        path.relative_to(ROOT).as_posix(): n
        for path in CODE
        if (n := len(path.read_text("utf-8").splitlines())) > 450
    }
    assert long == {}


def test_every_field_has_a_french_label_and_its_rule_for_the_form():
    for kind in kinds.KINDS:
        assert kind.required, kind.folder
        for name, field in kind.fields.items():
            assert field.label and field.label[0].isupper(), (kind.folder, name)
            rule = field.editor_rule()
            if rule:
                assert re.compile(rule[0]) and rule[1][0].isupper()
