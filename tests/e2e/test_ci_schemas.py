"""The CI definitions are valid against their published schemas, which
check-jsonschema ships (no network needed)."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

CHECK = str(Path(sys.executable).with_name("check-jsonschema"))


@pytest.mark.parametrize(
    ("schema", "path"),
    [
        ("vendor.github-workflows", ".github/workflows/site.yml"),
        ("vendor.gitlab-ci", ".gitlab-ci.yml"),
    ],
)
def test_ci_definition_is_valid(schema, path):
    result = subprocess.run(
        [CHECK, "--builtin-schema", schema, str(ROOT / path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
