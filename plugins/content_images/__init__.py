"""Images in content: every Markdown image of content/ gets the class
that has the pelican-image-process plugin give it responsive WebP sizes
and a fallback (IMAGE_PROCESS["photo"] in pelicanconf.py), and what that
plugin leaves to the page: ``width``/``height`` of what is displayed (so
nothing shifts while it loads), ``loading="lazy"``, ``decoding="async"``.

The classes are set by a Python-Markdown extension: the images are known
there, before any HTML exists to re-parse. pelican-image-process is used
as a library (not listed in PLUGINS), on the pages that need it only.

Each image of content/ is cleaned once, before anything is made from it:
its metadata removed and its pixels turned the way the phone held it
(EXIF Orientation), in CACHE_PATH under the digest of the original. The
published original and every size pelican-image-process makes (photos,
portraits) come from that one copy.
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

from plugins.content_model.files import file_type
from plugins.run_state import build_state
from plugins.settings import declare

from . import core
from .core import ORIENTATION, displayed_size, upright_size, without_metadata

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
                    orientation = opened.getexif().get(ORIENTATION)
                    shown = upright_size(opened.size, orientation)
                width, height = displayed_size(shown, self.max_width)
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
                if not path.is_relative_to(self.content_path.resolve()):
                    return None
                # The page depends on this file, present or not: a rendering
                # kept between builds is redone when it changes (source.py).
                getattr(self.md, "read_files", set()).add(str(path))
                return path if path.is_file() else None
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
    # Made now, before Pelican copies the settings into the writer's
    # context: the pages' handler (process_written_page) sees the same.
    _cleaned(settings)


def process_written_page(path, context):
    """Hand the page to pelican-image-process only if it has an image for
    it. That plugin, registered as such, parses and rewrites every page
    with BeautifulSoup; most pages have no image (bench/: 0.67 s on
    1,000 interviews). Its feed handler is not used: feed readers get
    the original images. It makes its sizes from the cleaned copies
    (``clean_static_images``), not from the editors' files."""
    with open(path, encoding="utf-8") as page:
        if "image-process-" not in page.read():
            return
    # The writer's context is a copy of this build's settings.
    cleaned = {key: copy for key, (_, copy) in _cleaned(context).items()}
    harvest_images(path, {**context, "static_content": {**context["static_content"], **cleaned}})


def _cleaned(settings) -> dict:
    """This build's cleaned images: Pelican's key of each static image
    → (its Static, what pelican-image-process reads of it)."""
    return build_state(settings, __name__)


class _CleanedStatic:
    """What pelican-image-process reads of a static file (its
    ``compute_paths``): its address, from Pelican's own object, and the
    file to make sizes from, the cleaned copy."""

    def __init__(self, static, source_path: Path):
        self.static = static
        self.source_path = str(source_path)
        self.settings = static.settings

    def get_url_setting(self, key):
        return self.static.get_url_setting(key)


def _cache(settings) -> Path:
    return Path(settings["CACHE_PATH"]) / "images-sans-metadonnees"


# The cleaning code's own digest is part of each cached copy's name: a
# cache kept between CI builds (README « Intégration continue ») never
# hands a copy made by an older way of cleaning (re-encoded, sideways).
_CLEANER_VERSION = hashlib.sha256(Path(core.__file__).read_bytes()).digest()


def cleaned_copy(source: Path, cache: Path) -> Path | None:
    """The copy of the image ``source`` without metadata, upright
    (core.without_metadata), kept in ``cache`` under the digest of the
    original so a build cleans only new or changed photos; None when
    ``source`` has nothing to remove (it is used as it is)."""
    kind = file_type(source)
    if kind is None or not kind.image or source.is_symlink() or not source.is_file():
        return None
    data = source.read_bytes()
    digest = hashlib.sha256(_CLEANER_VERSION + data).hexdigest()
    cached = cache / (digest + source.suffix.lower())
    if not cached.exists():
        try:
            stripped = without_metadata(data, kind.metadata)
        except (OSError, SyntaxError, ValueError):
            return None  # not an image: the content model refuses it (files.py)
        if stripped is None:
            return None
        cache.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=cache, prefix=".", suffix=".partiel")
        with os.fdopen(handle, "wb") as file:
            file.write(stripped)
        os.replace(partial, cached)
    # The original's date: pelican-image-process remakes a size when its
    # source is newer than it, as it would with the editor's file.
    stat = source.stat()
    os.utime(cached, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return cached


def clean_static_images(generator):
    """Once the static files are known (and before any page is written):
    the cleaned copy of each image of content/, made once for all that
    is published from it."""
    cache = _cache(generator.settings)
    cleaned = _cleaned(generator.settings)
    cleaned.clear()  # livereload runs the same Pelican again
    for key, static in generator.context["static_content"].items():
        copy = cleaned_copy(Path(static.source_path), cache)
        if copy is not None:
            cleaned[key] = (static, _CleanedStatic(static, copy))


def publish_cleaned_originals(pelican):
    """The originals of content/ are published too (feed readers and
    direct links get them): Pelican copied the editors' files, replaced
    here by their cleaned copies, like the sizes made from them."""
    output = Path(pelican.output_path)
    for static, copy in _cleaned(pelican.settings).values():
        published = output / static.save_as
        if published.is_file() and not published.is_symlink():
            published.unlink()  # a fresh file: never write through a hard link
            shutil.copyfile(copy.source_path, published)


def register():
    signals.initialized.connect(add_markdown_extension)
    signals.static_generator_finalized.connect(clean_static_images)
    signals.finalized.connect(publish_cleaned_originals)
    signals.content_written.connect(process_written_page)
