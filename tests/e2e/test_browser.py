"""The built site in a real browser (Debian's Chromium, Playwright):
axe-core on every page in both colour schemes, keyboard, small screens
without JavaScript, reduced motion, 200 % text, and search under the
site's Content-Security-Policy."""

import json

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import (
    DARK_SCHEME_CHANGES,
    axe_context,
    axe_in_both_schemes,
    axe_run,
)
from tests.helpers import OLD_INTERVIEW_PATH

# The preview too: its banner and draft pages are pages reviewers read.
SITES = ["served_site", "served_fixture", "served_preview"]


def open_page(browser, url, **context_options):
    context = browser.new_context(**context_options)
    page = context.new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(url)
    return context, page, problems


# Per site, the pages' axe reports in each colour scheme: computed once
# per process, each page loaded once and checked in both schemes (the
# dark one by axe's colour rules once the page shows that only colours
# change: tests/e2e/accessibility.py).
_AXE_REPORTS: dict[str, dict[str, list[str]]] = {}


def axe_reports(browser, site, served) -> dict[str, list[str]]:
    if served not in _AXE_REPORTS:
        context = axe_context(browser)
        page = context.new_page()
        reports = {"light": [], "dark": []}
        pages = site.pages()
        assert len(pages) >= 10
        for path in pages:
            page.goto(site.url + path)
            for scheme, results in axe_in_both_schemes(page).items():
                if results.violations_count:
                    reports[scheme].append(f"{path} ({scheme}):\n{results.generate_report()}")
        context.close()
        _AXE_REPORTS[served] = reports
    return _AXE_REPORTS[served]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    # Both schemes of a site on one worker, which checks its pages once.
    "served",
    [pytest.param(served, marks=pytest.mark.xdist_group(f"axe-{served}")) for served in SITES],
)
def test_axe_finds_nothing_on_any_page(browser, request, served, scheme):
    reports = axe_reports(browser, request.getfixturevalue(served), served)[scheme]
    assert not reports, "\n".join(reports)


def test_the_dark_scheme_of_every_page_changes_colours_only(browser, served_site):
    """What lets the dark pass run axe's colour rules only: were it
    false, every rule would run again there (slower, never weaker)."""
    context = axe_context(browser)
    page = context.new_page()
    changes = {}
    for path in served_site.pages():
        page.goto(served_site.url + path)
        changes[path] = page.evaluate(DARK_SCHEME_CHANGES)
    context.close()
    assert not any(changes.values()), changes


DARK = "@media (prefers-color-scheme: dark)"
DARK_PAGE = """<!doctype html><html lang="fr"><head><title>Essai</title><style>
:root { --texte: #111; --fond: #fff; }
@media (prefers-color-scheme: dark) { :root { --texte: #333; --fond: #222; } }
body { color: var(--texte); background: var(--fond); }
</style>{extra}</head><body><main><h1>Titre</h1><p>Un paragraphe.</p></main></body></html>"""


@pytest.mark.parametrize(
    "extra, change",
    [
        (f"<style>{DARK} {{ main {{ display: none }} }}</style>", "main"),
        (f"<style>{DARK} {{ :root {{ --mesure: 9rem }} }}</style>", "--mesure"),
        (f'<link rel="stylesheet" media="{DARK[7:]}" href="data:text/css,">', "feuille"),
        (f"<script>matchMedia('{DARK[7:]}')</script>", "matchMedia"),
        (f"<style>@import url('data:text/css,') {DARK[7:]};</style>", "@import"),
    ],
    ids=["regle", "propriete", "feuille", "script", "import"],
)
def test_a_dark_scheme_that_changes_more_than_colours_is_seen(browser, extra, change):
    context = axe_context(browser)
    page = context.new_page()
    page.set_content(DARK_PAGE.replace("{extra}", ""))
    assert page.evaluate(DARK_SCHEME_CHANGES) == []
    page.set_content(DARK_PAGE.replace("{extra}", extra))
    found = page.evaluate(DARK_SCHEME_CHANGES)
    context.close()
    assert any(change in item for item in found), found


def test_the_dark_pass_still_finds_a_dark_only_contrast_failure(browser):
    """Grey on dark grey, in the dark scheme only: the colour rules
    catch it, the light scheme passes."""
    context = axe_context(browser)
    page = context.new_page()
    page.set_content(DARK_PAGE.replace("{extra}", ""))
    results = axe_in_both_schemes(page)
    context.close()
    assert results["light"].violations_count == 0, results["light"].generate_report()
    assert [rule["id"] for rule in results["dark"].response["violations"]] == ["color-contrast"]
    ran = results["dark"].response
    assert sorted(r["id"] for kind in ("passes", "violations", "incomplete", "inapplicable")
                  for r in ran[kind]) == ["color-contrast", "link-in-text-block"]  # fmt: skip


@pytest.mark.parametrize("served", SITES)
def test_no_console_error_and_no_other_origin(browser, request, served):
    site = request.getfixturevalue(served)
    context = browser.new_context()
    page = context.new_page()
    origins, errors = set(), []
    page.on("request", lambda r: origins.add(r.url.split("/")[2]))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    for path in site.pages():
        if path != "/404.html":  # served with status 404, logged as such
            page.goto(site.url + path)
    context.close()
    assert origins == {f"127.0.0.1:{site.port}"}
    assert errors == []


def test_skip_link_and_visible_focus(browser, served_site):
    context, page, _ = open_page(browser, f"{served_site.url}/{OLD_INTERVIEW_PATH}/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.textContent, document.activeElement.getAttribute('href')]"
    )
    assert focused == ["Aller au contenu", "#contenu"]
    box = page.locator(".evitement").bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0 and box["width"] > 0
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    page.keyboard.press("Enter")
    assert page.url.endswith("#contenu")
    # Then the order follows the page: the site name, then the menu.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('main') !== null")
    context.close()


def test_navigation_without_javascript_on_a_320px_screen(browser, served_site):
    context, page, _ = open_page(
        browser,
        served_site.url + "/",
        java_script_enabled=False,
        viewport={"width": 320, "height": 640},
    )
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    for link in page.locator("nav[aria-label='Menu principal'] a").all():
        box = link.bounding_box()
        assert link.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= 320
    page.locator("nav[aria-label='Menu principal'] a", has_text="Programmes").click()
    assert page.url == served_site.url + "/programmes/"
    context.close()


def test_text_resized_to_200_percent_does_not_overflow(browser, served_site):
    context, page, _ = open_page(
        browser, f"{served_site.url}/{OLD_INTERVIEW_PATH}/", viewport={"width": 640, "height": 800}
    )
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 640
    size = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.texte p')).fontSize)"
    )
    assert size >= 32
    context.close()


def test_reduced_motion_is_honoured(browser, served_site):
    for motion, expected in (("no-preference", "smooth"), ("reduce", "auto")):
        context, page, _ = open_page(browser, served_site.url + "/", reduced_motion=motion)
        behaviour = page.evaluate("() => getComputedStyle(document.documentElement).scrollBehavior")
        assert behaviour == expected, motion
        context.close()


def test_search_finds_the_interview_under_the_csp(browser, served_site):
    context, page, problems = open_page(browser, served_site.url + "/recherche/")
    page.fill("#recherche-champ", "mayonnaise")
    page.click("button[type=submit]")
    page.locator("#recherche-resultats li a").first.wait_for(timeout=15000)
    results = {
        a.get_attribute("href"): a.text_content()
        for a in page.locator("#recherche-resultats li a").all()
    }
    interview = [title for href, title in results.items() if OLD_INTERVIEW_PATH in href]
    assert interview and "Alain Blum" in interview[0]
    assert (
        "mayonnaise" in page.locator("#recherche-resultats li p mark").first.text_content().lower()
    )
    assert "résultat" in page.locator("#recherche-etat").text_content()
    assert page.url.endswith("?q=mayonnaise")
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
    context.close()


def test_search_stems_french(browser, served_site):
    """« territoires » finds « territoire »: Pagefind stems French."""
    context, page, _ = open_page(browser, served_site.url + "/recherche/?q=territoires")
    page.locator("#recherche-resultats li a").first.wait_for(timeout=15000)
    hrefs = [a.get_attribute("href") for a in page.locator("#recherche-resultats li a").all()]
    assert any(OLD_INTERVIEW_PATH in href for href in hrefs)
    context.close()


def test_search_page_without_javascript_points_to_the_site_map(browser, served_site):
    context, page, _ = open_page(
        browser, served_site.url + "/recherche/", java_script_enabled=False
    )
    message = page.locator("#recherche-sans-js")
    assert message.is_visible()
    assert message.locator("a").get_attribute("href").endswith("/plan-du-site/")
    assert not page.locator("#recherche-formulaire").is_visible()
    context.close()


def test_french_404_page_with_404_status(browser, served_site):
    context = browser.new_context()
    page = context.new_page()
    response = page.goto(served_site.url + "/cette-page-n-existe-pas/")
    assert response.status == 404
    assert page.locator("h1").text_content() == "Page introuvable"
    context.close()


# What a reader's eye takes for interface, not text: a heading permalink
# (« ?# Il y a… »), a pilcrow, arrows, a bar between links.
INTERFACE_CHARACTERS = set("#¶§↑↓←→⇧|🔗")


def test_search_excerpts_are_text_only(browser, served_site):
    """Every indexed page, through Pagefind's own API in the page: its
    excerpt and its whole indexed text hold no interface character."""
    context, page, _ = open_page(browser, served_site.url + "/recherche/")
    found = page.evaluate(
        """async () => {
             const form = document.getElementById('recherche-formulaire');
             const pagefind = await import(new URL(form.dataset.pagefind, document.baseURI).href);
             const seen = {};
             const words = ['centsept', 'pourquoi', 'rôle', 'perspectives', 'programme', 'alain'];
             for (const word of words) {
               const search = await pagefind.search(word);
               for (const result of search.results) {
                 const data = await result.data();
                 seen[data.url + ' ' + word] = [data.excerpt, data.content];
               }
             }
             return seen;
           }"""
    )
    assert any(OLD_INTERVIEW_PATH in key for key in found) and len(found) >= 10
    bad = {
        key: sorted(INTERFACE_CHARACTERS & set(excerpt + content))
        for key, (excerpt, content) in found.items()
        if INTERFACE_CHARACTERS & set(excerpt + content)
    }
    assert not bad, bad
    # And what the reader sees on the page.
    page.fill("#recherche-champ", "pourquoi")
    page.press("#recherche-champ", "Enter")
    page.locator("#recherche-resultats li").first.wait_for(timeout=15000)
    shown = page.locator("#recherche-resultats").inner_text()
    assert "pourquoi" in shown.lower() and not INTERFACE_CHARACTERS & set(shown)
    context.close()


def test_search_by_kind_of_page_with_the_keyboard(browser, served_site):
    """Field, Enter, then the filters (a radio group: Tab, then arrows),
    the count said in the status region."""
    context, page, _ = open_page(browser, served_site.url + "/recherche/")
    page.locator("#recherche-champ").focus()
    page.keyboard.type("centsept")
    page.keyboard.press("Enter")
    page.locator("#recherche-resultats li").first.wait_for(timeout=15000)
    everything = page.locator("#recherche-resultats li").count()
    page.keyboard.press("Tab")  # the button
    page.keyboard.press("Tab")  # the checked radio button, « Tout »
    assert page.evaluate("() => document.activeElement.value") == ""
    page.keyboard.press("ArrowDown")  # « Entretiens »
    status = page.get_by_role("status")
    status.filter(has_text="de type « Entretien »").wait_for(timeout=15000)
    assert status.text_content().startswith("1 résultat pour « centsept »")
    kinds = page.locator("#recherche-resultats li .surtitre").all_text_contents()
    assert kinds == ["Entretien"] and everything > 1
    context.close()


def test_search_fetches_five_excerpts_then_five_more_on_demand(browser, served_site):
    """A word on many pages costs the first five results' fragments, not
    every result's; « Afficher plus » fetches the next five and puts the
    keyboard on the first of them; the button goes once all are shown."""
    context, page, _ = open_page(browser, served_site.url + "/recherche/")
    fragments = []
    page.on("requestfinished", lambda r: "/pagefind/fragment/" in r.url and fragments.append(r.url))
    page.fill("#recherche-champ", "centsept")
    page.press("#recherche-champ", "Enter")
    status = page.get_by_role("status")
    status.filter(has_text="résultats pour « centsept »").wait_for(timeout=15000)
    total = int(status.text_content().split()[0])
    assert total > 5  # the real content: the association's name is on many pages
    results = page.locator("#recherche-resultats li")
    page.wait_for_load_state("networkidle")
    assert results.count() == 5 and len(fragments) == 5
    more = page.locator("#recherche-plus")
    assert more.is_visible()
    assert (
        more.text_content()
        == f"Afficher {min(5, total - 5)} résultat{'s' if total - 5 > 1 else ''} de plus"
    )
    more.focus()
    page.keyboard.press("Enter")
    shown = min(10, total)
    results.nth(shown - 1).wait_for(timeout=15000)
    page.wait_for_load_state("networkidle")
    assert results.count() == shown and len(set(fragments)) == shown
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert focused == results.nth(5).locator("a").get_attribute("href")
    while more.is_visible():
        more.click()
        page.wait_for_load_state("networkidle")
    assert results.count() == total
    links = [a.get_attribute("href") for a in page.locator("#recherche-resultats li h2 a").all()]
    assert len(set(links)) == total  # each result once, none skipped
    context.close()


def every_result(browser, site, word):
    """The addresses of all results for ``word`` (« Afficher plus » until
    none is left) and the search's requests under /pagefind/."""
    context, page, problems = open_page(browser, site.url + "/recherche/")
    requests = []
    page.on("requestfinished", lambda r: "/pagefind/" in r.url and requests.append(r.url))
    page.fill("#recherche-champ", word)
    page.press("#recherche-champ", "Enter")
    status = page.get_by_role("status")
    status.filter(has_text=f"résultats pour « {word} »").wait_for(timeout=15000)
    total = int(status.text_content().split()[0])
    more = page.locator("#recherche-plus")
    page.locator("#recherche-resultats li").first.wait_for()
    while more.is_visible():
        shown = page.locator("#recherche-resultats li").count()
        more.click()
        # The button is updated with the list: once it has grown, both are settled.
        page.wait_for_function(
            "n => document.querySelectorAll('#recherche-resultats li').length > n", arg=shown
        )
    page.wait_for_load_state("networkidle")
    links = [a.get_attribute("href") for a in page.locator("#recherche-resultats li h2 a").all()]
    context.close()
    assert not problems, problems
    assert len(links) == total
    return links, requests


def test_an_index_cut_into_lots_answers_as_one(browser, served_site, served_in_lots):
    """The same site indexed whole and in lots of three pages: the same
    results, each once; the lots' indexes are fetched, the WebAssembly
    engine once."""
    whole, _ = every_result(browser, served_site, "centsept")
    in_lots, requests = every_result(browser, served_in_lots, "centsept")
    assert len(whole) > 3
    assert sorted(in_lots) == sorted(whole) and len(set(in_lots)) == len(in_lots)
    lots = json.loads((served_in_lots.root / "pagefind" / "lots.json").read_text())
    assert len(lots) >= 2
    for lot in lots:
        assert any(f"/pagefind/{lot}/index/" in url for url in requests), lot
    assert len([url for url in requests if "/wasm." in url]) == 1


def test_a_search_that_could_not_load_says_so_and_the_next_one_tries_again(browser, served_site):
    context, page, _ = open_page(browser, served_site.url + "/recherche/")
    page.route("**/pagefind/pagefind.js", lambda route: route.abort())
    page.fill("#recherche-champ", "mayonnaise")
    page.press("#recherche-champ", "Enter")
    status = page.get_by_role("status")
    expect(status).to_have_text(
        "La recherche n’a pas pu se charger. Vérifiez votre connexion, puis relancez-la."
    )
    page.unroute("**/pagefind/pagefind.js")
    page.press("#recherche-champ", "Enter")
    expect(status).to_contain_text("résultat", timeout=15000)
    assert page.locator("#recherche-resultats li").count() >= 1
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_search_results(browser, served_site, scheme):
    """Results and the « Afficher plus » button, light and dark."""
    context = axe_context(browser, color_scheme=scheme)
    page = context.new_page()
    page.goto(served_site.url + "/recherche/?q=centsept")
    page.locator("#recherche-plus").wait_for(timeout=15000)
    results = axe_run(page)
    assert not results.violations_count, results.generate_report()
    context.close()


def test_search_says_in_french_when_nothing_is_found(browser, served_site):
    context, page, _ = open_page(browser, served_site.url + "/recherche/?q=zzxqwv")
    status = page.get_by_role("status")
    status.filter(has_text="Aucun résultat").wait_for(timeout=15000)
    assert status.text_content() == (
        "Aucun résultat pour « zzxqwv ». Essayez un autre mot, ou parcourez le plan du site."
    )
    assert status.locator("a").get_attribute("href").endswith("/plan-du-site/")
    context.close()


@pytest.mark.parametrize("width", [320, 375])
def test_search_form_on_a_phone(browser, served_site, width):
    """The field the column's whole width, the button under it with a gap,
    both with the same rounded shape; results aligned with the column."""
    context, page, _ = open_page(
        browser,
        served_site.url + "/recherche/?q=centsept",
        viewport={"width": width, "height": 800},
    )
    page.locator("#recherche-resultats li").first.wait_for(timeout=15000)
    title = page.locator("h1").bounding_box()
    field = page.locator("#recherche-champ").bounding_box()
    button = page.locator("#recherche-formulaire button").bounding_box()
    assert abs(field["x"] - title["x"]) < 1 and field["width"] >= width - 2 * 20 - 1
    assert button["y"] - (field["y"] + field["height"]) >= 8
    radius = "(el) => getComputedStyle(el).borderTopLeftRadius"
    assert page.locator("#recherche-champ").evaluate(radius) == page.locator(
        "#recherche-formulaire button"
    ).evaluate(radius)
    for result in page.locator("#recherche-resultats li").all():
        box = result.bounding_box()
        assert abs(box["x"] - title["x"]) < 1 and box["x"] + box["width"] <= width - 19
    # « Afficher plus » under them, in the column, as tall as the search button.
    more = page.locator("#recherche-plus").bounding_box()
    assert abs(more["x"] - title["x"]) < 1 and more["x"] + more["width"] <= width - 19
    assert more["y"] >= box["y"] + box["height"] and more["height"] == button["height"]
    context.close()
