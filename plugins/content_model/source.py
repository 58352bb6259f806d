"""The content model's input stage: a Markdown file split into its YAML
front matter and its body (rendering.py renders it).

Pure functions, no Pelican import: tested on their own in
tests/unit/test_yaml_frontmatter.py.

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
    # The line of each item of a list-valued key (« - prog-a »), so that
    # a mistake in one item is reported on its own line.
    item_lines: dict[str, list[int]] = field(default_factory=dict)


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
            "l’en-tête n’est pas refermé : ajoutez une ligne « --- » après le dernier champ.",
        )

    header = "".join(lines[1:closing])
    metadata, key_lines, item_lines = _load_mapping(header, first_line=2)
    body = "".join(lines[closing + 1 :])
    return FrontMatter(metadata, body, key_lines, closing + 2, item_lines)


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


# What YAML refuses to read (its ReaderError, in English, with no line
# for a quoted value) or silently reads as a line break: C0 controls but
# tab and newlines, DEL, C1, BOM inside the text, line and paragraph
# separators, non-characters.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u2028\u2029\ufffe\uffff]")


def _load_mapping(header: str, first_line: int) -> tuple[dict, dict[str, int], dict]:
    lines = header.splitlines()
    # split("\n"), not splitlines(): that one also splits at U+0085, U+2028…
    for index, line in enumerate(header.split("\n")):
        control = _UNREADABLE.search(line)
        if control:
            key = _KEY.match(line)
            raise FrontMatterError(
                first_line + index,
                f"caractère invisible interdit (U+{ord(control.group(0)):04X}) : retapez la "
                "valeur sans copier-coller depuis un autre logiciel.",
                key.group(1).lower() if key else "en-tête",
            )
    loader = _Loader(header)
    try:
        # One parse gives both the node tree (for line numbers) and the data.
        node = loader.get_single_node()
        if node is not None:
            _refuse_aliases(node, first_line)
        _refuse_duplicate_keys(node, first_line)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        if not isinstance(error, yaml.MarkedYAMLError):  # nothing to point at
            raise FrontMatterError(first_line, "en-tête illisible : " + _LINE_ADVICE) from None
        index, message = _french_yaml_error(error, lines)
        key = _KEY.match(lines[index]) if index < len(lines) else None
        raise FrontMatterError(
            first_line + index, message, key.group(1).lower() if key else "en-tête"
        ) from None
    finally:
        loader.dispose()
    if data is None:
        return {}, {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise FrontMatterError(
            first_line,
            "l’en-tête doit être une liste de champs « nom: valeur ».",
        )
    key_lines = {
        str(key_node.value).lower(): first_line + key_node.start_mark.line
        for key_node, _ in node.value
    }
    item_lines = {
        str(key_node.value).lower(): [first_line + item.start_mark.line for item in value.value]
        for key_node, value in node.value
        if isinstance(value, yaml.SequenceNode)
    }
    # Keys are case-insensitive, as in Pelican's own readers.
    return {str(key).lower(): value for key, value in data.items()}, key_lines, item_lines


def _refuse_aliases(root: yaml.Node, first_line: int) -> None:
    """A node met twice is an alias (``*nom``): refused, since nested
    aliases expand into an exponential amount of text (a « billion
    laughs » would take the build's memory), and editors never need them."""
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            raise FrontMatterError(
                first_line + node.start_mark.line,
                "les ancres et alias YAML (« & », « * ») ne sont pas acceptés : "
                "écrivez la valeur en entier, ou mettez-la entre guillemets.",
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                pending += [key, value]
        elif isinstance(node, yaml.SequenceNode):
            pending += node.value


def _refuse_duplicate_keys(node, first_line: int) -> None:
    """YAML keeps the last of two equal keys; an editor who wrote both
    meant one of them: say which lines."""
    if not isinstance(node, yaml.MappingNode):
        return
    lines: dict[str, int] = {}
    for key_node, _ in node.value:
        key = str(key_node.value).lower()
        line = first_line + key_node.start_mark.line
        if key in lines:
            raise FrontMatterError(
                line,
                f"le champ « {key} » est écrit deux fois (lignes {lines[key]} et {line}) : "
                "gardez-en un seul.",
                key,
            )
        lines[key] = line


def _french_yaml_error(error: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, str]:
    """The 0-based line to fix and what to do, in French, for a YAML
    parser error (PyYAML's messages are English and technical)."""
    problem = error.problem or ""
    mark, context = error.problem_mark, error.context_mark
    index = mark.line if mark else 0
    if index < len(lines) and lines[index].startswith("\t"):
        return index, (
            "une tabulation décale cette ligne : l’en-tête n’accepte que des "
            "espaces ; remplacez-la par deux espaces."
        )
    opened = error.context or ""
    if (
        context is not None
        and (mark is None or context.line < mark.line)
        and "block mapping" not in opened  # the mapping began at line 1: not the place
    ):
        # Unclosed quote or bracket, a line without « : »: the error
        # shows further down, the line to fix is where it began.
        index = context.line
    line = lines[index] if index < len(lines) else ""
    key = _KEY.match(line)
    if "\t" in line[: len(line) - len(line.lstrip())] or "tab" in problem:
        return index, (
            "une tabulation décale cette ligne : l’en-tête n’accepte que des "
            "espaces ; remplacez-la par deux espaces."
        )
    if "mapping values are not allowed" in problem:
        if key and ": " in line[key.end() :] and not line.startswith((" ", "\t")):
            value = line[key.end() :].strip().replace('"', '\\"')
            return index, (
                f"la valeur contient « : » : mettez-la entre guillemets, "
                f'par exemple {key.group(1)}: "{value}"'
            )
        return index, (
            "ligne décalée : chaque champ commence en début de ligne, sans "
            "espace avant (seuls les éléments d’une liste sont décalés)."
        )
    if error.context and "quoted scalar" in error.context:
        return index, (
            "guillemet jamais refermé : ajoutez le guillemet fermant à la fin "
            "de la valeur, sur cette ligne."
        )
    if "did not find expected key" in problem and re.search(r""":\s*(["']).*\1\S""", line):
        return index, (
            "guillemet en trop : la valeur est entre guillemets et en contient un autre. "
            "Écrivez l’apostrophe typographique ’ (L’emploi) ou entourez la valeur de "
            'l’autre sorte de guillemets ("L\'emploi", \'Il a dit "non"\').'
        )
    if "expected ',' or ']'" in problem:
        return index, "crochet « [ » jamais refermé : terminez la liste par « ] » sur cette ligne."
    if "expected ',' or '}'" in problem:
        return index, "accolade « { » jamais refermée : terminez par « } » sur cette ligne."
    if "could not find expected ':'" in problem:
        return index, "ligne sans « : » : écrivez « nom: valeur » (deux-points puis une espace)."
    if "cannot start any token" in problem and key:
        first = line[key.end() :].strip()[:1]
        value = line[key.end() :].strip().replace('"', '\\"')
        return index, (
            f"une valeur ne peut pas commencer par « {first} » : mettez-la entre "
            f'guillemets, par exemple {key.group(1)}: "{value}"'
        )
    return index, "ligne illisible : " + _LINE_ADVICE


_LINE_ADVICE = (
    "vérifiez les deux-points après le nom du champ, les guillemets et les crochets, "
    "et le décalage des lignes (des espaces, jamais de tabulation)."
)
