"""`invoke publish`: check strictly, build strictly, then upload — or nothing.

Seven ways to a host, one ``Method`` each (method.py), chosen by the
« method » of a target in PUBLISH_TARGETS (publishconf.py) through the
registry ``METHODS``; one module per transport:

- rsync.py: rsync over SSH, three passes each put in place at its end;
- ftp.py: FTPS (plain FTP only when said), a verified manifest of
  checksums kept on the server;
- rclone_methods.py: sftp, s3, webdav through rclone (rclone.py), no
  state on the server;
- git.py: the site as the only commit of a branch (GitHub or GitLab Pages);
- folder.py: the site swapped into a folder (GitLab Pages' public/).

What is secret or depends on the host comes only from the environment
(or the SSH agent), never from the repository; each method declares its
variables, and a missing one is named before anything is checked or
built. Where a method knows the server's files, the plan (plan.py) says
once what to send, delete and keep: the dry run prints it, the real run
carries it out. Every method sends assets, then pages, then the home
page, then deletes, and never deletes the keep-list (``.well-known/``,
``.user.ini``…): a publication killed at any instant leaves no live
page without its assets, and the next one repairs it.
"""

from __future__ import annotations

import ftplib
import subprocess
import tempfile
from pathlib import Path

from .. import SiteError
from .folder import Folder
from .ftp import Ftp
from .git import Git
from .method import Method, PublishError
from .rclone_methods import S3, Sftp, Webdav
from .rsync import Rsync

__all__ = ["METHODS", "Method", "PublishError", "publish_site"]

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


def legal_gaps(settings: dict) -> list[str]:
    return [key for key, value in settings.get("LEGAL_NOTICE", {}).items() if not value]


def publish_site(
    target: str | None,
    dry_run: bool = False,
    settings_file: Path | str | None = None,
    content: Path | str | None = None,
) -> str:
    """Check and build strictly, then send to ``target``; return the report
    to print.

    What can be known without building is checked first (the target, its
    environment variables, the legal notice), then the content; any
    failure raises ``PublishError`` and sends nothing.
    """
    # Here, not at the top: the methods alone (the kill tests' child
    # processes) need neither Pelican nor the content model.
    from ..build import PRODUCTION, build_site, read_settings
    from ..check import publication_blockers, require_clean

    settings_file = settings_file or PRODUCTION
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
