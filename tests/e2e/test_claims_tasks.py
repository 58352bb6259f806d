"""README claims about the invoke tasks that had no test of their own
(docs/affirmations.md), each run as a command in a copy of the project.

tasks.py finds output/ and pelicanconf.py through `sitetools` (its
ROOT): the copy's own sitetools is put first on PYTHONPATH, and checked
to be the one imported, so that the task acts on the copy and never on
the repository."""

import os
import re
import subprocess
import sys

from tests.helpers import INVOKE, project_copy


def copy_with_its_sitetools(tmp_path):
    project = project_copy(tmp_path / "projet")
    env = {**os.environ, "PYTHONPATH": str(project)}
    imported = subprocess.run(
        [sys.executable, "-c", "import sitetools; print(sitetools.__file__)"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert imported == str(project / "sitetools" / "__init__.py"), imported
    return project, env


# R-clean: « `clean` | supprime `output/` ».
def test_invoke_clean_removes_the_built_site(tmp_path):
    project, env = copy_with_its_sitetools(tmp_path)
    built = project / "output"
    (built / "rencontres").mkdir(parents=True)
    (built / "index.html").write_text("<!doctype html>", encoding="utf-8")
    (built / "rencontres" / "index.html").write_text("<!doctype html>", encoding="utf-8")
    result = subprocess.run([INVOKE, "clean"], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not built.exists()
    assert (project / "content").is_dir()  # only output/ goes


def build_with_a_pelican_warning(tmp_path):
    """`invoke build` in a copy whose settings make Pelican warn: it only
    warns about feeds written without an address (`pelican.settings`), and
    our validation does not read settings, so the warning alone counts."""
    project, env = copy_with_its_sitetools(tmp_path)
    with (project / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write('\nFEED_ALL_ATOM = "flux/tout.atom.xml"\n')
    output = tmp_path / "site"
    result = subprocess.run(
        [INVOKE, "build", "--output", str(output)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    return result, output


# R-avertissements-fatals: « Les avertissements de Pelican font échouer la
# construction ».
def test_a_pelican_warning_fails_invoke_build(tmp_path):
    result, output = build_with_a_pelican_warning(tmp_path)
    printed = result.stdout + result.stderr
    assert result.returncode == 1, printed
    assert "Feeds generated without SITEURL" in printed
    assert not output.exists()
    assert "Traceback" not in printed


# R-erreur-francais: « Une erreur, de contenu ou autre, s’affiche en français
# […], sans trace Python ». The last line read « Réglages illisibles
# (…/pelicanconf.py) : RuntimeError: Warning or error encountered » (the
# settings were read; Pelican's exception, in English) until
# sitetools/build.py told a fatal warning from unreadable settings.
def test_a_pelican_warning_is_reported_in_french(tmp_path):
    result, _ = build_with_a_pelican_warning(tmp_path)
    last = (result.stdout + result.stderr).strip().splitlines()[-1]
    assert "Réglages illisibles" not in last  # they were read
    assert not re.search(r"\b\w+Error\b|Warning or error encountered", last), last
