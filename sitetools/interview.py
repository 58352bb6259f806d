"""`invoke new-interview`: a draft interview, and the person's page if
there is none yet, from the commented models of templates/.

Nothing is written unless everything is right: the file is free, and
the programmes and series named exist in content/. Every value is
written so that YAML reads back exactly what was typed, whatever the
name holds (quotes, « : », « # »…).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from plugins.content_model import kinds
from plugins.content_model.fields import SLUG

from . import SiteError
from .build import CONTENT, DEVELOPMENT, read_settings

TEMPLATES = Path(__file__).with_name("templates")


class InterviewError(SiteError):
    """Nothing was written."""


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML value that reads back as itself: as is for a
    slug (« prog-a »), in double quotes, escaped, for anything else."""
    if SLUG.fullmatch(text) and yaml.safe_load(text) == text:
        return text
    return yaml.safe_dump(text, allow_unicode=True, default_style='"', width=float("inf")).strip()


def _existing(content: Path, folder: str, names: list[str], labels: tuple[str, str]) -> None:
    """Every name is a file of content/FOLDER, or nothing is written."""
    known = sorted(path.stem for path in (content / folder).glob("*.md"))
    unknown = [name for name in names if name not in known]
    if unknown:
        raise InterviewError(
            f"{labels[len(unknown) > 1]} : {', '.join(f'« {name} »' for name in unknown)} "
            f"(aucun fichier dans {folder}/) ; possibles : {', '.join(known) or 'aucun'}. "
            "Rien n’a été créé."
        )


def create_interview(
    name: str,
    programme: str = "",
    serie: str = "",
    slug: str = "",
    content: Path | str | None = None,
    port: int = 8000,
) -> list[str]:
    """Write the draft (and the person's page); return what to print."""
    from pelican.utils import slugify

    from plugins.content_model.publication import site_today

    settings = read_settings(DEVELOPMENT)
    content = Path(content or CONTENT)
    person = slugify(name, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    if not person:
        raise InterviewError(f"« {name} » ne donne aucun nom de fichier : écrivez « Prénom Nom ».")
    interview = content / kinds.INTERVIEW.folder / f"{slug or 'entretien-' + person}.md"
    if interview.exists():
        raise InterviewError(
            f"{interview} existe déjà : rien n’a été modifié. Choisissez un autre nom avec --slug."
        )
    programmes = [p.strip() for p in programme.split(",") if p.strip()]
    _existing(
        content, kinds.PROGRAMME.folder, programmes, ("Programme inconnu", "Programmes inconnus")
    )
    _existing(
        content,
        kinds.SERIES.folder,
        [serie] if serie else [],
        ("Série inconnue", "Séries inconnues"),
    )

    template = (TEMPLATES / "entretien.md").read_text(encoding="utf-8")
    interview.write_text(
        template.format(
            # The site's day (TIMEZONE), as the build compares dates: not
            # the machine's, which may already be tomorrow or still be
            # yesterday in Lyon.
            today=site_today(settings).isoformat(),
            title=yaml_scalar(f"Entretien avec {name}"),
            person=person,
            programmes="programmes:\n" + "".join(f"  - {yaml_scalar(p)}\n" for p in programmes)
            if programmes
            else "",
            series=f"series: {yaml_scalar(serie)}\n" if serie else "",
        ),
        encoding="utf-8",
    )
    done = [f"Créé : {interview}"]
    person_page = content / kinds.PERSON.folder / f"{person}.md"
    if not person_page.exists():
        template = (TEMPLATES / "personne.md").read_text(encoding="utf-8")
        person_page.write_text(template.format(name=yaml_scalar(name)), encoding="utf-8")
        done.append(f"Créé : {person_page} (fiche de la personne)")
    draft = settings["DRAFT_URL"].format(
        slug=slugify(interview.stem, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    )
    return done + [
        "Ensuite : rédigez l’entretien, vérifiez-le avec « invoke check », puis lancez "
        f"« {'invoke livereload' if port == 8000 else f'invoke livereload --port {port}'} » "
        "pour voir le brouillon à l’adresse :",
        f"  http://localhost:{port}/{draft}",
    ]
