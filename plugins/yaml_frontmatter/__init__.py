"""Read Markdown files whose metadata is a YAML front matter.

One concern: turning ``content/**/*.md`` into (HTML, metadata). What the
metadata means (dates, people, programmes) and whether it is right is
the content model's business: it has validated every file before this
reader runs, so the errors below only show if that validation is off.
"""

from __future__ import annotations

import copy
import os

from markdown import Markdown
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from .core import FrontMatterError, split_front_matter


# Keys that Pelican itself interprets and that we hand to its own
# metadata processors. ``date`` is left as YAML gave it: the
# french_dates plugin knows partial dates, Pelican does not.
PELICAN_KEYS = {"slug", "status", "save_as", "url", "template", "modified"}


class FrontMatterSyntaxError(ValueError):
    """Raised so Pelican reports the file; the message is for editors."""


class YamlFrontMatterReader(MarkdownReader):
    file_extensions = ["md", "markdown"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Pelican's MarkdownReader adds the ``meta`` extension, which would
        # take a first body line such as « Note : … » for metadata.
        markdown_settings = copy.deepcopy(self.settings["MARKDOWN"])
        extensions = markdown_settings.get("extensions", [])
        if "markdown.extensions.meta" in extensions:
            extensions.remove("markdown.extensions.meta")
        self._markdown_settings = markdown_settings

    def read(self, source_path):
        self._md = Markdown(**self._markdown_settings)
        with pelican_open(source_path) as text:
            try:
                parsed = split_front_matter(text)
            except FrontMatterError as error:
                raise FrontMatterSyntaxError(
                    f"{os.path.relpath(source_path)}:{error.line}: {error.message}"
                ) from None

        metadata = {}
        # A copy: the parsed front matter is cached and shared (core.py).
        for name, value in copy.deepcopy(parsed.metadata).items():
            if value is None:
                continue
            if name in self.settings["FORMATTED_FIELDS"]:
                value = self._md.reset().convert(str(value))
            elif name in PELICAN_KEYS:
                try:
                    value = self.process_metadata(name, str(value))
                except ValueError as error:
                    line = parsed.key_lines.get(name, 1)
                    raise FrontMatterSyntaxError(
                        f"{os.path.relpath(source_path)}:{line}: {name}: {error}"
                    ) from None
            metadata[name] = value
        # Where each field stands, for error messages of later stages.
        metadata["source_file"] = os.path.relpath(source_path)
        metadata["key_lines"] = parsed.key_lines
        content = self._md.reset().convert(parsed.body)
        if getattr(self._md, "toc_tokens", None):
            # The headings, when an extension (toc) listed them.
            metadata["headings"] = self._md.toc_tokens
        return content, metadata


def add_reader(readers):
    for extension in YamlFrontMatterReader.file_extensions:
        readers.reader_classes[extension] = YamlFrontMatterReader


def register():
    signals.readers_init.connect(add_reader)
