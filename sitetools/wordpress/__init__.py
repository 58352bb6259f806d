"""`invoke import-wordpress`: a WordPress export (WXR) → checked content.

parse (wxr.py) → map (mapping.py, text.py: pure) → write (write.py)
→ check (the content model's one validation) → report (report.py).
This module only joins them to the files of content/.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from plugins.content_model import kinds
from plugins.content_model.addresses import generated
from plugins.content_model.files import published_file_problem

from .. import SiteError
from ..build import CONTENT, DEVELOPMENT
from . import choices as choices_
from . import mapping, report, write
from .site import Site
from .wxr import ExportError, read_export

MAPPING = "import-wordpress.yaml"
REPORT = "import-wordpress.rapport.md"
REDIRECTIONS = "redirections.yaml"


def reserved_segments(settings: dict) -> set[str]:
    """First parts of the addresses the site itself uses (lists, search,
    feeds, the build's folders, each kind's prefix, the static folders),
    from the content model's address space: a WordPress page there would
    be hidden, so it gets another address."""
    space = generated(settings)
    prefixes = {k.url_prefix.strip("/") for k in settings.get("CONTENT_KINDS", kinds.KINDS)}
    return space.top_segments() | set(settings.get("STATIC_PATHS", ())) | (prefixes - {""})


_SLUG_LINE = re.compile(r"^slug:\s*[\"']?([a-z0-9-]+)", re.M)


class ImportError_(SiteError):
    """The import cannot run (French message)."""


def _existing(content: Path, skip: set[str]) -> tuple[dict[str, str], set[str], set[str]]:
    """Slugs of content/ the import did not write: all of them (→ file),
    programmes, people."""
    taken, programmes, people = {}, set(), set()
    for path in sorted(content.rglob("*.md")):
        relative = path.relative_to(content).as_posix()
        if relative in skip or path.name.startswith("."):
            continue
        if path.is_symlink() or not path.resolve().is_relative_to(content.resolve()):
            continue  # read nothing outside content/
        text = path.read_text(encoding="utf-8", errors="replace")
        header = text.split("\n---", 1)[0] if text.startswith("---") else ""
        found = _SLUG_LINE.search(header)
        slug = found[1] if found else path.stem
        taken[slug] = f"content/{relative}"
        if relative.startswith(kinds.PROGRAMME.folder + "/"):
            programmes.add(path.stem)
        if relative.startswith(kinds.PERSON.folder + "/"):
            people.add(path.stem)
    return taken, programmes, people


def _read_choices(path: Path) -> dict:
    try:
        choices = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise ImportError_(
            f"{path}:{line}: YAML illisible : vérifiez les « : » et les retraits."
        ) from None
    except (OSError, UnicodeDecodeError):
        raise ImportError_(f"{path}: illisible (enregistrez-le en UTF-8).") from None
    if choices is None:
        return {}
    problems = []
    if not isinstance(choices, dict):
        raise ImportError_(
            f"{path}:1: attendu les rubriques categories, etiquettes, auteurs, entretiens."
        )
    for key, value in choices.items():
        if key not in ("categories", "etiquettes", "auteurs", "entretiens"):
            problems.append(
                f"{path}: {key}: rubrique inconnue (categories, etiquettes, auteurs, entretiens)."
            )
        elif value is not None and not isinstance(value, dict):
            problems.append(f"{path}: {key}: attendu une correspondance « nom: valeur » par ligne.")
    if problems:
        raise ImportError_("\n".join(problems))
    return choices


def _mapping_text(choices: dict) -> str:
    return (
        "# Correspondances de l’import WordPress (invoke import-wordpress), à relire.\n"
        "# categories / etiquettes : pour chaque identifiant WordPress,\n"
        "#   {programme: identifiant-d-un-fichier-de-content/programmes}\n"
        "#   ou {theme: Nom du thème} ou {ignorer: true}.\n"
        "# auteurs : identifiant WordPress → identifiant de sa fiche dans\n"
        "#   content/personnes/ (créée par l’import), ou null.\n"
        "# entretiens : numéro WordPress d’un article → [personnes interviewées],\n"
        "#   quand le titre ne les nomme pas (« Entretien avec Prénom Nom »).\n"
        + write.dump_yaml(choices, sort_keys=False)
    )


def _redirections_text(redirects: dict) -> str:
    return (
        "# Anciennes adresses → nouvelles (redirections permanentes), écrites par\n"
        "# invoke import-wordpress ; vérifiées par invoke check, puis reprises dans\n"
        "# .htaccess, _redirects et .redirections.nginx à la construction.\n"
        + write.dump_yaml(redirects, sort_keys=True)
    )


def prepare(export_path: Path, uploads, content: Path):
    """Read the export and decide everything (nothing written):
    (export, mapping choices, plan, whether the mapping is a proposal)."""
    try:
        data = read_export(export_path)
    except ExportError as error:
        raise ImportError_(str(error)) from None
    from ..check import site_settings

    settings = site_settings(DEVELOPMENT, content)
    state = write.read_state(content)
    taken, programmes, people = _existing(content, set(state))
    upload_root = Path(uploads).resolve() if uploads else None
    files = (
        {
            p.relative_to(upload_root).as_posix(): p
            for p in upload_root.rglob("*")
            if p.is_file() and not p.is_symlink()
        }
        if upload_root
        else {}
    )
    # The content model's list of publishable files (images, documents):
    # anything else in uploads/ (.php, .svg, a fake .jpg) is not copied.
    refused = {rel: published_file_problem(path, upload_root) for rel, path in files.items()}
    site = Site(
        settings["SLUG_REGEX_SUBSTITUTIONS"],
        programmes,
        people,
        taken,
        {rel for rel, problem in refused.items() if problem is None},
        reserved_segments(settings),
        {rel: problem for rel, problem in refused.items() if problem},
        tuple(generated(settings).reserved),
    )
    mapping_path = content / MAPPING
    proposed = not mapping_path.exists()
    choices = choices_.propose(data, site) if proposed else _read_choices(mapping_path)
    problems = choices_.choice_problems(choices, site)
    if problems:
        lines = _mapping_lines(mapping_path)
        raise ImportError_(
            "\n".join(
                f"{mapping_path}:{lines.get((group, str(key)), 1)}: {group}: {key} : {message}"
                for group, key, message in problems
            )
        )
    return data, choices, mapping.plan(data, choices, site), proposed


def _mapping_lines(path: Path) -> dict[tuple[str, str], int]:
    """(rubrique, clé) → line of the mapping file, for the messages."""
    lines = {}
    node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    for group, value in node.value if isinstance(node, yaml.MappingNode) else ():
        if isinstance(value, yaml.MappingNode):
            for key, _ in value.value:
                lines[(group.value, key.value)] = key.start_mark.line + 1
    return lines


def run_import(
    export: str | Path,
    uploads: str | Path | None = None,
    content: str | Path | None = None,
    dry_run: bool = False,
) -> tuple[list[str], int]:
    """Import ``export`` into ``content``: (lines to print, exit status)."""
    content = Path(content or CONTENT).resolve()
    if not content.is_dir():
        raise ImportError_(f"Dossier de contenu introuvable : {content}")
    export_path = Path(export)
    if not export_path.is_file():
        raise ImportError_(f"{export_path}: export introuvable.")
    if uploads is not None and not Path(uploads).is_dir():
        raise ImportError_(f"{uploads}: dossier des fichiers WordPress (--uploads) introuvable.")
    data, choices, plan, proposed = prepare(export_path, uploads, content)
    mapping_path = content / MAPPING
    upload_root = Path(uploads).resolve() if uploads else None
    texts = {
        path: write.front_matter_file(f["meta"], f["body"], f["origin"])
        for path, f in plan.files.items()
    }
    if plan.redirects:
        texts[REDIRECTIONS] = _redirections_text(plan.redirects)
    copies = {target: upload_root / source for target, source in plan.copies.items()}
    outcome = write.apply(content, texts, copies, dry_run)
    if proposed and not dry_run:
        mapping_path.write_text(_mapping_text(choices), encoding="utf-8")
    checked, errors = [], 0
    if not dry_run:
        checked, errors = _check(content)
    text = report.render(export_path.name, data.site_url, plan, outcome, checked, errors)
    report_path = content.parent / REPORT
    kept = len(outcome.edited) + len(outcome.deleted) + len(outcome.foreign)
    lines = [
        ("Simulation (--dry-run) : rien n’est écrit." if dry_run else "Import WordPress :")
        + f" {len(outcome.written)} fichier(s) écrit(s), {len(outcome.unchanged)} inchangé(s), "
        f"{kept} laissé(s) tel(s) quel(s).",
        f"{len(plan.redirects)} redirection(s), {len(plan.needs_human)} point(s) à revoir, "
        f"{len(plan.fixed)} correction(s) automatique(s).",
    ]
    if proposed:
        lines.append(
            f"Correspondances proposées : {mapping_path}"
            + (" (non écrites : simulation)" if dry_run else " ; relisez-les puis relancez.")
        )
    if not dry_run:
        write.write_if_changed(report_path, text)
        lines.append(f"Rapport : {report_path}")
    else:
        lines.append(text)
    if errors:
        lines.append(f"La vérification du contenu trouve {errors} erreur(s) : voir le rapport.")
    return lines, 1 if errors else 0


def _check(content: Path) -> tuple[list[str], int]:
    """The content model's one validation, on the whole of content/."""
    from plugins.content_model.problems import format_problem

    from ..check import check_site, site_settings

    settings = site_settings(DEVELOPMENT, content)
    problems = [p for p in check_site(content, settings) if p.severity != "note"]
    return [format_problem(p) for p in problems], sum(p.severity == "erreur" for p in problems)
