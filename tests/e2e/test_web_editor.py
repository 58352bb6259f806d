"""The web editor (/admin/) in Debian's Chromium: the real Decap CMS
bundle of the build, the real decap-server writing into a copy of the
project; what it writes must pass the one validation and build."""

from __future__ import annotations

import datetime
import difflib
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from plugins.french_typography.core import typeset_html, typeset_text
from sitetools.editor import start_decap_server
from sitetools.serve import ADMIN_HEADERS, StaticSite
from tests.build.test_images import camera_photo
from tests.e2e.conftest import csp
from tests.helpers import INVOKE, ROOT, build_site, free_port, start_as_in_a_terminal, wait_for_http
from tests.unit.test_french_typography import AGREES_WITH_POLYTYPO, PIECES
from tests.unit.test_french_typography import CASES as TYPOGRAPHY_CASES

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


def open_editor(tmp_path, browser, prepare=None):
    """A copy of content/ (``prepare`` may change it), decap-server on
    it, the site built for it and served, and a browser page on /admin/,
    signed in. Yields the page, the site's address, the copy, and the
    policy violations and JavaScript errors seen."""
    project = tmp_path / "projet"
    shutil.copytree(ROOT / "content", project / "content")
    if prepare:
        prepare(project / "content")
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
    # Any uncaught error of the page (Decap's refusal used to be one).
    page.on("pageerror", lambda error: violations.append(f"erreur JavaScript : {error}"))
    page.goto(served.url + "/admin/")
    page.get_by_role("button", name="Se connecter").click()
    # Decap's bundle and its first listing through decap-server: over
    # 30 s once on a loaded machine (CI, 4 test workers on 2 cores). What
    # the page shows is said if the collections never come.
    try:
        page.get_by_text("Rencontres").first.wait_for(timeout=90000)
    except PlaywrightTimeoutError:
        shown = page.inner_text("body")
        raise AssertionError(f"l’éditeur n’a pas affiché ses collections :\n{shown}") from None
    yield page, served.url, project, violations
    page.close()
    served.close()
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def editor(tmp_path, browser):
    yield from open_editor(tmp_path, browser)


def publish(page):
    page.get_by_role("button", name="Publier").first.click()
    page.get_by_text("Publier maintenant").click()


def files(project):
    """Every file of the copy of content/ and its bytes."""
    return {
        path: path.read_bytes()
        for path in sorted((project / "content").rglob("*"))
        if path.is_file()
    }


def shown_errors(page):
    """The errors under the form's fields: (label, message), French spaces
    made plain."""
    return [
        tuple(pair)
        for pair in page.evaluate(
            """() => [...document.querySelectorAll("[class*=ControlErrorsList] li")].map(li => {
                const label = li.closest("[class*=ControlContainer]").querySelector("label");
                const plain = text => text.replace(/[\\u00a0\\u202f]/g, " ");
                return [plain(label.textContent), plain(li.textContent)];
            })"""
        )
    ]


def errors_become(page, expected, timeout=15.0):
    """The errors under the fields once Decap has checked the new value:
    waits for ``expected`` (the previous value's error may still show for
    a moment after « Publier »), then returns what is shown."""
    deadline = time.monotonic() + timeout
    while (shown := shown_errors(page)) != expected and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    return shown


def refused(page, label):
    """After « Publier »: the page says nothing is saved and which field
    to correct, the cursor is in that field, and its error is in
    sentence case, as written."""
    notice = page.get_by_role("alert").filter(has_text="Rien n’est enregistré")
    expect(notice).to_have_text(
        f"Rien n’est enregistré : corrigez « {label} » (en rouge), puis publiez de nouveau."
    )
    focused = page.evaluate(
        """() => document.activeElement.closest("[class*=ControlContainer]")
                 ?.querySelector("label").textContent"""
    )
    assert focused == label
    error = page.locator("[class*=ControlErrorsList] li").first
    assert error.evaluate("e => getComputedStyle(e).textTransform") == "none"


def test_an_impossible_date_is_refused_by_the_form_in_french(editor, tmp_path):
    page, url, project, violations = editor
    before = files(project)
    page.goto(url + "/admin/#/collections/rencontres/new")
    page.get_by_label("Titre").fill("Entretien avec Alain Blum")
    page.get_by_label("Date").fill("2018-02-30")
    publish(page)
    page.get_by_text("Date impossible ou illisible").wait_for()
    refused(page, "Date")
    badge = page.get_by_text("Modifications non enregistrées", exact=True)
    assert badge.evaluate("e => getComputedStyle(e).textTransform") == "none"
    assert ("Date", DATE_REFUSED) in shown_errors(page)
    assert ("Chapô", "« Chapô » est obligatoire.") in shown_errors(page)
    capture(page, "editeur-date-refusee.png", tmp_path)
    assert files(project) == before  # nothing written
    # Every label readable (WCAG AA, 4.5:1): in error and focused (Date),
    # in error (Chapô), focused (Titre), at rest (Programmes).
    page.get_by_label("Titre").focus()
    for name in ("Date", "Chapô", "Titre", "Programmes (optionnel)"):
        label = page.locator("label", has_text=re.compile(f"^{re.escape(name)}$"))
        assert label.evaluate("e => getComputedStyle(e).textTransform") == "none"
        assert contrast(page, label) >= 4.5, name
    assert not violations  # no policy violation, no JavaScript error


DATE_REFUSED = (
    "Date impossible ou illisible : écrivez AAAA-MM-JJ (2018-01-15), AAAA-MM (2018-01), "
    "AAAA (2018) ou une période AAAA/AAAA (2017/2018), avec un jour qui existe."
)
# 449 characters, as in the issue: over the chapô's 300.
LONG_SUMMARY = ("Un chapô qui raconte tout l’entretien au lieu de le présenter. " * 8)[:449]


def test_the_form_refuses_before_saving_what_the_validation_refuses(editor, tmp_path):
    """A partial date without « Mise en ligne », a chapô over its limit,
    a body with <script> then <iframe>: each refused under its field, in
    French, nothing written; corrected, the interview is saved and passes
    the check."""
    page, url, project, violations = editor
    before = files(project)
    page.goto(url + "/admin/#/collections/rencontres/new")
    write_markdown(page, "## Une question ?\n\nUne réponse.\n\n<script>alert(1)</script>")
    page.get_by_label("Titre").fill("Entretien avec Alain Blum")
    page.get_by_label("Date").fill("2018-03")
    add_interviewee(page, "Alain Blum")
    assert len(LONG_SUMMARY) == 449
    page.get_by_label("Chapô").fill(LONG_SUMMARY)
    publish(page)
    refused(page, "Chapô")  # the first field to correct, from the top
    assert shown_errors(page) == [
        ("Chapô", "Chapô trop long : 449 caractères pour 300 au plus ; raccourcissez-le."),
        (
            "Mise en ligne (optionnel)",
            "La date n’est pas connue au jour près : remplissez « Mise en ligne », le jour "
            "de mise en ligne sur ce site (les flux d’abonnement exigent un jour exact).",
        ),
        (
            "Texte",
            "Balise <script> interdite : le site n’exécute aucun script venu du contenu.",
        ),
    ]
    assert files(project) == before
    capture(page, "editeur-refus.png", tmp_path)

    page.get_by_label("Chapô").fill("Un membre raconte son engagement.")
    page.get_by_label(re.compile("^Mise en ligne")).fill("2026-11-27")
    replace_markdown(
        page, '## Une question ?\n\nUne réponse.\n\n<iframe src="https://evil.example/"></iframe>'
    )
    publish(page)
    refused(page, "Texte")
    iframe = [("Texte", "<iframe> interdit : le site ne charge rien depuis d’autres sites.")]
    assert errors_become(page, iframe) == iframe
    assert files(project) == before
    # A Markdown link, not a tag: the address is what is refused.
    replace_markdown(page, "## Une question ?\n\nUne [réponse](javascript:alert(1)).")
    publish(page)
    refused(page, "Texte")
    link = [("Texte", "Lien « javascript: » interdit.")]
    assert errors_become(page, link) == link
    assert files(project) == before

    # Code shows a tag as text on the site: the form lets it through.
    replace_markdown(page, "## Une question ?\n\nUne réponse avec `<script>` en code.")
    publish(page)
    page.wait_for_url("**/collections/rencontres/entries/*")
    assert shown_errors(page) == []
    written = project / "content" / "rencontres" / "entretien-avec-alain-blum.md"
    front_matter = yaml.safe_load(written.read_text(encoding="utf-8").split("---")[1])
    assert front_matter["modified"] == datetime.date(2026, 11, 27)
    assert front_matter["interviewees"] == ["alain-blum"]
    check = subprocess.run(
        [INVOKE, "check", "--content", str(project / "content")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0 and "0 erreur" in check.stdout, check.stdout
    assert not violations


# Within a theme's and a name's length limits (60 characters: kinds.py),
# the issue's « **Session expirée** : [reconnectez-vous ici](…/login) »,
# which is 72 and so refused by the check before it reaches any form.
HOSTILE_THEME = "**Session expirée** : [reconnexion](https://evil.example)"
assert len(HOSTILE_THEME) <= 60


def with_hostile_theme(content):
    """A theme, and a person's name, that Markdown would make a link."""
    interview = content / "rencontres" / "entretien-alain-blum.md"
    text = interview.read_text(encoding="utf-8")
    interview.write_text(
        text.replace("  - Collectivités\n", f'  - Collectivités\n  - "{HOSTILE_THEME}"\n'),
        encoding="utf-8",
    )
    (content / "personnes" / "session-expiree.md").write_text(
        f'---\ntitle: "{HOSTILE_THEME}"\n---\n', encoding="utf-8"
    )


@pytest.fixture
def hostile_editor(tmp_path, browser):
    yield from open_editor(tmp_path, browser, prepare=with_hostile_theme)


def test_a_theme_or_a_name_reaches_the_form_as_text_never_as_a_link(hostile_editor):
    page, url, project, violations = hostile_editor
    page.goto(url + "/admin/#/collections/rencontres/new")
    hint = page.locator("p", has_text="Thèmes existants")
    expect(hint).to_be_visible()
    assert HOSTILE_THEME in hint.inner_text().replace("\u00a0", " ")
    assert hint.locator("a, strong, em").count() == 0
    # A person's name among the options: text too.
    page.get_by_role("button", name="Ajouter personne").click()
    person = page.get_by_label(re.compile("^Personne$"))
    person.click()
    person.fill("Session")
    option = page.get_by_role("option").filter(has_text="Session expirée")
    expect(option).to_have_text(HOSTILE_THEME)
    assert option.locator("a, strong, em").count() == 0
    assert page.locator("a[href*='evil.example']").count() == 0
    assert not violations


def test_the_sign_in_page_shows_the_association_s_wordmark_above_the_button(
    editor, browser, tmp_path
):
    page, url, project, violations = editor
    # A new browser profile: signed out, as on a first visit.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    visitor = context.new_page()
    visitor.on("pageerror", lambda error: violations.append(f"erreur JavaScript : {error}"))
    visitor.goto(url + "/admin/")
    logo = visitor.locator("img[src$='/admin/marque.svg']")
    button = visitor.get_by_role("button", name="Se connecter")
    expect(button).to_be_visible()
    expect(logo).to_be_visible()
    assert logo.evaluate("image => image.complete && image.naturalWidth > 0")  # drawn
    assert visitor.locator("img, svg").count() == 1  # the wordmark, not Decap's logo
    logo_box, button_box = logo.bounding_box(), button.bounding_box()
    space = button_box["y"] - (logo_box["y"] + logo_box["height"])
    assert space >= 24, space  # the button does not touch it
    capture(visitor, "editeur-connexion.png", tmp_path)
    # Every text Decap shows in English has its French (rules.PHRASES),
    # but for what the site never shows: notes, copying between languages.
    untranslated = visitor.evaluate(
        """() => {
            const missing = [];
            const walk = (en, fr, path) => Object.keys(en).forEach(key => {
                const here = path ? path + "." + key : key;
                if (typeof en[key] === "object") walk(en[key], (fr || {})[key], here);
                else if (!fr || typeof fr[key] !== "string") missing.push(here);
            });
            walk(CMS.getLocale("en"), CMS.getLocale("fr"), "");
            return missing;
        }"""
    )
    unused = ("editor.editorNotesPane.", "editor.editorInterface.toggleNotes")
    unused += ("editor.editorControlPane.i18n.", "ui.toast.note", "ui.toast.onFailTo")
    assert [key for key in untranslated if not key.startswith(unused)] == []
    assert all(key.startswith(unused[-1]) is False or "Note" in key for key in untranslated)
    context.close()
    assert not violations


def contrast(page, locator) -> float:
    """WCAG contrast ratio of an element's text on its own background."""
    return locator.evaluate(
        """element => {
            const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
            const lum = ([r, g, b]) => [r, g, b].map(v => {
                v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
            }).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
            const style = getComputedStyle(element);
            const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))];
            return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }"""
    )


QUESTIONS = [
    "Pouvez-vous vous présenter ?",
    "Qu’est-ce qui vous a mené au Centsept ?",
    "Quel projet vous tient à cœur ?",
    "Que diriez-vous à un futur membre ?",
    "Et demain ?",
]


def choose(page, label, text):
    """Pick ``text`` in a relation or select field of the form (the last
    one whose label starts with ``label``, or matches it if a pattern)."""
    if isinstance(label, str):
        label = re.compile("^" + re.escape(label))
    field = page.get_by_label(label).last
    field.click()
    field.fill(text)
    page.get_by_role("option", name=text, exact=True).click()
    # Chosen: shown in the field (react-select's value), the list closed.
    page.locator("[class*=ultiValue], [class*=singleValue]", has_text=text).first.wait_for()
    expect(page.get_by_role("option")).to_have_count(0)


def add_interviewee(page, name, role=None):
    """One more line in « Personnes interviewées »: the person chosen in
    the list, and a role for this interview if given."""
    page.get_by_role("button", name="Ajouter personne").click()
    choose(page, re.compile("^Personne$"), name)
    if role:
        page.get_by_label(re.compile("^Fonction")).last.fill(role)


def write_markdown(page, text):
    """Type ``text`` in the body, in the editor's Markdown mode."""
    page.get_by_text("Texte enrichi", exact=True).locator("xpath=following-sibling::*[1]").click()
    page.get_by_text("Markdown", exact=True).wait_for()
    page.locator("[contenteditable=true]").last.click()
    for number, line in enumerate(text.split("\n")):
        if number:
            page.keyboard.press("Enter")
        page.keyboard.insert_text(line)


def replace_markdown(page, text):
    """Replace the body with ``text`` (already in Markdown mode)."""
    body = page.locator("[contenteditable=true]").last
    body.click()
    # Select all and delete until the editor is empty: under load, Slate
    # may not have taken the first « select all » (the old body stayed).
    for _ in range(5):
        body.press("Control+a")
        body.press("Backspace")
        if not body.inner_text().strip("\ufeff\n "):
            break
    assert not body.inner_text().strip("\ufeff\n "), body.inner_text()
    for number, line in enumerate(text.split("\n")):
        if number:
            page.keyboard.press("Enter")
        page.keyboard.insert_text(line)
    # Decap's Markdown widget hands its value to the form after a pause
    # (a debounced onChange): leave the field and let it, or « Publier »
    # may still check the previous body on a loaded machine.
    page.get_by_label("Titre").focus()
    page.wait_for_timeout(1000)


def upload(page, photo):
    """Send ``photo`` through the editor's media library."""
    page.get_by_text("Médias", exact=True).first.click()
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
    add_interviewee(page, "Alain Blum", role="Vice-président en 2019")
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
        # The interview's own role: the « person: / role: » form.
        "interviewees": [{"person": "alain-blum", "role": "Vice-président en 2019"}],
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
    add_interviewee(page, "Marie Durand")
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
    expect(page.get_by_text("Vérifier l’aperçu")).to_be_visible()  # Decap's French, typeset
    # The preview pane: the site's stylesheet and typography.
    preview = next(frame for frame in page.frames if frame.locator("article.rencontre").count())
    heading = preview.locator(".corps h2", has_text="perspectives au Centsept pour 2018")
    assert heading.inner_text().endswith("2018\u202f?")
    assert heading.evaluate("e => getComputedStyle(e).fontFamily").startswith("Figtree")
    text = preview.locator(".corps").inner_text()
    assert "J’ai été prof" in text and "'" not in text
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
    process = start_as_in_a_terminal(
        [INVOKE, "editer", "--port", str(port), "--port-editeur", str(editor_port)]
        + ["--output", str(tmp_path / "site")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
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


# --- The preview's typography: the site's, ported to JavaScript ----------


def _typography_inputs() -> list[str]:
    """The typography tests' cases, texts drawn from their pieces, and
    every content file's body as Markdown makes it."""
    inputs = [source for source, _ in TYPOGRAPHY_CASES] + [e for _, e in TYPOGRAPHY_CASES]
    inputs += AGREES_WITH_POLYTYPO
    draw = random.Random(107)  # the same texts at every run
    inputs += ["".join(draw.choices(PIECES, k=draw.randint(1, 30))) for _ in range(3000)]
    for path in sorted((ROOT / "content").rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        inputs.append(markdown.markdown(body, extensions=["extra"]))
    return inputs


def test_the_preview_typography_is_the_site_s_on_the_same_texts(browser):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_content("<!doctype html><title>typographie</title>")
    page.add_script_tag(path=str(ROOT / "theme" / "static" / "js" / "typographie.js"))
    inputs = _typography_inputs()
    assert len(inputs) > 3000
    results = page.evaluate(
        "texts => texts.map(t => [window.typographie.html(t), window.typographie.texte(t)])",
        inputs,
    )
    page.close()
    for text, (as_html, as_text) in zip(inputs, results, strict=True):
        assert as_html == typeset_html(text), text
        assert as_text == typeset_text(text), text
    assert not errors
