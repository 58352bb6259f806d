"""`invoke publish`: check, build strictly, then upload — or nothing.

Four ways to a host, one ``Method`` each, chosen by the « method » of a
target in PUBLISH_TARGETS (publishconf.py) through ``METHODS``; each
sends with ``publish(site, dry_run, spec) -> report``. What is secret or
depends on the host comes only from the environment (or the SSH agent),
never from the repository, and a missing variable is named before
anything is checked or built:

- ``rsync`` over SSH: only changed files (checksums, since Pelican
  rewrites every file), new files put in place together at the end
  (--delay-updates), deletions after the transfer (--delete-after);
- ``ftp`` (FTP, or FTPS when DEPLOY_FTP_TLS=1) for shared hosting: a
  manifest of checksums kept on the server says what changed; each file
  is uploaded under a temporary name then renamed, stale files are
  deleted last; files this tool did not put there are never deleted;
- ``git``: the built site as the only commit of a branch (GitHub or
  GitLab Pages), pushed with --force;
- ``folder``: the built site swapped into a folder (GitLab Pages'
  public/, a folder a CDN syncs).
"""

from __future__ import annotations

import ftplib
import hashlib
import io
import json
import os
import shlex
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import SiteError
from .build import PRODUCTION, build_site, read_settings
from .checking import require_clean

MANIFEST = ".publication.json"


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


def plan(local: dict[str, str], remote: dict[str, str]) -> Plan:
    """What to send and what to remove, from two manifests."""
    upload = [path for path, digest in local.items() if remote.get(path) != digest]
    delete = sorted((path for path in remote if path not in local), reverse=True)
    return Plan(upload, delete)


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
            "--delete-after",
            "--delay-updates",
            "--omit-dir-times",
            "--chmod=D755,F644",
            "--itemize-changes",
            "-e",
            shlex.join(ssh),
        ]
        if dry_run:
            command.append("--dry-run")
        command += [f"{site}/", env["DEPLOY_SSH_DEST"].rstrip("/") + "/"]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode:
            raise PublishError(f"rsync a échoué ({result.returncode}) : {result.stderr.strip()}")
        return result.stdout


class Ftp(Method):
    required = ("DEPLOY_FTP_HOST", "DEPLOY_FTP_USER", "DEPLOY_FTP_PASSWORD")
    optional = ("DEPLOY_FTP_PATH", "DEPLOY_FTP_PORT", "DEPLOY_FTP_TLS")

    def publish(self, site: Path, dry_run: bool, spec: dict) -> str:
        env = self.environment()
        connection = ftplib.FTP_TLS() if env["DEPLOY_FTP_TLS"] == "1" else ftplib.FTP()
        connection.connect(env["DEPLOY_FTP_HOST"], int(env["DEPLOY_FTP_PORT"] or 21), timeout=30)
        connection.login(env["DEPLOY_FTP_USER"], env["DEPLOY_FTP_PASSWORD"])
        if isinstance(connection, ftplib.FTP_TLS):
            connection.prot_p()
        base = PurePosixPath(env["DEPLOY_FTP_PATH"] or "/")
        try:
            remote = _read_manifest(connection, base)
            local = local_files(site)
            todo = plan(local, remote)
            report = [f"envoyer {path}" for path in todo.upload]
            report += [f"supprimer {path}" for path in todo.delete]
            if dry_run:
                return "\n".join(report)
            made = set()
            for path in todo.upload:
                target = base / path
                _make_dirs(connection, target.parent, made)
                partial = target.with_name(f".{target.name}.part")
                with open(site / path, "rb") as file:
                    connection.storbinary(f"STOR {partial}", file)
                connection.rename(str(partial), str(target))
            # The new manifest before deleting: an interrupted run is resumed.
            connection.storbinary(
                f"STOR {base / MANIFEST}", io.BytesIO(json.dumps(local, indent=0).encode("utf-8"))
            )
            for path in todo.delete:
                try:
                    connection.delete(str(base / path))
                except ftplib.error_perm:
                    pass  # already gone
            _remove_empty_dirs(connection, base, remote, local)
            return "\n".join(report)
        finally:
            connection.quit()


def _read_manifest(connection: ftplib.FTP, base: PurePosixPath) -> dict[str, str]:
    buffer = io.BytesIO()
    try:
        connection.retrbinary(f"RETR {base / MANIFEST}", buffer.write)
    except ftplib.error_perm:
        return {}  # first publication: nothing of ours to delete
    return json.loads(buffer.getvalue().decode("utf-8"))


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
            return f"copier le site dans {target}"
        staging = target.with_name(f".{target.name}.nouveau")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(site, staging)
        previous = target.with_name(f".{target.name}.ancien")
        shutil.rmtree(previous, ignore_errors=True)
        if target.exists():
            target.rename(previous)
        staging.rename(target)
        shutil.rmtree(previous, ignore_errors=True)
        return f"site copié dans {target}"


class Git(Method):
    """The site as the only commit of the target's branch (« branch »,
    by default « pages »), pushed with --force."""

    required = ("DEPLOY_GIT_REMOTE",)

    def publish(self, site: Path, dry_run: bool, spec: dict) -> str:
        env = self.environment()
        branch = spec.get("branch", "pages")
        # Tells GitHub Pages to serve the files as they are (no Jekyll).
        (site / ".nojekyll").touch()
        with tempfile.TemporaryDirectory() as work:

            def run(*args):
                return subprocess.run(
                    ["git", "-C", work, *args], check=True, capture_output=True, text=True
                ).stdout

            run("init", "-q", "-b", branch)
            run("--work-tree", str(site), "add", "--all")
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
                return run("show", "--stat", "--format=%s", "HEAD")
            result = subprocess.run(
                [
                    "git",
                    "-C",
                    work,
                    "push",
                    "--force",
                    env["DEPLOY_GIT_REMOTE"],
                    f"HEAD:refs/heads/{branch}",
                ],
                capture_output=True,
                text=True,
            )
            if result.returncode:
                raise PublishError(f"git push a échoué : {result.stderr.strip()}")
            return result.stderr


# The « method » of each target in PUBLISH_TARGETS → how it is sent.
METHODS: dict[str, Method] = {"rsync": Rsync(), "ftp": Ftp(), "folder": Folder(), "git": Git()}


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
    require_clean(content, then="rien n’a été envoyé")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        try:
            build_site(settings_file, site, content)
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
