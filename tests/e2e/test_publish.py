"""`invoke publish` to real servers on loopback: rsync to a real sshd,
FTP to a real FTP server (pyftpdlib), git pages to a bare repository.
The remote tree equals the build; a deleted page disappears on the next
publication; a failing check, a failing build or a legal notice with
gaps uploads nothing."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from tests.helpers import FIXTURE, INVOKE, ROOT, free_port, pagefind_order_dependent, wait_for_port

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
    """The sitemap's <lastmod> is the build time for undated pages, and
    Pagefind writes its filters in an order of its own each time: what
    two builds of one site may differ by is left out."""
    return {
        k: v
        for k, v in files.items()
        if not k.startswith("sitemap.xml") and not pagefind_order_dependent(k)
    }


@pytest.fixture
def content(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(FIXTURE, copy)
    return copy


def start_ftp(tmp_path, handler_base=None, **attributes):
    """A real FTP server (pyftpdlib) on loopback in ``tmp_path``; returns
    its folder, the DEPLOY_FTP_* variables (plain FTP, said explicitly)
    and the function that stops it."""
    # Imported here, not with the module: pyftpdlib (a test dependency)
    # imports the deprecated asyncore, a warning for tests that need it only.
    from pyftpdlib.authorizers import DummyAuthorizer
    from pyftpdlib.handlers import FTPHandler
    from pyftpdlib.ioloop import IOLoop
    from pyftpdlib.servers import ThreadedFTPServer

    remote = tmp_path / "serveur-ftp"
    remote.mkdir()
    authorizer = DummyAuthorizer()
    authorizer.add_user("centsept", "mot-de-passe-d-essai", str(remote), perm="elradfmwMT")
    handler = type(
        "Handler", (handler_base or FTPHandler,), {"authorizer": authorizer, **attributes}
    )
    port = free_port()
    # Its own loop, not pyftpdlib's shared one: two servers of one test
    # session would otherwise be driven by each other's threads.
    server = ThreadedFTPServer(("127.0.0.1", port), handler, ioloop=IOLoop.factory())
    thread = threading.Thread(target=server.serve_forever, kwargs={"timeout": 0.2}, daemon=True)
    thread.start()
    wait_for_port(port, banner=b"220")  # the FTP greeting
    env = {
        "DEPLOY_FTP_HOST": "127.0.0.1",
        "DEPLOY_FTP_PORT": str(port),
        "DEPLOY_FTP_USER": "centsept",
        "DEPLOY_FTP_PASSWORD": "mot-de-passe-d-essai",
        "DEPLOY_FTP_TLS": "0",
    }

    def stop():
        server.close_all()
        thread.join(timeout=10)

    return remote, env, stop


@pytest.fixture
def ftp_server(tmp_path):
    remote, env, stop = start_ftp(tmp_path)
    yield remote, env
    stop()


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


def test_publish_is_strict_a_warning_refuses_it(content, tmp_path):
    """« Publié en mode strict » (README): a link in plain http is only a
    warning for `invoke check`, and refuses publication (issue #27)."""
    premier = content / "rencontres" / "premier.md"
    text = premier.read_text(encoding="utf-8").rstrip("\n")
    line = len(text.splitlines()) + 2
    premier.write_text(text + "\n\nVoir [le site](http://exemple.org/).\n", encoding="utf-8")
    check = subprocess.run(
        [INVOKE, "check", "--content", str(content)], cwd=ROOT, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout  # a warning, not an error
    assert "avertissement : adresse en http" in check.stdout
    public = tmp_path / "public"
    result = publish("dossier", content, {"DEPLOY_DIR": str(public)})
    assert result.returncode == 1, result.stdout
    assert f"rencontres/premier.md:{line}: lien: avertissement : adresse en http" in result.stdout
    assert "rien n’a été envoyé" in result.stderr and "Traceback" not in result.stderr
    assert not public.exists()


def serve_with_apache(document_root: Path, port: int, logs: Path) -> subprocess.Popen:
    """A real Apache, its children running as www-data, serving
    ``document_root`` itself (no readable copy: what it can read is
    what the publication left)."""
    from tests.e2e.test_servers import APACHE, require, write_apache_conf

    require(APACHE, "apache2")
    conf = write_apache_conf(logs, document_root, port)
    process = subprocess.Popen([APACHE, "-f", str(conf), "-DFOREGROUND"])
    wait_for_port(port)
    return process


def status(port: int, path: str) -> int:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    return connection.getresponse().status


def test_folder_target_served_by_apache_as_www_data(content):
    """`invoke publish --target dossier` into Apache's DocumentRoot: the
    site answers 200 after the first publication and after the second
    (the swapped-in folder was 700, so Apache's www-data got 403); the
    dry run before the second lists exactly what it then does."""
    if os.geteuid() != 0:
        pytest.skip("Apache de test lancé en root, ses processus en www-data (comme en CI)")
    host = Path(tempfile.mkdtemp(prefix="hebergement-"))
    os.chmod(host, 0o755)  # the host's folder above the site, like /var/www
    public, port, apache = host / "public", free_port(), None
    env = {"DEPLOY_DIR": str(public)}
    try:
        first = publish("dossier", content, env)
        assert first.returncode == 0, first.stdout + first.stderr
        apache = serve_with_apache(public, port, host)
        assert status(port, "/") == 200
        assert status(port, "/hors-serie/") == 200
        (content / "rencontres" / "hors-serie.md").unlink()
        dry = publish("dossier", content, env, "--dry-run")
        assert dry.returncode == 0, dry.stderr
        second = publish("dossier", content, env)
        assert second.returncode == 0, second.stdout + second.stderr
        assert status(port, "/") == 200 and status(port, "/a-propos/") == 200
        assert status(port, "/hors-serie/") == 404
        plan = ("dossier ", "envoyer ", "supprimer ", "garder ")

        def plan_lines(output: str) -> list[str]:
            # Each run builds the site again: Pagefind's filter files may
            # be named otherwise (helpers.pagefind_order_dependent).
            return [
                line
                for line in output.splitlines()
                if line.startswith(plan)
                and not pagefind_order_dependent(line.split(" ", 1)[1].strip())
            ]

        said = plan_lines(dry.stdout)
        assert said == plan_lines(second.stdout)
        assert "supprimer hors-serie/index.html" in said and "envoyer index.html" in said
    finally:
        if apache:
            apache.terminate()
            apache.wait(timeout=10)
        shutil.rmtree(host, ignore_errors=True)


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

    assert set(METHODS) == {"rsync", "ftp", "sftp", "s3", "webdav", "folder", "git"}
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


# --- Publishing that cannot half-fail (issue #13) ------------------------------
# Most of these call a method directly on a small made-up site: the
# build is not what they test.

HEX = hashlib.sha256(b"x").hexdigest()


def small_site(tmp_path) -> Path:
    site = tmp_path / "petit-site"
    for name in (
        "index.html",
        "index.html.gz",
        "404.html",
        "a-propos/index.html",
        "a-propos/index.html.br",
        "images/logo.png",
        "pagefind/pagefind.js",
        "theme/css/site.css",
        "zz-dernier.txt",
    ):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(f"contenu de {name}", encoding="utf-8")
    return site


def send(monkeypatch, method, site, env, dry_run=False, spec=None):
    from sitetools.publish import METHODS

    for name in ("DEPLOY_FTP_PATH", "DEPLOY_FTP_TLS", "DEPLOY_FTP_CAFILE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return METHODS[method].publish(site, dry_run, spec or {})


def recording_handler(log: list):
    """An FTP handler that notes when a file appears (STOR, RNTO) or goes (DELE)."""
    from pyftpdlib.handlers import FTPHandler

    class Recording(FTPHandler):
        def ftp_STOR(self, file, mode="w"):
            log.append(("STOR", self.fs.fs2ftp(file)))
            return super().ftp_STOR(file, mode)

        def ftp_RNTO(self, path):
            log.append(("RNTO", self.fs.fs2ftp(path)))
            return super().ftp_RNTO(path)

        def ftp_DELE(self, path):
            log.append(("DELE", self.fs.fs2ftp(path)))
            return super().ftp_DELE(path)

    return Recording


@pytest.fixture
def certificate(tmp_path):
    """A self-signed certificate for 127.0.0.1, as a small host might have."""
    folder = tmp_path / "tls"
    folder.mkdir()
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
        + ["-nodes", "-days", "2", "-subj", "/CN=127.0.0.1"]
        + ["-addext", "subjectAltName=IP:127.0.0.1"]
        + ["-keyout", str(folder / "cle.pem"), "-out", str(folder / "certificat.pem")],
        check=True,
        capture_output=True,
    )
    return folder / "certificat.pem", folder / "cle.pem"


@pytest.fixture
def ftps_server(tmp_path, certificate):
    from pyftpdlib.handlers import TLS_FTPHandler

    cert, key = certificate
    remote, env, stop = start_ftp(tmp_path, TLS_FTPHandler, certfile=str(cert), keyfile=str(key))
    del env["DEPLOY_FTP_TLS"]  # FTPS is the default
    yield remote, env, cert
    stop()


def test_ftps_refuses_a_self_signed_certificate(ftps_server, content):
    remote, env, _ = ftps_server
    result = publish("mutualise", content, env)
    assert result.returncode == 1
    assert "Publication impossible : certificat du serveur FTP" in result.stderr
    assert "DEPLOY_FTP_CAFILE" in result.stderr and "Traceback" not in result.stderr
    assert list(remote.iterdir()) == []


def test_ftps_with_a_pinned_certificate(ftps_server, tmp_path, monkeypatch):
    remote, env, cert = ftps_server
    site = small_site(tmp_path)
    send(monkeypatch, "ftp", site, {**env, "DEPLOY_FTP_CAFILE": str(cert)})
    assert (remote / "index.html").read_text(encoding="utf-8") == "contenu de index.html"
    assert (remote / "theme" / "css" / "site.css").is_file()


def test_plain_ftp_only_when_said_and_then_warned(ftp_server, tmp_path, monkeypatch, capsys):
    from sitetools.publish import PublishError

    remote, env = ftp_server
    site = small_site(tmp_path)
    with pytest.raises(PublishError, match="refuse FTPS.*DEPLOY_FTP_TLS=0"):
        send(monkeypatch, "ftp", site, {k: v for k, v in env.items() if k != "DEPLOY_FTP_TLS"})
    assert list(remote.iterdir()) == []
    send(monkeypatch, "ftp", site, env)
    assert "Attention : FTP sans chiffrement" in capsys.readouterr().err
    assert (remote / "index.html").is_file()


def test_ftp_connection_and_login_errors_in_french(ftp_server, tmp_path, monkeypatch):
    from sitetools.publish import PublishError

    _, env = ftp_server
    site = small_site(tmp_path)
    with pytest.raises(PublishError, match="connexion au serveur FTP 127.0.0.1:.* impossible"):
        send(monkeypatch, "ftp", site, {**env, "DEPLOY_FTP_PORT": str(free_port())})
    with pytest.raises(PublishError, match="identifiant ou mot de passe FTP refusé"):
        send(monkeypatch, "ftp", site, {**env, "DEPLOY_FTP_PASSWORD": "faux"})


@pytest.mark.parametrize(
    "manifest",
    [
        '{"../private/important.txt": "HASH"}',
        '{"/private/important.txt": "HASH"}',
        '{"a//b.html": "HASH"}',
        '{"a/./b.html": "HASH"}',
        '{"a.html\\r\\nDELE x": "HASH"}',
        '{"index.html": "HASH", "theme/css/site.css": "ab',  # truncated
        "[]",
        '"index.html"',
        '{"index.html": 5}',
        '{"index.html": "pas-une-empreinte"}',
    ],
)
def test_untrusted_manifest_stops_everything(ftp_server, tmp_path, monkeypatch, manifest):
    from sitetools.publish import PublishError

    remote, env = ftp_server
    manifest = manifest.replace("HASH", HEX)
    (remote / "private").mkdir()
    (remote / "private" / "important.txt").write_text("x", encoding="utf-8")
    (remote / "www").mkdir()
    (remote / "www" / ".publication.json").write_text(manifest, encoding="utf-8")
    before = tree(remote)
    with pytest.raises(PublishError, match="manifeste .publication.json.*rien n’a été envoyé"):
        send(monkeypatch, "ftp", small_site(tmp_path), {**env, "DEPLOY_FTP_PATH": "/www"})
    assert tree(remote) == before  # nothing deleted, nothing uploaded


def test_ftp_order_assets_pages_home_then_deletions(tmp_path, monkeypatch):
    log = []
    remote, env, stop = start_ftp(tmp_path, recording_handler(log))
    try:
        site = small_site(tmp_path)
        send(monkeypatch, "ftp", site, env)
        (site / "zz-dernier.txt").unlink()
        for name in site.rglob("*"):
            if name.is_file():
                name.write_text("nouveau " + name.name, encoding="utf-8")
        log.clear()
        report = send(monkeypatch, "ftp", site, env)
    finally:
        stop()
    shown = [path.lstrip("/") for verb, path in log if verb in ("RNTO", "DELE")]
    # The manifest first marks what is about to change, lists what is to
    # be deleted until it is, and is final at the end: a publication
    # killed at any point is repaired by the next one.
    assert shown[0] == ".publication.json"
    assert shown[-3:] == [".publication.json", "zz-dernier.txt", ".publication.json"]
    uploads = shown[1:-3]
    first_page = min(i for i, path in enumerate(uploads) if ".html" in path)
    assert all(".html" not in path for path in uploads[:first_page])
    assert all(".html" in path for path in uploads[first_page:])  # assets first
    assert set(uploads[-2:]) == {"index.html", "index.html.gz"}  # the home page last
    assert len(uploads) == 8
    lines = report.splitlines()
    assert lines[-2:] == ["envoyer index.html.gz", "supprimer zz-dernier.txt"]


def test_ftp_cut_during_its_deletions_then_the_earlier_version_published(
    ftp_server, tmp_path, monkeypatch
):
    """A publication cut once a file is deleted, then the version that
    still has that file: the next run sends it again. (The manifest kept
    the deleted file's checksum until its end: the earlier version's
    stylesheet counted as present, and its pages lost their styles.)"""
    import ftplib

    remote, env = ftp_server
    earlier = small_site(tmp_path)
    send(monkeypatch, "ftp", earlier, env)
    later = tmp_path / "version-suivante"
    shutil.copytree(earlier, later)
    (later / "theme" / "css" / "site.css").rename(later / "theme" / "css" / "site.2.css")
    original = ftplib.FTP.delete

    def delete_then_cut(connection, path):
        original(connection, path)
        raise ConnectionResetError("coupure pendant les suppressions")

    with monkeypatch.context() as cut:
        cut.setattr(ftplib.FTP, "delete", delete_then_cut)
        with pytest.raises(ConnectionResetError):
            send(monkeypatch, "ftp", later, env)
    assert not (remote / "theme" / "css" / "site.css").exists()  # cut after this deletion

    send(monkeypatch, "ftp", earlier, env)
    published = {k: v for k, v in tree(remote).items() if k != ".publication.json"}
    assert published == tree(earlier)


def test_ftp_manifest_written_under_a_temporary_name(tmp_path, monkeypatch):
    log = []
    remote, env, stop = start_ftp(tmp_path, recording_handler(log))
    try:
        send(monkeypatch, "ftp", small_site(tmp_path), env)
    finally:
        stop()
    assert ("STOR", "/.publication.json") not in log
    assert ("STOR", "/..publication.json.part") in log
    assert log[-1] == ("RNTO", "/.publication.json")
    assert json.loads((remote / ".publication.json").read_text(encoding="utf-8"))["index.html"]


def test_rsync_keeps_what_the_site_does_not_own(sshd, tmp_path, monkeypatch):
    remote, env = sshd
    (remote / ".well-known" / "acme-challenge").mkdir(parents=True)
    (remote / ".well-known" / "acme-challenge" / "jeton").write_text("acme", encoding="utf-8")
    (remote / ".user.ini").write_text("memory_limit=64M", encoding="utf-8")
    (remote / "perime.html").write_text("vieux", encoding="utf-8")
    send(monkeypatch, "rsync", small_site(tmp_path), env)
    assert (remote / ".well-known" / "acme-challenge" / "jeton").is_file()
    assert (remote / ".user.ini").is_file()
    assert not (remote / "perime.html").exists()
    assert (remote / "index.html").is_file()
    # A target's own keep-list replaces the default, .well-known/ stays.
    (remote / "garde").mkdir()
    (remote / "garde" / "a.txt").write_text("a", encoding="utf-8")
    send(monkeypatch, "rsync", small_site(tmp_path), env, spec={"keep": ["garde/"]})
    assert (remote / "garde" / "a.txt").is_file() and (remote / ".well-known").is_dir()
    assert not (remote / ".user.ini").exists()


def test_rsync_command_home_folder_and_separator(tmp_path):
    from sitetools.publish.rsync import rsync_command

    env = {"DEPLOY_SSH_DEST": "", "DEPLOY_SSH_PORT": "", "DEPLOY_SSH_OPTIONS": ""}
    for dest, sent in (
        ("centsept@hote:", "centsept@hote:"),  # home folder, not « / »
        ("centsept@hote:www", "centsept@hote:www/"),
        ("centsept@hote:/var/www/", "centsept@hote:/var/www/"),
    ):
        command = rsync_command(tmp_path, {**env, "DEPLOY_SSH_DEST": dest}, {}, False)
        assert command[-3:] == ["--", f"{tmp_path}/", sent]
    assert "--filter=P /.well-known/" in command and "--filter=P /.user.ini" in command


def test_git_token_never_on_the_command_line(content, tmp_path, monkeypatch):
    """The token reaches the server (HTTP Basic) but no command line."""
    import base64
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from sitetools.publish import PublishError

    seen = []

    class Server(BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.headers.get("Authorization"))
            self.send_response(403 if self.headers.get("Authorization") else 401)
            self.send_header("WWW-Authenticate", 'Basic realm="essai"')
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    http = ThreadingHTTPServer(("127.0.0.1", 0), Server)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    calls = tmp_path / "appels-git.txt"
    wrapper = tmp_path / "bin" / "git"
    wrapper.parent.mkdir()
    wrapper.write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$*" >> {calls}\nexec {shutil.which("git")} "$@"\n',
        encoding="utf-8",
    )
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{wrapper.parent}:{os.environ['PATH']}")
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    port = http.server_address[1]
    remote = f"http://publication:jeton-secret-42@127.0.0.1:{port}/depot.git"
    try:
        with pytest.raises(PublishError) as error:
            send(monkeypatch, "git", small_site(tmp_path), {"DEPLOY_GIT_REMOTE": remote})
    finally:
        http.shutdown()
    expected = base64.b64encode(b"publication:jeton-secret-42").decode()
    assert f"Basic {expected}" in seen  # the credentials still work
    logged = calls.read_text(encoding="utf-8")
    assert f"http://127.0.0.1:{port}/depot.git" in logged
    assert "jeton-secret-42" not in logged and "jeton-secret-42" not in str(error.value)


def test_git_dry_run_writes_nothing_in_the_site(tmp_path, monkeypatch):
    bare = tmp_path / "pages.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    site = small_site(tmp_path)
    report = send(monkeypatch, "git", site, {"DEPLOY_GIT_REMOTE": str(bare)}, dry_run=True)
    assert not (site / ".nojekyll").exists()
    assert ".nojekyll" in report  # still in what would be pushed


def test_folder_dry_run_lists_every_file(tmp_path, monkeypatch):
    public = tmp_path / "public"
    public.mkdir()
    (public / "ancien.html").write_text("ancien", encoding="utf-8")
    site = small_site(tmp_path)
    report = send(monkeypatch, "folder", site, {"DEPLOY_DIR": str(public)}, dry_run=True)
    lines = report.splitlines()
    assert "envoyer theme/css/site.css" in lines and "envoyer a-propos/index.html" in lines
    assert len([line for line in lines if line.startswith("envoyer ")]) == 9
    assert "supprimer ancien.html" in lines
    assert [p.name for p in public.iterdir()] == ["ancien.html"]


def test_folder_dry_run_says_what_the_real_run_does(tmp_path, monkeypatch):
    """One plan: the dry run prints it, the real run carries it out and
    prints the same; checked against what happened to the folder. The
    keep-list is kept, not listed as deleted (issue #27)."""
    public = tmp_path / "public"
    old = ("ancien.html", "index.html", ".well-known/tok", ".well-known/security.txt", ".user.ini")
    for name in (*old, "vieux/page.html"):
        (public / name).parent.mkdir(parents=True, exist_ok=True)
        (public / name).write_text(f"ancien {name}", encoding="utf-8")
    site = small_site(tmp_path)
    # In the keep-list and in the site: the site's own version wins.
    (site / ".well-known").mkdir()
    (site / ".well-known" / "security.txt").write_text("du site", encoding="utf-8")
    env = {"DEPLOY_DIR": str(public)}
    before = tree(public)
    dry = send(monkeypatch, "folder", site, env, dry_run=True)
    assert tree(public) == before
    real = send(monkeypatch, "folder", site, env)
    assert real == dry
    after, built = tree(public), tree(site)

    def said(verb):
        return {line.split(" ", 1)[1] for line in dry.splitlines() if line.startswith(verb + " ")}

    assert said("envoyer") == set(built) and all(after[p] == built[p] for p in built)
    assert said("supprimer") == set(before) - set(after) == {"ancien.html", "vieux/page.html"}
    assert said("garder") == {".well-known/tok", ".user.ini"}
    assert all(after[p] == before[p] for p in said("garder"))
    assert set(after) == said("envoyer") | said("garder")


def test_folder_keeps_what_the_site_does_not_own(tmp_path, monkeypatch):
    """.well-known/ (certificates) and the keep-list survive the swap;
    the rest of the old folder goes."""
    public = tmp_path / "public"
    (public / ".well-known" / "acme-challenge").mkdir(parents=True)
    (public / ".well-known" / "acme-challenge" / "jeton").write_text("j", encoding="utf-8")
    (public / ".user.ini").write_text("x", encoding="utf-8")
    (public / "ancien.html").write_text("ancien", encoding="utf-8")
    site = small_site(tmp_path)
    send(monkeypatch, "folder", site, {"DEPLOY_DIR": str(public)})
    assert (public / ".well-known" / "acme-challenge" / "jeton").read_text(encoding="utf-8") == "j"
    assert (public / ".user.ini").is_file()
    assert not (public / "ancien.html").exists()
    assert (public / "a-propos" / "index.html").is_file()
    send(monkeypatch, "folder", site, {"DEPLOY_DIR": str(public)}, spec={"keep": []})
    assert (public / ".well-known" / "acme-challenge" / "jeton").is_file()  # always kept
    assert not (public / ".user.ini").exists()


def test_rsync_order_assets_pages_home_then_deletions(sshd, tmp_path, monkeypatch):
    """Three rsync passes, each put in place at its end: the report
    (--itemize-changes, one line per file) gives their order."""
    remote, env = sshd
    site = small_site(tmp_path)
    send(monkeypatch, "rsync", site, env)
    (site / "zz-dernier.txt").unlink()
    for name in site.rglob("*"):
        if name.is_file():
            name.write_text("nouveau " + name.name, encoding="utf-8")
    report = send(monkeypatch, "rsync", site, env)
    lines = [
        line.split(" ", 1)[1].strip() for line in report.splitlines() if line[:2] in ("<f", "*d")
    ]
    pages = [i for i, path in enumerate(lines) if ".html" in path]
    assert lines[: pages[0]] and all(".html" not in path for path in lines[: pages[0]])
    assert lines[-3:-1] == ["index.html", "index.html.gz"]  # the home page last
    assert lines[-1] == "zz-dernier.txt" and "*deleting" in report.splitlines()[-1]
    assert tree(remote) == tree(site)


def test_git_keeps_the_previews_of_the_pages_branch(tmp_path, monkeypatch):
    """The pages branch also holds the pull requests' previews
    (previews/pr-N/, written by the workflow): a publication keeps them,
    and only them, with .well-known/."""
    bare = tmp_path / "pages.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    other = tmp_path / "autre"
    subprocess.run(["git", "init", "-q", "-b", "pages", str(other)], check=True)
    for name in ("previews/pr-3/index.html", "ancienne-page.html", ".well-known/jeton"):
        (other / name).parent.mkdir(parents=True, exist_ok=True)
        (other / name).write_text(name, encoding="utf-8")
    git = ["git", "-C", str(other), "-c", "user.name=t", "-c", "user.email=t@localhost"]
    subprocess.run([*git, "add", "--all"], check=True)
    subprocess.run([*git, "commit", "-qm", "avant"], check=True)
    subprocess.run([*git, "push", "-q", str(bare), "pages"], check=True)
    site = small_site(tmp_path)
    spec = {"branch": "pages", "keep": ["previews/"]}
    report = send(monkeypatch, "git", site, {"DEPLOY_GIT_REMOTE": str(bare)}, spec=spec)
    assert "gardé previews/" in report
    files = subprocess.run(
        ["git", "-C", str(bare), "ls-tree", "-r", "--name-only", "pages"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "previews/pr-3/index.html" in files and ".well-known/jeton" in files
    assert "ancienne-page.html" not in files
    assert set(files) == {*tree(site), ".nojekyll", "previews/pr-3/index.html", ".well-known/jeton"}
