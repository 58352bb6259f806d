"""Checks of a Markdown body, on the source as the editor wrote it, so
that each problem has its line: headings, HTML the site refuses, images
without alternative text, links that lead nowhere.

Pure functions, no Pelican import (used by validation.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .html_safety import line_of, unsafe_markup
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
_HEADING = re.compile(r"^(#{1,6})\s+\S")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_INLINE_CODE = re.compile(r"`[^`]*`")
_INTRASITE = re.compile(r"^\{(filename|static|attach)\}(.*)$")


def check_body(
    source, content: Path, addresses: Addresses, allowed_embeds: tuple[str, ...]
) -> list[Problem]:
    """Every problem of ``source``'s body (a validation.Source): what it
    renders to (html_safety), then its source, line by line."""
    relative = source.file
    problems = [
        Problem(
            relative,
            line_of(finding.pattern, source.body, source.body_first_line),
            finding.field,
            finding.message,
        )
        for finding in unsafe_markup(source.html, allowed_embeds)
    ]
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

    if source.kind.folder == "rencontres" and questions == 0:
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


def _link_problem(
    target: str, path_of_file: Path, content: Path, addresses: Addresses
) -> str | None:
    if not target:
        return "lien vide : mettez l’adresse entre les parenthèses."
    if target.lower().startswith("javascript:"):
        return "lien « javascript: » interdit."
    intrasite = _INTRASITE.match(target)
    if intrasite:
        what, path = intrasite.groups()
        path = urlsplit(path).path
        base = content if path.startswith("/") else path_of_file.parent
        # After every « .. » and symbolic link: a link may only lead to a
        # file of content/, or the build would publish any file it reads.
        resolved = (base / path.lstrip("/")).resolve()
        if not resolved.is_relative_to(content.resolve()):
            return (
                f"« {target} » mène hors de content/ : "
                "seuls les fichiers de content/ peuvent être liés."
            )
        if not resolved.is_file():
            return f"« {target} » ne mène à aucun fichier de content/."
        return None
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
        return f"« {target} » : aucune page du site à cette adresse."
    return (
        f"lien relatif « {target} » : écrivez {{filename}}chemin/du/fichier.md pour une "
        "page du site, ou une adresse complète commençant par /."
    )
