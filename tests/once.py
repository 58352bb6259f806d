"""What is expensive to make and only read afterwards (a built site),
made once per run even when pytest-xdist runs the tests in several
processes (`invoke test`: one per core).

Each xdist worker has its own session, so a session fixture runs once
per worker; here the first worker that needs a folder makes it in the
run's common temporary folder, under a file lock, and the others wait
for it and read the same folder (the pytest-xdist documentation's
« Making session-scoped fixtures execute only once »). Without xdist
it is an ordinary session fixture's folder."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of the whole run: under xdist, the parent of
    the worker's own (``pytest-N/popen-gw0`` → ``pytest-N``)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]
) -> Path:
    """The folder ``name`` of the run, filled by ``make(folder)`` by the
    first process that asks; a ``make`` that fails leaves no folder,
    and the next process to ask tries again (and fails the same way)."""
    root = run_folder(tmp_path_factory) / "une-fois"
    root.mkdir(exist_ok=True)
    folder = root / name
    # A mark beside the folder, not in it: tests list the folder's files.
    done = root / f"{name}.fait"
    with FileLock(str(root / f"{name}.verrou")):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            try:
                make(folder)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            done.touch()
    return folder
