"""What a plan is made of (mapping.py makes it, write.py and report.py
read it): the files, copies and redirects the import will write, the
report's inventory and notes, each item's decisions on its way (its
folder, address, people), and the folders of the kinds it writes."""

from __future__ import annotations

from dataclasses import dataclass, field

from plugins.content_model import kinds

from .text import Parsed
from .wxr import Item

# The kinds the import writes (plugins/content_model/kinds.py).
INTERVIEWS, PAGES, NEWS_FOLDER = kinds.INTERVIEW.folder, kinds.PAGE.folder, kinds.NEWS.folder


@dataclass
class Entry:
    """One line of the report's inventory."""

    kind: str  # « entretien », « actualité », « page », « personne »…
    title: str
    old: str
    new: str  # address, or « — » if not imported
    file: str = ""
    status: str = "publié"


@dataclass
class Plan:
    files: dict[str, dict] = field(default_factory=dict)  # content-relative → {meta, body}
    copies: dict[str, str] = field(default_factory=dict)  # content-relative → uploads-relative
    redirects: dict[str, str] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    needs_human: list[tuple[str, str]] = field(default_factory=list)  # (what, why): à revoir
    fixed: list[tuple[str, str]] = field(default_factory=list)  # (what, how): corrigé
    counts: dict[str, int] = field(default_factory=dict)
    comments: int = 0
    others: dict[str, int] = field(default_factory=dict)  # types not imported → number
    refused_redirects: list[tuple[str, str]] = field(default_factory=list)  # (old, why)

    def count(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1


@dataclass
class Planned:
    item: Item
    folder: str
    slug: str
    address: str
    published: bool
    people: list[tuple[str, str]]
    programmes: list[str]
    themes: list[str]
    old: str = "—"  # the old address, relative to the old site
    parsed: Parsed | None = None
    empty: bool = False  # nothing to read or see once converted
