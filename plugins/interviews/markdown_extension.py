"""Python-Markdown extension for interviews: questions (``##``) get a
stable ``id`` from their text and a visible permalink with a French
accessible name. Built on the ``toc`` extension, which does the ids and
the permalinks; this adds the accessible name, keeps the
permalinks out of the search index and records the questions for the
« Sommaire »."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.extensions.toc import TocExtension
from markdown.treeprocessors import Treeprocessor

from .core import heading_id

PERMALINK_CLASS = "permalien"


class _PermalinkNames(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for heading in root.iter("h2"):
            for link in heading.iter("a"):
                if PERMALINK_CLASS in (link.get("class") or "").split():
                    question = "".join(heading.itertext()).removesuffix(link.text or "").strip()
                    link.set("aria-label", f"Lien permanent vers « {question} »")
                    link.attrib.pop("title", None)
                    # Interface, not text: out of the search index and
                    # its excerpts (« ?# Il y a… »).
                    link.set("data-pagefind-ignore", "")


class InterviewExtension(Extension):
    def extendMarkdown(self, md):
        TocExtension(
            slugify=heading_id,
            permalink="#",
            permalink_class=PERMALINK_CLASS,
            permalink_title="",
            toc_depth="2-2",
        ).extendMarkdown(md)
        # After toc (priority 5), which adds the permalinks.
        md.treeprocessors.register(_PermalinkNames(md), "interview_permalinks", 4)
