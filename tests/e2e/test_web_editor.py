"""The web editor (/admin/) in Debian's Chromium: the real Decap CMS
bundle of the build, the real decap-server writing into a copy of the
project; what it writes must pass the one validation and build."""

from __future__ import annotations

import datetime
import difflib
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image
from playwright.sync_api import expect

from sitetools.editor import start_decap_server
from sitetools.serve import ADMIN_HEADERS, StaticSite, free_port
from tests.build.test_images import camera_photo
from tests.e2e.conftest import csp
from tests.helpers import INVOKE, ROOT, build_site, wait_for_http

GUIDE = ROOT / "docs" / "guide-redaction.md"
CAPTURES = ROOT / "docs" / "images"


def capture(page, name, tmp_path):
    """A screenshot the editors' guide shows: written into docs/images/
    only when REGENERER_CAPTURES=1 asks for it (tests write only to
    tmp_path otherwise); the guide must show it, and it must exist."""
    assert f"](images/{name})" in GUIDE.read_text(encoding="utf-8"), name
    folder = CAPTURES if os.environ.get("REGENERER_CAPTURES") == "1" else tmp_path
    page.screenshot(path=str(folder / name))
    assert (CAPTURES / name).is_file(), "REGENERER_CAPTURES=1 pour créer " + name


@pytest.fixture
def editor(tmp_path, browser):
    """A copy of content/, decap-server on it, the site built for it and
    served, and a browser page on /admin/, signed in."""
    project = tmp_path / "projet"
    shutil.copytree(ROOT / "content", project / "content")
    editor_port = free_port()
    settings = tmp_path / "reglages.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa\n"
        f"WEB_EDITOR_LOCAL_PORT = {editor_port}\nSEARCH_INDEX = False\n",
        encoding="utf-8",
    )
    site = build_site(tmp_path / "site", settings=str(settings), content=project / "content")
    server = start_decap_server(project, editor_port)
    served = StaticSite(
        site, free_port(), {"Content-Security-Policy": csp()}, folder_headers=ADMIN_HEADERS
    )
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(served.url + "/admin/")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_text("Rencontres").first.wait_for()
    yield page, served.url, project, violations
    page.close()
    served.close()
    server.terminate()
    server.wait(timeout=10)


def publish(page):
    page.get_by_role("button", name="Publier").first.click()
    page.get_by_text("Publier maintenant").click()


def test_an_impossible_date_is_refused_by_the_form_in_french(editor, tmp_path):
    page, url, project, violations = editor
    before = sorted((project / "content").rglob("*"))
    page.goto(url + "/admin/#/collections/rencontres/new")
    page.get_by_label("Titre").fill("Entretien avec Alain Blum")
    page.get_by_label("Date").fill("2018-02-30")
    publish(page)
    page.get_by_text("Date impossible ou illisible").wait_for()
    capture(page, "editeur-date-refusee.png", tmp_path)
    assert sorted((project / "content").rglob("*")) == before  # nothing written
    assert not violations


QUESTIONS = [
    "Pouvez-vous vous présenter ?",
    "Qu’est-ce qui vous a mené au Centsept ?",
    "Quel projet vous tient à cœur ?",
    "Que diriez-vous à un futur membre ?",
    "Et demain ?",
]


def choose(page, label, text):
    """Pick ``text`` in a relation or select field of the form."""
    field = page.get_by_label(re.compile("^" + re.escape(label)))
    field.click()
    field.fill(text)
    page.get_by_role("option", name=text, exact=True).click()
    # Chosen: shown in the field (react-select's value), the list closed.
    page.locator("[class*=ultiValue], [class*=singleValue]", has_text=text).first.wait_for()
    expect(page.get_by_role("option")).to_have_count(0)


def write_markdown(page, text):
    """Type ``text`` in the body, in the editor's Markdown mode."""
    page.get_by_text("Texte enrichi", exact=True).locator("xpath=following-sibling::*[1]").click()
    page.get_by_text("Markdown", exact=True).wait_for()
    page.locator("[contenteditable=true]").last.click()
    for number, line in enumerate(text.split("\n")):
        if number:
            page.keyboard.press("Enter")
        page.keyboard.insert_text(line)


def upload(page, photo):
    """Send ``photo`` through the editor's media library."""
    page.get_by_text("Media", exact=True).first.click()
    page.locator("input[type=file]").first.set_input_files(str(photo))
    page.get_by_text(photo.name).first.wait_for()
    page.keyboard.press("Escape")


def write_rich_text(page, question, answer):
    """A question and its answer in the editor's rich-text mode (its
    default): the question made a « Titre 2 » with the toolbar."""
    page.locator("[contenteditable=true]").last.click()
    page.keyboard.type(question)
    page.get_by_title("Titres").click()
    page.get_by_role("menuitem", name="Titre 2").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type(answer)


def test_an_interview_created_in_the_forms_passes_check_and_builds(editor, tmp_path):
    page, url, project, violations = editor
    photo = tmp_path / "photo-reunion.jpg"
    camera_photo(photo)
    upload(page, photo)
    uploaded = project / "content" / "images" / photo.name
    assert uploaded.read_bytes() == photo.read_bytes()
    page.goto(url + "/admin/#/collections/rencontres/new")
    body = "\n\n".join(f"## {q}\n\nUne réponse à « {q} »." for q in QUESTIONS)
    body += "\n\n![Une réunion de l’association]({static}/images/photo-reunion.jpg)"
    write_markdown(page, body)
    page.get_by_label("Titre").fill("Rencontre : « l’entrepreneuriat social », vraiment ?")
    page.get_by_label("Date").fill("2019-03")
    page.get_by_label("Chapô").fill("Un membre raconte son engagement.")
    choose(page, "Personnes interviewées", "Alain Blum")
    choose(page, "Programmes", "Centsept Labs")
    page.get_by_label("Thèmes").fill("Emploi et insertion, Économie sociale")
    page.get_by_label("Mise en ligne").fill("2026-11-27")
    choose(page, "État", "Publié")
    page.get_by_label("Titre").scroll_into_view_if_needed()
    capture(page, "editeur-nouvel-entretien.png", tmp_path)
    publish(page)
    page.wait_for_url("**/collections/rencontres/entries/*")
    written = project / "content" / "rencontres" / "rencontre-l-entrepreneuriat-social-vraiment.md"
    assert sorted(p.name for p in written.parent.glob("*.md")) == [
        "entretien-alain-blum.md",
        written.name,
    ]
    front_matter = yaml.safe_load(written.read_text(encoding="utf-8").split("---")[1])
    assert front_matter == {
        "title": "Rencontre : « l’entrepreneuriat social », vraiment ?",
        "date": "2019-03",
        "summary": "Un membre raconte son engagement.",
        "interviewees": ["alain-blum"],
        "programmes": ["centsept-labs"],
        "themes": ["Emploi et insertion", "Économie sociale"],
        "modified": datetime.date(2026, 11, 27),
        "status": "published",
    }
    check = subprocess.run(
        [INVOKE, "check", "--content", str(project / "content")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0 and "0 erreur" in check.stdout, check.stdout
    site = build_site(tmp_path / "rebati", content=project / "content")
    html = (site / "rencontre-l-entrepreneuriat-social-vraiment" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "l’entrepreneuriat social" in html
    assert len(re.findall(r"<h2 id=", html)) >= 5
    image = BeautifulSoup(html, "html.parser").select_one(".texte img")
    assert image["alt"] == "Une réunion de l’association"
    shown = site / image["src"].lstrip("/")
    assert "derivatives" in shown.parts
    with Image.open(shown) as shown_image:
        assert not shown_image.getexif() and "exif" not in shown_image.info
    assert not violations


def test_a_person_created_in_the_forms_can_be_linked_from_a_new_interview(editor, tmp_path):
    page, url, project, violations = editor
    page.goto(url + "/admin/#/collections/personnes/new")
    page.get_by_label("Nom").fill("Marie Durand")
    page.get_by_label("Fonction").fill("Bénévole")
    photo = tmp_path / "portrait-essai.jpg"
    camera_photo(photo)
    page.get_by_role("button", name="Choisir une image").click()
    page.locator("input[type=file]").first.set_input_files(str(photo))
    page.get_by_text(photo.name).first.wait_for()
    page.get_by_role("button", name="Choisir les éléments sélectionnés").click()
    page.get_by_label("Description du portrait").fill("Un dégradé de couleurs")
    publish(page)
    page.wait_for_url("**/collections/personnes/entries/*")
    person = project / "content" / "personnes" / "marie-durand.md"
    assert yaml.safe_load(person.read_text(encoding="utf-8").split("---")[1]) == {
        "title": "Marie Durand",
        "role": "Bénévole",
        "portrait": "images/portrait-essai.jpg",  # the path the checks want
        "portrait_alt": "Un dégradé de couleurs",
    }
    page.goto(url + "/admin/#/collections/rencontres/new")
    write_rich_text(page, "Une question ?", "Une réponse.")
    page.get_by_label("Titre").fill("Entretien avec Marie Durand")
    page.get_by_label("Date").fill("2024-03-15")
    page.get_by_label("Chapô").fill("Un essai.")
    choose(page, "Personnes interviewées", "Marie Durand")
    publish(page)
    page.wait_for_url("**/collections/rencontres/entries/*")
    interview = project / "content" / "rencontres" / "entretien-avec-marie-durand.md"
    front_matter = yaml.safe_load(interview.read_text(encoding="utf-8").split("---")[1])
    assert front_matter["interviewees"] == ["marie-durand"]
    assert front_matter["status"] == "draft"  # a new interview starts as a draft
    assert interview.read_text(encoding="utf-8").split("---\n", 2)[2] == (
        "## Une question ?\n\nUne réponse.\n"
    )
    check = subprocess.run(
        [INVOKE, "check", "--content", str(project / "content")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0 and "0 erreur" in check.stdout, check.stdout
    site = build_site(tmp_path / "rebati", content=project / "content")
    draft = (site / "brouillons" / "entretien-avec-marie-durand" / "index.html").read_text(
        encoding="utf-8"
    )
    # Her only interview is a draft: so is her page, until it is
    # published (plugins/content_model/publication.py).
    assert 'href="/brouillons/marie-durand/"' in draft
    assert not (site / "personnes" / "marie-durand").exists()
    page_html = (site / "brouillons" / "marie-durand" / "index.html").read_text(encoding="utf-8")
    portrait = BeautifulSoup(page_html, "html.parser").select_one("img.portrait")
    assert portrait["alt"] == "Un dégradé de couleurs"
    assert "/derivatives/portrait/" in portrait["src"]
    assert not violations


def wait_written(path, since, timeout=20):
    deadline = time.monotonic() + timeout
    while path.stat().st_mtime_ns == since:
        assert time.monotonic() < deadline, f"{path.name} n’a pas été enregistré"
        time.sleep(0.1)
    return path.stat().st_mtime_ns


def save_unchanged(page, url, path):
    """Open an interview in the CMS and save it with its values
    unchanged. Decap offers to save only an entry whose values differ
    from the file's: the title gets a letter, saved, then loses it,
    saved again."""
    written = path.stat().st_mtime_ns
    for key in ("x", "Backspace"):
        page.goto(url + "/admin/#/collections/rencontres")
        page.reload()  # the entry as the file now is
        page.locator(f"a[href$='/entries/{path.stem}']").click()
        title = page.get_by_label("Titre")
        expect(title).to_have_value(re.compile("Centsept" + ("$" if key == "x" else "x$")))
        title.click()
        title.press("End")
        page.keyboard.press(key)
        page.get_by_text("Modifications non enregistrées", exact=True).wait_for()
        publish(page)
        written = wait_written(path, written)
        page.get_by_text("Modifications enregistrées", exact=True).wait_for()


def test_saving_the_real_interview_unchanged_keeps_every_byte(editor, tmp_path):
    page, url, project, violations = editor
    source = project / "content" / "rencontres" / "entretien-alain-blum.md"
    before = source.read_bytes()
    page.goto(url + "/admin/#/collections/rencontres")
    capture(page, "editeur-rencontres.png", tmp_path)
    page.locator("a[href$='/entries/entretien-alain-blum']").click()
    page.get_by_role(
        "heading", name="Quelles sont les perspectives au Centsept pour 2018 ?"
    ).wait_for()
    capture(page, "editeur-apercu.png", tmp_path)
    save_unchanged(page, url, source)
    after = source.read_bytes()
    diff = "".join(
        difflib.unified_diff(
            before.decode("utf-8").splitlines(keepends=True),
            after.decode("utf-8").splitlines(keepends=True),
        )
    )
    assert after == before, diff
    assert not violations


def listening_addresses(port: int) -> set[str]:
    """The local addresses a socket listens on for ``port`` (Linux)."""
    found = set()
    for table, size in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address if size == 32 else socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


def test_invoke_editer_serves_the_editor_with_decap_server_on_loopback_only(tmp_path):
    port, editor_port = free_port(), free_port()
    process = subprocess.Popen(
        [INVOKE, "editer", "--port", str(port), "--port-editeur", str(editor_port)]
        + ["--output", str(tmp_path / "site")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its children are stopped with it
    )
    try:
        lines = []
        for line in process.stdout:
            lines.append(line)
            if "Éditeur du site" in line:
                break
        assert lines[-1].strip() == (
            f"Éditeur du site : http://localhost:{port}/admin/ "
            f"(les pages : http://localhost:{port}/ ; Ctrl+C pour arrêter)"
        ), "".join(lines)
        assert listening_addresses(editor_port) == {"127.0.0.1"}
        wait_for_http(port, host="localhost")
        with urllib.request.urlopen(f"http://localhost:{port}/admin/config.yml") as response:
            config = yaml.safe_load(response.read())
        assert config["backend"]["proxy_url"] == f"http://127.0.0.1:{editor_port}/api/v1"
    finally:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl+C, as a person stops it
        process.wait(timeout=30)
    assert not listening_addresses(editor_port)  # decap-server stopped too


def test_invoke_editer_without_node_is_one_french_line(tmp_path):
    result = subprocess.run(
        [INVOKE, "editer", "--output", str(tmp_path / "site")],
        cwd=ROOT,
        env={**os.environ, "PATH": str(tmp_path)},  # no node here
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Node.js n’est pas installé : l’éditeur en a besoin (paquet « nodejs »), "
        "puis lancez « npm ci » dans le dossier du site."
    )
    assert not (tmp_path / "site").exists()
