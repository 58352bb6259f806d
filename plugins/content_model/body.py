"""Checks of a Markdown body, on the source as the editor wrote it, so
that each problem has its line: headings, HTML the site refuses, images
without alternative text, links that lead nowhere.

Pure functions, no Pelican import (used by validation.py).
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from .files import published_file_problem
from .html_safety import FORBIDDEN_SCHEMES, line_of, remembered_unsafe_markup
from .links import closest_address, closest_file
from .problems import Problem

if TYPE_CHECKING:
    from .addresses import Addresses

_MD_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_MD_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(\S+)")
_HTML_ATTR_LINK = re.compile(
    r"<(a|img|iframe|source)\b[^>]*?\b(href|src)\s*=\s*[\"']([^\"']*)[\"']", re.I
)
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
_ALT = re.compile(r"\salt\s*=\s*[\"']\s*[^\"'\s]", re.I)
# As Python-Markdown reads them: « ##Question » is a heading too.
_HEADING = re.compile(r"^(#{1,6})(?!#)\s*\S")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_INLINE_CODE = re.compile(r"`[^`]*`")
_INTRASITE = re.compile(r"^\{(filename|static|attach)\}(.*)$")


def check_rendered(source, content: Path, settings: dict) -> list[Problem]:
    """What the body and the formatted fields (the chapô) of ``source``
    render to: markup a page may not hold (html_safety), links to files
    that may not be published. Each on its line of the source."""
    embeds = tuple(settings["ALLOWED_EMBEDS"])
    parts = [(source.html, source.body, source.body_first_line, None)]
    parts += [
        (html, None, source.key_lines.get(name, 1), name) for name, html in source.formatted.items()
    ]
    problems = []
    for html, text, first_line, field in parts:

        def line(pattern, text=text, first_line=first_line):
            return line_of(pattern, text, first_line) if text is not None else first_line

        for finding in remembered_unsafe_markup(html, embeds):
            problems.append(
                Problem(source.file, line(finding.pattern), field or finding.field, finding.message)
            )
        for written, message in intrasite_problems(html, source.path, content, settings):
            problems.append(
                Problem(source.file, line(re.escape(written)), field or "lien", message)
            )
    return problems


def check_body(source, content: Path, addresses: Addresses) -> list[Problem]:
    """Problems of ``source``'s body as written, line by line: headings,
    images without alternative text, addresses of the site."""
    relative = source.file
    problems = []
    previous_level = 1  # the title is the page's only level-1 heading
    questions = 0
    in_fence = False
    for offset, line in enumerate(source.body.splitlines()):
        number = source.body_first_line + offset
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or line.startswith(("    ", "\t")):
            continue
        line = _INLINE_CODE.sub("``", line)

        heading = _HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            if level == 1:
                problems.append(
                    Problem(
                        relative,
                        number,
                        "titres",
                        "« # » est réservé au titre de la page (champ title) : "
                        "commencez les intertitres et les questions par « ## ».",
                    )
                )
            elif level > previous_level + 1:
                problems.append(
                    Problem(
                        relative,
                        number,
                        "titres",
                        f"niveau de titre sauté : {'#' * level} après {'#' * previous_level} ; "
                        f"utilisez {'#' * (previous_level + 1)}.",
                    )
                )
            if level == 2:
                questions += 1
            previous_level = level

        for image in _IMG_TAG.finditer(line):
            if not _ALT.search(image.group(0)):
                problems.append(
                    Problem(
                        relative,
                        number,
                        "image",
                        'image sans texte alternatif : ajoutez alt="…" qui la décrit.',
                    )
                )

        targets = []
        for match in _MD_LINK.finditer(line):
            is_image, label, target = match.groups()
            if is_image and not label.strip():
                problems.append(
                    Problem(
                        relative,
                        number,
                        "image",
                        f"image « {target} » sans texte alternatif : "
                        f"écrivez ![description de l’image]({target}).",
                    )
                )
            targets.append(target)
        reference = _MD_REFERENCE.match(line)
        if reference:
            targets.append(reference.group(1))
        targets += [m.group(3) for m in _HTML_ATTR_LINK.finditer(line)]
        for target in targets:
            message = _link_problem(target, source.path, content, addresses)
            if message:
                severity = "avertissement" if message.startswith("adresse en http") else "erreur"
                problems.append(Problem(relative, number, "lien", message, severity))

    if source.kind.needs_questions and questions == 0:
        problems.append(
            Problem(
                relative,
                source.body_first_line,
                "questions",
                "aucune question : écrivez chaque question sur sa propre ligne, "
                "précédée de « ## ».",
            )
        )
    return problems


def intrasite_problems(html: str, path_of_file: Path, content: Path, settings: dict):
    """Every ``{filename}``, ``{static}``, ``{attach}`` link of rendered
    ``html``, found as Pelican finds them (any attribute, any spelling of
    INTRASITE_LINK_REGEX), with why it may not be published: (target as
    written, message). A file outside content/, hidden, or of a type the
    site does not publish would be copied by Pelican as it is."""
    pattern = re.compile(
        r"""<[^>]+(?:href|src|poster|data|cite|formaction|action|content)\s*=\s*(["'])"""
        rf"""(?P<path>{settings.get("INTRASITE_LINK_REGEX", "[{{|](?P<what>.*?)[|}}]")}"""
        r"""(?P<value>.*?))\1"""
    )
    found = []
    for match in pattern.finditer(html):
        what, value, written = match.group("what"), match.group("value"), match.group("path")
        if what not in ("filename", "static", "attach"):
            continue  # {tag}, {index}…: addresses, not files
        message = _file_link_problem(what, unquote(urlsplit(value).path), path_of_file, content)
        if message:
            found.append((written, f"« {written} » {message}"))
    return found


def _file_link_problem(what: str, path: str, path_of_file: Path, content: Path) -> str | None:
    base = content if path.startswith("/") else path_of_file.parent
    target = base / path.lstrip("/")
    try:
        # After every « .. » and symbolic link: only a file of content/.
        resolved = target.resolve(strict=False)
    except (OSError, RuntimeError):
        return "ne mène à aucun fichier lisible de content/."
    if not resolved.is_relative_to(content.resolve()):
        return "mène hors de content/ : seuls les fichiers de content/ peuvent être liés."
    if any(part.startswith(".") for part in resolved.relative_to(content.resolve()).parts):
        return "mène à un fichier caché : il ne peut pas être publié."
    if not resolved.is_file():
        close = closest_file(path, path_of_file, content, markdown=what == "filename")
        hint = f" ; vouliez-vous dire « {{{what}}}{close} » ?" if close else "."
        return "ne mène à aucun fichier de content/" + hint
    markdown = resolved.suffix[1:] in ("md", "markdown")
    if what == "filename" and not markdown:
        return "n’est pas une page : pour un fichier, écrivez {static} au lieu de {filename}."
    if what != "filename":
        if markdown:
            return "est une page : pour y renvoyer, écrivez {filename} au lieu de {" + what + "}."
        problem = published_file_problem(resolved, content)
        if problem:
            return f": {problem}"
    return None


def _link_problem(
    target: str, path_of_file: Path, content: Path, addresses: Addresses
) -> str | None:
    if not target:
        return "lien vide : mettez l’adresse entre les parenthèses."
    # As a browser reads it: « &#106;avascript: », « java&#9;script: ».
    decoded = re.sub(r"[\x00-\x20]+", "", unescape(target)).lower()
    for scheme in FORBIDDEN_SCHEMES:
        if decoded.startswith(scheme):
            return f"lien « {scheme} » interdit."
    if target.startswith(("{", "|")):
        return None  # links to files of content/: intrasite_problems, on the HTML
    split = urlsplit(target)
    if split.scheme in ("http",):
        return (
            f"adresse en http : préférez https://{target[len('http://') :]} si le site le permet."
        )
    if split.scheme or target.startswith(("#", "//")):
        return None
    if target.startswith("/"):
        path = split.path
        if addresses.exists(path):
            return None
        if not path.endswith("/") and addresses.exists(path + "/"):
            return f"« {target} » : ajoutez la barre finale, « {path}/ »."
        close = closest_address(path, sorted(addresses.exact))
        hint = f" ; vouliez-vous dire « {close} » ?" if close else "."
        return f"« {target} » : aucune page du site à cette adresse{hint}"
    return (
        f"lien relatif « {target} » : écrivez {{filename}}chemin/du/fichier.md pour une "
        "page du site, ou une adresse complète commençant par /."
    )
