"""rsync over SSH (target « vps »): only changed files (checksums, since
Pelican rewrites every file), in three passes each put in place at its
end (--delay-updates), deletions after the last (--delete-after)."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

from .method import Method, PublishError, keep_list, last_error

# What the first two passes leave for later.
RSYNC_PAGES = ("*.html", "*.html.gz", "*.html.br")
RSYNC_HOME = ("/index.html", "/index.html.gz", "/index.html.br")


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
