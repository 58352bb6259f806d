"""What a body may not put in a page, found in the HTML that Markdown
made of it (not by patterns over the source): whatever its spelling
(case, line breaks, entities, nesting in a block), a script, an event
handler, a javascript: address or a frame is seen as the browser will.

Pure functions, no Pelican import.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .memo import DiskMemo, code_version, digest
from .rendering import AlsoInThePool

# Elements that run code, load other sites, or change the page around
# the text; a body is text, images, links and tables.
FORBIDDEN_TAGS = {
    "script": "balise <script> interdite : le site n’exécute aucun script venu du contenu.",
    "style": "balise <style> interdite : la mise en forme vient du thème.",
    "iframe": "<iframe> interdit : le site ne charge rien depuis d’autres sites",
    "frame": "<frame> interdit.",
    "frameset": "<frameset> interdit.",
    "object": "<object> interdit : le site ne charge aucun programme.",
    "embed": "<embed> interdit : le site ne charge aucun programme.",
    "applet": "<applet> interdit.",
    "base": "<base> interdit : il changerait l’adresse de tous les liens de la page.",
    "meta": "<meta> interdit dans un texte.",
    "link": "<link> interdit dans un texte.",
    "form": "formulaire interdit : le site ne recueille aucune donnée.",
    "input": "champ de formulaire interdit.",
    "button": "bouton interdit.",
    "textarea": "champ de formulaire interdit.",
    "select": "champ de formulaire interdit.",
    "svg": "<svg> interdit dans un texte : déposez une image PNG ou WebP.",
    "math": "<math> interdit.",
    "template": "<template> interdit.",
    "noscript": "<noscript> interdit.",
    # These three swallow the rest of the page as text in a browser.
    "plaintext": "<plaintext> interdit.",
    "xmp": "<xmp> interdit.",
    "title": "<title> interdit dans un texte.",
}
# Attributes whose value is an address.
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "data",
    "background",
    "xlink:href",
    "srcset",
    "cite",
    "longdesc",
    "ping",
}
FORBIDDEN_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
# Attributes that load something: from the site only (content/), never
# from another origin (the CSP would block it on the site, and feed
# readers would load it, telling another site who reads).
LOADING_ATTRIBUTES = {"src", "srcset", "poster", "data", "background"}
# Openings that Python's HTMLParser and browsers read differently
# (« <!--> » ends a comment in a browser, not here): refused outright.
_AMBIGUOUS = re.compile(r"<!--->|<!-->|<!\[|<\?|--!>", re.IGNORECASE)
# Browsers drop ASCII whitespace and control characters inside a scheme.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]+")


@dataclass(frozen=True)
class Finding:
    """Something refused: the field it is reported under, a pattern to
    find its line in the source, and the French message."""

    field: str
    pattern: str
    message: str


class _Scanner(HTMLParser):
    def __init__(self, allowed_embeds: tuple[str, ...]):
        super().__init__(convert_charrefs=True)
        self.allowed_embeds = allowed_embeds
        self.findings: list[Finding] = []

    def refuse(self, field: str, pattern: str, message: str) -> None:
        self.findings.append(Finding(field, pattern, message))

    def handle_starttag(self, tag, attrs):
        refused = False
        if tag in FORBIDDEN_TAGS:
            source = dict(attrs).get("src") or ""
            embed = (
                tag == "iframe" and self.allowed_embeds and source.startswith(self.allowed_embeds)
            )
            if not embed:
                message = FORBIDDEN_TAGS[tag]
                if tag == "iframe":
                    allowed = ", ".join(self.allowed_embeds)
                    message += f" (autorisés : {allowed})." if allowed else "."
                self.refuse("html", rf"<\s*{re.escape(tag)}\b", message)
                refused = True
        for name, value in attrs:
            self.check_attribute(
                name,
                value or "",
                loads=not refused and not embed_allowed(tag, attrs, self.allowed_embeds),
            )

    handle_startendtag = handle_starttag

    def check_attribute(self, name: str, value: str, loads: bool = True) -> None:
        if name.startswith("on"):
            self.refuse(
                "html",
                rf"\b{re.escape(name)}\s*=",
                "attribut « on…= » interdit (code JavaScript dans le contenu).",
            )
        elif name == "style":
            self.refuse(
                "html",
                r"\bstyle\s*=",
                "attribut « style= » interdit : la mise en forme vient du thème.",
            )
        elif name in ("ping", "srcdoc"):
            self.refuse("html", rf"\b{name}\s*=", f"attribut « {name}= » interdit.")
        if name in URL_ATTRIBUTES and value:
            compact = _IGNORED_IN_SCHEME.sub("", value).lower()
            candidates = compact.split(",") if name == "srcset" else [compact]
            scheme = next(
                (s for s in FORBIDDEN_SCHEMES if any(c.startswith(s) for c in candidates)), None
            )
            if scheme:
                self.refuse(
                    "lien", re.escape(scheme[:-1]) + r"\s*:", f"lien « {scheme} » interdit."
                )
            elif loads and name in LOADING_ATTRIBUTES and _elsewhere(candidates):
                self.refuse(
                    "html",
                    re.escape(value.strip()[:40]),
                    "fichier chargé depuis un autre site : déposez-le dans content/images/ "
                    "et écrivez {static}/images/… (le site ne charge rien d’ailleurs).",
                )


def embed_allowed(tag: str, attrs, allowed_embeds: tuple[str, ...]) -> bool:
    source = dict(attrs).get("src") or ""
    return tag == "iframe" and bool(allowed_embeds) and source.startswith(allowed_embeds)


def _elsewhere(candidates: list[str]) -> bool:
    """Whether an address leaves the site (a scheme, or « // »)."""
    return any(re.match(r"([a-z][a-z0-9+.-]*:|//|\\\\)", c) for c in candidates)


def unsafe_markup(html: str, allowed_embeds: tuple[str, ...] = ()) -> list[Finding]:
    """Everything ``html`` (a rendered body) holds that a page may not."""
    findings = [
        Finding(
            "html",
            re.escape(match.group(0)),
            f"« {match.group(0)} » interdit : commentaire ou balise que les navigateurs "
            "lisent autrement ; retirez-le.",
        )
        for match in _AMBIGUOUS.finditer(html)
    ]
    scanner = _Scanner(tuple(allowed_embeds))
    scanner.feed(html)
    if "<" in scanner.rawdata:
        # What the parser kept back: a tag never closed by « > », whose
        # attributes a browser would take from the page around it.
        findings.append(Finding("html", "<", "balise HTML jamais refermée par « > »."))
    scanner.close()
    return findings + scanner.findings


def line_of(pattern: str, body: str, first_line: int) -> int:
    """The source line where ``pattern`` first shows: as written, else
    as a browser reads the line (entities decoded, « &#106;avascript: »;
    whitespace and controls dropped, « java&#9;script: »), else the
    body's first line."""
    match = re.search(pattern, body, re.IGNORECASE)
    if match:
        return first_line + body[: match.start()].count("\n")
    for offset, line in enumerate(body.splitlines()):
        decoded = html.unescape(line)
        if re.search(pattern, decoded, re.IGNORECASE) or re.search(
            pattern, _IGNORED_IN_SCHEME.sub("", decoded), re.IGNORECASE
        ):
            return first_line + offset
    return first_line


# Findings by body, kept between builds with the renderings (RENDER_CACHE,
# the content_model plugin loads and saves it): a warm build scans only
# the bodies that changed. Production (publishconf.py) reads no cache:
# what goes online is always scanned.
FINDINGS = DiskMemo(code_version(__file__))


def _findings_prefix(allowed_embeds) -> str:
    return repr(tuple(allowed_embeds)) + "\0"


def _as_lists(findings: list[Finding]) -> list[list[str]]:
    return [[f.field, f.pattern, f.message] for f in findings]


def _unsafe_markup_as_lists(html: str, allowed_embeds: tuple[str, ...]) -> list[list[str]]:
    return _as_lists(unsafe_markup(html, allowed_embeds))


def findings_in_the_pool(allowed_embeds) -> AlsoInThePool:
    """``unsafe_markup`` run by the render pool's workers on every body
    and formatted field, kept in FINDINGS: a cold build's validation then
    finds each scan done (half a second at 1,000 interviews)."""
    embeds = tuple(allowed_embeds)
    return AlsoInThePool(
        functools.partial(_unsafe_markup_as_lists, allowed_embeds=embeds),
        FINDINGS,
        _findings_prefix(embeds),
    )


def remembered_unsafe_markup(html: str, allowed_embeds: tuple[str, ...] = ()) -> list[Finding]:
    """``unsafe_markup``, through FINDINGS."""
    key = digest(_findings_prefix(allowed_embeds) + html)
    kept = FINDINGS.get(key)
    if isinstance(kept, list) and all(
        isinstance(item, list) and len(item) == 3 and all(isinstance(part, str) for part in item)
        for item in kept
    ):
        return [Finding(*item) for item in kept]
    findings = unsafe_markup(html, allowed_embeds)
    FINDINGS.put(key, _as_lists(findings))
    return findings
