"""`invoke publish` to real servers on loopback: rsync to a real sshd,
FTP to a real FTP server (pyftpdlib), git pages to a bare repository.
The remote tree equals the build; a deleted page disappears on the next
publication; a failing check, a failing build or a legal notice with
gaps uploads nothing."""

import hashlib
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from sitetools.serve import free_port
from tests.helpers import FIXTURE, IN_CI, INVOKE, ROOT, wait_for_port

TEST_SETTINGS = str(ROOT / "tests" / "fixtures" / "publishconf_essai.py")


def publish(target, content, env, *extra, settings=TEST_SETTINGS):
    return subprocess.run(
        [
            INVOKE,
            "publish",
            "--target",
            target,
            "--content",
            str(content),
            "--settings",
            settings,
            *extra,
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )


def tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def built(tmp_path, content) -> dict[str, str]:
    """The tree the publication should produce: the same strict build."""
    output = tmp_path / "attendu"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(content),
            "-s",
            TEST_SETTINGS,
            "-o",
            str(output),
            "--fatal",
            "warnings",
            "-q",
        ],
        cwd=ROOT,
        check=True,
    )
    return tree(output)


def without_lastmod(files):
    """The sitemap's <lastmod> is the build time for undated pages."""
    return {k: v for k, v in files.items() if not k.startswith("sitemap.xml")}


@pytest.fixture
def content(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(FIXTURE, copy)
    return copy


@pytest.fixture
def sshd(tmp_path):
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
        "StrictModes no\n",
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
    yield (
        remote,
        {
            "DEPLOY_SSH_DEST": f"root@127.0.0.1:{remote}",
            "DEPLOY_SSH_PORT": str(port),
            "DEPLOY_SSH_OPTIONS": f"-i {keys / 'client'} -o StrictHostKeyChecking=no "
            "-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR",
        },
    )
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def ftp_server(tmp_path):
    # Imported here, not with the module: pyftpdlib (a test dependency)
    # imports the deprecated asyncore, a warning for tests that need it only.
    from pyftpdlib.authorizers import DummyAuthorizer
    from pyftpdlib.handlers import FTPHandler
    from pyftpdlib.servers import ThreadedFTPServer

    remote = tmp_path / "serveur-ftp"
    remote.mkdir()
    authorizer = DummyAuthorizer()
    authorizer.add_user("centsept", "mot-de-passe-d-essai", str(remote), perm="elradfmwMT")
    handler = type("Handler", (FTPHandler,), {"authorizer": authorizer})
    port = free_port()
    server = ThreadedFTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"timeout": 0.2}, daemon=True)
    thread.start()
    wait_for_port(port, banner=b"220")  # the FTP greeting
    yield (
        remote,
        {
            "DEPLOY_FTP_HOST": "127.0.0.1",
            "DEPLOY_FTP_PORT": str(port),
            "DEPLOY_FTP_USER": "centsept",
            "DEPLOY_FTP_PASSWORD": "mot-de-passe-d-essai",
        },
    )
    server.close_all()


def test_rsync_over_ssh(sshd, content, tmp_path):
    remote, env = sshd
    first = publish("vps", content, env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert without_lastmod(tree(remote)) == without_lastmod(built(tmp_path, content))

    (content / "rencontres" / "hors-serie.md").unlink()
    second = publish("vps", content, env)
    assert second.returncode == 0, second.stderr
    assert not (remote / "hors-serie").exists()
    assert without_lastmod(tree(remote)) == without_lastmod(built(tmp_path, content))
    # Only what changed travelled: the stylesheet was not sent again.
    assert "site." not in "".join(
        line for line in second.stdout.splitlines() if line.startswith("<f") and ".css" in line
    )


def test_ftp(ftp_server, content, tmp_path):
    remote, env = ftp_server
    first = publish("mutualise", content, env)
    assert first.returncode == 0, first.stdout + first.stderr
    published = {k: v for k, v in tree(remote).items() if k != ".publication.json"}
    assert without_lastmod(published) == without_lastmod(built(tmp_path, content))
    (remote / "fichier-de-l-hebergeur.txt").write_text("à garder", encoding="utf-8")

    (content / "rencontres" / "hors-serie.md").unlink()
    second = publish("mutualise", content, env)
    assert second.returncode == 0, second.stderr
    assert not (remote / "hors-serie").exists()
    # Files this tool did not put there are left alone.
    assert (remote / "fichier-de-l-hebergeur.txt").is_file()
    published = {
        k: v
        for k, v in tree(remote).items()
        if k not in (".publication.json", "fichier-de-l-hebergeur.txt")
    }
    assert without_lastmod(published) == without_lastmod(built(tmp_path, content))
    sent = [line for line in second.stdout.splitlines() if line.startswith("envoyer")]
    assert "envoyer theme/css/site.css" not in sent  # unchanged: not sent again
    assert len(sent) < len(published) / 2


def test_git_pages(content, tmp_path):
    bare = tmp_path / "pages.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    result = publish("pages", content, {"DEPLOY_GIT_REMOTE": str(bare)})
    assert result.returncode == 0, result.stdout + result.stderr
    files = subprocess.run(
        ["git", "-C", str(bare), "ls-tree", "-r", "--name-only", "pages"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert ".nojekyll" in files and "index.html" in files
    assert "hors-serie/index.html" in files


def test_failing_check_uploads_nothing(ftp_server, content):
    remote, env = ftp_server
    (content / "rencontres" / "premier.md").write_text(
        "---\ntitle: [cassé\n---\n", encoding="utf-8"
    )
    result = publish("mutualise", content, env)
    assert result.returncode == 1
    assert "rien n’a été envoyé" in result.stderr
    assert list(remote.iterdir()) == []


def test_missing_variable_is_named_and_nothing_sent(content):
    result = publish("vps", content, {"DEPLOY_SSH_DEST": ""})
    assert result.returncode == 1
    assert "DEPLOY_SSH_DEST" in result.stderr and "rien n’a été envoyé" in result.stderr


def test_legal_notice_gaps_block_publishing(ftp_server, content):
    remote, env = ftp_server
    result = publish("mutualise", content, env, settings=str(ROOT / "publishconf.py"))
    assert result.returncode == 1
    assert "Mentions légales incomplètes" in result.stderr
    assert "siege" in result.stderr and "hebergeur_nom" in result.stderr
    assert list(remote.iterdir()) == []


def test_folder_for_gitlab_pages(content, tmp_path):
    public = tmp_path / "public"
    public.mkdir()
    (public / "ancien.html").write_text("ancien", encoding="utf-8")
    result = publish("dossier", content, {"DEPLOY_DIR": str(public)})
    assert result.returncode == 0, result.stderr
    assert without_lastmod(tree(public)) == without_lastmod(built(tmp_path, content))


def test_no_target_lists_the_targets_in_french():
    result = subprocess.run([INVOKE, "publish"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Précisez la cible avec --target" in result.stderr
    assert all(name in result.stderr for name in ("vps", "mutualise", "pages", "dossier"))
    assert "missing" not in result.stderr and "did not receive" not in result.stderr


def test_unknown_target_lists_the_targets(content):
    result = publish("nulle-part", content, {})
    assert result.returncode == 1
    assert "Cible inconnue « nulle-part »" in result.stderr and "vps" in result.stderr


def test_publish_help_is_help():
    result = subprocess.run([INVOKE, "publish", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "--target" in result.stdout and "PUBLISH_TARGETS" in result.stdout
    assert "Cible inconnue" not in result.stdout + result.stderr


def test_missing_variable_is_named_before_check_and_build(content):
    """Broken content and no DEPLOY_DIR: the variable is named, and
    nothing was checked or built to find out."""
    (content / "rencontres" / "premier.md").write_text(
        "---\ntitle: [cassé\n---\n", encoding="utf-8"
    )
    result = publish("dossier", content, {"DEPLOY_DIR": ""})
    assert result.returncode == 1
    assert "DEPLOY_DIR" in result.stderr and "rien n’a été envoyé" in result.stderr
    assert "erreur(s)" not in result.stdout  # the check did not run
    assert "Vérification échouée" not in result.stderr and "construction" not in result.stderr


def test_every_method_has_one_interface():
    """The registry of methods: each sends with publish(site, dry_run, spec)."""
    import inspect

    from sitetools.publish import METHODS, Method

    assert set(METHODS) == {"rsync", "ftp", "folder", "git"}
    for method in METHODS.values():
        assert isinstance(method, Method) and method.required
        assert list(inspect.signature(method.publish).parameters) == ["site", "dry_run", "spec"]


def test_unknown_method_is_named(tmp_path, content):
    settings = tmp_path / "reglages.py"
    settings.write_text(
        "from publishconf import *\n"
        f"THEME = {str(ROOT / 'theme')!r}\n"
        "PUBLISH_TARGETS = {'pigeon': {'method': 'voyageur'}}\n",
        encoding="utf-8",
    )
    result = publish("pigeon", content, {}, settings=str(settings))
    assert result.returncode == 1
    assert "Méthode inconnue « voyageur »" in result.stderr and "rsync" in result.stderr


def test_dry_run_sends_nothing(content, tmp_path):
    public = tmp_path / "public"
    result = publish("dossier", content, {"DEPLOY_DIR": str(public)}, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Simulation terminée : rien n’a été envoyé." in result.stdout
    assert not public.exists()
