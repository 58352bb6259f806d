"""What every way to a host shares: the ``Method`` interface, the
keep-list, and the French error that says why nothing was sent."""

from __future__ import annotations

import os
from pathlib import Path

from .. import SiteError

# What a publication never deletes on the server unless a target says
# otherwise (« keep »): ACME challenges, PHP settings of shared hosting.
DEFAULT_KEEP = (".well-known/", ".user.ini")


class PublishError(SiteError):
    """Why nothing was uploaded, in French."""


class Method:
    """One way to a host.

    ``required`` and ``optional`` are the one declared list of the
    environment variables it reads (the README's table of targets is
    checked against them); all missing ones are named at once, before
    anything is checked or built. ``publish`` sends a built site, or
    with ``dry_run`` says what it would send, and returns the report.
    """

    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()

    @property
    def variables(self) -> tuple[str, ...]:
        return self.required + self.optional

    def environment(self) -> dict[str, str]:
        missing = [name for name in self.required if not os.environ.get(name)]
        if missing:
            raise PublishError(
                "variable(s) d’environnement manquante(s) : "
                + ", ".join(missing)
                + " (rien n’a été envoyé)."
            )
        return {name: os.environ.get(name, "") for name in self.variables}

    def publish(self, site: Path, dry_run: bool, spec: dict) -> str:
        """Send ``site`` (or, with ``dry_run``, say what would be sent);
        return the report to print."""
        raise NotImplementedError


def safe_relative(path: object) -> bool:
    """A relative POSIX path that stays below its base."""
    return (
        isinstance(path, str)
        and bool(path)
        and not path.startswith("/")
        and "\\" not in path
        # A CR or LF would end an FTP command and start another.
        and not any(ord(char) < 32 or ord(char) == 127 for char in path)
        and all(part not in ("", ".", "..") for part in path.split("/"))
    )


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


def last_error(stderr: str) -> str:
    """One line of a tool's error output: its last non-empty one."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    return lines[-1] if lines else "erreur inconnue"
