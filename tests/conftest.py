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

import difflib
import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.helpers import IN_CI, ROOT

TESTS = Path(__file__).resolve().parent
LAYERS = ("unit", "build", "e2e")
REPOSITORY_STATE = pytest.StashKey[list]()


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
        group = module_fixture_group(item)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))
    if outside:
        raise pytest.UsageError(
            "Tests hors de tests/unit, tests/build et tests/e2e : " + ", ".join(outside)
        )
    if in_worker(config) and config.getvalue("loadgroup"):
        for item in items:
            suffix_group(item)
    if in_worker(config):
        # The slowest layer first: the workers then finish together, the
        # thousand short unit tests filling the gaps at the end (the same
        # order in every worker, as xdist requires).
        items.sort(key=lambda item: -LAYERS.index(item.path.resolve().relative_to(TESTS).parts[0]))


def module_fixture_group(item) -> str | None:
    """The tests that share one instance of a module-scoped fixture (a
    built site, a server, `invoke livereload`) run on one xdist worker
    (`--dist loadgroup`), so that it is made once, not once per worker:
    their group is the module and the parameters of those fixtures."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return None
    names = sorted(
        name for name, defs in info.name2fixturedefs.items() if defs[-1].scope == "module"
    )
    if not names:
        return None
    params = getattr(getattr(item, "callspec", None), "params", {})
    instance = [f"{name}={params[name]}" for name in names if name in params]
    return ":".join([item.path.relative_to(TESTS).as_posix(), *instance])


def suffix_group(item) -> None:
    """What `--dist loadgroup` needs, done here: pytest-xdist 3.8 marks a
    test's group by appending « @group » to ``item._nodeid``, which pytest
    9.2 no longer reads (the id lives in ``item._id``), so no test was
    grouped and each worker made its own copy of every module fixture.
    The same suffix, on the id pytest reports to the scheduler."""
    names = sorted(
        {
            str(m.args[0] if m.args else m.kwargs.get("name", "default"))
            for m in item.iter_markers("xdist_group")
        }
    )
    if names and "@" not in item.nodeid.rpartition("]")[2]:
        item._id = type(item._id).parse(f"{item.nodeid}@{'_'.join(names)}")


def in_worker(config) -> bool:
    """A pytest-xdist worker (`invoke test` runs one per core): the run's
    checks are made once, by the process that gathers every result."""
    return hasattr(config, "workerinput")


def pytest_sessionfinish(session, exitstatus):
    """Under CI=true nothing may be skipped: a skip fails the run. And no
    run may change the repository."""
    if in_worker(session.config):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if IN_CI and skipped:
        fail_run(
            session,
            reporter,
            f"CI=true : {len(skipped)} test(s) ignoré(s), ce qui est interdit en CI.",
        )
    check_repository_unchanged(session, reporter)


def fail_run(session, reporter, *lines: str):
    """Fail the run (exit status 1), saying why."""
    if reporter:
        reporter.write_line("")  # end pytest's progress line
        for line in lines:
            reporter.write_line(line, red=True)
    else:
        print(*lines, sep="\n")
    session.exitstatus = 1


# --- No test writes into the repository ------------------------------------


def repository_state() -> list[str] | None:
    """`git status` of the repository, ignored files aside, with a hash of
    each file it lists (a test writing into a file already modified
    shows too); None if git cannot tell (not a checkout, no git)."""
    try:
        result = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "-z", "--untracked-files=all"],
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    state = []
    for entry in filter(None, result.stdout.decode("utf-8", "replace").split("\0")):
        path = ROOT / entry[3:]
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path.is_file() else "-"
        state.append(f"{entry} {digest}")
    return state


def pytest_sessionstart(session):
    if in_worker(session.config):
        return
    session.config.stash[REPOSITORY_STATE] = repository_state()


def check_repository_unchanged(session, reporter):
    """Fail the run if the tests changed, added or removed a file of the
    repository (ignored files aside): they work in temporary folders."""
    before = session.config.stash.get(REPOSITORY_STATE, None)
    after = repository_state()
    if before is None or after is None:
        if IN_CI:
            fail_run(
                session,
                reporter,
                "CI=true : git status illisible, impossible de vérifier "
                "que les tests n’écrivent pas dans le dépôt.",
            )
        return
    if os.environ.get("REGENERER_CAPTURES") == "1":
        # Asked for: the guide's screenshots (tests/e2e/test_web_editor.py).
        before, after = (
            [line for line in state if " docs/images/" not in line] for state in (before, after)
        )
    if after != before:
        changes = [
            f"  {line}"
            for line in difflib.unified_diff(before, after, lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))
        ]
        fail_run(
            session,
            reporter,
            "Les tests ont modifié le dépôt (git status a changé pendant la session) :",
            *changes,
        )
