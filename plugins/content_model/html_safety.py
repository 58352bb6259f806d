"""What a body may not put in a page, found in the HTML that Markdown
made of it (not by patterns over the source): whatever its spelling
(case, line breaks, entities, nesting in a block), a script, an event
handler, a javascript: address or a frame is seen as the browser will.

Pure functions, no Pelican import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

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

    def handle_starttag(self, tag, attrs):
        tag_pattern = rf"<\s*{re.escape(tag)}\b"
        if tag in FORBIDDEN_TAGS:
            source = dict(attrs).get("src") or ""
            if not (
                tag == "iframe" and self.allowed_embeds and source.startswith(self.allowed_embeds)
            ):
                message = FORBIDDEN_TAGS[tag]
                if tag == "iframe":
                    message += (
                        f" (autorisés : {', '.join(self.allowed_embeds)})."
                        if self.allowed_embeds
                        else "."
                    )
                self.findings.append(Finding("html", tag_pattern, message))
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(
                    Finding(
                        "html",
                        rf"\b{re.escape(name)}\s*=",
                        "attribut « on…= » interdit (code JavaScript dans le contenu).",
                    )
                )
            elif name == "style":
                self.findings.append(
                    Finding(
                        "html",
                        r"\bstyle\s*=",
                        "attribut « style= » interdit : la mise en forme vient du thème.",
                    )
                )
            elif name in URL_ATTRIBUTES and value:
                compact = _IGNORED_IN_SCHEME.sub("", value).lower()
                candidates = compact.split(",") if name == "srcset" else [compact]
                scheme = next(
                    (s for s in FORBIDDEN_SCHEMES if any(c.startswith(s) for c in candidates)), None
                )
                if scheme:
                    self.findings.append(
                        Finding("lien", re.escape(scheme[:-1]), f"lien « {scheme} » interdit.")
                    )

    handle_startendtag = handle_starttag


def unsafe_markup(html: str, allowed_embeds: tuple[str, ...] = ()) -> list[Finding]:
    """Everything ``html`` (a rendered body) holds that a page may not."""
    scanner = _Scanner(tuple(allowed_embeds))
    scanner.feed(html)
    scanner.close()
    return scanner.findings


def line_of(pattern: str, body: str, first_line: int) -> int:
    """The source line where ``pattern`` first shows, else the body's
    first line (an entity-encoded spelling, say)."""
    match = re.search(pattern, body, re.IGNORECASE)
    return first_line + body[: match.start()].count("\n") if match else first_line
