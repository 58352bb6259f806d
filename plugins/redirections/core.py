"""Permanent redirects (REDIRECTS) for every server the site ships a
configuration for: Apache (.htaccess), nginx (.redirections.nginx,
included by deploy/nginx/lecentsept.conf) and Netlify-style hosts
(_redirects). Pure functions, no Pelican import.

An old address is a plain path (« /category/labs/ ») or the site's root
with one WordPress query (« /?p=12 », « /?page_id=3 »); a new address is
a path of this site. Anything else is refused by ``address_problem``
(content/redirections.yaml is untrusted input: the content check says
which line is wrong), and the writers below escape all the same for the
syntax they write, so that no value can add a directive.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, unquote

import yaml

FILE = "redirections.yaml"  # at the top of content/
# A new address: a path of this site, segments of letters, digits and
# « . _ ~ - », never « .. », a hidden segment or an empty one (fullmatch:
# « $ » would let a final newline through, splitting a server directive).
_PATH = re.compile(r"/(?:(?!\.)[A-Za-z0-9._~-]+/)*(?:(?!\.)[A-Za-z0-9._~-]+)?")
# WordPress's query addresses: /?p=12, /index.php?page_id=3…
_QUERY = re.compile(r"/(?:index\.php)?\?(?P<name>[a-z_]{1,20})=(?P<value>[A-Za-z0-9_-]{1,80})")
# A new address, maybe with a fragment (« /a-propos/#contact »).
_TARGET = re.compile(_PATH.pattern + r"(?:#[A-Za-z0-9._~-]+)?")
_ENCODED = re.compile(r"%[0-9A-Fa-f]{2}")
MAX_LENGTH = 500


def _safe_character(character: str) -> bool:
    """In an old address: ASCII letters, digits, « . _ ~ - », or a letter,
    digit or punctuation mark beyond ASCII (« ’ », « é », « † » of
    French WordPress slugs), never a space nor a control character."""
    if character.isascii():
        return character.isalnum() or character in "._~-"
    return unicodedata.category(character)[0] in "LMNPS"


def old_path_problem(old: str) -> bool:
    """Whether an old address (a path, maybe percent-encoded) is unsafe
    to write into a server's configuration."""
    if not old.startswith("/") or len(old) > MAX_LENGTH:
        return True
    try:
        decoded = unquote(old, errors="strict")
    except UnicodeDecodeError:
        return True
    if _ENCODED.sub("", old).count("%"):
        return True  # a lone « % »
    for segment in decoded[1:].split("/")[:-1] + [decoded.rsplit("/", 1)[-1]]:
        if segment.startswith(".") or not all(map(_safe_character, segment)):
            return True
    return "//" in decoded


def decoded(path: str) -> str:
    """The form servers match: percent-decoded (they decode the request)."""
    return unquote(path)


@dataclass(frozen=True)
class Redirect:
    path: str  # « /ancienne/ », or « / » with a query
    query: tuple[str, str] | None  # (« p », « 12 »)
    target: str


def address_problem(old, new) -> str | None:
    """Why a redirect cannot be written safely, in French, or None."""
    if not isinstance(old, str) or not (_QUERY.fullmatch(old) or not old_path_problem(old)):
        return (
            f"ancienne adresse « {_shown(old)} » refusée : un chemin qui commence par « / », "
            "sans espace, caractère invisible, segment caché ni « .. », ou « /?p=123 »."
        )
    if old == "/":
        return "l’accueil « / » ne peut pas être redirigé."
    if not isinstance(new, str) or not _TARGET.fullmatch(new):
        return (
            f"nouvelle adresse « {_shown(new)} » refusée : un chemin de ce site qui commence "
            "par « / », par exemple « /rencontres/ »."
        )
    return None


def _shown(value) -> str:
    """A value in a message, its invisible characters made visible."""
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c)[0] in "CZ" and c != " " else c
        for c in str(value)
    )


def parse(redirects: dict) -> list[Redirect]:
    """The redirects that can be written (others are the check's business),
    in a stable order."""
    found = []
    for old, new in sorted(redirects.items()):
        if address_problem(old, new):
            continue
        query = _QUERY.fullmatch(old)
        if query:
            found.append(Redirect("/", (query["name"], query["value"]), new))
        else:
            found.append(Redirect(decoded(old), None, new))
    return found


def load(text: str) -> tuple[dict, list[tuple[int, str]]]:
    """content/redirections.yaml → ({old: new}, [(line, message)])."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return {}, [(mark.line + 1 if mark else 1, "YAML illisible : vérifiez les « : ».")]
    if node is None:
        return {}, []
    if not isinstance(node, yaml.MappingNode):
        return {}, [(1, "attendu une ligne « /ancienne/adresse/: /nouvelle/ » par redirection.")]
    found, problems = {}, []
    for key, value in node.value:
        line = key.start_mark.line + 1
        if not isinstance(key, yaml.ScalarNode) or not isinstance(value, yaml.ScalarNode):
            problems.append((line, "attendu « /ancienne/adresse/: /nouvelle/ »."))
            continue
        message = address_problem(key.value, value.value)
        if key.value in found:
            message = f"« {key.value} » est redirigée deux fois."
        if message:
            problems.append((line, message))
        else:
            found[key.value] = value.value
    return found, problems


def _variants(path: str) -> list[str]:
    """Both « /a/ » and « /a » (WordPress answered both)."""
    if path.endswith("/"):
        return [path, path.rstrip("/")] if path != "/" else [path]
    return [path, path + "/"]


def apache(redirects: dict, siteurl: str = "") -> str:
    """mod_rewrite rules for .htaccess (per-directory: no leading « / »)."""
    lines = []
    for r in parse(redirects):
        target = siteurl + r.target
        if r.query:
            name, value = r.query
            lines.append(f"  RewriteCond %{{QUERY_STRING}} (^|&){name}={value}(&|$)")
            lines.append(f"  RewriteRule ^(index\\.php)?$ {target} [R=301,L,QSD]")
        else:
            pattern = re.escape(r.path.strip("/"))
            lines.append(f"  RewriteRule ^{pattern}/?$ {target} [R=301,L]")
    return "\n".join(lines)


def nginx(redirects: dict) -> str:
    """Server-level nginx directives: an exact location per path, an
    ``if`` on the query for /?p=…, which nginx allows at server level
    with ``return``."""
    lines, seen = [], set()
    for r in parse(redirects):
        if r.query:
            name, value = r.query
            lines.append(
                f'if ($request_uri ~ "^/(index\\.php)?\\?([^#]*&)?{name}={value}(&|#|$)") '
                f'{{ return 301 "{r.target}"; }}'
            )
            continue
        for path in _variants(r.path):
            if path not in seen:
                seen.add(path)
                lines.append(f'location = "{path}" {{ return 301 "{r.target}"; }}')
    return "\n".join(lines)


def netlify(redirects: dict) -> str:
    """_redirects lines (Netlify, Cloudflare Pages): query matching is
    Netlify's « /path name=value »."""
    lines = []
    for r in parse(redirects):
        if r.query:
            name, value = r.query
            lines.append(f"/ {name}={value} {r.target} 301")
            lines.append(f"/index.php {name}={value} {r.target} 301")
        else:
            # Both forms: such hosts may match the request as it was sent.
            for path in dict.fromkeys((r.path, quote(r.path, safe="/._~-"))):
                lines.append(f"{path} {r.target} 301")
    return "\n".join(lines)
