"""A publication killed (SIGKILL, its whole process group) at the
points that matter, and at a few random instants, never leaves a live
page whose assets are missing, and the next publication repairs
everything.

For each target: the previous version of a real build (the fixture
site) is live. The other version is then published and killed at each
meaningful point of that method in turn, each run resuming what the
previous one left: after the assets, after the pages, after the home
page, after (or during) the deletions — for git before the push, for
the folder before and after the swap. The child kills itself there (a
wrapper around the step that comes next), so each point is reached on
every run and proven reached (killed, not finished). Then a few
publications alternating the versions are killed after a random delay
(seeded: the same on every run). After each kill the server's folder is
served over HTTP and every live page is fetched, then every stylesheet,
script and image it references: each must answer 200. Finally a
complete publication leaves the server equal to the build."""

from __future__ import annotations

import functools
import os
import random
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from sitetools.serve import StaticSite
from tests.e2e.test_publish import start_ftp, tree
from tests.e2e.test_publish_rclone import start_rclone_target, stop
from tests.helpers import FIXTURE, ROOT, build_site, free_port
from tests.once import made_once

RANDOM_KILLS = 3
SITEURL = "https://www.lecentsept.fr"  # the production address the pages carry

# Runs one method's publish() as `invoke publish` would after its build.
# With a point (module, attribute, « avant »/« après », condition on the
# call's ``args`` and its number ``n``), the child wraps that step and
# kills its own process group before or after the first call that
# meets the condition.
PUBLISH = """
import importlib, os, signal, sys
from pathlib import Path
from sitetools.publish import METHODS
from sitetools.publish.plan import upload_rank as rank

if len(sys.argv) > 3:
    module, name, when, condition = sys.argv[3:]
    owner = importlib.import_module(module)
    *parents, last = name.split(".")
    for parent in parents:
        owner = getattr(owner, parent)
    original, calls = getattr(owner, last), []

    def step(*args, **kwargs):
        calls.append(args)
        hit = eval(condition, {"rank": rank}, {"args": args, "n": len(calls)})
        if hit and when == "avant":
            os.killpg(os.getpgrp(), signal.SIGKILL)
        result = original(*args, **kwargs)
        if hit and when == "après":
            os.killpg(os.getpgrp(), signal.SIGKILL)
        return result

    setattr(owner, last, step)
METHODS[sys.argv[1]].publish(Path(sys.argv[2]), False, {})
"""

_RCLONE_RANK = "any(str(a).endswith('/rang{}') for a in args)"
_RCLONE_DELETE = "any(str(a).endswith('/supprimer-{}') for a in args)"
_RCLONE = [
    ("après les fichiers", "sitetools.publish.rclone", "run", "avant", _RCLONE_RANK.format(1)),
    ("après les pages", "sitetools.publish.rclone", "run", "avant", _RCLONE_RANK.format(2)),
    ("après l’accueil", "sitetools.publish.rclone", "run", "avant", "args[2] == 'delete'"),
    (
        "pendant les suppressions",  # the pages gone, not yet their files
        "sitetools.publish.rclone",
        "run",
        "après",
        _RCLONE_DELETE.format("pages"),
    ),
    (
        "après les suppressions",
        "sitetools.publish.rclone",
        "run",
        "après",
        _RCLONE_DELETE.format("fichiers"),
    ),
]
_FTP_RANK = "rank(str(args[1]).lstrip('/')) == {}"
# The points of each method, in the order of a publication.
POINTS = {
    "rsync": [  # three passes: assets, pages, home page and deletions
        ("après les fichiers", "sitetools.publish.rsync", "subprocess.run", "après", "n == 1"),
        ("après les pages", "sitetools.publish.rsync", "subprocess.run", "après", "n == 2"),
    ],
    "ftp": [
        ("après les fichiers", "sitetools.publish.ftp", "_store", "avant", _FTP_RANK.format(1)),
        ("après les pages", "sitetools.publish.ftp", "_store", "avant", _FTP_RANK.format(2)),
        ("après l’accueil", "ftplib", "FTP.delete", "avant", "True"),
        ("pendant les suppressions", "ftplib", "FTP.delete", "après", "True"),
        ("après les suppressions", "sitetools.publish.ftp", "_remove_empty_dirs", "avant", "True"),
    ],
    "sftp": _RCLONE,
    "s3": _RCLONE,
    "webdav": _RCLONE,
    "git": [
        ("avant l’envoi", "sitetools.publish.git", "subprocess.run", "avant", "'push' in args[0]")
    ],
    "folder": [
        ("avant l’échange", "sitetools.publish.folder", "replace_folder", "avant", "True"),
        ("après l’échange", "sitetools.swap", "_exchange", "après", "True"),
    ],
}


@pytest.fixture(scope="session")
def versions(tmp_path_factory):
    """Two real builds of the fixture site: the second has a changed
    stylesheet (so a new fingerprinted name, the old one deleted), an
    interview less and one edited. Built once for the run (tests/once.py):
    the publications only read them."""
    base = made_once(tmp_path_factory, "versions", build_versions)
    return base / "v1", base / "v2"


def build_versions(base: Path) -> None:
    def settings(name: str, theme: Path = ROOT / "theme") -> str:
        # Without the .gz/.br copies: a third of the files, as telling.
        path = base / f"{name}.py"
        path.write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT / 'tests' / 'fixtures')!r})\n"
            f"from publishconf_essai import *\nTHEME = {str(theme)!r}\nPRECOMPRESS = False\n",
            encoding="utf-8",
        )
        return str(path)

    first = build_site(base / "v1", settings=settings("reglages_v1"), content=FIXTURE)
    content = base / "content"
    shutil.copytree(FIXTURE, content)
    (content / "rencontres" / "hors-serie.md").unlink()
    premier = content / "rencontres" / "premier.md"
    premier.write_text(
        premier.read_text(encoding="utf-8").replace("Une réponse", "Une autre réponse"),
        encoding="utf-8",
    )
    theme = base / "theme"
    shutil.copytree(ROOT / "theme", theme)
    with (theme / "static" / "css" / "site.css").open("a", encoding="utf-8") as css:
        css.write("\n/* version 2 */\n")
    second = build_site(base / "v2", settings=settings("reglages_v2", theme), content=content)
    css = {p.name for p in (first / "theme" / "css").glob("site.*.css")}
    assert css != {p.name for p in (second / "theme" / "css").glob("site.*.css")}
    assert (first / "hors-serie").is_dir() and not (second / "hors-serie").exists()


@functools.cache
def assets_of(html: str) -> tuple[str, ...]:
    # lxml: the same tags as html.parser, in a third less time. Cached by
    # the page's text: a check reads every page after every kill, but a
    # page only ever holds one of the two versions' texts (parsing them
    # again was 10 of the rclone kill tests' 86 s).
    soup = BeautifulSoup(html, "lxml")
    found = [
        tag["href"]
        for tag in soup.find_all("link", href=True)
        if {"stylesheet", "icon", "preload", "modulepreload"} & set(tag.get("rel", []))
    ]
    found += [tag["src"] for tag in soup.find_all(["script", "img", "source"], src=True)]
    for tag in soup.find_all(["img", "source"], srcset=True):
        found += [part.split()[0] for part in tag["srcset"].split(",") if part.strip()]
    return tuple(found)  # fmt: skip


def broken_pages(folder: Path) -> list[str]:
    """Serve ``folder`` as the site and fetch every live page, then every
    asset it uses (each asset once: the folder does not change while it
    is read); what fails, as « page → asset (status) »."""
    site = StaticSite(folder, free_port(), {})
    problems, statuses = [], {}

    def fetch(path: str) -> int:
        if path not in statuses:
            try:
                urllib.request.urlopen(site.url + path, timeout=10).read()
                statuses[path] = 200
            except urllib.error.HTTPError as error:
                statuses[path] = error.code
        return statuses[path]

    try:
        for path in site.pages():
            if "/." in path:
                continue  # hidden: never served by the real configurations
            try:
                html = urllib.request.urlopen(site.url + path, timeout=10).read().decode()
            except urllib.error.HTTPError as error:
                problems.append(f"{path} ({error.code})")
                continue
            for ref in assets_of(html):
                absolute = urljoin(SITEURL + path, ref)
                parts = urlsplit(absolute)
                if f"{parts.scheme}://{parts.netloc}" != SITEURL:
                    continue  # not ours
                status = fetch(parts.path)
                if status != 200:
                    problems.append(f"{path} → {parts.path} ({status})")
    finally:
        site.close()
    return problems


def published(folder: Path) -> dict[str, str]:
    """The site's files on the server: not ours (.well-known/) nor hidden state."""
    return {
        path: digest
        for path, digest in tree(folder).items()
        if not path.startswith(".") and "/." not in path
    }


def start(method: str, site: Path, env: dict[str, str], point=()) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", PUBLISH, method, str(site), *point],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: rclone, ssh… die with it
    )


def finish(process: subprocess.Popen) -> None:
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr.decode()


def kill_test(method, env, live, versions, seed, refresh=lambda: None):
    """Publish v1 fully; publish v2 killed at each point of the method,
    then the versions in turn killed after a random delay; check the
    live site after each kill."""
    first, second = versions
    well_known = live / ".well-known" / "acme-challenge" / "jeton"
    began = time.monotonic()
    finish(start(method, first, env))
    duration = time.monotonic() - began
    refresh()
    if method != "git":
        well_known.parent.mkdir(parents=True, exist_ok=True)
        well_known.write_text("acme", encoding="utf-8")
    assert published(live) == published(first)

    def check(label: str) -> None:
        refresh()
        problems = broken_pages(live)
        assert not problems, f"tué {label} : {problems[:5]}"

    for label, *point in POINTS[method]:
        process = start(method, second, env, point)
        _, stderr = process.communicate(timeout=300)
        # Killed there, not finished: the point was reached.
        assert process.returncode == -signal.SIGKILL, f"{label} : {stderr.decode()[-500:]}"
        check(label)
    rng = random.Random(seed)
    for attempt in range(RANDOM_KILLS):
        process = start(method, first if attempt % 2 == 0 else second, env)
        time.sleep(rng.uniform(0.05, duration))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        check(f"après le tirage {attempt}")
    finish(start(method, second, env))
    refresh()
    assert published(live) == published(second)
    if method != "git":
        assert well_known.read_text(encoding="utf-8") == "acme"


@pytest.mark.parametrize("kind", ["sftp", "s3", "webdav"])
def test_kill_rclone_targets(kind, versions, tmp_path):
    """rclone serve for SFTP too: OpenSSH (tests/e2e/test_publish_rclone.py)
    hashes each file in its own ssh session, too slow for these runs here."""
    live, env, _, process = start_rclone_target(kind, tmp_path)
    try:
        kill_test(kind, env, live, versions, seed=f"tuer-{kind}")
    finally:
        stop(process)


def test_kill_rsync(sshd, versions):
    remote, env = sshd
    kill_test("rsync", env, remote, versions, seed="tuer-rsync")


def test_kill_ftp(versions, tmp_path):
    remote, env, stop_ftp = start_ftp(tmp_path)
    try:
        kill_test("ftp", env, remote, versions, seed="tuer-ftp")
    finally:
        stop_ftp()


def test_kill_folder(versions, tmp_path):
    public = tmp_path / "public"
    kill_test("folder", {"DEPLOY_DIR": str(public)}, public, versions, seed="tuer-dossier")


def test_kill_git(versions, tmp_path):
    """The pages branch is what GitHub Pages serves: checked out after each kill."""
    bare = tmp_path / "pages.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    live = tmp_path / "branche-pages"

    def refresh():
        shutil.rmtree(live, ignore_errors=True)
        live.mkdir()
        archive = tmp_path / "pages.tar"
        subprocess.run(
            ["git", "--git-dir", str(bare), "archive", "-o", str(archive), "pages"], check=True
        )
        with tarfile.open(archive) as tar:
            tar.extractall(live, filter="data")

    kill_test(
        "git", {"DEPLOY_GIT_REMOTE": str(bare)}, live, versions, seed="tuer-git", refresh=refresh
    )
