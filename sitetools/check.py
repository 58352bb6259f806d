"""`invoke check`: every problem in content/, at once, without building.

Each problem is ``file:line: field: message`` in French, with what to
do. Errors stop previews and publishing; warnings only with --strict;
notes (« à compléter ») are listed for editors and never fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from plugins.content_model.schema import (
    Problem,
    check_fields,
    check_references,
    kind_of,
)
from plugins.french_dates.core import DateFormatError, parse_publication_date
from pelican.utils import slugify
from plugins.yaml_frontmatter.core import FrontMatterError, split_front_matter

SUMMARY_MAX = 300  # characters a search engine shows of a description

# Markdown links and images: [texte](cible "titre") and ![alt](cible).
_MD_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_MD_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(\S+)")
_HTML_ATTR_LINK = re.compile(r"<(a|img|iframe|source)\b[^>]*?\b(href|src)\s*=\s*[\"']([^\"']*)[\"']", re.I)
_HTML_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_EVENT_ATTR = re.compile(r"\son[a-z]+\s*=", re.I)
_STYLE_ATTR = re.compile(r"\sstyle\s*=", re.I)
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
_ALT = re.compile(r"\salt\s*=\s*[\"']\s*[^\"'\s]", re.I)
_HEADING = re.compile(r"^(#{1,6})\s+\S")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_INLINE_CODE = re.compile(r"`[^`]*`")
_INTRASITE = re.compile(r"^\{(filename|static|attach)\}(.*)$")

# Addresses Pelican writes besides content pages.
GENERATED = ("/", "/rencontres/", "/programmes/", "/personnes/", "/themes/",
             "/sitemap.xml", "/robots.txt", "/404.html")
GENERATED_PREFIXES = ("/flux/", "/theme/", "/rencontres/page/", "/recherche/")


@dataclass
class _File:
    path: Path
    relative: str
    metadata: dict
    key_lines: dict
    body: str
    body_first_line: int
    slug: str


def check_site(content: Path, settings: dict) -> list[Problem]:
    """All problems of ``content`` (a folder of Markdown files)."""
    content = Path(content)
    problems: list[Problem] = []
    files: list[_File] = []
    for path in sorted(content.rglob("*.md")):
        found, parsed = _check_file(path, content, settings)
        problems += found
        if parsed:
            files.append(parsed)
    problems += check_references([
        {"file": f.relative, "folder": kind_of(f.relative).folder, "slug": f.slug,
         "metadata": f.metadata, "key_lines": f.key_lines}
        for f in files if kind_of(f.relative)
    ])
    known = _known_addresses(files, content, settings)
    for parsed in files:
        problems += _check_body(parsed, content, known, settings)
    return sorted(set(problems))


def legal_notice_gaps(settings: dict, settings_file: Path) -> list[Problem]:
    """LEGAL_NOTICE fields not known yet: a note each, on the line of
    pelicanconf.py that sets it. Publishing refuses to run while any is
    left (sitetools.publish)."""
    lines = settings_file.read_text(encoding="utf-8").splitlines()
    gaps = []
    for key, value in settings.get("LEGAL_NOTICE", {}).items():
        if value:
            continue
        line = next((n for n, text in enumerate(lines, 1) if f'"{key}":' in text), 1)
        gaps.append(Problem(settings_file.name, line, f"LEGAL_NOTICE[{key}]",
                            "mention légale à fournir avant toute publication.", "note"))
    return gaps


def _relative(path: Path, content: Path) -> str:
    """« content/rencontres/x.md »: from the folder that holds content/."""
    return path.relative_to(content.parent).as_posix()


def _check_file(path: Path, content: Path, settings: dict):
    relative = _relative(path, content)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return [Problem(relative, line, "encodage",
                        "le fichier n’est pas en UTF-8 : enregistrez-le en « UTF-8 » "
                        "dans votre éditeur (les accents sont sinon illisibles).")], None
    try:
        parsed = split_front_matter(text)
    except FrontMatterError as error:
        return [Problem(relative, error.line, error.field, error.message)], None
    metadata, key_lines = parsed.metadata, parsed.key_lines
    problems = check_fields(relative, metadata, key_lines)
    if "date" in metadata:
        try:
            publication = parse_publication_date(metadata["date"])
        except DateFormatError as error:
            problems.append(Problem(relative, key_lines["date"], "date", str(error)))
        else:
            if not publication.is_exact and "modified" not in metadata:
                problems.append(Problem(
                    relative, key_lines["date"], "modified",
                    "la date n’est pas connue au jour près : ajoutez « modified: AAAA-MM-JJ », "
                    "le jour de mise en ligne sur ce site (les flux Atom l’exigent).",
                ))
    summary = metadata.get("summary")
    if isinstance(summary, str) and len(summary) > SUMMARY_MAX:
        problems.append(Problem(
            relative, key_lines["summary"], "summary",
            f"chapô de {len(summary)} caractères : les moteurs de recherche n’en montrent "
            f"que {SUMMARY_MAX} environ ; raccourcissez-le si possible.", "avertissement",
        ))
    if isinstance(metadata.get("a_completer"), str):
        problems.append(Problem(relative, key_lines["a_completer"], "a_completer",
                                metadata["a_completer"], "note"))
    slug = metadata.get("slug") if isinstance(metadata.get("slug"), str) else slugify(
        path.stem, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    return problems, _File(path, relative, metadata, key_lines, parsed.body,
                           parsed.body_first_line, slug)


def _known_addresses(files: list[_File], content: Path, settings: dict) -> set[str]:
    known = set(GENERATED)
    prefixes = {folder: meta.get("url_prefix", "")
                for folder, meta in settings.get("EXTRA_PATH_METADATA", {}).items()}
    for parsed in files:
        kind = kind_of(parsed.relative)
        if kind is None:
            continue
        if isinstance(parsed.metadata.get("url"), str):
            known.add("/" + parsed.metadata["url"].lstrip("/"))
        elif kind.folder == "rencontres":
            known.add(f"/{parsed.slug}/")
        else:
            known.add(f"/{prefixes.get(kind.folder, '')}{parsed.slug}/")
        for theme in parsed.metadata.get("themes") or []:
            if isinstance(theme, str):
                known.add(f"/themes/{slugify(theme, regex_subs=settings['SLUG_REGEX_SUBSTITUTIONS'])}/")
    for static in settings.get("STATIC_PATHS", []):
        for path in (content / static).rglob("*"):
            if path.is_file():
                known.add("/" + path.relative_to(content).as_posix())
    return known


def _check_body(parsed: _File, content: Path, known: set[str], settings: dict) -> list[Problem]:
    problems = []
    relative, kind = parsed.relative, kind_of(parsed.relative)
    allowed_embeds = tuple(settings.get("ALLOWED_EMBEDS", ()))
    previous_level = 1  # the title is the page's only level-1 heading
    questions = 0
    in_fence = False
    for offset, line in enumerate(parsed.body.splitlines()):
        number = parsed.body_first_line + offset
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
                problems.append(Problem(relative, number, "titres",
                                        "« # » est réservé au titre de la page (champ title) : "
                                        "commencez les intertitres et les questions par « ## »."))
            elif level > previous_level + 1:
                problems.append(Problem(
                    relative, number, "titres",
                    f"niveau de titre sauté : {'#' * level} après {'#' * previous_level} ; "
                    f"utilisez {'#' * (previous_level + 1)}.",
                ))
            if level == 2:
                questions += 1
            previous_level = level

        for tag in _HTML_TAG.finditer(line):
            name = tag.group(1).lower()
            text = tag.group(0)
            if name == "script":
                problems.append(Problem(relative, number, "html",
                                        "balise <script> interdite : le site n’exécute aucun script "
                                        "venu du contenu."))
            if name == "iframe":
                source = re.search(r"\bsrc\s*=\s*[\"']([^\"']*)", text)
                if not source or not source.group(1).startswith(allowed_embeds):
                    problems.append(Problem(
                        relative, number, "html",
                        "<iframe> interdit : le site ne charge rien depuis d’autres sites"
                        + (f" (autorisés : {', '.join(allowed_embeds)})." if allowed_embeds else "."),
                    ))
            if _EVENT_ATTR.search(text):
                problems.append(Problem(relative, number, "html",
                                        "attribut « on…= » interdit (code JavaScript dans le contenu)."))
            if _STYLE_ATTR.search(text):
                problems.append(Problem(relative, number, "html",
                                        "attribut « style= » interdit : la mise en forme vient du thème."))
        for image in _IMG_TAG.finditer(line):
            if not _ALT.search(image.group(0)):
                problems.append(Problem(relative, number, "image",
                                        "image sans texte alternatif : ajoutez alt=\"…\" qui la décrit."))

        targets = []
        for match in _MD_LINK.finditer(line):
            is_image, label, target = match.groups()
            if is_image and not label.strip():
                problems.append(Problem(
                    relative, number, "image",
                    f"image « {target} » sans texte alternatif : écrivez ![description de l’image]({target}).",
                ))
            targets.append(target)
        reference = _MD_REFERENCE.match(line)
        if reference:
            targets.append(reference.group(1))
        targets += [m.group(3) for m in _HTML_ATTR_LINK.finditer(line)]
        for target in targets:
            message = _link_problem(target, parsed, content, known)
            if message:
                severity = "avertissement" if message.startswith("adresse en http") else "erreur"
                problems.append(Problem(relative, number, "lien", message, severity))

    if kind is not None and kind.folder == "rencontres" and questions == 0:
        problems.append(Problem(relative, parsed.body_first_line, "questions",
                                "aucune question : écrivez chaque question sur sa propre ligne, "
                                "précédée de « ## ».", ))
    return problems


def _link_problem(target: str, parsed: _File, content: Path, known: set[str]) -> str | None:
    if not target:
        return "lien vide : mettez l’adresse entre les parenthèses."
    if target.lower().startswith("javascript:"):
        return "lien « javascript: » interdit."
    intrasite = _INTRASITE.match(target)
    if intrasite:
        what, path = intrasite.groups()
        path = urlsplit(path).path
        base = content if path.startswith("/") else parsed.path.parent
        resolved = (base / path.lstrip("/")).resolve()
        if not resolved.is_file():
            return f"« {target} » ne mène à aucun fichier de content/."
        return None
    split = urlsplit(target)
    if split.scheme in ("http",):
        return f"adresse en http : préférez https://{target[len('http://'):]} si le site le permet."
    if split.scheme or target.startswith(("#", "//")):
        return None
    if target.startswith("/"):
        path = split.path
        if path in known or any(path.startswith(prefix) for prefix in GENERATED_PREFIXES):
            return None
        if not path.endswith("/") and path + "/" in known:
            return f"« {target} » : ajoutez la barre finale, « {path}/ »."
        return f"« {target} » : aucune page du site à cette adresse."
    return (f"lien relatif « {target} » : écrivez {{filename}}chemin/du/fichier.md pour une "
            "page du site, ou une adresse complète commençant par /.")


def format_problem(problem: Problem, github: bool = False) -> str:
    if github:
        level = {"erreur": "error", "avertissement": "warning"}.get(problem.severity, "notice")
        message = problem.message.replace("%", "%25").replace("\n", "%0A")
        return (f"::{level} file={problem.file},line={problem.line},"
                f"title={problem.field}::{message}")
    if problem.severity == "note":
        return f"{problem.file}:{problem.line}: {problem.field}: à compléter : {problem.message}"
    return str(problem)


def summary_line(problems: list[Problem]) -> str:
    counts = {severity: sum(p.severity == severity for p in problems)
              for severity in ("erreur", "avertissement", "note")}
    return (f"{counts['erreur']} erreur(s), {counts['avertissement']} avertissement(s), "
            f"{counts['note']} note(s) « à compléter ».")


def exit_status(problems: list[Problem], strict: bool) -> int:
    failing = {"erreur", "avertissement"} if strict else {"erreur"}
    return 1 if any(p.severity in failing for p in problems) else 0

