"""The content model's rendering: a Markdown file's front matter
(source.py) and body rendered once (``render``) for both the validation
and Pelican's reader (plugins/yaml_frontmatter only hands the result to
Pelican), kept between builds on disk (``RenderCache.load``/``save``),
and rendered on every core ahead of a cold build (``render_all``).

No Pelican import: tested on its own (tests/unit/test_rendering.py).
"""

from __future__ import annotations

import copy
import hashlib
import importlib.metadata
import json
import multiprocessing
import os
import tempfile
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from markdown import Markdown

from plugins.run_state import KEY, build_state

from .memo import DiskMemo, digest
from .source import FrontMatter, FrontMatterError, split_front_matter


@dataclass(frozen=True)
class Rendered:
    front_matter: FrontMatter
    html: str
    # The headings, when an extension (toc) listed them.
    headings: list
    # FORMATTED_FIELDS (the chapô) as HTML.
    formatted: dict[str, str]
    # The files other than the text that the rendering read (a photo's
    # size), each with its stamp when read: a changed photo is a new
    # rendering, even for the same text.
    dependencies: tuple = ()


def file_stamp(path: str) -> list[int] | None:
    """Size and modification time of a file, or None if it is absent."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return [status.st_size, status.st_mtime_ns]


def _still_valid(rendered: Rendered) -> bool:
    return all(file_stamp(path) == stamp for path, stamp in rendered.dependencies)


# What the rendering's output depends on besides the text and the
# extensions' configuration: the code of our plugins (which define the
# extensions) and the versions of the libraries that render.
_CODE_VERSION = hashlib.blake2b(
    b"".join(
        path.read_bytes() for path in sorted(Path(__file__).resolve().parents[1].rglob("*.py"))
    )
    + "".join(
        f"{name}={importlib.metadata.version(name)};" for name in ("markdown", "pygments")
    ).encode(),
    digest_size=16,
).hexdigest()


def _describe(extension) -> str:
    """An extension, the same in every process: its class, its Markdown
    configuration and its simple attributes (a photo's maximum width),
    never the object's address in memory."""
    if isinstance(extension, str):
        return extension
    kind = type(extension)
    attributes = {
        name: str(value)
        for name, value in sorted(vars(extension).items())
        if isinstance(value, str | int | float | bool | Path | None)
    }
    configs = extension.getConfigs() if hasattr(extension, "getConfigs") else {}
    return f"{kind.__module__}.{kind.__qualname__}{configs!r}{attributes!r}"


def markdown_fingerprint(markdown_settings: dict) -> str:
    """Pelican's MARKDOWN settings as a digest that is the same in every
    process, with the code version: the key of a rendering on disk."""
    described = {
        key: [_describe(item) for item in value] if key == "extensions" else repr(value)
        for key, value in sorted(markdown_settings.items())
    }
    return hashlib.blake2b((repr(described) + _CODE_VERSION).encode(), digest_size=16).hexdigest()


class RenderCache:
    """Rendered files, by the digest of their text and of the Markdown
    configuration that rendered them: a pure memo (the same key is always
    the same result, unless a file it read changed: then it is rendered
    again), shared by the validation and Pelican's reader of one build so
    that each file is rendered once. It never writes into the settings.

    Kept on disk between builds (`load`, `save`; RENDER_CACHE): a warm
    build renders only the files that changed. JSON, not pickle: a
    cache restored by CI must not be able to run code."""

    def __init__(self, size: int = 8192):
        self.size = size
        self._rendered: OrderedDict[tuple[bytes, str], Rendered] = OrderedDict()
        self._configurations: OrderedDict[str, dict] = OrderedDict()
        # Loaded from disk, not yet asked for: key → JSON entry.
        self._stored: dict[str, dict] = {}
        # Keys asked for or rendered since the last save: what save() keeps.
        self._touched: set[tuple[bytes, str]] = set()
        self._rendered_since_save = False

    def markdown_settings(self, settings: dict) -> tuple[str, dict]:
        """Pelican's MARKDOWN settings without the ``meta`` extension (it
        would take a first body line such as « Note : … » for metadata),
        and their fingerprint (``markdown_fingerprint``)."""
        markdown = settings.get("MARKDOWN", {})
        fingerprint = markdown_fingerprint(markdown)
        if fingerprint not in self._configurations:
            prepared = copy.deepcopy(markdown)
            # As Pelican's MarkdownReader does: every configured extension
            # is used (extra, codehilite…), whoever renders first.
            extensions = prepared.setdefault("extensions", [])
            for extension in prepared.get("extension_configs", {}):
                if extension not in extensions:
                    extensions.append(extension)
            if "markdown.extensions.meta" in extensions:
                extensions.remove("markdown.extensions.meta")
            self._configurations[fingerprint] = prepared
            if len(self._configurations) > 16:
                self._configurations.popitem(last=False)
        return fingerprint, self._configurations[fingerprint]

    def get(self, key, text: str | None = None) -> Rendered | None:
        found = self._rendered.get(key)
        if found is None and text is not None:
            found = self._from_disk(key, text)
        if found is None or not _still_valid(found):
            return None
        self._rendered.move_to_end(key)
        self._touched.add(key)
        return found

    def put(self, key, rendered: Rendered) -> None:
        self._rendered[key] = rendered
        self._touched.add(key)
        self._rendered_since_save = True
        if len(self._rendered) > self.size:
            self._rendered.popitem(last=False)

    def _from_disk(self, key, text: str) -> Rendered | None:
        entry = self._stored.pop(_disk_key(key), None)
        if entry is None:
            return None
        try:
            rendered = Rendered(
                split_front_matter(text),
                entry["html"],
                entry["headings"],
                entry["formatted"],
                tuple((path, stamp) for path, stamp in entry["dependencies"]),
            )
        except (KeyError, TypeError, ValueError, FrontMatterError):
            return None
        self._rendered[key] = rendered
        return rendered

    def load(self, path: str) -> None:
        """The renderings a previous build saved at ``path`` (none if the
        file is missing or unreadable: they are then rendered again)."""
        try:
            with open(path, encoding="utf-8") as file:
                stored = json.load(file)
        except (OSError, ValueError):
            return
        if isinstance(stored, dict) and stored.get("version") == _CODE_VERSION:
            entries = stored.get("entries")
            if isinstance(entries, dict):
                self._stored = entries

    def save(self, path: str) -> None:
        """The renderings this build used, written at ``path`` atomically
        (a deleted file's rendering is not kept). Nothing to write when
        every rendering came from the file and all of it was used."""
        if not self._rendered_since_save and not self._stored:
            self._touched = set()
            return
        entries = {
            _disk_key(key): {
                "html": rendered.html,
                "headings": rendered.headings,
                "formatted": rendered.formatted,
                "dependencies": [list(item) for item in rendered.dependencies],
            }
            for key in self._touched
            if (rendered := self._rendered.get(key)) is not None
        }
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=os.path.dirname(path) or ".", delete=False, suffix=".tmp"
        ) as file:
            json.dump({"version": _CODE_VERSION, "entries": entries}, file, ensure_ascii=False)
        os.replace(file.name, path)
        self._touched, self._stored, self._rendered_since_save = set(), {}, False


def _disk_key(key: tuple[bytes, str]) -> str:
    return f"{key[0].hex()}:{key[1]}"


RENDERED = RenderCache()


def _key(text: str, fingerprint: str) -> tuple[bytes, str]:
    # A digest, not the text: the cache holds a thousand files in a build.
    return (hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest(), fingerprint)


def render(text: str, settings: dict) -> Rendered:
    """Front matter and Markdown of one file's ``text``, rendered once:
    the validation (content_model) renders every file before Pelican's
    reader, which then gets the same result. Raises FrontMatterError."""
    fingerprint, prepared = RENDERED.markdown_settings(settings)
    key = _key(text, fingerprint)
    cached = RENDERED.get(key, text)
    if cached is not None:
        return cached
    result = _render(text, prepared, tuple(settings.get("FORMATTED_FIELDS", ())))
    RENDERED.put(key, result)
    return result


def _render(text: str, prepared: dict, formatted_fields: tuple[str, ...]) -> Rendered:
    parsed = split_front_matter(text)
    md = Markdown(**prepared)
    # Extensions that read a file (the photos' sizes) add its path here.
    md.read_files = set()
    formatted = {
        name: md.reset().convert(str(parsed.metadata[name]))
        for name in formatted_fields
        if parsed.metadata.get(name) is not None
    }
    html = md.reset().convert(parsed.body)
    dependencies = tuple((path, file_stamp(path)) for path in sorted(md.read_files))
    return Rendered(parsed, html, getattr(md, "toc_tokens", None) or [], formatted, dependencies)


@dataclass(frozen=True)
class AlsoInThePool:
    """A pure function of a rendered HTML (a body, or a formatted field
    such as the chapô) that a plugin asks of every one, and the memo
    where it looks for each result, under ``digest(prefix + html)``.
    When the files are rendered in a pool (a cold build), the workers
    run ``compute`` beside Markdown, instead of the build's process one
    file after the other later, and the results go into that memo. Only
    a memo is filled: the results are the same without a pool."""

    compute: Callable[[str], object]  # sent to the workers: a module's function, or a partial
    memo: DiskMemo
    prefix: str = ""

    def keep(self, html: str, result) -> None:
        self.memo.put(digest(self.prefix + html), result)


_ASKED = __name__ + ".also"


def ask_of_every_rendering(settings: dict, step: AlsoInThePool) -> None:
    """Adds ``step`` to what this build's render pool runs beside
    Markdown (a plugin asks once, when its build is ``initialized``)."""
    build_state(settings, _ASKED, list).append(step)


def asked_of_every_rendering(settings: dict) -> list[AlsoInThePool]:
    """What plugins asked of this build's render pool (read only)."""
    return list(settings.get(KEY, {}).get(_ASKED, ()))


def _htmls(rendered: Rendered) -> list[str]:
    return [rendered.html, *rendered.formatted.values()]


def _render_in_worker(job) -> tuple[Rendered, list[list[object]]] | None:
    text, prepared, formatted_fields, computes = job
    try:
        rendered = _render(text, prepared, formatted_fields)
    except FrontMatterError:
        return None  # rendered again in the build's process, which reports it
    return rendered, [[compute(html) for html in _htmls(rendered)] for compute in computes]


# Below this many files to render, one process: starting workers (each
# imports Markdown and the plugins) costs more than it saves.
POOL_FROM = 48


def render_all(
    texts: list[str],
    settings: dict,
    workers: int,
    pool_from: int = POOL_FROM,
    also: Sequence[AlsoInThePool] = (),
) -> int:
    """Render, on ``workers`` processes, the texts the cache does not hold
    yet, so that the build's own ``render`` then finds each of them: the
    same function on the same input, so the same result as rendering
    them one by one (tests/unit/test_rendering.py). The workers also run
    ``also`` on each rendered HTML. Returns how many were rendered in
    the pool (0: none, the build renders them itself)."""
    fingerprint, prepared = RENDERED.markdown_settings(settings)
    formatted_fields = tuple(settings.get("FORMATTED_FIELDS", ()))
    missing = {}
    for text in texts:
        key = _key(text, fingerprint)
        if key not in missing and RENDERED.get(key, text) is None:
            missing[key] = text
    if workers < 2 or len(missing) < max(pool_from, 2):
        return 0
    # forkserver, not fork: livereload's server and the deletion of the
    # old site run threads, and a fork copies no thread but keeps the
    # locks they held. Where it does not exist (Windows), spawn.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    computes = tuple(step.compute for step in also)
    jobs = [(text, prepared, formatted_fields, computes) for text in missing.values()]
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        results = pool.map(_render_in_worker, jobs, chunksize=max(1, len(jobs) // (workers * 8)))
        for key, result in zip(missing, results, strict=True):
            if result is None:
                continue
            rendered, computed = result
            RENDERED.put(key, rendered)
            for step, outputs in zip(also, computed, strict=True):
                for html, output in zip(_htmls(rendered), outputs, strict=True):
                    step.keep(html, output)
    return len(missing)


def render_files(
    paths: list[Path],
    settings: dict,
    workers: int,
    pool_from: int = POOL_FROM,
    also: Sequence[AlsoInThePool] = (),
) -> int:
    """``render_all`` for files: those that cannot be read (a link, not
    UTF-8) are left to the checks, which report them."""
    texts = []
    for path in paths:
        if path.is_symlink():
            continue
        try:
            texts.append(path.read_bytes().decode("utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            continue
    return render_all(texts, settings, workers, pool_from, also)
