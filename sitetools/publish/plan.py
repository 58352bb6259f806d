"""The plan of a publication: what to send, in which order, what to
delete and what to leave alone, computed once. A dry run prints it; the
real run carries out that same object and prints it too, so the two
reports cannot differ."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

# Upload ranks, in order: a reader never gets a page whose stylesheet,
# script or image is not there yet, nor a home page linking to a page
# that is not.
ASSETS, PAGES, HOME = 0, 1, 2


def upload_rank(path: str) -> int:
    """Assets (0) before pages (1) before the home page (2).
    Precompressed copies of a page go with the page."""
    page = re.sub(r"\.(gz|br)$", "", path)
    if page == "index.html":
        return HOME
    return PAGES if page.endswith(".html") else ASSETS


@dataclass(frozen=True)
class Plan:
    upload: list[str]  # assets, then pages, then the home page
    delete: list[str]  # pages before the assets they may use, deepest first
    keep: list[str] = field(default_factory=list)  # the server's own, left as they are

    @classmethod
    def of(cls, upload, delete, keep=()) -> Plan:
        return cls(
            sorted(upload, key=lambda path: (upload_rank(path), path)),
            # A page still live (about to go) never loses its stylesheet.
            sorted(sorted(delete, reverse=True), key=lambda path: -upload_rank(path)),
            sorted(keep),
        )

    def rank(self, rank: int) -> list[str]:
        return [path for path in self.upload if upload_rank(path) == rank]

    def deletions(self) -> tuple[list[str], list[str]]:
        """The deletions in two steps: pages, then the files they used."""
        pages = [path for path in self.delete if upload_rank(path) != ASSETS]
        return pages, self.delete[len(pages) :]

    def report(self) -> list[str]:
        """One line per file, as both the dry run and the real run print it."""
        return (
            [f"envoyer {path}" for path in self.upload]
            + [f"supprimer {path}" for path in self.delete]
            + [f"garder {path}" for path in self.keep]
        )


def from_manifests(local: dict[str, str], remote: dict[str, str]) -> Plan:
    """What to send and what to remove, from two « path → checksum » maps."""
    upload = [path for path, digest in local.items() if remote.get(path) != digest]
    return Plan.of(upload, [path for path in remote if path not in local])


def local_files(root: Path) -> dict[str, str]:
    """Relative POSIX path → SHA-256 of every file of the built site."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }
