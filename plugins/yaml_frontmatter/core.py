"""Split a Markdown file into its YAML front matter and its body.

Pure functions, no Pelican import: tested on their own in
tests/test_yaml_frontmatter.py.

Why not the pelican-yaml-metadata plugin: it logs a YAML error without
its line and goes on with empty metadata, and it sends every ``date``
through dateutil, which turns « 2018-01 » into a day of January taken
from today's date. Editors need the file and the line, and a date known
to the month must stay a month. The YAML itself is parsed by PyYAML's
``safe_load``, as that plugin does.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import yaml

DELIMITER = "---"


class FrontMatterError(ValueError):
    """A problem in the front matter, with the 1-based line it is on and
    the field written on that line, if any."""

    def __init__(self, line: int, message: str, field: str = "en-tête"):
        super().__init__(f"ligne {line} : {message}")
        self.line = line
        self.message = message
        self.field = field


@dataclass(frozen=True)
class FrontMatter:
    metadata: dict
    body: str
    # 1-based line of the file on which each top-level key stands, so
    # that later checks can point editors at the right line.
    key_lines: dict[str, int] = field(default_factory=dict)
    body_first_line: int = 1


# Cached by text: the validation (content_model) parses every file
# before Pelican's reader does, and the reader then gets the same result
# without parsing again. Callers must not change what they get.
@functools.lru_cache(maxsize=8192)
def split_front_matter(text: str) -> FrontMatter:
    """Return the metadata and body of ``text``.

    The front matter is a block between two lines holding only ``---``
    at the very top of the file (a closing ``...`` is accepted too, as
    YAML allows).
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != DELIMITER:
        raise FrontMatterError(
            1,
            "l’en-tête manque : le fichier doit commencer par une ligne « --- », "
            "puis les champs (title, date…), puis une autre ligne « --- ».",
        )
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in (DELIMITER, "..."):
            closing = index
            break
    else:
        raise FrontMatterError(
            1,
            "l’en-tête n’est pas refermé : ajoutez une ligne « --- » "
            "après le dernier champ.",
        )

    header = "".join(lines[1:closing])
    metadata, key_lines = _load_mapping(header, first_line=2)
    body = "".join(lines[closing + 1 :])
    return FrontMatter(metadata, body, key_lines, body_first_line=closing + 2)


# libyaml's loader when PyYAML has it (its wheels do): several times
# faster than the pure-Python one, the same results.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


def _timestamp(loader, node):
    """YAML reads 2018-01-15 as a date. An impossible one (2018-02-30)
    stays text, for the checks of that field to name, instead of
    failing the whole front matter."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return node.value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_KEY = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:")


def _load_mapping(header: str, first_line: int) -> tuple[dict, dict[str, int]]:
    loader = _Loader(header)
    try:
        # One parse gives both the node tree (for line numbers) and the data.
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        if error.context_mark and (mark is None or mark.index >= len(header.rstrip())):
            # « found end of stream »: the line where the unclosed thing
            # (a bracket, a quote) opened is the one to fix.
            mark = error.context_mark
        index = mark.line if mark else 0
        lines = header.splitlines()
        key = _KEY.match(lines[index]) if index < len(lines) else None
        raise FrontMatterError(
            first_line + index,
            f"en-tête YAML illisible ({error.problem or error}).",
            key.group(1).lower() if key else "en-tête",
        ) from None
    finally:
        loader.dispose()
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise FrontMatterError(
            first_line,
            "l’en-tête doit être une liste de champs « nom: valeur ».",
        )
    key_lines = {
        str(key_node.value).lower(): first_line + key_node.start_mark.line
        for key_node, _ in node.value
    }
    # Keys are case-insensitive, as in Pelican's own readers.
    return {str(key).lower(): value for key, value in data.items()}, key_lines
