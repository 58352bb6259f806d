"""Links checked against what production will serve.

A page the production site writes (published or hidden, or dated in
the future) may not link to what it will not serve: a draft, a page
nothing public shows yet, an interview held back until its date, a
theme no published interview has, Pelican's category and author pages
(this site has none), or a hidden page (a link would show it). Every
spelling is resolved as Pelican resolves it with the production
settings: ``{filename}``, ``{static}``, ``{attach}``, ``{tag}``,
``{category}``, ``{author}``, ``{index}`` and plain addresses « /… ».
Whether a file or an address exists at all is body.py's business;
this module says what production will not serve, with the closest
target that it will (« vouliez-vous dire … »).

Pure functions, no Pelican import (but Pelican's ``slugify``, through
``content_addresses.slug_of``, for the addresses of themes).
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .content_addresses import slug_of
from .html_safety import line_of
from .problems import Problem
from .publication import FUTURE, HIDDEN, PUBLISHED, UNSHOWN, State

# Where Pelican finds an intrasite link (its INTRASITE_LINK_REGEX default).
_DEFAULT_INTRASITE = "[{|](?P<what>.*?)[|}]"
# Attributes whose value Pelican rewrites and browsers follow.
_LINK_ATTRIBUTES = ("href", "src", "poster", "data", "cite", "action", "formaction")
# An attribute value that starts like an address of the site: « /… »,
# « {filename}… », « |filename|… » (quoted or not).
_MAY_LINK_WITHIN = re.compile(r"""=\s*["']?\s*[/{|]""")


@dataclass
class LinkTargets:
    """What production serves, for the link checks of one validation."""

    states: dict[str, State]  # by file, as editors see it
    by_path: dict[Path, object]  # resolved path → source
    withheld: dict[str, State]  # address → state, for what production does not serve
    served: list[str]  # addresses production serves (for suggestions)
    themes: dict[str, str]  # public theme slug → its name
    settings: dict = field(default_factory=dict)


def link_targets(sources, states: dict[str, State], settings: dict) -> LinkTargets:
    """From the validation's sources and their production states."""
    tag_save_as = settings.get("TAG_SAVE_AS", "")
    withheld, served, public, seen = {}, [], {}, {}
    for source in sources:
        state = states[source.file]
        if state.name == PUBLISHED:
            served.append(source.address)
        else:
            withheld[source.address] = state
        themes = source.metadata.get("themes")
        for theme in themes if isinstance(themes, list) else ():
            slug = slug_of(theme, settings) if isinstance(theme, str) else ""
            if not slug:
                continue
            seen.setdefault(slug, theme)
            if source.kind.article and state.name == PUBLISHED:
                public.setdefault(slug, theme)
    for slug, theme in seen.items():
        if slug not in public and tag_save_as:
            address = "/" + tag_save_as.format(slug=slug).removesuffix("index.html")
            withheld[address] = State(
                UNSHOWN, f"un thème, « {theme} », qu’aucun entretien publié ne porte encore"
            )
    served += ["/" + tag_save_as.format(slug=slug).removesuffix("index.html") for slug in public]
    return LinkTargets(
        states,
        {Path(source.path).resolve(): source for source in sources},
        withheld,
        sorted(set(served)),
        public,
        settings,
    )


def refusal(origin: State, target: State) -> str | None:
    """Why a page in state ``origin`` may not link to one in state
    ``target`` (a sentence without its full stop), or None."""
    if not origin.written or target.name == PUBLISHED:
        return None  # a draft may link anywhere: production does not write it
    if target.name == HIDDEN:
        if origin.name == HIDDEN:
            return None
        return (
            f"mène à {target.reason} : une page cachée n’est trouvée que par qui a son "
            "adresse, un lien la montrerait ; retirez le lien ou publiez la page"
        )
    if target.name == FUTURE:
        if origin.name == FUTURE and target.day <= origin.day:
            return None  # online before the page that links to it
        return (
            f"mène à {target.reason} : d’ici là, le lien ne mènerait nulle part sur le site "
            "publié ; retirez-le ou attendez cette date pour l’ajouter"
        )
    return (
        f"mène à {target.reason} : absent du site publié, le lien n’y mènerait nulle part ; "
        "retirez-le ou publiez d’abord cette page"
    )


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [value for name, value in attrs if name in _LINK_ATTRIBUTES and value]

    handle_startendtag = handle_starttag


def _links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser.found


def production_link_problems(sources, targets: LinkTargets, content: Path) -> list[Problem]:
    """Links of the pages production writes to what it will not serve:
    each on its line of the source (the body, or the chapô's line)."""
    intrasite = re.compile(
        rf"^(?P<path>{targets.settings.get('INTRASITE_LINK_REGEX', _DEFAULT_INTRASITE)}"
        r"(?P<value>.*))$"
    )
    problems = []
    for source in sources:
        origin = targets.states[source.file]
        parts = [(source.html, source.body, source.body_first_line, "lien")]
        parts += [
            (html, None, source.key_lines.get(name, 1), name)
            for name, html in source.formatted.items()
        ]
        for html, text, first_line, field_name in parts:
            if not _MAY_LINK_WITHIN.search(html):
                continue  # most bodies: no address of the site, no parse
            for link in _links(html):
                message = _problem(link, source, origin, targets, intrasite, content)
                if message:
                    line = (
                        line_of(re.escape(link), text, first_line)
                        if text is not None
                        else first_line
                    )
                    problems.append(Problem(source.file, line, field_name, message))
    return problems


def _problem(link, source, origin, targets, intrasite, content) -> str | None:
    match = intrasite.match(link)
    if match is None:
        if not link.startswith("/") or link.startswith("//"):
            return None
        address = unquote(urlsplit(link).path)
        state = targets.withheld.get(address)
        reason = refusal(origin, state) if state else None
        if not reason:
            return None
        close = closest_address(address, [a for a in targets.served if a != source.address])
        return f"« {link} » {reason}{_hint(close)}"
    what, value = match.group("what"), match.group("value")
    settings = targets.settings
    if what == "filename":
        path = unquote(urlsplit(value).path)
        base = content if path.startswith("/") else Path(source.path).parent
        try:
            resolved = (base / path.lstrip("/")).resolve()
        except (OSError, RuntimeError):
            return None  # body.py says the file is unreadable
        target = targets.by_path.get(resolved)
        reason = refusal(origin, targets.states[target.file]) if target else None
        if not reason:
            return None
        published = [
            p
            for p, s in targets.by_path.items()
            if targets.states[s.file].name == PUBLISHED and s is not source
        ]
        close = closest_file(path, Path(source.path), content, True, among=published)
        return f"« {link} » {reason}{_hint('{filename}' + close if close else None)}"
    if what in ("static", "attach", "index"):
        return None  # files: body.py; the home page always exists
    if what == "tag":
        slug = slug_of(value, settings)
        if not settings.get("TAG_SAVE_AS"):
            return f"« {link} » : le site n’a pas de pages de thème."
        if slug in targets.themes or not origin.written:
            return None
        close = difflib.get_close_matches(value, targets.themes.values(), n=1, cutoff=0.5)
        hint = _hint("{tag}" + close[0] if close else None)
        address = "/" + settings["TAG_SAVE_AS"].format(slug=slug).removesuffix("index.html")
        if address in targets.withheld:
            return f"« {link} » {refusal(origin, targets.withheld[address])}{hint}"
        if not close and targets.themes:
            names = sorted(targets.themes.values())
            hint = f" ; thèmes existants : {', '.join(names[:8])}{'…' if len(names) > 8 else ''}."
        return f"« {link} » : aucun entretien publié n’a le thème « {value} »{hint}"
    if what in ("category", "author"):
        if settings.get(f"{what.upper()}_SAVE_AS"):
            return None
        name = "catégorie" if what == "category" else "auteur"
        return (
            f"« {link} » : le site n’a pas de pages par {name} ; "
            "vouliez-vous dire « /rencontres/ » ou un thème, « {tag}Nom du thème » ?"
        )
    return (
        f"« {link} » : « {{{what}}} » n’est pas une forme de lien connue ; écrivez "
        "{filename} (une page), {static} (un fichier), {tag} (un thème) ou une adresse « /… »."
    )


def closest_file(
    written: str, path_of_file: Path, content: Path, markdown: bool, among=None, cutoff=0.7
) -> str | None:
    """The file of content/ (or of ``among``) closest to a link target,
    spelt as the editor spelt theirs (relative to the file, or « /… »)."""
    content = content.resolve()
    candidates = []
    for path in among if among is not None else content.rglob("*"):
        if not path.is_file() or any(p.startswith(".") for p in path.relative_to(content).parts):
            continue
        if (path.suffix[1:] in ("md", "markdown")) != markdown:
            continue
        if written.startswith("/"):
            candidates.append("/" + path.relative_to(content).as_posix())
        else:
            candidates.append(Path(os.path.relpath(path, path_of_file.parent)).as_posix())
    # Compared by file name first (a typo in a name), then whole paths
    # (a typo in a folder: « ../programme/prog-a.md »).
    by_name = {}
    for candidate in candidates:
        by_name.setdefault(Path(candidate).stem, candidate)
    name = Path(written).stem
    if name in by_name:
        return by_name[name]
    close = difflib.get_close_matches(name, by_name, n=1, cutoff=cutoff)
    if close:
        return by_name[close[0]]
    return None


def _hint(close: str | None) -> str:
    return f" ; vouliez-vous dire « {close} » ?" if close else "."


def closest_address(address: str, served: list[str]) -> str | None:
    close = difflib.get_close_matches(address, served, n=1, cutoff=0.6)
    return close[0] if close else None
