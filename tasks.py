"""Tâches du site (invoke). Thin wrappers: the logic lives in plugins/.

    invoke build       construit le site de développement dans output/
    invoke serve       construit, puis sert output/ sur http://localhost:8000
    invoke livereload  reconstruit à chaque enregistrement et rafraîchit le navigateur
    invoke check       vérifie tout content/ sans construire (erreurs en français)
    invoke preview     construit avec les réglages de production
    invoke clean       supprime output/
    invoke test        lance toute la suite de tests
"""

import os
import shutil
import sys
import tempfile

from pathlib import Path

from invoke import Exit, task

HERE = os.path.dirname(os.path.abspath(__file__))
SETTINGS_DEV = os.path.join(HERE, "pelicanconf.py")
SETTINGS_PUBLISH = os.path.join(HERE, "publishconf.py")
SETTINGS_PREVIEW = os.path.join(HERE, "previewconf.py")
OUTPUT = os.path.join(HERE, "output")


def pelican_build(c, settings, output, extra="", content=None):
    """Build into a fresh folder beside ``output``, then swap it in.

    A build that fails leaves the previous site untouched: nobody ever
    serves or uploads a half-built ``output/``.
    """
    output = os.path.abspath(output)
    parent = os.path.dirname(output)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".construction-", dir=parent)
    try:
        c.run(
            f'"{sys.executable}" -m pelican "{content or os.path.join(HERE, "content")}" '
            f'-s "{settings}" -o "{staging}" --fatal warnings {extra}',
            pty=False,
        )
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = output + ".precedent"
    shutil.rmtree(previous, ignore_errors=True)
    if os.path.exists(output):
        os.rename(output, previous)
    os.rename(staging, output)
    shutil.rmtree(previous, ignore_errors=True)


def run_check(strict=False, github=False, content=None) -> int:
    """Print every problem of content/; return the exit status."""
    from pelican.settings import read_settings

    from sitetools.check import (
        check_site,
        exit_status,
        format_problem,
        legal_notice_gaps,
        summary_line,
    )

    settings = read_settings(SETTINGS_DEV)
    problems = check_site(Path(content or Path(HERE) / "content"), settings)
    problems += legal_notice_gaps(settings, Path(SETTINGS_DEV))
    for problem in problems:
        print(format_problem(problem, github=github))
    print(summary_line(problems))
    return exit_status(problems, strict)


@task(
    help={
        "strict": "les avertissements font aussi échouer la vérification",
        "format": "« texte » (par défaut) ou « github » (annotations GitHub/GitLab)",
        "content": "dossier à vérifier (par défaut : content/)",
    }
)
def check(c, strict=False, format="texte", content=None):
    """Vérifie tout content/ et liste chaque problème : fichier:ligne: champ: message."""
    status = run_check(strict=strict, github=(format == "github"), content=content)
    if status:
        raise Exit(code=status)


@task(help={"output": "dossier de sortie (par défaut : output/)"})
def build(c, output=OUTPUT):
    """Construit le site de développement."""
    pelican_build(c, SETTINGS_DEV, output)


@task(help={"output": "dossier de sortie (par défaut : output/)"})
def preview(c, output=OUTPUT):
    """Vérifie le contenu, puis construit une prévisualisation (previewconf.py) :
    réglages de production, adresses relatives (ou PREVIEW_URL), noindex,
    bandeau « Prévisualisation », brouillons visibles."""
    if run_check():
        raise Exit("Vérification échouée : rien n’a été construit.", code=1)
    pelican_build(c, SETTINGS_PREVIEW, output)


INTERVIEW_TEMPLATE = """\
---
# Nouvel entretien, créé le {today}. Il reste un brouillon (jamais publié)
# tant que la ligne « status: draft » est là : supprimez-la pour publier.
# Chaque champ est expliqué dans docs/guide-redaction.md.
title: "Entretien avec {name}"
# Date de publication : AAAA-MM-JJ, ou AAAA-MM si seul le mois est connu.
date: {today}
status: draft
# Le chapô : une ou deux phrases qui présentent l’entretien.
summary: Chapô à rédiger.
# Les personnes interviewées, par le nom de leur fiche dans content/personnes/.
interviewees:
  - {person}
{programmes}{series}# Les thèmes, en toutes lettres (une page par thème).
# themes:
#   - Emploi et insertion
a_completer: "Chapô, questions et réponses à rédiger ; retirer la ligne status pour publier."
---

## Première question ?

Réponse.
"""

PERSON_TEMPLATE = """\
---
title: {name}
# role: Fonction
# organisation: Organisation
a_completer: Fiche à compléter (fonction, organisation, portrait et son texte alternatif).
---
"""


@task(
    help={
        "name": "« Prénom Nom » de la personne interviewée",
        "programme": "identifiant d’un programme (ex. centsept-labs) ; plusieurs : séparés par des virgules",
        "serie": "identifiant de la série (ex. a-la-rencontre-de-nos-membres)",
        "slug": "nom du fichier (et de l’adresse) si « entretien-prenom-nom » est déjà pris",
        "content": "dossier du contenu (par défaut : content/)",
    },
    positional=["name"],
)
def new_interview(c, name, programme="", serie="", slug="", content=None):
    """Crée un entretien (brouillon) à partir du modèle commenté, daté d’aujourd’hui."""
    import datetime

    from pelican.settings import read_settings
    from pelican.utils import slugify

    settings = read_settings(SETTINGS_DEV)
    person = slugify(name, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    content = Path(content or Path(HERE) / "content")
    interview = content / "rencontres" / f"{slug or 'entretien-' + person}.md"
    if interview.exists():
        raise Exit(f"{interview} existe déjà : rien n’a été modifié. "
                   "Choisissez un autre nom avec --slug.", code=1)
    programmes = [p.strip() for p in programme.split(",") if p.strip()]
    interview.write_text(
        INTERVIEW_TEMPLATE.format(
            today=datetime.date.today().isoformat(),
            name=name,
            person=person,
            programmes="programmes:\n" + "".join(f"  - {p}\n" for p in programmes) if programmes else "",
            series=f"series: {serie}\n" if serie else "",
        ),
        encoding="utf-8",
    )
    print(f"Créé : {interview}")
    person_page = content / "personnes" / f"{person}.md"
    if not person_page.exists():
        person_page.write_text(PERSON_TEMPLATE.format(name=name), encoding="utf-8")
        print(f"Créé : {person_page} (fiche de la personne)")
    print("Ensuite : invoke check, puis invoke livereload pour voir la page.")


@task(
    help={
        "target": "la cible, définie dans PUBLISH_TARGETS (publishconf.py)",
        "dry_run": "montre ce qui serait envoyé et supprimé, sans rien envoyer",
        "settings": "fichier de réglages (par défaut : publishconf.py)",
        "content": "dossier du contenu (par défaut : content/)",
    }
)
def publish(c, target, dry_run=False, settings=None, content=None):
    """Vérifie, construit en mode strict, puis publie sur la cible ; sinon rien."""
    from pelican.settings import read_settings

    from sitetools import publish as publishing

    settings_file = settings or SETTINGS_PUBLISH
    configuration = read_settings(settings_file, override={"PATH": content} if content else None)
    targets = configuration.get("PUBLISH_TARGETS", {})
    if target not in targets:
        raise Exit(f"Cible inconnue « {target} » ; cibles possibles : {', '.join(targets)}.", code=1)
    spec = targets[target]
    if run_check(content=content):
        raise Exit("Vérification échouée : rien n’a été envoyé.", code=1)
    gaps = publishing.legal_gaps(configuration) if spec.get("production", True) else []
    if gaps:
        raise Exit("Mentions légales incomplètes, à remplir dans LEGAL_NOTICE (pelicanconf.py) : "
                   + ", ".join(gaps) + ". Rien n’a été envoyé.", code=1)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        try:
            c.run(f'"{sys.executable}" -m pelican "{content or os.path.join(HERE, "content")}" '
                  f'-s "{settings_file}" -o "{site}" --fatal warnings', pty=False)
        except Exception:
            raise Exit("La construction a échoué : rien n’a été envoyé.", code=1) from None
        try:
            if spec["method"] == "rsync":
                report = publishing.rsync(site, dry_run)
            elif spec["method"] == "ftp":
                report = publishing.ftp(site, dry_run)
            elif spec["method"] == "folder":
                report = publishing.folder(site, dry_run)
            elif spec["method"] == "git":
                report = publishing.git(site, dry_run, spec.get("branch", "pages"))
            else:
                raise publishing.PublishError(f"méthode inconnue « {spec['method']} »")
        except publishing.PublishError as error:
            raise Exit(f"Publication impossible : {error}", code=1) from None
    print(report)
    print(("Simulation terminée : rien n’a été envoyé." if dry_run
           else f"Publié sur « {target} »."))


@task
def clean(c):
    """Supprime le site construit."""
    shutil.rmtree(OUTPUT, ignore_errors=True)


@task(
    help={
        "port": "port d’écoute (par défaut : 8000)",
        "output": "dossier à construire puis servir (par défaut : output/)",
    }
)
def serve(c, port=8000, output=OUTPUT):
    """Construit le site, puis le sert sur http://localhost:PORT/."""
    from pelican.settings import read_settings

    from sitetools.serve import StaticSite

    build(c, output=output)
    # The same headers as the real servers (CSP included) and the French
    # 404 page, so what works here works online.
    headers = read_settings(SETTINGS_DEV)["SECURITY_HEADERS"]
    site = StaticSite(Path(output), int(port), headers, host="localhost", background=False)
    print(f"Site servi sur http://localhost:{port}/ (Ctrl+C pour arrêter)", flush=True)
    try:
        site.serve_forever()
    except KeyboardInterrupt:
        pass


@task(help={"port": "port d’écoute (par défaut : 8000)"})
def livereload(c, port=8000):
    """Reconstruit à chaque enregistrement et rafraîchit le navigateur."""
    from livereload import Server
    from pelican import Pelican
    from pelican.settings import read_settings

    # One Pelican kept in this process and run again on each change, as
    # `pelican --autoreload` does: no interpreter start-up, and Pelican's
    # content cache re-reads only the file that changed. No search index
    # while writing; build and preview make it. (A change to
    # pelicanconf.py or to plugins/ needs a restart.)
    settings = read_settings(SETTINGS_DEV, override={
        "OUTPUT_PATH": OUTPUT, "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
        "SEARCH_INDEX": False, "PRECOMPRESS": False,
    })
    site = Pelican(settings)

    def rebuild():
        try:
            site.run()
        except (Exception, SystemExit) as error:  # content errors: keep serving
            print(f"Construction échouée : {error}", file=sys.stderr)

    rebuild()
    server = Server()
    for pattern in ("content/**/*.md", "content/*/*", "theme/templates/**/*.html",
                    "theme/static/**/*"):
        server.watch(os.path.join(HERE, pattern), rebuild)
    server.serve(host="localhost", port=int(port), root=OUTPUT)


@task
def test(c):
    """Lance toute la suite de tests (pytest)."""
    c.run(f'"{sys.executable}" -m pytest', pty=False)
