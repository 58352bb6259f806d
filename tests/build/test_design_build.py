"""What the design promises, read from built sites: social cards for
every shareable page (drawn once per change), the fonts the stylesheet
names, the committed fonts regenerated from their npm package, and the
interview page's weight budget."""

from __future__ import annotations

import gzip
import io
import re
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from sitetools import fonts
from tests.helpers import FIXTURE, IN_CI, OLD_INTERVIEW_PATH, run_pelican

SITEURL = "https://www.lecentsept.fr"


def page(site, path):
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def card_of(site, path):
    soup = page(site, path)
    image = soup.find("meta", property="og:image")
    return soup, image["content"] if image else None


@pytest.mark.parametrize(
    "path",
    [
        "",
        OLD_INTERVIEW_PATH,
        "programmes/centsept-labs",
        "personnes/alain-blum",
    ],
)
def test_shareable_pages_have_a_1200_by_630_card(published_site, path):
    soup, address = card_of(published_site, path)
    assert address and address.startswith(f"{SITEURL}/cartes/"), address
    image = Image.open(published_site / address.removeprefix(SITEURL + "/"))
    assert image.size == (1200, 630)
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    assert soup.find("meta", property="og:image:alt")["content"]


def test_legal_and_listing_pages_have_no_card(published_site):
    for path in ("mentions-legales", "rencontres", "a-propos"):
        assert card_of(published_site, path)[1] is None, path


def test_each_card_shows_its_own_page(published_site):
    addresses = {
        card_of(published_site, p)[1] for p in ("", OLD_INTERVIEW_PATH, "personnes/alain-blum")
    }
    assert len(addresses) == 3


def _build(output, cache, content):
    result = run_pelican(output, content=content, extra=("-e", f'CACHE_PATH="{cache}"'))
    assert result.returncode == 0, result.stdout + result.stderr


def test_cards_are_drawn_again_only_when_what_they_show_changes(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    cache = tmp_path / "cache"
    _build(tmp_path / "a", cache, content)
    drawn = {p.name: p.stat().st_mtime_ns for p in (cache / "cartes-sociales").iterdir()}
    assert len(drawn) >= 8  # home, 4 interviews, 2 programmes, 3 people (drafts: none)
    _build(tmp_path / "b", cache, content)
    again = {p.name: p.stat().st_mtime_ns for p in (cache / "cartes-sociales").iterdir()}
    assert again == drawn
    interview = content / "rencontres" / "premier.md"
    text = interview.read_text(encoding="utf-8")
    interview.write_text(
        re.sub(r"(?m)^title: .*$", "title: Un titre changé", text, count=1), encoding="utf-8"
    )
    _build(tmp_path / "c", cache, content)
    after = {p.name: p.stat().st_mtime_ns for p in (cache / "cartes-sociales").iterdir()}
    new = set(after) - set(drawn)
    assert len(new) == 1
    assert all(after[name] == drawn[name] for name in drawn)
    assert (tmp_path / "c" / "cartes" / new.pop()).is_file()


def test_the_stylesheet_fonts_and_the_preload_exist(published_site):
    html = (published_site / OLD_INTERVIEW_PATH / "index.html").read_text(encoding="utf-8")
    preload = re.search(r'<link rel="preload" href="([^"]+)" as="font"', html).group(1)
    assert (published_site / preload.removeprefix(SITEURL + "/")).is_file()
    css_path = re.search(r'<link rel="stylesheet" href="([^"]+)"', html).group(1)
    css_file = published_site / css_path.removeprefix(SITEURL + "/")
    urls = re.findall(r'url\("([^"]+\.woff2)"\)', css_file.read_text(encoding="utf-8"))
    assert len(urls) == 2
    for url in urls:
        assert (css_file.parent / url).resolve().is_file(), url
    # What the page preloads is what the stylesheet asks for (one download).
    assert preload.endswith(urls[0].removeprefix(".."))


def test_interview_page_html_and_css_within_14_kb_gzip(published_site):
    html = (published_site / OLD_INTERVIEW_PATH / "index.html").read_bytes()
    css_path = re.search(rb'<link rel="stylesheet" href="([^"]+)"', html).group(1).decode()
    css = (published_site / css_path.removeprefix(SITEURL + "/")).read_bytes()
    total = len(gzip.compress(html, 9)) + len(gzip.compress(css, 9))
    assert total <= 14 * 1024, total


def test_committed_fonts_are_what_invoke_polices_makes(tmp_path):
    if not fonts.PACKAGE.is_dir():
        assert not IN_CI, ".ci/run lance npm ci, qui installe @fontsource-variable/figtree"
        pytest.skip("node_modules absent (npm ci) : polices non régénérées")
    fonts.generate(fonts.PACKAGE, tmp_path / "polices", tmp_path / "marque.svg")
    fonts.generate_icons(fonts.PACKAGE, tmp_path / "icones")
    for style in fonts.STYLES:
        name = f"figtree-{style}.woff2"
        assert (tmp_path / "polices" / name).read_bytes() == (fonts.FONTS / name).read_bytes()
    assert (tmp_path / "marque.svg").read_text() == fonts.WORDMARK.read_text()
    for size in fonts.ICON_SIZES:
        made = Image.open(io.BytesIO((tmp_path / "icones" / f"icone-{size}.png").read_bytes()))
        committed = Image.open(fonts.FONTS.parent / "icones" / f"icone-{size}.png")
        assert made.size == committed.size == (size, size)
        assert made.tobytes() == committed.tobytes()


def test_home_features_the_latest_interview_and_its_first_quote(fixture_site):
    home = page(fixture_site, "")
    featured = home.select_one(".une")
    assert featured.select_one("h3 a")["href"] == "/hors-serie/"  # the newest
    quote = featured.select_one("figure.citation")
    assert quote.select_one("blockquote").get_text(strip=True).startswith("Une citation d’essai")
    # Signed by the person, inside the quotation's rule (one indentation).
    assert quote.select_one("figcaption .personne-carte .nom")
    # Then the others, as cards, without the featured one again.
    others = [a["href"] for a in home.select("[aria-labelledby=dernieres-rencontres] .cartes h3 a")]
    assert others and "/hors-serie/" not in others


def test_no_quote_no_pull_quote(site):
    featured = page(site, "").select_one(".heros .une")
    assert featured is not None and featured.select_one(".citation") is None
    # The person then follows the summary, not an empty column.
    assert featured.select_one(".chapo + .personne-carte")


def test_people_without_portrait_get_their_initials(site):
    card = page(site, OLD_INTERVIEW_PATH).select_one(".interviewes .initiales")
    assert card["data-initiales"] == "AB" and card["aria-hidden"] == "true"
    assert card.get_text() == ""  # not read aloud, not indexed: the name is next to it
    person = page(site, "personnes/alain-blum").select_one(".personne-entete .initiales")
    assert person["data-initiales"] == "AB"


def test_share_links_are_plain_links_with_the_page_address(published_site):
    links = [a["href"] for a in page(published_site, OLD_INTERVIEW_PATH).select(".partage a")]
    address = f"{SITEURL}/{OLD_INTERVIEW_PATH}/"
    assert [urlsplit(link).scheme for link in links] == ["mailto", "https", "https"]
    assert links[1].startswith("https://www.linkedin.com/sharing/share-offsite/?")
    assert links[2].startswith("https://s2f.kytta.dev/?")
    values = [value for link in links for value in parse_qs(urlsplit(link).query).values()]
    assert sum(address in value[0] for value in values) == 3, values


def test_web_app_manifest_and_icons(published_site):
    import json

    manifest = json.loads((published_site / "site.webmanifest").read_text(encoding="utf-8"))
    assert manifest["lang"] == "fr" and manifest["name"] == "Le Centsept"
    sizes = set()
    for icon in manifest["icons"]:
        image = Image.open(published_site / icon["src"].lstrip("/"))
        assert f"{image.width}x{image.height}" == icon["sizes"]
        sizes.add(image.width)
    assert {192, 512} <= sizes
    home = page(published_site, "")
    assert home.find("link", rel="manifest")["href"] == f"{SITEURL}/site.webmanifest"
    touch = home.find("link", rel="apple-touch-icon")["href"]
    assert (published_site / touch.removeprefix(SITEURL + "/")).is_file()


def test_a_programme_without_description_shows_none(tmp_path):
    """No made-up sentence: a programme card or page shows a description
    only when an editor wrote one (validation off: the content model's
    rule for a missing description is not this test's concern)."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    source = content / "programmes" / "prog-a.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("summary: Un programme d’essai.\n", ""),
        encoding="utf-8",
    )
    result = run_pelican(
        tmp_path / "site", content=content, extra=("-e", "CONTENT_VALIDATION=false")
    )
    assert result.returncode == 0, result.stdout + result.stderr
    cards = {
        card.select_one("a").get_text(): card
        for card in page(tmp_path / "site", "programmes").select(".programmes .carte")
    }
    assert cards["Programme A"].select_one(".chapo") is None
    assert "Texte du programme A" not in cards["Programme A"].get_text()  # no summary made up
    assert cards["Programme B"].select_one(".chapo") is not None  # written: shown
    assert page(tmp_path / "site", "programmes/prog-a").select_one("header .chapo") is None


def test_feeds_are_offered_in_readers_words(published_site):
    for path in ("", "programmes/centsept-labs", OLD_INTERVIEW_PATH):
        soup = page(published_site, path)
        assert "Flux Atom" not in soup.get_text(), path
        footer = soup.select_one(".pied .abonnement")
        assert footer.select_one("a").get_text() == "S’abonner aux rencontres"
        assert footer.select_one("a")["href"].endswith(".xml")
        assert "application de lecture de flux" in footer.select_one(".aide").get_text()
    side = page(published_site, "programmes/centsept-labs").select_one(".cote .abonnement a")
    assert side.get_text() == "S’abonner à ce programme"


def test_programme_key_facts_come_from_the_content(published_site):
    facts = page(published_site, "programmes/centsept-labs").select_one(".cote .faits")
    text = facts.get_text(" ", strip=True)
    assert "1 entretien l’évoque" in text
    assert facts.select_one("a[href$='/personnes/alain-blum/']").get_text() == "Alain Blum"


def test_interface_is_kept_out_of_the_search_index(published_site):
    soup = page(published_site, OLD_INTERVIEW_PATH)
    body = soup.select_one("[data-pagefind-body]")
    links = body.select("a.permalien")
    assert links and all(link.has_attr("data-pagefind-ignore") for link in links)
    assert body["data-pagefind-filter"] == "type:Entretien"
    for path, kind in (
        ("programmes/centsept-labs", "Programme"),
        ("personnes/alain-blum", "Personne"),
    ):
        assert (
            page(published_site, path).select_one("[data-pagefind-body]")["data-pagefind-filter"]
            == f"type:{kind}"
        )


def test_search_filters_list_the_kinds_the_site_has(published_site, fixture_published):
    def kinds(site):
        return [i["value"] for i in page(site, "recherche").select(".filtres input")]

    assert kinds(published_site) == ["", "Entretien", "Programme", "Personne", "Série", "Page"]
    assert kinds(fixture_published) == ["", "Entretien", "Programme", "Personne", "Série", "Page"]
