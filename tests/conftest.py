"""The test suite, in three layers, one folder each; a test's folder
gives it its marker, so `pytest -m unit` (or build, e2e) runs one layer:

- unit/  pure cores, in this process: no Pelican build, no subprocess,
         no server; the whole layer runs in seconds;
- build/ builds sites with Pelican (the real project and the made-up
         site of tests/fixtures/site) into temporary folders and reads
         them (pages, feeds, images, the Nu HTML Checker);
- e2e/   the project as people use it: a real browser, real servers
         (nginx, Apache, sshd, FTP), publishing, invoke tasks run as
         commands.

Helpers are in tests/helpers.py; fixtures in the conftest.py of the
layer that uses them."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.helpers import IN_CI

TESTS = Path(__file__).resolve().parent
LAYERS = ("unit", "build", "e2e")


def pytest_configure(config):
    """Hypothesis keeps its caches in ./.hypothesis: in a temporary folder
    instead (unless HYPOTHESIS_STORAGE_DIRECTORY says where), so that no
    test writes into the repository."""
    if "HYPOTHESIS_STORAGE_DIRECTORY" not in os.environ:
        from hypothesis.configuration import set_hypothesis_home_dir

        storage = tempfile.mkdtemp(prefix="hypothesis-")
        set_hypothesis_home_dir(storage)
        config.add_cleanup(lambda: shutil.rmtree(storage, ignore_errors=True))


@pytest.hookimpl(tryfirst=True)  # before `-m` selects on the markers
def pytest_collection_modifyitems(config, items):
    """Mark each test with its layer, its folder under tests/; a test
    outside the three folders is an error, not a test of no layer."""
    outside = []
    for item in items:
        try:
            layer = item.path.resolve().relative_to(TESTS).parts[0]
        except ValueError:
            layer = None
        if layer in LAYERS:
            item.add_marker(getattr(pytest.mark, layer))
        else:
            outside.append(item.nodeid)
    if outside:
        raise pytest.UsageError(
            "Tests hors de tests/unit, tests/build et tests/e2e : " + ", ".join(outside))


def pytest_sessionfinish(session, exitstatus):
    """Under CI=true nothing may be skipped: a skip fails the run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if IN_CI and skipped:
        reporter.write_line(
            f"CI=true : {len(skipped)} test(s) ignoré(s), ce qui est interdit en CI.",
            red=True,
        )
        session.exitstatus = 1
