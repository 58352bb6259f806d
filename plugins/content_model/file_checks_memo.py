"""The key under which `invoke livereload` keeps what one Markdown file's
own checks gave (validation.validate's ``memo``): its bytes, and what
those checks read besides it. Its body's checks are kept under this key
and the site's addresses (Addresses.fingerprint); the other cross-file
checks always run again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .files import MARKDOWN_EXTENSIONS


def surroundings_of(files, settings: dict) -> str:
    """What a Markdown file's own checks read besides itself: which
    files content/ has (links, portraits), the bytes of those that are
    not Markdown (a linked image is checked: size and date stand for
    them), the theme's templates (``template:``)."""
    seen = []
    for path, _ in files:
        entry = [str(path), path.is_symlink()]
        if path.suffix[1:] not in MARKDOWN_EXTENSIONS:
            try:
                info = path.stat()
                entry += [info.st_size, info.st_mtime_ns]
            except OSError:
                entry.append(None)
        seen.append(entry)
    templates = sorted(p.name for p in (Path(settings["THEME"]) / "templates").glob("*.html"))
    return hashlib.sha256(repr((seen, templates)).encode("utf-8")).hexdigest()


def memo_key(path: Path, surroundings: str) -> tuple | None:
    if path.suffix[1:] not in MARKDOWN_EXTENSIONS or path.is_symlink():
        return None
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
    return (str(path), digest, surroundings)
