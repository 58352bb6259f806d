"""FTP for shared hosting (target « mutualise »), written by hand: FTPS
with a verified certificate by default, plain FTP only with
DEPLOY_FTP_TLS=0. A server has no checksums, so a manifest of them is
kept on the server, validated before use; each file is uploaded under a
hidden temporary name then renamed; files this tool did not put there
are never deleted. (rclone would have to compare sizes, missing a page
changed at equal length, or download everything each time.)"""

from __future__ import annotations

import ftplib
import io
import json
import re
import ssl
import sys
from pathlib import Path, PurePosixPath

from .method import Method, PublishError, safe_relative
from .plan import from_manifests, local_files

MANIFEST = ".publication.json"
SHA256 = re.compile(r"[0-9a-f]{64}")
# In the manifest: a file of ours whose content is not known (an upload
# was under way), to be sent again.
UNKNOWN = "0" * 64


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
            todo = from_manifests(local, remote)
            report = "\n".join(todo.report())
            if dry_run:
                return report
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
            # The files to delete stay listed, content unknown, until they
            # are gone: an interrupted run deletes them next time, or sends
            # them again if the site published next has them (with their
            # old checksum, a file already deleted would count as there).
            if todo.delete:
                _write_manifest(connection, base, local | dict.fromkeys(todo.delete, UNKNOWN))
            for path in todo.delete:
                try:
                    connection.delete(str(base / path))
                except ftplib.error_perm:
                    pass  # already gone
            _write_manifest(connection, base, local)
            _remove_empty_dirs(connection, base, remote, local)
            return report
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
