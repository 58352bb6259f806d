"""Read Markdown files whose metadata is a YAML front matter: Pelican's
reader for what the content model's input stage (content_model/source.py)
has read and rendered.

One concern: turning ``content/**/*.md`` into (HTML, metadata). What the
metadata means (dates, people, programmes) and whether it is right is
the content model's business: it has validated every file before this
reader runs, so the errors below only show if that validation is off.
"""

from __future__ import annotations

import copy
import os

from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from plugins.content_model.rendering import render
from plugins.content_model.source import FrontMatterError

# Keys that Pelican itself interprets and that we hand to its own
# metadata processors. ``date`` is left as YAML gave it: the
# french_dates plugin knows partial dates, Pelican does not.
PELICAN_KEYS = {"slug", "status", "save_as", "url", "template", "modified"}


class FrontMatterSyntaxError(ValueError):
    """Raised so Pelican reports the file; the message is for editors."""


class YamlFrontMatterReader(MarkdownReader):
    file_extensions = ["md", "markdown"]

    def read(self, source_path):
        with pelican_open(source_path) as text:
            try:
                rendered = render(text, self.settings)
            except FrontMatterError as error:
                raise FrontMatterSyntaxError(
                    f"{os.path.relpath(source_path)}:{error.line}: {error.message}"
                ) from None
        parsed = rendered.front_matter
        metadata = {}
        # Copies: what render() returns is cached and shared (core.py).
        for name, value in copy.deepcopy(parsed.metadata).items():
            if value is None:
                continue
            if name in rendered.formatted:
                value = rendered.formatted[name]
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
        metadata["key_lines"] = dict(parsed.key_lines)
        if rendered.headings:
            metadata["headings"] = copy.deepcopy(rendered.headings)
        return rendered.html, metadata


def add_reader(readers):
    for extension in YamlFrontMatterReader.file_extensions:
        readers.reader_classes[extension] = YamlFrontMatterReader


def register():
    signals.readers_init.connect(add_reader)
