"""A publication killed (SIGKILL, its whole process group) at random
points never leaves a live page whose assets are missing, and the next
publication repairs everything.

For each target: the previous version of a real build (the fixture
site) is live; a publication of the other version is started and
killed after a random delay, 10 times (seeded: the same points on every
run), alternating the versions so that every run has work to do. After
each kill the server's folder is served over HTTP and every live page is
fetched, then every stylesheet, script and image it references: each
must answer 200. Finally a complete publication leaves the server equal
to the build."""

from __future__ import annotations

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

from sitetools.serve import StaticSite, free_port
from tests.e2e.test_publish import start_ftp, tree
from tests.e2e.test_publish_rclone import start_rclone_target, stop
from tests.helpers import FIXTURE, ROOT, build_site

KILLS = 10
SITEURL = "https://www.lecentsept.fr"  # the production address the pages carry

# Runs one method's publish() as `invoke publish` would after its build.
PUBLISH = (
    "import sys; from pathlib import Path; from sitetools.publish import METHODS; "
    "METHODS[sys.argv[1]].publish(Path(sys.argv[2]), False, {})"
)


@pytest.fixture(scope="session")
def versions(tmp_path_factory):
    """Two real builds of the fixture site: the second has a changed
    stylesheet (so a new fingerprinted name, the old one deleted), an
    interview less and one edited."""
    base = tmp_path_factory.mktemp("versions")

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
    return first, second


def assets_of(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = [
        tag["href"]
        for tag in soup.find_all("link", href=True)
        if {"stylesheet", "icon", "preload", "modulepreload"} & set(tag.get("rel", []))
    ]
    found += [tag["src"] for tag in soup.find_all(["script", "img", "source"], src=True)]
    for tag in soup.find_all(["img", "source"], srcset=True):
        found += [part.split()[0] for part in tag["srcset"].split(",") if part.strip()]
    return found  # fmt: skip


def broken_pages(folder: Path) -> list[str]:
    """Serve ``folder`` as the site and fetch every live page, then every
    asset it uses; what fails, as « page → asset (status) »."""
    site = StaticSite(folder, free_port(), {})
    problems = []
    try:
        for path in site.pages():
            if "/." in path:
                continue  # hidden: never served by the real configurations
            page_url = site.url + path
            try:
                html = urllib.request.urlopen(page_url, timeout=10).read().decode()
            except urllib.error.HTTPError as error:
                problems.append(f"{path} ({error.code})")
                continue
            for ref in assets_of(html):
                absolute = urljoin(SITEURL + path, ref)
                parts = urlsplit(absolute)
                if f"{parts.scheme}://{parts.netloc}" != SITEURL:
                    continue  # not ours
                try:
                    urllib.request.urlopen(site.url + parts.path, timeout=10).read()
                except urllib.error.HTTPError as error:
                    problems.append(f"{path} → {parts.path} ({error.code})")
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


def start(method: str, site: Path, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", PUBLISH, method, str(site)],
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
    """Publish v1 fully; then 10 times, publish the other version and
    SIGKILL it after a random delay; check the live site after each."""
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
    rng = random.Random(seed)
    for attempt in range(KILLS):
        site = second if attempt % 2 == 0 else first
        process = start(method, site, env)
        time.sleep(rng.uniform(0.05, duration))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        refresh()
        problems = broken_pages(live)
        assert not problems, f"tué après le tirage {attempt}: {problems[:5]}"
    finish(start(method, second, env))
    refresh()
    assert published(live) == published(second)
    if method != "git":
        assert well_known.read_text(encoding="utf-8") == "acme"


@pytest.mark.parametrize("kind", ["sftp", "s3", "webdav"])
def test_kill_rclone_targets(kind, versions, tmp_path):
    """rclone serve for SFTP too: OpenSSH (tests/e2e/test_publish_rclone.py)
    hashes each file in its own ssh session, too slow for 12 runs here."""
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
