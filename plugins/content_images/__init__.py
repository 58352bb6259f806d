"""Images in content: every Markdown image of content/ gets the class
that has the pelican-image-process plugin give it responsive WebP sizes
and a fallback (IMAGE_PROCESS["photo"] in pelicanconf.py), and what that
plugin leaves to the page: ``width``/``height`` of what is displayed (so
nothing shifts while it loads), ``loading="lazy"``, ``decoding="async"``.

The classes are set by a Python-Markdown extension: the images are known
there, before any HTML exists to re-parse. pelican-image-process is used
as a library (not listed in PLUGINS), on the pages that need it only.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from pelican import signals
from pelican.plugins.image_process.image_process import harvest_images
from PIL import Image

from plugins.settings import declare

from .core import displayed_size, without_metadata

PHOTO_CLASS = "image-process-photo"


class _Photos(Treeprocessor):
    def __init__(self, md, content_path: Path, max_width: int):
        super().__init__(md)
        self.content_path = content_path
        self.max_width = max_width

    def run(self, root: etree.Element) -> None:
        for image in root.iter("img"):
            source = self._source_file(image.get("src", ""))
            if source is None:
                continue  # not one of our images: left as it is
            try:
                with Image.open(source) as opened:
                    width, height = displayed_size(opened.size, self.max_width)
            except (OSError, Image.DecompressionBombError):
                continue  # not an image: the content model reports it

            image.set("class", PHOTO_CLASS)
            image.set("width", str(width))
            image.set("height", str(height))
            image.set("loading", "lazy")
            image.set("decoding", "async")

    def _source_file(self, src: str) -> Path | None:
        for prefix in ("{static}", "{attach}", "/"):
            if src.startswith(prefix):
                path = (self.content_path / src[len(prefix) :].lstrip("/")).resolve()
                # Never a file outside content/ (the content model refuses
                # such links; this extension must not read them first).
                inside = path.is_relative_to(self.content_path.resolve())
                return path if inside and path.is_file() else None
        return None


class PhotoExtension(Extension):
    def __init__(self, content_path: str, max_width: int):
        super().__init__()
        self.content_path = Path(content_path)
        self.max_width = max_width

    def extendMarkdown(self, md):
        md.treeprocessors.register(
            _Photos(md, self.content_path, self.max_width), "content_photos", 3
        )


# The widest a photo is shown, in CSS pixels (its fallback size).
DEFAULT_SETTINGS = {"PHOTO_MAX_WIDTH": 960}


def add_markdown_extension(pelican):
    settings = pelican.settings
    declare(settings, DEFAULT_SETTINGS)
    extensions = settings.setdefault("MARKDOWN", {}).setdefault("extensions", [])
    extensions.append(PhotoExtension(settings["PATH"], settings["PHOTO_MAX_WIDTH"]))


def process_written_page(path, context):
    """Hand the page to pelican-image-process only if it has an image for
    it. That plugin, registered as such, parses and rewrites every page
    with BeautifulSoup; most pages have no image (bench/: 0.67 s on
    1,000 interviews). Its feed handler is not used: feed readers get
    the original images."""
    with open(path, encoding="utf-8") as page:
        if "image-process-" not in page.read():
            return
    harvest_images(path, context)


IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}


def strip_published_originals(pelican):
    """The originals of content/images/ are published too (feed readers
    and direct links get them): without their metadata (camera, GPS),
    like the sizes pelican-image-process makes. Each stripped file is
    kept in CACHE_PATH under the digest of the original, so a build
    re-encodes only new or changed photos."""
    output = Path(pelican.output_path)
    cache = Path(pelican.settings["CACHE_PATH"]) / "images-sans-metadonnees"
    derivatives = pelican.settings.get("IMAGE_PROCESS_DIR", "derivatives")
    for folder in pelican.settings["STATIC_PATHS"]:
        for path in sorted((output / folder).rglob("*")):
            if path.suffix.lower() not in IMAGE_SUFFIXES or derivatives in path.parts:
                continue
            if not path.is_file() or path.is_symlink():
                continue
            data = path.read_bytes()
            cached = cache / (hashlib.sha256(data).hexdigest() + path.suffix.lower())
            if not cached.exists():
                stripped = without_metadata(data)
                cache.mkdir(parents=True, exist_ok=True)
                handle, partial = tempfile.mkstemp(dir=cache, prefix=".", suffix=".partiel")
                with os.fdopen(handle, "wb") as file:
                    file.write(data if stripped is None else stripped)
                os.replace(partial, cached)
            path.unlink()  # a fresh file: never write through a hard link
            shutil.copyfile(cached, path)


def register():
    signals.initialized.connect(add_markdown_extension)
    signals.finalized.connect(strip_published_originals)
    signals.content_written.connect(process_written_page)
