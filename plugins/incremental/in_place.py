"""The editing loop's quickest rebuild: a save that changed one
content's body and nothing else, made on the last build's objects
without running Pelican again.

At 1,000 interviews, an incremental rebuild (``__init__.py``) still has
Pelican read, validate, link and describe every content and link every
unchanged page into a new folder: about 1.3 s. When the one file saved
is a content whose front matter is as it was, nothing another content
or another page draws from can have changed, except what comes from
that body. So, on the objects of the last build:

1. the one validation, as every build runs it (any problem: the full
   rebuild reports it, as always);
2. the file read again by Pelican's own reader, through its generator
   (its content cache re-reads that file only); refused unless its
   metadata, apart from what the body gives (its headings), and the
   static files it links to are the same;
3. the new body put in the last build's content object, and what the
   plugins draw from a body worked out again by their own functions
   (``content_model.body_read``: questions, reading time, typography);
4. ``core.describe``: refused unless what other pages show of it is
   the same;
5. Pelican's generators write again through the incremental writer,
   which renders what ``core.decide`` says may differ (the content's
   page, the pages that show no content of their own or that show
   bodies, such as the home page) and holds them; once every page is
   rendered, and processed by the plugins that work on written pages,
   they replace the served ones, each by an atomic rename.

Anything else (several files, a new file, a feed, a source copy, a
link to a file that is new or {attach}, a file Pelican's cache took for
unchanged, a refusal above) returns None and the incremental rebuild
runs. Plugins keep their state of a run until the next one starts (not
until it ends): the edit made in place belongs to the last run. The
pages are byte for byte those of a full build (tests/build/
test_incremental.py, after each edit of a series).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Content, Page
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.utils import sanitised_join

from plugins.content_model import body_read, validate_before_reading
from plugins.content_model.model import all_contents
from plugins.content_model.problems import ContentError

from . import core

# What the reader's metadata holds that comes from the body, not from
# the front matter (yaml_frontmatter: the headings of the text).
FROM_THE_BODY = frozenset({"headings"})


class NotInPlace(Exception):
    """The rebuild cannot be made in place (a feed to write…): the
    incremental rebuild runs instead. Raised before anything is written."""


def rebuild(settings: dict, state: dict) -> dict | None:
    """The in-place rebuild of the served folder, or None when it cannot
    be made (see the module's docstring). ``state``: the incremental
    plugin's. Returns the record of the build, as a rebuild's."""
    last, live = state.get("last"), state.get("live")
    if not (last and live and last.get("generators") and live.is_dir()):
        return None
    if os.stat(live).st_ino != last["folder"] or settings.get("OUTPUT_SOURCES"):
        return None
    digests = core.file_digests(settings["PATH"])
    if digests.keys() != last["content"].keys():
        return None
    changed = [name for name, digest in digests.items() if last["content"][name] != digest]
    if len(changed) != 1 or core.file_dates(settings["THEME"]) != last["theme"]:
        return None
    generators = last["generators"]
    source = os.path.join(settings["PATH"], changed[0])
    content = next((c for c in all_contents(generators) if c.source_path == source), None)
    if content is None or "summary" not in content.metadata:
        # Not a content, or one whose summary Pelican cuts from its body.
        return None
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    try:
        validate_before_reading(articles)
    except ContentError:
        return None  # the full rebuild reports every problem
    if not _read_body(content, generators):
        return None
    described = dict(last["described"])
    described[source] = core.describe(content, lambda value: isinstance(value, Content))
    if described[source].shown != last["described"][source].shown:
        return None
    run = {
        **last,
        "content": digests,
        "described": described,
        "outputs": dict(last["outputs"]),
        "mode": "immédiate",
        "hit": core.affected({source}, last["described"], described, _articles(generators)),
        "rendered": 0,
        "linked": 0,
        "pending": [],
    }
    state["run"] = run
    # Where this build writes, for the writer and for the plugins that
    # work on written pages (pelican-image-process reads OUTPUT_PATH
    # from the settings and from the pages' context): the served folder,
    # not the last build's staging name, which now holds the site before.
    settings["OUTPUT_PATH"] = generators[0].context["OUTPUT_PATH"] = str(live)
    for generator in generators:
        generator.output_path = str(live)
    from . import SelectiveWriter

    writer = SelectiveWriter(str(live), settings=settings)
    try:
        for generator in generators:
            # Not the static files: no file of theirs changed.
            if hasattr(generator, "generate_output") and not isinstance(generator, StaticGenerator):
                generator.generate_output(writer)
    except NotInPlace:
        return None
    _put_in_place(live, run.pop("pending"))
    return run


def _read_body(content, generators) -> bool:
    """Read the content's file again, as its generator does; put the new
    body in ``content`` if nothing but the body changed."""
    kind = Article if isinstance(content, Article) else Page
    reads = ArticlesGenerator if kind is Article else PagesGenerator
    generator = next(g for g in generators if isinstance(g, reads))
    readers = generator.readers
    before = readers._cache.get(content.source_path)  # Pelican's content cache (cache.py)
    prefix = "article" if kind is Article else "page"
    fresh = readers.read_file(
        base_path=generator.path,
        path=os.path.relpath(content.source_path, generator.path),
        content_class=kind,
        context=generator.context,
        preread_signal=getattr(signals, f"{prefix}_generator_preread"),
        preread_sender=generator,
        context_signal=getattr(signals, f"{prefix}_generator_context"),
        context_sender=generator,
    )
    after = readers._cache.get(content.source_path)
    if before is None or after is None or before is after:
        return False  # not read again: Pelican's cache took it for unchanged
    (old_body, old_metadata), (new_body, new_metadata) = before[1], after[1]
    if _front(old_metadata) != _front(new_metadata):
        return False
    # Files the body links to: a full build publishes those ({static}),
    # or moves them beside the page ({attach}).
    new_links = intrasite_files(fresh, new_body)
    if intrasite_files(fresh, old_body) != new_links or any(
        what == "attach" for what, _ in new_links
    ):
        return False
    content._content = new_body
    for name in FROM_THE_BODY:
        if name in new_metadata:
            content.metadata[name] = new_metadata[name]
            setattr(content, name, new_metadata[name])
        else:
            content.metadata.pop(name, None)
            if name in vars(content):
                delattr(content, name)
    body_read.send(content)
    _forget_rendered(content)
    return True


def intrasite_files(content, body: str) -> set[tuple[str, str]]:
    """({static} or {attach}, target) of each file a body links to, as
    Pelican finds them (``Content.get_static_links``)."""
    found = set()
    for link in content._get_intrasite_link_regex().finditer(body or ""):
        if link.group("what") in {"static", "attach"}:
            found.add((link.group("what"), link.group("value")))
    return found


def _front(metadata: dict) -> dict:
    return {name: value for name, value in metadata.items() if name not in FROM_THE_BODY}


def _forget_rendered(content) -> None:
    """Pelican keeps each content's rendered body and summary for good
    (``utils.memoized``, keyed by the object): drop this one's."""
    for method in (Content.get_content, Content.get_summary):
        for key in [key for key in method.cache if key[0] is content]:
            del method.cache[key]


def _articles(generators) -> set[str]:
    return {c.source_path for c in all_contents(generators) if isinstance(c, Article)}


def _put_in_place(live: Path, pending: list) -> None:
    """Each rendered page is written beside the one it replaces and
    handed, as after any write, to the plugins that work on written
    pages (pelican-image-process); only when all of them are done does
    each replace the served one at once (a rename: a browser never reads
    half a page). A failure on the way leaves every served page as it was."""
    written = []
    try:
        for name, text, localcontext in pending:
            path = sanitised_join(str(live), name)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=os.path.dirname(path), delete=False, suffix=".tmp"
            ) as file:
                written.append((file.name, path))
                file.write(text)
            os.chmod(file.name, stat.S_IMODE(os.stat(path).st_mode))  # as the page it replaces
            signals.content_written.send(file.name, context=localcontext)
    except BaseException:
        for partial, _ in written:
            with contextlib.suppress(OSError):
                os.unlink(partial)
        raise
    for partial, path in written:
        os.replace(partial, path)
