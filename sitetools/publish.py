"""`invoke publish`: check, build strictly, then upload — or nothing.

Seven ways to a host, one ``Method`` each, chosen by the « method » of a
target in PUBLISH_TARGETS (publishconf.py) through ``METHODS``; each
sends with ``publish(site, dry_run, spec) -> report``. What is secret or
depends on the host comes only from the environment (or the SSH agent),
never from the repository, and a missing variable is named before
anything is checked or built. Every method sends assets, then pages,
then the home page, then deletes, and never deletes the keep-list
(``.well-known/``, ``.user.ini``…): a publication killed at any instant
leaves no live page without its assets, and the next one repairs it.

- ``rsync`` over SSH: only changed files (checksums, since Pelican
  rewrites every file), in three passes each put in place at its end
  (--delay-updates), deletions after the last (--delete-after);
- ``ftp`` (FTPS with a verified certificate by default; plain FTP only
  with DEPLOY_FTP_TLS=0) for shared hosting: a manifest of checksums
  kept on the server, validated before use, says what changed; each
  file is uploaded under a hidden temporary name then renamed; files
  this tool did not put there are never deleted;
- ``sftp``, ``s3``, ``webdav`` through rclone (sitetools/rclone.py): no
  state on the server, the host key or certificate checked;
- ``git``: the built site (and the branch's keep-list) as the only
  commit of a branch (GitHub or GitLab Pages), pushed with --force, the
  token kept off command lines;
- ``folder``: the built site swapped into a folder (GitLab Pages'
  public/, a folder a CDN syncs).
"""

from __future__ import annotations

import ftplib
import hashlib
import io
import json
import os
import re
import shlex
import shutil
import ssl
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit, urlunsplit

from . import SiteError, rclone
from .build import PRODUCTION, build_site, read_settings
from .check import publication_blockers, require_clean
from .swap import locked, replace_folder, staging_folder

MANIFEST = ".publication.json"
# What rsync never deletes on the server unless a target says otherwise
# (« keep »): ACME challenges, PHP settings of shared hosting.
DEFAULT_KEEP = (".well-known/", ".user.ini")
SHA256 = re.compile(r"[0-9a-f]{64}")
# In the FTP manifest: a file of ours whose content is not known (an
# upload was under way), to be sent again.
UNKNOWN = "0" * 64


class PublishError(SiteError):
    """Why nothing was uploaded, in French."""


def legal_gaps(settings: dict) -> list[str]:
    return [key for key, value in settings.get("LEGAL_NOTICE", {}).items() if not value]


def local_files(root: Path) -> dict[str, str]:
    """Relative POSIX path → SHA-256 of every file of the built site."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@dataclass
class Plan:
    upload: list[str]
    delete: list[str]


def upload_rank(path: str) -> int:
    """Assets (0) before pages (1) before the home page (2): a reader
    never gets a page whose stylesheet, script or image is not there
    yet. Precompressed copies of a page go with the page."""
    page = re.sub(r"\.(gz|br)$", "", path)
    if page == "index.html":
        return 2
    return 1 if page.endswith(".html") else 0


def plan(local: dict[str, str], remote: dict[str, str]) -> Plan:
    """What to send (in a safe order) and what to remove, from two manifests."""
    upload = [path for path, digest in local.items() if remote.get(path) != digest]
    upload.sort(key=lambda path: (upload_rank(path), path))
    delete = sorted((path for path in remote if path not in local), reverse=True)
    return Plan(upload, delete)


def safe_relative(path: object) -> bool:
    """A relative POSIX path that stays below its base."""
    return (
        isinstance(path, str)
        and bool(path)
        and not path.startswith("/")
        and "\\" not in path
        # A CR or LF would end the FTP command and start another.
        and not any(ord(char) < 32 or ord(char) == 127 for char in path)
        and all(part not in ("", ".", "..") for part in path.split("/"))
    )


def parse_manifest(raw: bytes) -> dict[str, str]:
    """The server's manifest, refused unless it is exactly what this tool
    writes: the server may have been tampered with, and its paths are
    about to be deleted."""
    where = f"le manifeste {MANIFEST} du serveur"
    advice = " ; rien n’a été envoyé ni supprimé. Vérifiez-le, ou supprimez-le pour tout renvoyer."
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise PublishError(f"{where} est illisible (JSON invalide ou tronqué){advice}") from None
    if not isinstance(data, dict):
        raise PublishError(f"{where} n’est pas un objet JSON{advice}")
    for path, digest in data.items():
        if not safe_relative(path) or path == MANIFEST:
            raise PublishError(f"{where} contient un chemin refusé : {path!r}{advice}")
        if not isinstance(digest, str) or not SHA256.fullmatch(digest):
            raise PublishError(
                f"{where} contient une empreinte invalide pour {path!r} : {digest!r}{advice}"
            )
    return data


class Method:
    """One way to a host: the environment variables it needs (all
    missing ones named at once, before anything is checked or built)
    and how it sends a built site."""

    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()

    def environment(self) -> dict[str, str]:
        missing = [name for name in self.required if not os.environ.get(name)]
        if missing:
            raise PublishError(
                "variable(s) d’environnement manquante(s) : "
                + ", ".join(missing)
                + " (rien n’a été envoyé)."
            )
        return {name: os.environ.get(name, "") for name in self.required + self.optional}

    def publish(self, site: Path, dry_run: bool, spec: dict) -> str:
        """Send ``site`` (or, with ``dry_run``, say what would be sent);
        return the report to print."""
        raise NotImplementedError


class Rsync(Method):
    required = ("DEPLOY_SSH_DEST",)
    optional = ("DEPLOY_SSH_PORT", "DEPLOY_SSH_OPTIONS")

    def publish(self, site: Path, dry_run: bool, spec: dict) -> str:
        env = self.environment()
        report = ""
        # Three passes, each put in place at its end (--delay-updates):
        # the assets, then the pages, then the home page and the
        # deletions. A dry run is the last pass alone: it lists it all.
        passes = [] if dry_run else [RSYNC_PAGES + RSYNC_HOME, RSYNC_HOME]
        for exclude in [*passes, ()]:
            command = rsync_command(site, env, spec, dry_run, exclude)
            result = subprocess.run(command, capture_output=True, text=True)
            if result.returncode:
                raise PublishError(
                    f"rsync a échoué ({result.returncode}) : {last_error(result.stderr)}"
                )
            report += result.stdout
        return report


# What the first two rsync passes leave for later.
RSYNC_PAGES = ("*.html", "*.html.gz", "*.html.br")
RSYNC_HOME = ("/index.html", "/index.html.gz", "/index.html.br")


def last_error(stderr: str) -> str:
    """One line of a tool's error output: its last non-empty one."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    return lines[-1] if lines else "erreur inconnue"


def keep_list(spec: dict) -> list[str]:
    """What the site does not own on the server: the target's « keep »
    (by default DEFAULT_KEEP), always with .well-known/."""
    keep = list(spec.get("keep", DEFAULT_KEEP))
    if ".well-known/" not in keep:
        keep.insert(0, ".well-known/")
    for entry in keep:
        if not isinstance(entry, str) or not safe_relative(entry.rstrip("/")):
            raise PublishError(f"« keep » : chemin refusé {entry!r} (chemin relatif attendu).")
    return keep


def rsync_command(
    site: Path, env: dict[str, str], spec: dict, dry_run: bool, exclude: tuple[str, ...] = ()
) -> list[str]:
    """The rsync command line; with ``exclude``, an upload pass that
    leaves those files for later and deletes nothing."""
    ssh = ["ssh", "-o", "BatchMode=yes"]
    if env["DEPLOY_SSH_PORT"]:
        ssh += ["-p", env["DEPLOY_SSH_PORT"]]
    ssh += shlex.split(env["DEPLOY_SSH_OPTIONS"])
    command = [
        "rsync",
        "--recursive",
        "--links",
        "--compress",
        "--checksum",
        *([f"--exclude={pattern}" for pattern in exclude] or ["--delete-after"]),
        "--delay-updates",
        "--omit-dir-times",
        "--chmod=D755,F644",
        "--itemize-changes",
        "-e",
        shlex.join(ssh),
    ]
    # Protected from --delete; anchored at the top of the destination.
    for entry in keep_list(spec):
        command.append(f"--filter=P /{entry}")
    if dry_run:
        command.append("--dry-run")
    dest = env["DEPLOY_SSH_DEST"]
    # « user@host: » is the home folder; adding « / » would make it the root.
    if not dest.endswith((":", "/")):
        dest += "/"
    # « -- »: a destination starting with « - » is a path, not an option.
    return [*command, "--", f"{site}/", dest]


class Ftp(Method):
    required = ("DEPLOY_FTP_HOST", "DEPLOY_FTP_USER", "DEPLOY_FTP_PASSWORD")
    optional = ("DEPLOY_FTP_PATH", "DEPLOY_FTP_PORT", "DEPLOY_FTP_TLS", "DEPLOY_FTP_CAFILE")

    def publish(self, site: Path, dry_run: bool, spec: dict) -> str:
        env = self.environment()
        connection = _ftp_login(env)
        base = PurePosixPath(env["DEPLOY_FTP_PATH"] or "/")
        try:
            # Validated before anything is sent: a bad manifest stops all.
            remote = _read_manifest(connection, base)
            local = local_files(site)
            todo = plan(local, remote)
            report = [f"envoyer {path}" for path in todo.upload]
            report += [f"supprimer {path}" for path in todo.delete]
            if dry_run:
                return "\n".join(report)
            # Before anything changes, the manifest marks every file about
            # to be sent as « content unknown » (but ours): killed halfway,
            # the next run sends them again, or deletes them if the site
            # no longer has them; never trusts a stale checksum.
            if todo.upload:
                _write_manifest(connection, base, remote | dict.fromkeys(todo.upload, UNKNOWN))
            made = set()
            for path in todo.upload:
                target = base / path
                _make_dirs(connection, target.parent, made)
                with open(site / path, "rb") as file:
                    _store(connection, target, file)
            # The files to delete stay listed until they are gone: an
            # interrupted run deletes them next time.
            if todo.delete:
                _write_manifest(connection, base, local | {p: remote[p] for p in todo.delete})
            for path in todo.delete:
                try:
                    connection.delete(str(base / path))
                except ftplib.error_perm:
                    pass  # already gone
            _write_manifest(connection, base, local)
            _remove_empty_dirs(connection, base, remote, local)
            return "\n".join(report)
        finally:
            try:
                connection.quit()
            except (OSError, ftplib.Error):
                connection.close()


def _ftp_login(env: dict[str, str]) -> ftplib.FTP:
    """A logged-in connection: FTPS with the server's certificate checked
    (against DEPLOY_FTP_CAFILE alone when given), plain FTP only when
    DEPLOY_FTP_TLS=0 says so."""
    host, port = env["DEPLOY_FTP_HOST"], int(env["DEPLOY_FTP_PORT"] or 21)
    tls = env["DEPLOY_FTP_TLS"] != "0"
    if tls:
        try:
            context = ssl.create_default_context(cafile=env["DEPLOY_FTP_CAFILE"] or None)
        except (OSError, ssl.SSLError) as error:
            raise PublishError(
                f"certificat de DEPLOY_FTP_CAFILE illisible ({env['DEPLOY_FTP_CAFILE']}) : {error}"
            ) from None
        connection = ftplib.FTP_TLS(context=context)
    else:
        print(
            "Attention : FTP sans chiffrement (DEPLOY_FTP_TLS=0) : le mot de passe et "
            "les fichiers passent en clair sur le réseau.",
            file=sys.stderr,
        )
        connection = ftplib.FTP()
    try:
        connection.connect(host, port, timeout=30)
    except OSError as error:
        raise PublishError(
            f"connexion au serveur FTP {host}:{port} impossible ({error}) ; rien n’a été envoyé."
        ) from None
    try:
        if tls:
            connection.auth()
        connection.login(env["DEPLOY_FTP_USER"], env["DEPLOY_FTP_PASSWORD"])
        if tls:
            connection.prot_p()
    except ssl.SSLCertVerificationError as error:
        connection.close()
        raise PublishError(
            f"certificat du serveur FTP {host} refusé ({error.verify_message}) ; "
            "pour un certificat auto-signé, donnez-le dans DEPLOY_FTP_CAFILE. "
            "Rien n’a été envoyé."
        ) from None
    except ftplib.error_perm as error:
        # AUTH TLS refused: the socket was never wrapped.
        refused_tls = tls and not isinstance(connection.sock, ssl.SSLSocket)
        connection.close()
        if refused_tls:
            raise PublishError(
                f"le serveur FTP {host} refuse FTPS ({error}) ; FTP en clair seulement "
                "avec DEPLOY_FTP_TLS=0 (le mot de passe passe alors en clair). "
                "Rien n’a été envoyé."
            ) from None
        raise PublishError(
            f"identifiant ou mot de passe FTP refusé par {host} ({error}) ; rien n’a été envoyé."
        ) from None
    except (OSError, ftplib.Error) as error:
        connection.close()
        raise PublishError(
            f"connexion au serveur FTP {host}:{port} impossible ({error}) ; rien n’a été envoyé."
        ) from None
    return connection


def _store(connection: ftplib.FTP, target: PurePosixPath, file) -> None:
    """Upload under a hidden temporary name, then rename: a reader sees
    the old file or the new one, never half of one."""
    partial = target.with_name(f".{target.name}.part")
    connection.storbinary(f"STOR {partial}", file)
    connection.rename(str(partial), str(target))


def _write_manifest(connection: ftplib.FTP, base: PurePosixPath, files: dict[str, str]) -> None:
    _store(connection, base / MANIFEST, io.BytesIO(json.dumps(files, indent=0).encode("utf-8")))


def _read_manifest(connection: ftplib.FTP, base: PurePosixPath) -> dict[str, str]:
    buffer = io.BytesIO()
    try:
        connection.retrbinary(f"RETR {base / MANIFEST}", buffer.write)
    except ftplib.error_perm:
        return {}  # first publication: nothing of ours to delete
    return parse_manifest(buffer.getvalue())


def _make_dirs(connection: ftplib.FTP, directory: PurePosixPath, made: set) -> None:
    for parent in reversed([directory, *directory.parents]):
        if str(parent) in made or str(parent) in ("/", "."):
            continue
        try:
            connection.mkd(str(parent))
        except ftplib.error_perm:
            pass  # exists
        made.add(str(parent))


def _remove_empty_dirs(connection, base, remote, local):
    local_dirs = {str(PurePosixPath(p).parent) for p in local}
    gone = {str(PurePosixPath(p).parent) for p in remote} - local_dirs - {"."}
    for directory in sorted(gone, key=len, reverse=True):
        try:
            connection.rmd(str(base / directory))
        except ftplib.error_perm:
            pass  # not empty: something else lives there


class Folder(Method):
    """Fill DEPLOY_DIR with the site, replacing what was there at once."""

    required = ("DEPLOY_DIR",)

    def publish(self, site: Path, dry_run: bool, spec: dict) -> str:
        env = self.environment()
        target = Path(env["DEPLOY_DIR"]).resolve()
        if dry_run:
            # Every file, as for ftp: the whole folder is replaced.
            present = local_files(target) if target.is_dir() else {}
            site_files = local_files(site)
            report = [f"dossier {target}"]
            report += [f"envoyer {path}" for path in site_files]
            report += [f"supprimer {path}" for path in present if path not in site_files]
            return "\n".join(report)
        with locked(target):
            staging = staging_folder(target)
            shutil.copytree(site, staging, dirs_exist_ok=True)
            # What the site does not own (certificates' .well-known/…)
            # goes into the new folder too, before it takes the old's place.
            for entry in keep_list(spec):
                kept = target / entry.rstrip("/")
                if kept.is_dir() and not kept.is_symlink():
                    shutil.copytree(kept, staging / entry.rstrip("/"), dirs_exist_ok=True)
                elif kept.is_file() and not kept.is_symlink():
                    shutil.copy2(kept, staging / entry.rstrip("/"))
            replace_folder(staging, target)
        return f"site copié dans {target}"


class Git(Method):
    """The site as the only commit of the target's branch (« branch »,
    by default « pages »), pushed with --force."""

    required = ("DEPLOY_GIT_REMOTE",)

    def publish(self, site: Path, dry_run: bool, spec: dict) -> str:
        env = self.environment()
        branch = spec.get("branch", "pages")
        remote, git_env = git_remote(env["DEPLOY_GIT_REMOTE"])
        with tempfile.TemporaryDirectory() as work:

            def run(*args, stdin=""):
                return subprocess.run(
                    ["git", "-C", work, *args],
                    check=True,
                    capture_output=True,
                    text=True,
                    input=stdin,
                ).stdout

            run("init", "-q", "-b", branch)
            run("--work-tree", str(site), "add", "--all")
            kept = self._keep(work, remote, branch, git_env, site, spec)
            # Tells GitHub Pages to serve the files as they are (no Jekyll);
            # put in the commit only, so the built site (and a dry run)
            # is left untouched.
            empty = run("hash-object", "-w", "--stdin").strip()
            run("update-index", "--add", "--cacheinfo", f"100644,{empty},.nojekyll")
            run(
                "-c",
                "user.name=Publication",
                "-c",
                "user.email=publication@localhost",
                "commit",
                "-q",
                "-m",
                "Publication du site",
            )
            if dry_run:
                return kept + run("show", "--stat", "--format=%s", "HEAD")
            result = subprocess.run(
                ["git", "-C", work, "push", "--force", remote, f"HEAD:refs/heads/{branch}"],
                capture_output=True,
                text=True,
                env={**os.environ, **git_env},
            )
            if result.returncode:
                raise PublishError(f"git push a échoué : {result.stderr.strip()}")
            return kept + result.stderr

    @staticmethod
    def _keep(work, remote, branch, git_env, site, spec) -> str:
        """Put in the new commit what the branch has and the site does not
        own (the keep-list: GitHub previews' previews/, .well-known/…),
        taken from the branch as it is now; what it kept, for the report."""
        fetch = subprocess.run(
            ["git", "-C", work, "fetch", "-q", "--depth=1", remote, f"refs/heads/{branch}"],
            capture_output=True,
            text=True,
            env={**os.environ, **git_env},
        )
        if fetch.returncode:
            return ""  # no such branch yet (a first publication); push will say if worse
        report = ""
        for entry in keep_list(spec):
            name = entry.rstrip("/")
            if (site / name).exists():
                continue  # the site's own
            listed = (
                subprocess.run(
                    ["git", "-C", work, "ls-tree", "FETCH_HEAD", "--", name],
                    capture_output=True,
                    text=True,
                )
                .stdout.split("\t")[0]
                .split()
            )
            if not listed:
                continue
            mode, kind, object_id = listed
            if kind == "tree":
                git_args = ["read-tree", f"--prefix={name}/", object_id]
            else:
                git_args = ["update-index", "--add", "--cacheinfo", f"{mode},{object_id},{name}"]
            subprocess.run(["git", "-C", work, *git_args], check=True, capture_output=True)
            report += f"gardé {entry}\n"
        return report


def git_remote(remote: str) -> tuple[str, dict[str, str]]:
    """The remote without its credentials, and the environment that gives
    them back to git. A token in the URL would be on git's command line
    (and git-remote-https's), readable by any user in `ps`; instead it
    travels in environment variables, read by a credential helper that
    is itself configured through GIT_CONFIG_* variables, not `-c`."""
    url = urlsplit(remote)
    env = {"GIT_TERMINAL_PROMPT": "0"}  # fail rather than wait for a password
    if url.scheme not in ("http", "https") or url.username is None:
        return remote, env
    host = url.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if url.port:
        netloc += f":{url.port}"
    helper = (
        '!f() { test "$1" = get && printf "username=%s\\npassword=%s\\n" '
        '"$PUBLICATION_GIT_USERNAME" "$PUBLICATION_GIT_PASSWORD"; }; f'
    )
    env |= {
        "PUBLICATION_GIT_USERNAME": unquote(url.username),
        "PUBLICATION_GIT_PASSWORD": unquote(url.password or ""),
        # An empty helper first drops the user's own helpers for this push.
        "GIT_CONFIG_COUNT": "2",
        "GIT_CONFIG_KEY_0": "credential.helper",
        "GIT_CONFIG_VALUE_0": "",
        "GIT_CONFIG_KEY_1": "credential.helper",
        "GIT_CONFIG_VALUE_1": helper,
    }
    return urlunsplit(url._replace(netloc=netloc)), env


# --- rclone: sftp, s3, webdav ---------------------------------------------------

# Where sftp and webdav uploads land before being renamed into place: a
# hidden folder, which the shipped .htaccess and nginx configuration
# never serve (like every path with a « /. »), so a half-sent file, or
# rclone's own « .partial » name inside it, is never public.
STAGING = ".publication-en-cours"


def glob_escaped(path: str) -> str:
    """A literal path in an rclone filter rule (its globs escaped)."""
    return re.sub(r"([\\*?\[\]{}])", r"\\\1", path)


def rclone_filters(keep: list[str]) -> list[str]:
    """rclone never compares, uploads or deletes what the site does not
    own (the keep-list) nor the staging folder; anchored at the target's top."""
    rules = [f"--filter=- /{STAGING}/**"]
    for entry in keep:
        name = glob_escaped(entry.rstrip("/"))
        rules.append(f"--filter=- /{name}/**" if entry.endswith("/") else f"--filter=- /{name}")
    return rules


def gone_folders(deleted: list[str], kept: dict[str, str]) -> list[str]:
    """Folders of deleted files that hold nothing of the new site, deepest first."""

    def parents(path: str) -> set[str]:
        return {str(parent) for parent in PurePosixPath(path).parents} - {"."}

    still = set().union(*(parents(path) for path in kept)) if kept else set()
    gone = set().union(*(parents(path) for path in deleted)) if deleted else set()
    return sorted(gone - still, key=lambda folder: (-folder.count("/"), folder))


class RcloneMethod(Method):
    """A target reached through rclone (sitetools/rclone.py). No state on
    the server: ``rclone check`` compares the site with what is there.
    Upload order: assets, then pages, then the home page, then the
    deletions; each rank is put in place before the next starts, so a
    reader never gets a page whose assets are missing. With ``staging``,
    files are first sent into the hidden STAGING folder, then renamed
    into place (a rename on the server: one file is old or new, never
    half); without it, the backend's own uploads are atomic (S3)."""

    staging = True

    def remote(self, env: dict[str, str]) -> rclone.Remote:
        raise NotImplementedError

    def publish(self, site: Path, dry_run: bool, spec: dict) -> str:
        env = self.environment()
        filters = rclone_filters(keep_list(spec))
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            try:
                remote = self.remote(env)
                todo = rclone.compare(site, remote, work, filters)
            except rclone.RcloneError as error:
                raise PublishError(f"{error} ; rien n’a été envoyé ni supprimé.") from None
            refused = [path for path in todo.upload + todo.delete if not safe_relative(path)]
            if refused:
                raise PublishError(
                    f"nom de fichier refusé sur le serveur : {refused[0]!r} ; "
                    "rien n’a été envoyé ni supprimé."
                )
            upload = sorted(todo.upload, key=lambda path: (upload_rank(path), path))
            delete = sorted(todo.delete, reverse=True)
            report = [f"envoyer {path}" for path in upload]
            report += [f"supprimer {path}" for path in delete]
            if dry_run:
                return "\n".join(report)
            try:
                self._send(site, remote, work, upload, delete)
            except rclone.RcloneError as error:
                raise PublishError(
                    f"{error} ; envoi interrompu, le site en ligne reste cohérent et "
                    "la prochaine publication reprendra l’envoi."
                ) from None
            return "\n".join(report)

    def _send(self, site, remote, work, upload, delete):
        def listing(name: str, paths: list[str]) -> str:
            # NUL-separated: a name is a name, whatever its characters.
            (work / name).write_bytes(b"".join(path.encode() + b"\0" for path in paths))
            return f"--files-from0={work / name}"

        source, push = str(site), ["--no-check-dest", "--no-traverse"]
        if self.staging and upload:
            rclone.run(
                remote, work, "copy", source, remote.path(STAGING), listing("tout", upload), *push
            )
            source = remote.path(STAGING)
        for rank in (0, 1, 2):
            paths = [path for path in upload if upload_rank(path) == rank]
            if paths:
                verb = "move" if self.staging else "copy"
                rclone.run(
                    remote, work, verb, source, remote.path(), listing(f"rang{rank}", paths), *push
                )
        if delete:
            rclone.run(remote, work, "delete", remote.path(), listing("supprimer", delete))
            for folder in gone_folders(delete, local_files(site)):
                try:
                    rclone.run(remote, work, "rmdir", remote.path(folder))
                except rclone.RcloneError:
                    pass  # not empty: something else lives there
        if self.staging:
            try:  # what a killed publication left there too
                rclone.run(remote, work, "purge", remote.path(STAGING))
            except rclone.RcloneError:
                pass  # already gone


def plain_warning(url: str, kind: str) -> None:
    if url.lower().startswith("http://"):
        print(
            f"Attention : {kind} sans chiffrement ({url}) : identifiants et fichiers "
            "passent en clair sur le réseau.",
            file=sys.stderr,
        )


class Sftp(RcloneMethod):
    """SFTP, the host's key checked against known_hosts (never skipped:
    rclone alone would accept any key)."""

    required = ("DEPLOY_SFTP_HOST", "DEPLOY_SFTP_USER")
    optional = (
        "DEPLOY_SFTP_PATH",
        "DEPLOY_SFTP_PORT",
        "DEPLOY_SFTP_PASSWORD",
        "DEPLOY_SFTP_KEY_FILE",
        "DEPLOY_SFTP_KNOWN_HOSTS",
    )

    def environment(self) -> dict[str, str]:
        env = super().environment()
        known = Path(env["DEPLOY_SFTP_KNOWN_HOSTS"] or Path.home() / ".ssh" / "known_hosts")
        if not known.is_file():
            raise PublishError(
                f"fichier known_hosts introuvable ({known}) : la clé d’hôte du serveur SFTP "
                "doit y être (ssh-keyscan, vérifiée) ou dans DEPLOY_SFTP_KNOWN_HOSTS "
                "(rien n’a été envoyé)."
            )
        env["DEPLOY_SFTP_KNOWN_HOSTS"] = str(known.resolve())
        return env

    def remote(self, env: dict[str, str]) -> rclone.Remote:
        options = {
            "type": "sftp",
            "host": env["DEPLOY_SFTP_HOST"],
            "user": env["DEPLOY_SFTP_USER"],
            "port": env["DEPLOY_SFTP_PORT"],
            "key_file": env["DEPLOY_SFTP_KEY_FILE"],
            "known_hosts_file": env["DEPLOY_SFTP_KNOWN_HOSTS"],
        }
        if env["DEPLOY_SFTP_PASSWORD"]:
            options["pass"] = rclone.obscure(env["DEPLOY_SFTP_PASSWORD"])
        where = f"serveur SFTP {env['DEPLOY_SFTP_HOST']}"
        return rclone.Remote(options, env["DEPLOY_SFTP_PATH"], where=where)


class S3(RcloneMethod):
    """S3-compatible object storage (a French provider's endpoint, a
    bucket behind a CDN). An object appears only once fully uploaded
    (multipart uploads included): no staging folder needed."""

    staging = False
    required = (
        "DEPLOY_S3_ENDPOINT",
        "DEPLOY_S3_BUCKET",
        "DEPLOY_S3_ACCESS_KEY_ID",
        "DEPLOY_S3_SECRET_ACCESS_KEY",
    )
    optional = ("DEPLOY_S3_REGION", "DEPLOY_S3_PREFIX", "DEPLOY_S3_PROVIDER", "DEPLOY_S3_CAFILE")

    def remote(self, env: dict[str, str]) -> rclone.Remote:
        plain_warning(env["DEPLOY_S3_ENDPOINT"], "S3")
        options = {
            "type": "s3",
            "provider": env["DEPLOY_S3_PROVIDER"] or "Other",
            "endpoint": env["DEPLOY_S3_ENDPOINT"],
            "region": env["DEPLOY_S3_REGION"],
            "access_key_id": env["DEPLOY_S3_ACCESS_KEY_ID"],
            "secret_access_key": env["DEPLOY_S3_SECRET_ACCESS_KEY"],
            # The bucket exists: never try to create one.
            "no_check_bucket": "true",
        }
        bucket = env["DEPLOY_S3_BUCKET"].strip("/")
        if not safe_relative(bucket) or "/" in bucket:
            raise PublishError(f"DEPLOY_S3_BUCKET : nom de seau refusé {bucket!r}.")
        prefix = env["DEPLOY_S3_PREFIX"].strip("/")
        if prefix and not safe_relative(prefix):
            raise PublishError(f"DEPLOY_S3_PREFIX : préfixe refusé {prefix!r}.")
        flags = ["--ca-cert", env["DEPLOY_S3_CAFILE"]] if env["DEPLOY_S3_CAFILE"] else []
        where = f"stockage S3 {env['DEPLOY_S3_ENDPOINT']}"
        root = "/".join(filter(None, (bucket, prefix)))
        return rclone.Remote(options, root, flags, where, probe=bucket)


class Webdav(RcloneMethod):
    required = ("DEPLOY_WEBDAV_URL", "DEPLOY_WEBDAV_USER", "DEPLOY_WEBDAV_PASSWORD")
    optional = ("DEPLOY_WEBDAV_PATH", "DEPLOY_WEBDAV_VENDOR", "DEPLOY_WEBDAV_CAFILE")

    def remote(self, env: dict[str, str]) -> rclone.Remote:
        plain_warning(env["DEPLOY_WEBDAV_URL"], "WebDAV")
        options = {
            "type": "webdav",
            "url": env["DEPLOY_WEBDAV_URL"],
            "vendor": env["DEPLOY_WEBDAV_VENDOR"] or "other",
            "user": env["DEPLOY_WEBDAV_USER"],
            "pass": rclone.obscure(env["DEPLOY_WEBDAV_PASSWORD"]),
        }
        flags = ["--ca-cert", env["DEPLOY_WEBDAV_CAFILE"]] if env["DEPLOY_WEBDAV_CAFILE"] else []
        where = f"serveur WebDAV {env['DEPLOY_WEBDAV_URL']}"
        return rclone.Remote(options, env["DEPLOY_WEBDAV_PATH"], flags, where)


# The « method » of each target in PUBLISH_TARGETS → how it is sent.
METHODS: dict[str, Method] = {
    "rsync": Rsync(),
    "ftp": Ftp(),
    "sftp": Sftp(),
    "s3": S3(),
    "webdav": Webdav(),
    "folder": Folder(),
    "git": Git(),
}


def publish_site(
    target: str | None,
    dry_run: bool = False,
    settings_file: Path | str = PRODUCTION,
    content: Path | str | None = None,
) -> str:
    """Check, build strictly, then send to ``target``; return the report
    to print.

    What can be known without building is checked first (the target, its
    environment variables, the legal notice), then the content; any
    failure raises ``PublishError`` and sends nothing.
    """
    settings = read_settings(settings_file, content)
    targets = settings.get("PUBLISH_TARGETS", {})
    possible = (
        f"cibles possibles : {', '.join(targets) or 'aucune'} "
        f"(PUBLISH_TARGETS, {Path(settings_file).name})."
    )
    if not target:
        raise PublishError(f"Précisez la cible avec --target NOM ; {possible}")
    if target not in targets:
        raise PublishError(f"Cible inconnue « {target} » ; {possible}")
    spec = targets[target]
    if spec.get("method") not in METHODS:
        raise PublishError(
            f"Méthode inconnue « {spec.get('method')} » pour la cible « {target} » "
            f"; méthodes possibles : {', '.join(METHODS)}."
        )
    method = METHODS[spec["method"]]
    try:
        method.environment()
    except PublishError as error:
        raise PublishError(f"Publication impossible : {error}") from None
    gaps = legal_gaps(settings) if spec.get("production", True) else []
    if gaps:
        raise PublishError(
            "Mentions légales incomplètes, à remplir dans LEGAL_NOTICE "
            "(pelicanconf.py) : " + ", ".join(gaps) + ". Rien n’a été envoyé."
        )
    # Checked under the production settings it is built with, strictly
    # (warnings refuse publication too); the build need not validate again.
    require_clean(content, then="rien n’a été envoyé", settings_file=settings_file, strict=True)
    production = spec.get("production", True)
    unfinished = publication_blockers(content, settings_file) if production else []
    if unfinished:
        raise PublishError(
            "\n".join(unfinished)
            + "\nNotes « à compléter » dans des pages à publier : finissez ces pages "
            "(puis retirez leur ligne a_completer), ou mettez-les en brouillon "
            "(« status: draft »). Rien n’a été envoyé."
        )
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        try:
            build_site(settings_file, site, content, CONTENT_VALIDATION=False)
        except SiteError as error:
            raise PublishError(f"{error}\nRien n’a été envoyé.") from None
        try:
            report = method.publish(site, dry_run, spec)
        except PublishError as error:
            raise PublishError(f"Publication impossible : {error}") from None
        except (OSError, ftplib.Error, subprocess.CalledProcessError) as error:
            raise PublishError(f"Publication interrompue : {error}") from None
    return (
        report.rstrip("\n")
        + "\n"
        + ("Simulation terminée : rien n’a été envoyé." if dry_run else f"Publié sur « {target} ».")
    )
