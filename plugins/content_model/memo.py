"""Results of a pure function, by the digest of its input, kept between
builds in CACHE_PATH as JSON (RENDER_CACHE): the typography of a text,
the unsafe markup of a rendered body. JSON, not pickle: a cache/ folder
that CI restored must not be able to run code; an unreadable or foreign
file is ignored (everything is worked out again).

Only what a build used is saved again: a deleted file's results go."""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import tempfile
from pathlib import Path


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def code_version(*files: str | Path) -> str:
    """The digest of the source files whose code the results come from:
    a changed rule is a new version, and the old results are dropped."""
    return hashlib.blake2b(
        b"".join(Path(file).read_bytes() for file in files), digest_size=8
    ).hexdigest()


class DiskMemo:
    def __init__(self, version: str):
        self.version = version
        self.used: dict[str, object] = {}
        self.stored: dict[str, object] = {}  # loaded, not asked for yet
        self._new = False

    def __eq__(self, other) -> bool:
        # By value: a settings dict holding one compares equal to its copy.
        return isinstance(other, DiskMemo) and (self.version, self.used, self.stored) == (
            other.version,
            other.used,
            other.stored,
        )

    __hash__ = None

    def get(self, key: str):
        if key in self.used:
            return self.used[key]
        if key in self.stored:
            self.used[key] = self.stored.pop(key)
            return self.used[key]
        return None

    def put(self, key: str, value) -> None:
        self.used[key] = value
        self._new = True

    def load(self, path: str) -> None:
        try:
            with open(path, encoding="utf-8") as file:
                kept = json.load(file)
        except (OSError, ValueError):
            return
        if isinstance(kept, dict) and kept.get("version") == self.version:
            entries = kept.get("entries")
            if isinstance(entries, dict):
                self.stored = entries

    def save(self, path: str) -> None:
        """Written atomically; nothing to write when every result came
        from the file and all of them were used."""
        if self._new or self.stored:
            folder = os.path.dirname(path) or "."
            os.makedirs(folder, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=folder, delete=False, suffix=".tmp"
            ) as file:
                json.dump({"version": self.version, "entries": self.used}, file, ensure_ascii=False)
            os.replace(file.name, path)
        # The next build of this process (livereload) starts from what
        # was just saved, and asks for it again.
        self.stored, self.used, self._new = self.used, {}, False


_SAVED_AT_EXIT: set[tuple[int, str]] = set()


def save_after_build(memo, path: str, settings: dict) -> None:
    """Save ``memo`` (a DiskMemo or the RenderCache) at ``path`` once a
    build is done; with RENDER_CACHE_AT_EXIT (`invoke livereload`: one
    process for every rebuild, whose memory holds it all), once, when
    the process ends: writing a thousand renderings took half a second
    of each rebuild. A process killed outright loses them: the next one
    renders those files again."""
    if not settings.get("RENDER_CACHE_AT_EXIT"):
        memo.save(path)
    elif (id(memo), path) not in _SAVED_AT_EXIT:
        _SAVED_AT_EXIT.add((id(memo), path))
        atexit.register(memo.save, path)
