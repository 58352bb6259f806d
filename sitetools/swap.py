"""Replace a folder by another in one step, one writer at a time.

`invoke build` swaps its finished build into output/, the « dossier »
publishing target into DEPLOY_DIR. A crash at any instant must leave
either the old folder or the new one, never none; two builds at once
must not trip over each other; a killed build's staging folder must not
stay forever.

On Linux, renameat2(RENAME_EXCHANGE) swaps two paths atomically (the
standard library has no binding for it, hence ctypes); elsewhere, or on
a file system without it, two renames (a short instant without the
folder, said here so nobody relies on more).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths atomically; False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(error, os.strerror(error), str(second))


@contextlib.contextmanager
def locked(target: Path) -> Iterator[None]:
    """One writer of ``target`` at a time (a lock file beside it); the
    staging folders a killed writer left are removed once it is held."""
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = target.with_name(f".{target.name}.verrou")
    with open(lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        for stale in target.parent.glob(f".{target.name}.nouveau-*"):
            if str(stale) not in _REMOVING:  # not this process's, being removed
                shutil.rmtree(stale, ignore_errors=True)
        yield


def staging_folder(target: Path) -> Path:
    """A fresh folder beside ``target``, on the same file system."""
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.nouveau-", dir=target.parent))


def match_permissions(new: Path, target: Path) -> None:
    """Make ``new``, about to take ``target``'s place, readable by the
    host as ``target`` was: mkdtemp made it 700, and a web server
    running as another user (Apache's www-data) would answer 403. It
    gets ``target``'s mode and, when run as root, its owner (755 on a
    first publication); what it holds, 755 for folders and 644 for
    files (as rsync's --chmod=D755,F644), with the same owner."""
    try:
        info = target.stat()
        mode, owner = stat.S_IMODE(info.st_mode), (info.st_uid, info.st_gid)
    except FileNotFoundError:
        mode, owner = 0o755, None
    as_root = owner is not None and os.geteuid() == 0
    for folder, folders, files in os.walk(new):
        for name in folders + files:
            path = os.path.join(folder, name)
            if as_root:
                os.chown(path, *owner, follow_symlinks=False)
            if not os.path.islink(path):
                os.chmod(path, 0o755 if name in folders else 0o644)
    if as_root:
        os.chown(new, *owner)
    os.chmod(new, mode)


# Old folders this process's threads are removing: the next livereload
# rebuild, when a save comes quickly, must not wait for them in ``locked``.
_REMOVING: set[str] = set()


def _remove_in_background(folder: Path) -> None:
    _REMOVING.add(str(folder))

    def remove() -> None:
        shutil.rmtree(folder, ignore_errors=True)
        _REMOVING.discard(str(folder))

    threading.Thread(target=remove, daemon=True).start()


def replace_folder(new: Path, target: Path, background: bool = False) -> None:
    """Put ``new`` in ``target``'s place; the old one is removed after
    (with ``background``, by a thread: on some disks removing a thousand
    pages takes seconds, which `invoke livereload` need not wait for; a
    folder left by a process that ended first is removed by ``locked``)."""
    if target.exists() and _exchange(new, target):
        # ``new`` now holds the old folder, under a staging name.
        if background:
            _remove_in_background(new)
        else:
            shutil.rmtree(new, ignore_errors=True)
        return
    previous = target.with_name(f".{target.name}.ancien")
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.rename(previous)
    new.rename(target)
    shutil.rmtree(previous, ignore_errors=True)
