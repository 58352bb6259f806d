"""Fingerprints and precompression for static files. Pure functions."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import brotli

COMPRESSIBLE = {".html", ".css", ".js", ".xml", ".txt", ".svg", ".json", ".webmanifest"}


def fingerprinted_name(name: str, data: bytes) -> str:
    """« site.css » → « site.0123456789.css »: a new name when the bytes
    change, so the file can be cached for a year."""
    stem, dot, suffix = name.rpartition(".")
    digest = hashlib.sha256(data).hexdigest()[:10]
    return f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"


def precompress(path: Path) -> list[Path]:
    """Write ``path``.gz and ``path``.br beside it (deterministic bytes:
    no time stamp in the gzip header) and return them."""
    data = path.read_bytes()
    written = []
    gz = path.with_name(path.name + ".gz")
    gz.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    br = path.with_name(path.name + ".br")
    # Quality 5: 0.35 ms for an interview page against 16 ms at 11, for
    # 5 % more bytes (bench/build.py showed 11 tripling a build).
    br.write_bytes(brotli.compress(data, quality=5))
    written += [gz, br]
    return written
