"""The one validation of content/: every file, every problem, at once.

``invoke check``, the build and livereload (and any future editor UI)
call ``validate`` and print its problems the same way (problems.py), so
the same mistake gives the same French line whatever the command. It
reads each file once: the YAML reader takes the parsed front matter
from the input stage's memo (source.py) instead of parsing it again.

Pure functions, no Pelican import (but Pelican's ``slugify``, so that
addresses are the ones Pelican will write).
"""

from __future__ import annotations

import difflib
import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pelican.utils import slugify

from plugins.content_model.rendering import asked_of_every_rendering, render, render_files
from plugins.content_model.source import FrontMatterError
from plugins.redirections import core as redirections

from .addresses import Addresses, generated, redirect_problem, static_files
from .body import check_body, check_rendered
from .content_addresses import content_address, content_addresses, taken_addresses
from .fields import is_site_path
from .file_checks_memo import memo_key, surroundings_of
from .files import (
    IMAGE_EXTENSIONS,
    MARKDOWN_EXTENSIONS,
    location_warning,
    outside,
    published_file_problem,
)
from .html_safety import findings_in_the_pool
from .kinds import CONTENT_TEMPLATES, KINDS, Kind, kind_of
from .links import link_targets, production_link_problems
from .placeholders import placeholder_problems
from .problems import Problem
from .publication import DRAFT, FUTURE, UNSHOWN, production_states, site_today
from .schema import DATA_FILES, check_fields, check_references

# The extensions the YAML reader reads (plugins/yaml_frontmatter), and
# so the only ones Pelican builds: anything else would be dropped.

# The content model's settings (documented in __init__.py).
DEFAULT_SETTINGS = {
    "CONTENT_VALIDATION": True,
    "ALLOWED_EMBEDS": (),
    "PRODUCTION_FEEDS": (),
    "RENDER_WORKERS": None,  # processes rendering ahead (None: every core)
    "RENDER_POOL_FROM": 48,  # fewer files to render: no processes started
    "RENDER_CACHE": True,  # renderings kept in CACHE_PATH (rendering.py)
    "RENDER_CACHE_AT_EXIT": False,  # livereload: saved once, at the end (memo.py)
}


@dataclass
class Source:
    """One Markdown file of content/ that could be read."""

    path: Path  # absolute
    file: str  # as editors see it: « content/rencontres/x.md »
    kind: Kind
    metadata: dict
    key_lines: dict[str, int]
    body: str
    body_first_line: int
    slug: str
    address: str
    html: str  # the body as Markdown renders it (Pelican's reader gets the same)
    formatted: dict  # FORMATTED_FIELDS (the chapô) rendered
    item_lines: dict = field(default_factory=dict)  # the line of each list item


@dataclass
class Validation:
    problems: list[Problem]
    sources: list[Source]

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "erreur"]


_BODIES = "corps"  # the memo's entry for the checks of bodies


def validate(content: Path, settings: dict, memo: dict | None = None) -> Validation:
    """Every problem of the folder ``content`` under ``settings``.

    ``memo``: a dict kept between two calls with the same settings
    (`invoke livereload`): what a Markdown file alone gives (its own
    problems, what it renders to) is taken from it when neither the
    file nor any other file it may point to changed (``_memo_key``),
    and its body's checks when the site's addresses did not change either;
    the problems are the same as without it (tests/build/test_incremental.py)."""
    content = Path(content).resolve()
    # Read, never written: the defaults under what the settings say.
    settings = {**DEFAULT_SETTINGS, **settings}
    # The kinds of content (kinds.py), from which pelicanconf.py derives
    # Pelican's paths.
    kinds = settings.get("CONTENT_KINDS", KINDS)
    problems: list[Problem] = []
    sources: list[Source] = []
    unreadable: list[dict] = []
    data: list[Path] = []
    files = list(_files(content, settings))
    # Every Markdown file rendered on all cores first (a cold build): the
    # checks below then find each rendering in the cache.
    # The workers also scan each rendering for unsafe markup, and do what
    # other plugins of this build asked of every rendering (typography).
    render_files(
        [path for path, static in files if not static and path.suffix[1:] in MARKDOWN_EXTENSIONS],
        settings,
        settings["RENDER_WORKERS"] or len(os.sched_getaffinity(0)),
        settings["RENDER_POOL_FROM"],
        [findings_in_the_pool(settings["ALLOWED_EMBEDS"]), *asked_of_every_rendering(settings)],
    )
    surroundings = surroundings_of(files, settings) if memo is not None else None
    kept: dict = {}
    keys: dict[str, tuple] = {}  # each file's memo key, by its display name
    for path, static in files:
        if path.parent == content and path.name in DATA_FILES and not path.is_symlink():
            data.append(path)
            continue
        if static:
            message = published_file_problem(path, content)
            if message:
                problems.append(Problem(display_name(path, content), 1, "fichier", message))
            elif warning := location_warning(path):
                file = display_name(path, content)
                problems.append(Problem(file, 1, "fichier", warning, "avertissement"))
            continue
        key = memo_key(path, surroundings) if memo is not None else None
        if key is not None and key in memo:
            found, source, rendered = memo[key]
        else:
            found, source = _check_file(path, content, settings, kinds)
            rendered = check_rendered(source, content, settings) if source is not None else []
        if key is not None:
            kept[key] = (found, source, rendered)
            if source is not None:
                keys[source.file] = key
        problems += found + rendered
        if source is not None:
            sources.append(source)
        elif path.suffix[1:] in MARKDOWN_EXTENSIONS and kind_of(display_name(path, content), kinds):
            # Unreadable, but it exists: files that name it are not wrong.
            slug = slugify(path.stem, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
            file = display_name(path, content)
            unreadable.append(_reference_entry(file, kind_of(file, kinds).folder, slug, {}, {}))
    problems += check_references(
        unreadable
        + [
            {
                **_reference_entry(s.file, s.kind.folder, s.slug, s.metadata, s.key_lines),
                "item_lines": s.item_lines,
            }
            for s in sources
        ],
        kinds,
    )
    addresses = generated(settings)
    problems += taken_addresses(sources, addresses)
    statics = static_files(content, settings)
    addresses.exact.update(statics)
    addresses.files.update(statics)
    found, collisions = content_addresses(sources, settings)
    problems += collisions
    addresses.exact.update(found)
    # A body's checks read the file and the site's addresses: with the
    # same of both, the last build's findings (livereload).
    bodies = memo.get(_BODIES, {}) if memo is not None else {}
    kept[_BODIES] = {}
    site = addresses.fingerprint() if memo is not None else None
    for source in sources:
        body_key = (keys[source.file], site) if source.file in keys else None
        found = bodies.get(body_key)
        if found is None:
            found = check_body(source, content, addresses)
        if body_key is not None:
            kept[_BODIES][body_key] = found
        problems += found
    if memo is not None:
        memo.clear()
        memo.update(kept)
    # Links and redirects to what production will not serve (drafts,
    # future interviews, people no published interview names yet…).
    states = production_states(sources, site_today(settings))
    unpublished = {
        source.address: states[source.file].reason
        for source in sources
        if states[source.file].name in (DRAFT, FUTURE, UNSHOWN)
    }
    for path in data:
        problems += _data_problems(path, content, addresses, unpublished)
    problems += placeholder_problems(sources)  # the new-interview template's texts
    problems += production_link_problems(sources, link_targets(sources, states, settings), content)
    return Validation(sorted(set(problems)), sources)


def _data_problems(
    path: Path, content: Path, addresses: Addresses, unpublished: dict[str, str]
) -> list[Problem]:
    """content/redirections.yaml: each line a redirect the servers can
    take, to an address the site has; content/import-wordpress.yaml: YAML
    the import can read (its meaning is the import's business)."""
    file = display_name(path, content)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [Problem(file, 1, "encodage", "le fichier n’est pas en UTF-8.")]
    if path.name != redirections.FILE:
        try:
            yaml.safe_load(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            return [Problem(file, mark.line + 1 if mark else 1, "-", "YAML illisible.")]
        return []
    found, problems = redirections.load(text)
    lines = {old: line for line, old in _key_lines(text)}
    result = [Problem(file, line, "redirection", message) for line, message in problems]
    olds = {redirections.decoded(old) for old in found} | set(found)
    for old, new in found.items():
        message = redirect_problem(old, new, addresses, olds)
        if message is None and new.split("#", 1)[0] in unpublished:
            message = (
                f"« {old} » mène à « {new} », {unpublished[new.split('#', 1)[0]]} : "
                "le site publié ne l’a pas (encore)."
            )
        if message:
            result.append(Problem(file, lines.get(old, 1), "redirection", message))
    return result


def _key_lines(text: str):
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return  # said once, by redirections.load
    for key, _ in node.value if isinstance(node, yaml.MappingNode) else ():
        yield key.start_mark.line + 1, key.value


def _reference_entry(file, folder, slug, metadata, key_lines) -> dict:
    """What schema.check_references reads of one file."""
    return {
        "file": file,
        "folder": folder,
        "slug": slug,
        "metadata": metadata,
        "key_lines": key_lines,
    }


def display_name(path: Path, content: Path) -> str:
    """« content/rencontres/x.md »: from the folder that holds content/."""
    return path.relative_to(content.parent).as_posix()


def _files(content: Path, settings: dict):
    """Every file of content/, in order, and whether it is in a static
    folder (published as it is). Links to folders are not followed,
    links to files are checked where they lead."""
    static = tuple(settings.get("STATIC_PATHS", ()))
    ignored = settings.get("IGNORE_FILES", ())
    for folder, directories, names in os.walk(content):
        directories.sort()
        relative = Path(folder).relative_to(content)
        in_static = bool(relative.parts) and relative.parts[0] in static
        for name in sorted(names + [d for d in directories if (Path(folder) / d).is_symlink()]):
            if not any(fnmatch.fnmatch(name, pattern) for pattern in ignored):
                yield Path(folder) / name, in_static


def _check_file(
    path: Path, content: Path, settings: dict, kinds
) -> tuple[list[Problem], Source | None]:
    file = display_name(path, content)
    extension = path.suffix[1:]
    if path.is_symlink() and not path.exists():
        return [
            Problem(
                file, 1, "fichier", "lien symbolique cassé (ou qui mène à lui-même) : supprimez-le."
            )
        ], None
    if outside(path, content):
        return [
            Problem(
                file,
                1,
                "fichier",
                "lien symbolique vers un fichier hors de content/ : "
                "interdit, le site ne publie que ce qui est dans content/.",
            )
        ], None
    if path.is_dir():
        return [
            Problem(
                file,
                1,
                "fichier",
                "lien symbolique vers un dossier : interdit, "
                "mettez les fichiers eux-mêmes dans content/.",
            )
        ], None
    if extension not in MARKDOWN_EXTENSIONS:
        if extension.lower() in MARKDOWN_EXTENSIONS:
            advice = f"renommez-le « {path.stem}.{extension.lower()} » (en minuscules)"
        else:
            advice = (
                f"enregistrez-le au format Markdown, sous le nom « {path.stem}.md », "
                "ou rangez les images dans content/images/"
            )
        return [
            Problem(
                file,
                1,
                "fichier",
                f"ce fichier ne serait pas publié (extension « .{extension} ») : {advice}.",
            )
        ], None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return [
            Problem(
                file,
                line,
                "encodage",
                "le fichier n’est pas en UTF-8 : enregistrez-le en « UTF-8 » "
                "dans votre éditeur (les accents sont sinon illisibles).",
            )
        ], None
    try:
        rendered = render(text, settings)
    except FrontMatterError as error:
        return [Problem(file, error.line, error.field, error.message)], None
    parsed = rendered.front_matter
    metadata, key_lines = parsed.metadata, parsed.key_lines
    problems = check_fields(file, metadata, key_lines, kinds)
    kind = kind_of(file, kinds)
    if kind is None:
        return problems, None
    if isinstance(metadata.get("a_completer"), str):
        problems.append(
            Problem(file, key_lines["a_completer"], "a_completer", metadata["a_completer"], "note")
        )
    problems += _portrait_problems(file, content, metadata, key_lines, settings)
    problems += _template_problems(file, metadata, key_lines, settings)
    slug = metadata.get("slug")
    if not isinstance(slug, str):
        slug = slugify(path.stem, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    source = Source(
        path,
        file,
        kind,
        metadata,
        key_lines,
        parsed.body,
        parsed.body_first_line,
        slug,
        content_address(kind, slug, metadata, settings),
        rendered.html,
        rendered.formatted,
        parsed.item_lines,
    )
    return problems, source


def _portrait_problems(file, content, metadata, key_lines, settings) -> list[Problem]:
    portrait = metadata.get("portrait")
    if not is_site_path(portrait):
        return []  # its form is the schema's business (one message)
    path = content / portrait
    static = tuple(settings.get("STATIC_PATHS", ()))
    message = None
    if not path.is_file() or outside(path, content) or Path(portrait).parts[0] not in static:
        images = sorted(
            p.relative_to(content).as_posix()
            for folder in static
            for p in (content / folder).rglob("*")
            if p.suffix[1:].lower() in IMAGE_EXTENSIONS
        )
        close = difflib.get_close_matches(portrait, images, n=1)
        message = f"« {portrait} » n’existe pas dans content/" + (
            f" ; vouliez-vous dire « {close[0]} » ?"
            if close
            else " ; déposez la photo dans content/images/."
        )
    elif path.suffix[1:].lower() not in IMAGE_EXTENSIONS:
        message = f"« {portrait} » n’est pas une image ({', '.join(IMAGE_EXTENSIONS)})."
    return [Problem(file, key_lines["portrait"], "portrait", message)] if message else []


def _template_problems(file, metadata, key_lines, settings) -> list[Problem]:
    template = metadata.get("template")
    if template not in CONTENT_TEMPLATES:
        return []  # the schema said so
    if (Path(settings["THEME"]) / "templates" / f"{template}.html").is_file():
        return []
    return [
        Problem(
            file, key_lines["template"], "template", f"le thème n’a pas de gabarit « {template} »."
        )
    ]


__all__ = ["KINDS", "MARKDOWN_EXTENSIONS", "Source", "Validation", "validate"]
