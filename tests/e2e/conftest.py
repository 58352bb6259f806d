"""Built sites served over HTTP on loopback, a real browser, a real sshd."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from sitetools.serve import StaticSite
from tests.helpers import FIXTURE, IN_CI, add_draft, build_site, free_port, settings, wait_for_port


def csp() -> str:
    return settings()["CONTENT_SECURITY_POLICY"]


def _served(tmp_path_factory, name, settings_file, content=None, address="SITEURL", extra=()):
    """A site built on a free port, served with the CSP of the settings;
    ``address``: the variable that gives the site its address; ``extra``:
    more Pelican options (``-e NAME=VALUE``)."""
    port = free_port()
    root = build_site(
        tmp_path_factory.mktemp(name),
        settings=settings_file,
        env={address: f"http://127.0.0.1:{port}"},
        **({"content": content} if content else {}),
        extra=extra,
    )
    site = StaticSite(root, port, {"Content-Security-Policy": csp()})
    yield site
    site.close()


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The real site, production settings, served with its CSP."""
    yield from _served(tmp_path_factory, "servi", "publishconf.py")


@pytest.fixture(scope="session")
def served_in_lots(tmp_path_factory):
    """The real site, its search index cut into lots of three pages."""
    yield from _served(
        tmp_path_factory, "lots", "publishconf.py", extra=("-e", "SEARCH_INDEX_PAGES_PER_LOT=3")
    )


@pytest.fixture(scope="session")
def served_fixture(tmp_path_factory):
    yield from _served(tmp_path_factory, "essai-servi", "publishconf.py", FIXTURE)


@pytest.fixture(scope="session")
def served_preview(tmp_path_factory):
    """A preview of the fixture site with a draft: banner, notes, drafts."""
    content = tmp_path_factory.mktemp("apercu-contenu") / "content"
    shutil.copytree(FIXTURE, content)
    add_draft(content)
    yield from _served(tmp_path_factory, "apercu-servi", "previewconf.py", content, "PREVIEW_URL")


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        assert not IN_CI, ".ci/run doit installer le paquet Debian chromium"
        pytest.skip("Chromium absent (apt-get install chromium) : tests navigateur non lancés")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def ssh_server(tmp_path):
    """A real OpenSSH server on loopback (root, key authentication),
    logging every SFTP request: its folder www/, port, keys and log."""
    if not Path("/usr/sbin/sshd").exists() or not shutil.which("rsync"):
        assert not IN_CI, ".ci/run doit installer openssh-server et rsync"
        pytest.skip("sshd ou rsync absent : apt-get install openssh-server rsync")
    if os.geteuid() != 0:
        pytest.skip("sshd de test lancé en root (comme en CI)")
    keys = tmp_path / "cles"
    keys.mkdir(mode=0o700)
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / "hote")], check=True
    )
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / "client")], check=True
    )
    shutil.copy(keys / "client.pub", keys / "authorized_keys")
    port = free_port()
    config = keys / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {keys / 'hote'}\n"
        f"AuthorizedKeysFile {keys / 'authorized_keys'}\nPasswordAuthentication no\n"
        f"PermitRootLogin prohibit-password\nPidFile {keys / 'sshd.pid'}\nUsePAM no\n"
        "StrictModes no\n"
        # Every SFTP request logged (sftp-server's stderr, through the
        # shell sshd runs it with): the tests read the order of renames.
        f"Subsystem sftp /usr/lib/openssh/sftp-server -e -l INFO 2>>{keys / 'sftp.log'}\n",
        encoding="utf-8",
    )
    Path("/run/sshd").mkdir(exist_ok=True)
    log = keys / "sshd.log"
    with log.open("w") as stderr:
        process = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", str(config)], stderr=stderr)
    try:  # ready when it greets a client as an SSH server does
        wait_for_port(port, process=process, log=log, banner=b"SSH-")
    except BaseException:
        process.kill()
        process.wait(timeout=10)
        raise
    remote = tmp_path / "serveur-ssh" / "www"
    remote.mkdir(parents=True)
    host_key = (keys / "hote.pub").read_text(encoding="utf-8").split()[:2]
    (keys / "sftp.log").touch()
    yield SimpleNamespace(
        remote=remote, port=port, keys=keys, sftp_log=keys / "sftp.log", host_key=" ".join(host_key)
    )
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def sshd(ssh_server):
    """The SSH server and the DEPLOY_SSH_* variables of an rsync target."""
    keys = ssh_server.keys
    yield (
        ssh_server.remote,
        {
            "DEPLOY_SSH_DEST": f"root@127.0.0.1:{ssh_server.remote}",
            "DEPLOY_SSH_PORT": str(ssh_server.port),
            "DEPLOY_SSH_OPTIONS": f"-i {keys / 'client'} -o StrictHostKeyChecking=no "
            "-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR",
        },
    )
