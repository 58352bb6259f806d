"""sftp, s3 and webdav targets, through rclone (rclone.py drives the
binary). No state on the server: ``rclone check`` compares the site
with what is there; the host key or certificate is always checked."""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path, PurePosixPath

from . import rclone
from .method import Method, PublishError, keep_list, safe_relative
from .plan import ASSETS, HOME, PAGES, Plan, local_files

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
    """A target reached through rclone (rclone.py). No state on
    the server: ``rclone check`` compares the site with what is there.
    Upload order: assets, then pages, then the home page, then the
    deletions (pages, then assets); each step is put in place before the next starts, so a
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
                found = rclone.compare(site, remote, work, filters)
            except rclone.RcloneError as error:
                raise PublishError(f"{error} ; rien n’a été envoyé ni supprimé.") from None
            refused = [path for path in found.upload + found.delete if not safe_relative(path)]
            if refused:
                raise PublishError(
                    f"nom de fichier refusé sur le serveur : {refused[0]!r} ; "
                    "rien n’a été envoyé ni supprimé."
                )
            todo = Plan.of(found.upload, found.delete)
            report = "\n".join(todo.report())
            if dry_run:
                return report
            try:
                self._send(site, remote, work, todo)
            except rclone.RcloneError as error:
                raise PublishError(
                    f"{error} ; envoi interrompu, le site en ligne reste cohérent et "
                    "la prochaine publication reprendra l’envoi."
                ) from None
            return report

    def _send(self, site: Path, remote: rclone.Remote, work: Path, todo: Plan) -> None:
        def listing(name: str, paths: list[str]) -> str:
            # NUL-separated: a name is a name, whatever its characters.
            (work / name).write_bytes(b"".join(path.encode() + b"\0" for path in paths))
            return f"--files-from0={work / name}"

        source, push = str(site), ["--no-check-dest", "--no-traverse"]
        if self.staging and todo.upload:
            everything = listing("tout", todo.upload)
            rclone.run(remote, work, "copy", source, remote.path(STAGING), everything, *push)
            source = remote.path(STAGING)
        for rank in (ASSETS, PAGES, HOME):
            paths = todo.rank(rank)
            if paths:
                verb = "move" if self.staging else "copy"
                rclone.run(
                    remote, work, verb, source, remote.path(), listing(f"rang{rank}", paths), *push
                )
        pages, assets = todo.deletions()
        for name, group in (("supprimer-pages", pages), ("supprimer-fichiers", assets)):
            if group:
                rclone.run(remote, work, "delete", remote.path(), listing(name, group))
        if todo.delete:
            for folder in gone_folders(todo.delete, local_files(site)):
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
