"""Every editor's mistake (tests/editor_mistakes.py) and every attack on
the content (tests/attacks.py), through the one validation: the same
function `invoke check`, the build, livereload, preview and publish run
(plugins/content_model/validation.py). Each case: the file, the line and
the field expected, a French message, nothing in English, no traceback.

The build layer runs a few of them through the build and livereload
(tests/build/test_editor_mistakes.py, tests/build/test_security.py) and
the e2e layer through the command line, to prove those paths are wired
to this validation; the whole matrices run here, in seconds."""

from __future__ import annotations

import shutil

import pytest

from sitetools.check import check_site
from tests.attacks import ATTACKS, SECRET
from tests.editor_mistakes import ENGLISH, MISTAKES
from tests.helpers import FIXTURE, site_settings

CASES = [("erreur", *case) for case in MISTAKES] + [("attaque", *case) for case in ATTACKS]


@pytest.mark.parametrize(
    ("edit", "where"),
    [(edit, where) for _, _, edit, where in CASES],
    ids=[f"{family}: {name}" for family, name, _, _ in CASES],
)
def test_the_validation_names_file_line_and_field_in_french(tmp_path, edit, where):
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    edit(content)
    errors = [p for p in check_site(content, site_settings()) if p.severity == "erreur"]
    assert ("content/" + where[0], where[1], where[2]) in [
        (p.file, p.line, p.field) for p in errors
    ]
    for problem in errors:
        assert problem.message and not ENGLISH.search(problem.message), problem
        assert "Traceback" not in problem.message and SECRET not in problem.message


def test_the_matrices_keep_their_size():
    """The README says « plus de 70 erreurs types » and « plus de 70 attaques »."""
    assert len(MISTAKES) > 70 and len(ATTACKS) > 70
