"""The redirects an import may write: only those the content check
accepts, so that an export can never give a site that does not build.
Pure functions.

``redirect_problem`` is the one place that asks the check before
writing: the redirects plugin's rule (``address_problem``) and the
folders the build always owns (the content model's ``ALWAYS_RESERVED``,
with the theme's and the drafts'). The content model's validation, run
right after the import, then checks each written redirect against the
whole address space (plugins/content_model/addresses.py), and the report
lists what it refuses.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

from plugins.content_model.addresses import ALWAYS_RESERVED
from plugins.redirections.core import address_problem

# Addresses the build (or the server) owns: never the old address of a
# redirect, whatever its slash.
RESERVED_PREFIXES = (*(p.rstrip("/") for p in ALWAYS_RESERVED), "/theme", "/brouillons")
RESERVED_NAMES = ("index.html", "404.html", "robots.txt", "sitemap.xml", ".htaccess")


def redirect_problem(old: str, new: str) -> str | None:
    """Why the check would refuse the redirect ``old`` → ``new``, in
    French, or None."""
    problem = address_problem(old, new)
    if problem:
        return problem
    bare = old.split("?", 1)[0].rstrip("/")
    if any(bare == p or bare.startswith(p + "/") for p in RESERVED_PREFIXES):
        return f"« {old} » est une adresse réservée au site (éditeur, recherche, thème)."
    if bare.rsplit("/", 1)[-1] in RESERVED_NAMES:
        return f"« {old} » est un fichier du site."
    if old.rstrip("/") == new.rstrip("/"):
        return f"« {old} » mènerait à elle-même."
    return None


def address_forms(path: str) -> list[str]:
    """An old path as the servers may receive it: as WordPress wrote it
    (often percent-encoded, « /l%e2%80%99or/ »), decoded (« /l’or/ ») and
    encoded in upper case (« /l%E2%80%99or/ »). nginx and Apache compare
    the decoded form; _redirects hosts may compare the raw one."""
    decoded = unquote(path)
    encoded = quote(decoded, safe="/?=&~")
    return list(dict.fromkeys([path, decoded, encoded]))


def flatten(redirects: dict[str, str], served) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Chains followed to their end, loops and refused ones left out:
    (redirects to write, [(old address, why not)]). ``served(address)``
    says whether the new site serves an address itself (then it is not
    redirected: that would hide a page)."""
    kept, refused = {}, []
    for old, new in sorted(redirects.items()):
        seen = {old}
        while new in redirects and new not in seen:  # a chain: to its end
            seen.add(new)
            new = redirects[new]
        if new in seen:
            refused.append((old, "redirection en boucle : non écrite"))
            continue
        forms = {old, old.rstrip("/"), old.rstrip("/") + "/"} if "?" not in old else {old}
        if any(served(form) for form in forms):
            refused.append(
                (old, f"adresse déjà servie par le nouveau site : non redirigée vers {new}")
            )
            continue
        problem = redirect_problem(old, new)
        if problem:
            refused.append((old, f"non redirigée : {problem}"))
            continue
        kept[old] = new
    return kept, refused
