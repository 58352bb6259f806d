"""The web editor's configuration, made from the content model.

Pure functions, no Pelican import. ``cms_config`` turns the kinds of
content (plugins/content_model/kinds.py) into Decap CMS's ``config.yml``:
one collection per kind, one form field per field type, with its French
label, help text, required flag, widget and the rule the form checks
(fields.py). Nothing here is written by hand for one field, so the form
and the validation cannot drift (tests/unit/test_web_editor.py checks
both ways).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from plugins.content_model.fields import Image, People, Reference, TextList
from plugins.content_model.kinds import KINDS, Kind
from plugins.french_typography.core import typeset_text

from .rules import field_rules, form_fields

# Where the editor puts uploaded images: the build publishes
# content/images/ as /images/ (STATIC_PATHS) and makes the photo sizes.
MEDIA_FOLDER = "content/images"
# How the body and a portrait name an image (the guide's « {static} »
# form, which Pelican resolves and the checks follow; a portrait is a
# path inside content/).
BODY_IMAGE_PREFIX = "{static}/images"
PORTRAIT_IMAGE_PREFIX = "images"

# The backends the settings may name (README « Rédiger dans le navigateur »).
BACKENDS = ("local", "gitlab", "forgejo", "gitea", "github")


class EditorSettingsError(ValueError):
    """A WEB_EDITOR_* setting that cannot work; the message is French."""


def cms_config(settings: dict, themes: list[str], kinds=KINDS) -> dict:
    """Decap CMS's config.yml for ``settings`` (the WEB_EDITOR_* ones),
    with ``themes``, the themes already used, offered in the help text."""
    config = {
        "locale": "fr",
        **backend_config(settings),
        "media_folder": MEDIA_FOLDER,
        "public_folder": BODY_IMAGE_PREFIX,
        # File names as the site wants them: ASCII, lower case, dashes.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection(kind, themes) for kind in settings.get("CONTENT_KINDS", kinds)],
        # The association's wordmark on the sign-in page, not Decap's.
        "logo": {"src": f"{settings.get('SITEURL', '')}/{WORDMARK}", "show_in_header": False},
    }
    return config


WORDMARK = "admin/marque.svg"


def wordmark_svg(partial: str, stylesheet: str) -> str:
    """The theme's wordmark (partials/marque.svg, drawn inline by
    base.html with the stylesheet's colours) as a file an <img> shows:
    the same drawing, its colours read from the stylesheet's first
    (light) --accent and --texte."""
    colours = {}
    for name in ("accent", "texte"):
        found = re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{3,8}})\s*;", stylesheet)
        if not found:
            raise ValueError(f"--{name} introuvable dans la feuille de style du thème")
        colours[name] = found.group(1)
    style = (
        f"<style>.marque-le{{fill:{colours['accent']}}}"
        f".marque-nom{{fill:{colours['texte']}}}</style>"
    )
    opening = partial.index(">") + 1
    return partial[:opening] + style + partial[opening:]


def backend_config(settings: dict) -> dict:
    """The ``backend`` (and publish mode) of config.yml."""
    name = settings["WEB_EDITOR_BACKEND"]
    if name not in BACKENDS:
        raise EditorSettingsError(
            f"réglage WEB_EDITOR_BACKEND = « {name} » : possibles : {', '.join(BACKENDS)}."
        )
    if name == "local":
        # decap-server on this machine (`invoke editer`): files written
        # in place, no merge request.
        port = settings["WEB_EDITOR_LOCAL_PORT"]
        # 127.0.0.1, where it listens (« localhost » may be tried as ::1).
        return {"backend": {"name": "proxy", "proxy_url": f"http://127.0.0.1:{port}/api/v1"}}
    for required in ("WEB_EDITOR_REPO", "WEB_EDITOR_BASE_URL"):
        if not settings.get(required):
            raise EditorSettingsError(
                f"réglage {required} manquant pour WEB_EDITOR_BACKEND = « {name} » "
                "(voir le README, « Rédiger dans le navigateur »)."
            )
    base_url = settings["WEB_EDITOR_BASE_URL"].rstrip("/")
    backend = {"name": name, "repo": settings["WEB_EDITOR_REPO"]}
    backend["branch"] = settings["WEB_EDITOR_BRANCH"]
    if name == "gitlab":
        # PKCE: the browser signs in to GitLab itself, no server of ours.
        backend.update(
            auth_type="pkce",
            app_id=_app_id(settings, name),
            base_url=base_url,
            api_root=f"{base_url}/api/v4",
        )
    elif name in ("forgejo", "gitea"):
        backend.update(app_id=_app_id(settings, name), base_url=base_url)
        backend["api_root"] = f"{base_url}/api/v1"
    elif name == "github":
        # GitHub has no PKCE for this: an OAuth proxy (base_url) signs in.
        backend["base_url"] = base_url
    config = {"backend": backend}
    # Decap's Gitea backend has no editorial workflow: changes are
    # committed straight to the branch there.
    if name != "gitea":
        config["publish_mode"] = "editorial_workflow"
    return config


def _app_id(settings: dict, name: str) -> str:
    if not settings.get("WEB_EDITOR_APP_ID"):
        raise EditorSettingsError(
            f"réglage WEB_EDITOR_APP_ID manquant pour WEB_EDITOR_BACKEND = « {name} » : "
            "l’identifiant de l’application OAuth créée sur la forge."
        )
    return settings["WEB_EDITOR_APP_ID"]


def collection(kind: Kind, themes: list[str]) -> dict:
    """One folder of content/ as a Decap collection."""
    fields = [form_field(kind, name, field, themes) for name, field in form_fields(kind).items()]
    body = {"name": "body", "label": "Texte", "widget": "markdown"}
    body["hint"] = markdown_text(typeset_text(_BODY_HINT))
    # The preview pane shows the body without its scripts (the form
    # refuses them anyway, and the check after it).
    body["sanitize_preview"] = True
    # An interview is its questions; other pages may have their summary only.
    body["required"] = kind.needs_questions
    fields.append(body)
    return {
        "name": kind.folder,
        "label": kind.label,
        "label_singular": kind.name,
        "folder": f"content/{kind.folder}",
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        "identifier_field": "title",
        "slug": "{{slug}}",
        "summary": "{{title}}",
        "sortable_fields": ["title"],
        "fields": fields,
    }


_BODY_HINT = (
    "Chaque question est un intertitre (« ## » en mode Markdown) ; les réponses sont des "
    "paragraphes. Une image a toujours une description."
)


def form_field(kind: Kind, name: str, field, themes: list[str]) -> dict:
    """One field type as a Decap form field: its label, help, required
    flag, widget (fields.py), and the rule the form checks (rules.py)."""
    form = {"name": name, "label": field.label, "hint": field.help, "required": field.required}
    rule = field_rules(kind).get(name)
    if rule and rule.pattern:
        form["pattern"] = [rule.pattern, typeset_text(rule.message)]
    form.update(field.widget())
    if isinstance(field, People):
        # One line per person: chosen among the files of the person kind,
        # with a role and an organisation for this interview when they
        # differ from the person's page. admin.js's « personnes » widget
        # shows them as Decap's list of these « lines » (not « fields »,
        # which Decap would expect every value to be an object of) and
        # writes a person without them as a plain identifier
        # (« - alain-blum »).
        people = field.target
        form.update(
            widget="personnes",
            label_singular=people.name,
            summary="{{fields.person}}",
            lines=[
                {"name": "person", "label": people.name.capitalize(), **_relation(field)},
                *(_person_line(key, people.fields[key]) for key in ("role", "organisation")),
            ],
        )
        for key in ("multiple", "collection", "value_field", "search_fields", "display_fields"):
            form.pop(key, None)
    elif isinstance(field, Reference):
        form.pop("pattern", None)  # chosen in a list: always a known identifier
    elif isinstance(field, TextList) and themes:
        # Decap has no « choose or create » list: free words, the
        # existing ones shown, so that editors reuse them.
        form["hint"] += " Thèmes existants : " + ", ".join(sorted(themes)) + "."
    elif isinstance(field, Image):
        form.update(media_folder=f"/{MEDIA_FOLDER}", public_folder=PORTRAIT_IMAGE_PREFIX)
    # Decap renders a hint as Markdown: a theme named « [ici](https://…) »
    # must stay text, not become a link in the form.
    form["hint"] = markdown_text(typeset_text(form["hint"]))
    return form


def _person_line(key: str, field) -> dict:
    pattern, message = field.editor_rule()
    return {
        "name": key,
        "label": field.label,
        "widget": "string",
        "required": False,
        "hint": markdown_text(typeset_text(PEOPLE_HINT)),
        "pattern": [pattern, typeset_text(message)],
    }


PEOPLE_HINT = "Seulement si elle diffère de sa fiche, par exemple au moment de l’entretien."


def _relation(field) -> dict:
    """A choice among the files of the kind ``field`` refers to."""
    return {
        "widget": "relation",
        "collection": field.target.folder,
        "value_field": "{{slug}}",
        "search_fields": ["title"],
        "display_fields": ["title"],
    }


def markdown_text(text: str) -> str:
    """``text`` as Markdown that shows exactly ``text``: one code span.
    Decap renders a hint as Markdown with GFM, keeping only links and
    emphasis: escaping with « \\ » would not stop GFM's automatic links
    (« https://… », « www.… », « a@b.fr », found after escapes are
    undone), but nothing is a link or emphasis inside a code span, and
    Decap shows the span (a <code>, not kept) as plain text. Its fence
    is one backtick longer than any run inside."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"


def connect_sources(settings: dict) -> list[str]:
    """Where the editor's page may connect: its own site, and the forge."""
    name = settings["WEB_EDITOR_BACKEND"]
    if name == "local":
        port = settings["WEB_EDITOR_LOCAL_PORT"]
        return [f"http://localhost:{port}", f"http://127.0.0.1:{port}"]
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(settings["WEB_EDITOR_BASE_URL"]))
    sources = [origin]
    if name == "github":
        sources.append("https://api.github.com")
    return sources


def admin_csp(settings: dict) -> str:
    """The Content-Security-Policy of /admin/, as strict as Decap allows:
    its bundle builds styles at run time (emotion: 'unsafe-inline'
    styles) and compiles its config schema (ajv: 'unsafe-eval');
    uploaded images are previewed as blob: URLs. Scripts come from this
    site only."""
    connect = " ".join(["'self'", *connect_sources(settings)])
    return (
        "default-src 'self'; script-src 'self' 'unsafe-eval'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        f"font-src 'self' data:; connect-src {connect} blob:; frame-src 'self' blob:; "
        "object-src 'none'; base-uri 'self'; form-action 'self'"
    )


# What the servers send for /admin/ besides the page's own policy (a
# <meta> cannot forbid framing): the site's strict policy would block
# Decap, so /admin/ gets this one instead.
ADMIN_HEADER_CSP = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'"


def bundle_files(names: list[str]) -> list[str]:
    """The files of decap-cms's dist/ the browser needs: the bundle, its
    chunks (loaded from beside it), its WebAssembly and its licence; not
    the source maps nor the second copy named cms.js."""
    return sorted(
        name
        for name in names
        if name == "decap-cms.js"
        or name.endswith(".decap-cms.js")
        or name.endswith(".wasm")
        or name == "decap-cms.js.LICENSE.txt"
    )
