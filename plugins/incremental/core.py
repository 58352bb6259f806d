"""What an edit changes, without Pelican: pure functions over what the
incremental writer (``__init__.py``) records of each build.

A content is summed up by ``describe``: a signature of every attribute
it has once the content model, the interviews and the typography have
run (another content stands there as its source path), and the set of
contents it refers to. Between two builds of one livereload session:

- ``edited``: the contents whose file changed;
- ``affected``: the edited contents, every content whose signature
  changed (a series position, a count, a draft turned published…), and
  every content that refers to one of those (its page shows their title,
  people, date…), before or after the edit. An edit of a page that is
  not an article (a person, a programme, a series) goes one step
  further: the summaries of its interviews show it on other pages.

An output is rendered again when it is new, when the contents it shows
are not the same list as last time, when one of them is affected, or
when it shows no content of its own (home page, site map, lists of
people…: few, and they may show anything).
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

# What a content carries that says nothing of what a page shows, or that
# Pelican rebuilds for every run (its settings, the shared context).
# ``metadata``: the front matter, also set as attributes, one by one.
IGNORED = frozenset({"settings", "_context", "metadata"})
# What only the content's own page (and the feeds, always made) shows:
# the body and what the interviews plugin draws from it. The summaries
# other pages show (partials/interview_summary.html) never do.
OWN_PAGE_ONLY = frozenset(
    {"_content", "headings", "questions", "show_table_of_contents", "reading_minutes"}
)
SIMPLE = (str, int, float, bool, type(None), datetime.date, datetime.datetime)
# The templates, other than a content's own, that show some of the above
# for a content they list: the home page features the newest interview
# with its pull quote and reading time (index.html). Made again at every
# rebuild, like the pages that show no content of their own
# (tests/unit/test_incremental_core.py reads the theme for others).
SHOWS_BODIES = frozenset({"index"})


@dataclass(frozen=True)
class Described:
    signature: str  # everything
    shown: str  # what other pages may show of it (all but OWN_PAGE_ONLY)
    refers_to: frozenset[str]


def describe(content, is_content) -> Described:
    """The signatures of ``content`` and the source paths it refers to;
    ``is_content`` says whether a value is a content object."""
    refs: set[str] = set()

    def flat(value, depth=0):
        if is_content(value):
            refs.add(value.source_path)
            return ("contenu", value.source_path)
        if isinstance(value, SIMPLE):
            return value
        if depth > 4:
            return type(value).__name__
        if isinstance(value, Mapping):
            return tuple((str(k), flat(v, depth + 1)) for k, v in value.items())
        if isinstance(value, list | tuple):
            if all(is_content(v) for v in value):  # related, referenced_by…
                refs.update(v.source_path for v in value)
                return ("contenus", *(v.source_path for v in value))
            return tuple(flat(v, depth + 1) for v in value)
        if isinstance(value, set | frozenset):
            return tuple(sorted((flat(v, depth + 1) for v in value), key=repr))
        # Pelican's tags, categories and authors: their name (their
        # address follows from it).
        # (On the class: an instance's ``url`` is computed, slowly.)
        if hasattr(type(value), "slug") and hasattr(type(value), "url"):
            return (type(value).__name__, str(value))
        text = repr(value)  # a dataclass (a partial date…), not an object's address
        return text if " at 0x" not in text else type(value).__name__

    own, shown = hashlib.sha256(), []
    for name, value in sorted(vars(content).items()):
        if name in IGNORED or callable(value):
            continue
        if name in OWN_PAGE_ONLY:
            # The body, hashed as it is (its repr was a third of the time).
            text = value if isinstance(value, str) else repr(value)
            if " at 0x" in text:  # an object without a repr of its own
                text = repr(flat(value))
            own.update(f"{name}\0{len(text)}\0{text}".encode())
        else:
            shown.append((name, flat(value)))
    shown_digest = hashlib.sha256(repr(shown).encode("utf-8")).hexdigest()
    own.update(shown_digest.encode())
    return Described(own.hexdigest(), shown_digest, frozenset(refs))


@dataclass(frozen=True)
class Affected:
    pages: set[str]  # contents whose own page may differ
    summaries: set[str]  # contents whose summary in a list may differ


def referrers(described: Mapping[str, Described]) -> dict[str, set[str]]:
    """For each source path, the contents that refer to it."""
    found: dict[str, set[str]] = {}
    for source, item in described.items():
        for target in item.refers_to:
            if target != source:
                found.setdefault(target, set()).add(source)
    return found


def affected(
    edited: set[str],
    before: Mapping[str, Described],
    after: Mapping[str, Described],
    articles: set[str],
) -> Affected:
    """The contents whose pages, or the summaries other pages show of
    them, may differ from the last build (see the module's docstring)."""

    def differs(source, attribute):
        old, new = before.get(source), after.get(source)
        return old is None or new is None or getattr(old, attribute) != getattr(new, attribute)

    everything = before.keys() | after.keys()
    changed = {source for source in everything if differs(source, "signature")}
    # Only what others show of a content sends its referrers again (an
    # edit of a body alone rewrites its page, not the lists it is in).
    seen = {source for source in changed | set(edited) if differs(source, "shown")}
    back = [referrers(before), referrers(after)]
    found = set(edited) | changed
    for source in seen:
        for table in back:
            found |= table.get(source, set())
    # A summary shows the content, its series' title, its people's names.
    summaries = seen | {
        source
        for source in found
        for table in (before, after)
        if source in table and table[source].refers_to & seen
    }
    # A person, programme or series shows on the summaries of the
    # interviews that name it, wherever those are listed.
    for source in seen & set(edited) - articles:
        for first in {r for table in back for r in table.get(source, ())}:
            for table in back:
                found |= table.get(first, set())
    summaries |= found if seen & set(edited) - articles else set()
    return Affected(found, summaries)


@dataclass(frozen=True)
class Output:
    """What one written file showed: the contents it was made from, in
    order (with its page's numbers for a list), and whether it is made
    again at every rebuild (an image that pelican-image-process rewrites
    it for, a file its content attaches: ``__init__._made_every_time``)."""

    shows: tuple
    images: bool = False


@dataclass
class Decision:
    """For one output, given the last build's record."""

    render: bool
    reason: str = ""


def decide(
    shows: tuple, contents: Iterable[str], own: bool, previous: Output | None, hit: Affected
) -> Decision:
    """``own``: the page of the one content in ``contents``; else a list
    (of summaries) or a page that shows no content of its own."""
    contents = list(contents)
    if previous is None:
        return Decision(True, "nouveau")
    if previous.images:
        return Decision(True, "chaque fois")
    if not contents:
        return Decision(True, "global")
    if previous.shows != shows:
        return Decision(True, "liste")
    if (hit.pages if own else hit.summaries).intersection(contents):
        return Decision(True, "touché")
    return Decision(False)


def file_digests(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path → SHA-256)."""
    folder = Path(folder)
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def file_dates(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` (relative path → size and date): the
    theme, whose fonts and images need not be read at every save."""
    folder = Path(folder)
    return {
        path.relative_to(folder).as_posix(): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
