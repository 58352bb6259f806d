"""A folder (target « dossier »: GitLab Pages' public/, a folder a CDN
syncs) replaced by the built site in one step (sitetools/swap.py), one
publication at a time; what the site does not own there (the
keep-list: certificates' .well-known/…) passes into the new folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

from ..swap import locked, match_permissions, replace_folder, staging_folder
from .method import Method, keep_list
from .plan import Plan


def files_of(root: Path) -> set[str]:
    """Every file (or link) below ``root``, as relative POSIX paths."""
    if not root.is_dir():
        return set()
    return {
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_symlink() or path.is_file()
    }


def folder_plan(site: Path, target: Path, keep: list[str]) -> Plan:
    """The whole folder is replaced: every file of the site is sent; of
    the old folder, the keep-list's files the site does not have are
    kept (the site's own version wins), everything else goes."""
    names = [entry.rstrip("/") for entry in keep]
    # A kept entry that is itself a link is not followed: it could point anywhere.
    names = [name for name in names if not (target / name).is_symlink()]
    sent = files_of(site)
    present = files_of(target) - sent
    kept = {
        path
        for path in present
        if any(path == name or path.startswith(name + "/") for name in names)
    }
    return Plan.of(sent, present - kept, kept)


class Folder(Method):
    required = ("DEPLOY_DIR",)

    def publish(self, site: Path, dry_run: bool, spec: dict) -> str:
        env = self.environment()
        target = Path(env["DEPLOY_DIR"]).resolve()
        keep = keep_list(spec)
        if dry_run:
            return report(target, folder_plan(site, target, keep))
        with locked(target):
            todo = folder_plan(site, target, keep)
            staging = staging_folder(target)
            shutil.copytree(site, staging, dirs_exist_ok=True)
            match_permissions(staging, target)
            for path in todo.keep:
                _keep(target, staging, path)
            replace_folder(staging, target)
        return report(target, todo)


def report(target: Path, todo: Plan) -> str:
    return "\n".join([f"dossier {target}", *todo.report()])


def _keep(old: Path, new: Path, path: str) -> None:
    """Copy a kept file, and the folders it needs, from ``old`` to
    ``new`` as they are: mode, and owner when run as root."""
    for parent in reversed(PurePosixPath(path).parents[:-1]):
        if not (new / parent).exists():
            (new / parent).mkdir()
            shutil.copystat(old / parent, new / parent)
            _same_owner(old / parent, new / parent)
    shutil.copy2(old / path, new / path, follow_symlinks=False)
    _same_owner(old / path, new / path)


def _same_owner(original: Path, copy: Path) -> None:
    # copy2 keeps the mode, not the owner; only root can give it back.
    if os.geteuid() == 0:
        info = original.lstat()
        os.chown(copy, info.st_uid, info.st_gid, follow_symlinks=False)
