"""Pagefind's own gzip files, written again smaller in the same format.

Pagefind gzips its WebAssembly engine and each index's metadata itself,
and its JavaScript unpacks them in the browser, whether the host
compresses them again or not: every first search downloads these
files. Zopfli writes the same gzip format 4 to 9 % smaller (N = 1,000:
engine 72.3 → 69.0 KB, metadata 5.5 → 5.0 KB).

The engine takes Zopfli 0.9 s, and it only changes with Pagefind's
version: its smaller copy is kept in the repository (``moteurs/``, made
by ``python -m plugins.search_index.recompress``) and put in the bundle
only if it unpacks to the very bytes Pagefind wrote, so that a copy left
behind by a Pagefind upgrade is never served (a test then says to make
it again). A metadata file, one a lot, takes 0.03 s: written at build.
(The index chunks and excerpts, hundreds of files, stay as Pagefind
wrote them.)
"""

from __future__ import annotations

import gzip
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import zopfli.gzip

ENGINES = Path(__file__).with_name("moteurs")


def smaller(raw: bytes) -> bytes:
    """``raw`` (a gzip file) compressed again by Zopfli: the same bytes
    once unpacked."""
    return zopfli.gzip.compress(gzip.decompress(raw))


def kept_engine(raw: bytes, name: str, engines: Path = ENGINES) -> bytes:
    """The kept smaller copy of the engine ``name`` if it unpacks to what
    ``raw`` unpacks to; ``raw`` otherwise (no copy, or a stale one)."""
    try:
        kept = (engines / name).read_bytes()
        if gzip.decompress(kept) == gzip.decompress(raw):
            return kept
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error):
        pass
    return raw


def recompress_bundle(bundle: Path, engines: Path = ENGINES) -> None:
    """Every engine (``wasm.*.pagefind``) and every metadata file
    (``*.pf_meta``) of a Pagefind bundle and its lots."""
    for path in sorted(bundle.rglob("wasm.*.pagefind")):
        raw = path.read_bytes()
        kept = kept_engine(raw, path.name, engines)
        if kept is not raw:
            path.write_bytes(kept)
    for path in sorted(bundle.rglob("*.pf_meta")):
        path.write_bytes(smaller(path.read_bytes()))


def pagefind_engines() -> dict[str, bytes]:
    """The engines the installed Pagefind writes for a French site, as
    it writes them (a one-page site indexed in a temporary folder)."""
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        (site / "index.html").write_text(
            '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Essai</title>'
            "</head><body><main data-pagefind-body><p>Le Centsept, à Lyon.</p></main></body>"
            "</html>",
            encoding="utf-8",
        )
        command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
        subprocess.run(command, check=True)
        return {path.name: path.read_bytes() for path in (site / "pagefind").glob("wasm.*")}


def write_engines(engines: Path = ENGINES) -> list[str]:
    """The smaller copies of the installed Pagefind's engines, in ``engines``."""
    engines.mkdir(exist_ok=True)
    written = []
    for name, raw in sorted(pagefind_engines().items()):
        (engines / name).write_bytes(smaller(raw))
        written.append(name)
    return written


if __name__ == "__main__":
    names = write_engines()
    print(f"Moteurs de Pagefind recompressés dans {ENGINES} : {', '.join(names)}.")
