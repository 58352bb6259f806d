"""`invoke import-wordpress` on seven exports (Pelican's, and French ones
of different eras and editors: tests/wordpress_exports.py), into a copy
of content/: the import exits 0, the content check finds 0 errors, the
site builds, a second run changes no file, the built pages hold the
source's words, a newer export never overwrites an editor's edit, and
images lose their metadata in the build. (Old addresses on real servers
and axe: tests/e2e/test_wordpress_servers.py.)"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from sitetools import SiteError
from sitetools.build import DEVELOPMENT, read_settings
from sitetools.check import check_site
from sitetools.wordpress import run_import
from tests.helpers import build_site
from tests.once import made_once
from tests.wordpress_exports import (
    EXPORTS,
    FRENCH_EXPORT,
    imported,
    imported_once,
    snapshot,
)


def _imported_and_built(name: str, tmp_path_factory) -> tuple:
    """Each export imported into a copy of content/ and built, once."""
    folder, content = imported_once(tmp_path_factory, name)
    output = made_once(
        tmp_path_factory, f"import-{name}-construit", lambda out: build_site(out, content=content)
    )
    return name, folder, content, output


@pytest.fixture(scope="module", params=sorted(EXPORTS))
def imported_site(request, tmp_path_factory):
    return _imported_and_built(request.param, tmp_path_factory)


@pytest.fixture(scope="module")
def french_site(tmp_path_factory):
    return _imported_and_built("francais", tmp_path_factory)


def test_the_content_check_finds_no_error(imported_site):
    _, _, content, _ = imported_site
    from pelican import Pelican

    settings = Pelican(read_settings(DEVELOPMENT, content)).settings
    errors = [p for p in check_site(content, settings) if p.severity == "erreur"]
    assert errors == []


def test_the_report_lists_every_item_with_its_old_and_new_address(imported_site):
    name, folder, _, _ = imported_site
    report = (folder / "import-wordpress.rapport.md").read_text(encoding="utf-8")
    assert report.startswith("# Import WordPress : rapport\n")
    if name == "francais":
        assert (
            "| entretien | À la rencontre de nos membres : entretien avec Camille Exemple "
            "| `/entretien-de-test-avec-camille-exemple/` "
            "| `/entretien-de-test-avec-camille-exemple/` | publié "
        ) in report
        assert (
            "fichier absent de --uploads : le lien mène à son ancienne adresse, "
            "https://www.site-essai.test/wp-content/uploads/2019/03/programme-essai.pdf"
        ) in report
        assert "| ignoré | Article de test mis à la corbeille |" in report
        assert "commentaires approuvés (non importés : le site n’en publie pas) | 1 |" in report
    elif name == "pelican":
        assert "| actualité | With tags | `/tags/` | `/with-tags/` | publié |" in report
        assert "image absente de --uploads, remplacée par un lien : http://thisisa.test/" in report
    # Counts first, then what to review apart from what was fixed.
    headings = [line for line in report.splitlines() if line.startswith("## ")]
    assert headings[:3] == ["## En bref", "## À revoir", "## Corrigé automatiquement"]
    assert "| erreurs de la vérification (invoke check) | 0 |" in report


def test_imported_pages_are_built_and_private_ones_are_not_published(imported_site):
    name, _, _, output = imported_site
    if name == "francais":
        interview = output / "entretien-de-test-avec-camille-exemple" / "index.html"
        soup = BeautifulSoup(interview.read_text(encoding="utf-8"), "html.parser")
        questions = [h.get_text(strip=True) for h in soup.select("article h2")]
        # A heading each, with French typography from the build.
        assert questions[:3] == [
            "Question de test numéro un\u00a0: pouvez-vous vous présenter\u202f?#",
            "Question de test numéro deux\u00a0: quel est votre lien avec le programme\u202f?#",
            "Question de test numéro trois\u00a0: et ensuite\u202f?#",
        ]
        assert (output / "annonce-de-test-une-journee-fictive" / "index.html").is_file()
        assert (output / "equipe-essai" / "index.html").is_file()
        hidden = ("entretien-avec-claude-prive", "article-protege-de-test", "claude-prive")
    elif name == "pelican":
        assert (output / "with-tags" / "index.html").is_file()
        assert (output / "contact" / "index.html").is_file()
        hidden = ("a-normal-post", "complete-draft", "empty-page")
    else:
        hidden = {"classique": ("galerie-de-la-fete",), "wordpress-com": ("wordpress-504",)}
        hidden = hidden.get(name, ())
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    for slug in hidden:
        assert not (output / slug).exists(), slug
        assert not (output / "personnes" / slug).exists(), slug
        assert f"/{slug}/" not in sitemap


def test_images_are_copied_and_stripped_of_metadata_by_the_build(french_site):
    _, _, content, output = french_site
    original = content / "images" / "wordpress" / "2019" / "03" / "atelier-essai.jpg"
    assert Image.open(original).getexif()  # the upload had EXIF…
    assert (content / "images/wordpress/2019/09/tableau-essai-1024x768.jpg").is_file()
    page = output / "entretien-de-test-avec-camille-exemple" / "index.html"
    image = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article img")
    assert image["alt"] == "Un atelier d’essai, photo de test"
    served = [image["src"]] + [part.split()[0] for part in image["srcset"].split(",")]
    for address in served:
        with Image.open(output / address.lstrip("/")) as derivative:  # …what readers get has none
            assert not derivative.getexif(), address
            assert "exif" not in derivative.info


def test_a_second_run_changes_no_file(imported_site):
    name, folder, content, _ = imported_site
    before = snapshot(folder / "content")
    report = (folder / "import-wordpress.rapport.md").stat().st_mtime_ns
    uploads = folder / "uploads" if (folder / "uploads").is_dir() else None
    lines, status = run_import(EXPORTS[name], uploads, content)
    assert status == 0
    assert lines[0].startswith("Import WordPress : 0 fichier(s) écrit(s)")
    assert snapshot(folder / "content") == before
    assert (folder / "import-wordpress.rapport.md").stat().st_mtime_ns == report


def test_a_newer_export_updates_what_changed_and_keeps_an_editors_edit(tmp_path):
    content, _, status = imported(tmp_path, "francais")
    assert status == 0
    edited = content / "pages" / "contact-essai.md"
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nAjout d’une rédactrice.\n", encoding="utf-8"
    )
    newer = tmp_path / "export-plus-recent.xml"
    text = FRENCH_EXPORT.read_text(encoding="utf-8")
    text = text.replace("Page de test : aucune adresse réelle ici.", "Page de test modifiée.")
    text = text.replace("Annonce de test, sans question", "Annonce de test corrigée, sans question")
    newer.write_text(text, encoding="utf-8")
    lines, status = run_import(newer, tmp_path / "uploads", content)
    assert status == 0
    assert "Ajout d’une rédactrice." in edited.read_text(encoding="utf-8")
    assert "Page de test modifiée." not in edited.read_text(encoding="utf-8")
    announcement = content / "actualites" / "annonce-de-test-une-journee-fictive.md"
    assert "Annonce de test corrigée" in announcement.read_text(encoding="utf-8")
    report = (tmp_path / "import-wordpress.rapport.md").read_text(encoding="utf-8")
    assert "`pages/contact-essai.md` modifié depuis le dernier import : non écrasé" in report
    assert re.search(r"1 fichier\(s\) écrit\(s\)", lines[0])


def test_an_editors_mapping_is_followed(tmp_path):
    """The editor maps « Vie associative (essai) » to a programme: the
    announcement's old category address now leads there."""
    content, _, _ = imported(tmp_path, "francais")
    mapping = content / "import-wordpress.yaml"
    text = mapping.read_text(encoding="utf-8")
    assert "vie-associative:\n    theme: Vie associative (essai)" in text
    mapping.write_text(
        text.replace(
            "vie-associative:\n    theme: Vie associative (essai)",
            "vie-associative:\n    programme: centsept-factory",
        ),
        encoding="utf-8",
    )
    lines, status = run_import(FRENCH_EXPORT, tmp_path / "uploads", content)
    assert status == 0, lines
    redirects = (content / "redirections.yaml").read_text(encoding="utf-8")
    assert "/category/vie-associative/: /programmes/centsept-factory/" in redirects


HOSTILE_ITEM = """
    <item>
        <title><![CDATA[<script>alert(1)</script>Entretien avec Eve Hostile &amp; <b>gras</b>
        \u202e]]></title>
        <link>https://www.site-essai.test/../../etc/passwd</link>
        <dc:creator><![CDATA[admin]]></dc:creator>
        <content:encoded><![CDATA[<p onclick="alert(2)"><strong>Question piégée ?</strong></p>
<p>&lt;script&gt;alert(3)&lt;/script&gt; <a href="javascript:alert(4)">lien</a>
<img src="x" onerror="alert(5)"> <img src="https://www.site-essai.test/wp-content/uploads/../../../etc/passwd">
<iframe src="https://evil.example/"></iframe><style>body{display:none}</style></p>
<img src="https://www.site-essai.test/wp-content/uploads/2021/05/faux.jpg" alt="faux">
<a href="https://www.site-essai.test/wp-content/uploads/2021/05/porte.php">porte</a>
<p><strong>Seconde question piégée ?</strong></p>
<p>[caption]<img src="data:image/png;base64,AAAA" alt="x">[/caption] [inconnu onload="x"]</p>
]]></content:encoded>
        <excerpt:encoded><![CDATA[<img src=x onerror=alert(6)>Chapô &lt;b&gt;]]></excerpt:encoded>
        <wp:post_id>666</wp:post_id>
        <wp:post_date><![CDATA[2021-05-04 10:00:00]]></wp:post_date>
        <wp:post_name><![CDATA[../../etc/passwd]]></wp:post_name>
        <wp:status><![CDATA[publish]]></wp:status>
        <wp:post_parent>0</wp:post_parent>
        <wp:post_type><![CDATA[post]]></wp:post_type>
        <wp:post_password><![CDATA[]]></wp:post_password>
        <category domain="category" nicename="../x"><![CDATA[<i>Catégorie</i>]]></category>
    </item>
"""


def test_a_hostile_export_gives_checked_content_without_markup(tmp_path):
    """Markup, scripts, paths out of content/ and invisible characters in
    an export: the import writes plain, checked content and never a file
    outside content/."""
    from tests.wordpress_exports import make_uploads, site_copy

    content = site_copy(tmp_path)
    export = tmp_path / "hostile.xml"
    text = FRENCH_EXPORT.read_text(encoding="utf-8")
    export.write_text(text.replace("</channel>", HOSTILE_ITEM + "</channel>"), encoding="utf-8")
    uploads = make_uploads(tmp_path / "uploads")
    (uploads / "2021" / "05").mkdir(parents=True)
    (uploads / "2021" / "05" / "faux.jpg").write_text("<?php system($_GET['c']);")
    (uploads / "2021" / "05" / "porte.php").write_text("<?php system($_GET['c']);")
    lines, status = run_import(export, uploads, content)
    assert status == 0, lines
    assert not list(content.rglob("faux*")) and not list(content.rglob("*.php"))
    report = (tmp_path / "import-wordpress.rapport.md").read_text(encoding="utf-8")
    assert "- 2021/05/faux.jpg : ce fichier n’est pas un vrai « .jpg »" in report
    assert "- 2021/05/porte.php : type de fichier « .php » refusé" in report
    written = sorted(p for p in content.rglob("*.md") if "hostile" in p.name or "passwd" in p.name)
    assert [p.relative_to(content).as_posix() for p in written] == [
        "personnes/eve-hostile.md",
        "rencontres/etcpasswd.md",
    ]
    source = written[1].read_text(encoding="utf-8")
    assert "title: Entretien avec Eve Hostile & gras\n" in source
    for dangerous in ("<script", "onerror", "onclick", "javascript:", "<iframe", "<style", "data:"):
        assert dangerous not in source, dangerous
    assert "\u202e" not in source
    assert not (tmp_path / "etc").exists()
    build_site(tmp_path / "output", content=content)


def test_an_announcement_keeps_its_wordpress_day(french_site):
    _, _, _, output = french_site
    page = output / "annonce-de-test-une-journee-fictive" / "index.html"
    meta = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
        "article p.meta time"
    )
    assert meta["datetime"] == "2020-01-20"


def test_the_mapping_names_the_interviewee_a_title_does_not(tmp_path):
    """« entretiens » in the mapping file: a post with questions whose
    title names no one becomes an interview of the person the editor
    gives; one without questions stays an announcement."""
    content, _, _ = imported(tmp_path, "francais")
    before = content / "actualites" / "trois-questions-de-test.md"
    assert before.is_file()
    mapping = content / "import-wordpress.yaml"
    mapping.write_text(
        mapping.read_text(encoding="utf-8").replace(
            "entretiens: {}", "entretiens:\n  '108': [invitee-essai]\n  103: [personne-annoncee]"
        ),
        encoding="utf-8",
    )
    lines, status = run_import(FRENCH_EXPORT, tmp_path / "uploads", content)
    assert status == 0, lines
    moved = content / "rencontres" / "trois-questions-de-test.md"
    assert "interviewees:\n- invitee-essai\n" in moved.read_text(encoding="utf-8")
    person = (content / "personnes" / "invitee-essai.md").read_text(encoding="utf-8")
    assert "title: Invitee Essai\n" in person
    # Its former file, untouched since the import wrote it, is removed
    # (two contents at one address would be refused by the check).
    assert not before.exists()
    report = (tmp_path / "import-wordpress.rapport.md").read_text(encoding="utf-8")
    assert "`actualites/trois-questions-de-test.md` retiré" in report
    assert (content / "actualites" / "annonce-de-test-une-journee-fictive.md").is_file()
    assert "entretien sans question repérée : rangé dans les actualités" in report


def test_the_task_fails_when_the_imported_content_has_an_error(tmp_path):
    """The content check runs at the end of the import: an error (here in
    a file an editor left broken) gives status 1 and is in the report."""
    from tests.wordpress_exports import site_copy

    content = site_copy(tmp_path)
    (content / "pages" / "cassee.md").write_text("---\ntitle: Cassée\n---\n\nTexte.\n")
    lines, status = run_import(FRENCH_EXPORT, None, content)
    assert status == 1
    assert lines[-1] == "La vérification du contenu trouve 1 erreur(s) : voir le rapport."
    report = (tmp_path / "import-wordpress.rapport.md").read_text(encoding="utf-8")
    assert "| erreurs de la vérification (invoke check) | 1 |" in report
    assert "\n- content/pages/cassee.md:1: summary:" in report


def test_a_wrong_mapping_is_named_line_by_line_and_nothing_is_written(tmp_path):
    content, _, _ = imported(tmp_path, "francais")
    mapping = content / "import-wordpress.yaml"
    text = mapping.read_text(encoding="utf-8")
    text = text.replace("programme: centsept-labs", "programme: centsept-lab")
    text = text.replace("theme: Thème d’essai", "themes: Thème d’essai")
    mapping.write_text(text, encoding="utf-8")
    lines = mapping.read_text(encoding="utf-8").splitlines()
    labs = next(n for n, line in enumerate(lines, 1) if line.strip() == "centsept-labs:")
    tag = next(n for n, line in enumerate(lines, 1) if line.strip() == "theme-essai:")
    before = snapshot(content)
    with pytest.raises(SiteError) as raised:
        run_import(FRENCH_EXPORT, tmp_path / "uploads", content)
    assert str(raised.value).splitlines() == [
        f"{mapping}:{labs}: categories: centsept-labs : programme « centsept-lab » inconnu "
        "(content/programmes/ : centsept-factory, centsept-labs, programme-acceleration).",
        f"{mapping}:{tag}: etiquettes: theme-essai : « themes » inconnu : "
        "programme, theme ou ignorer.",
    ]
    assert snapshot(content) == before


def test_imported_pages_are_valid_html(imported_site):
    """The Nu HTML Checker on every page built from an import."""
    from tests.build.test_validity import messages, vnu_command
    from tests.helpers import html_files

    vnu = vnu_command()
    _, _, _, output = imported_site
    pages = [str(p) for p in html_files(output) if "pagefind" not in p.parts]
    errors = [m for m in messages(vnu, "--errors-only", *pages) if m["type"] == "error"]
    assert not errors, "\n".join(f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in errors)


def test_the_site_map_lists_imported_announcements_apart(french_site):
    _, _, _, output = french_site
    soup = BeautifulSoup(
        (output / "plan-du-site" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    section = next(
        li for li in soup.select("main li") if li.get_text(strip=True).startswith("Actualités")
    )
    links = [a["href"] for a in section.select("a")]
    assert links == [
        "/actualites/",  # the kind's list page, as its heading
        "/trois-questions-de-test/",  # 2020-06-15
        "/annonce-de-test-une-journee-fictive/",  # 2020-01-20
    ]
    others = [a["href"] for a in soup.select("main > ul > li > a")]
    assert "/annonce-de-test-une-journee-fictive/" not in others
    assert "/contact-essai/" in others


def test_an_imported_announcement_gets_its_social_card(french_site):
    _, _, _, output = french_site
    page = output / "annonce-de-test-une-journee-fictive" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    card = soup.find("meta", property="og:image")["content"]
    assert "/cartes/" in card and (output / "cartes" / card.rsplit("/", 1)[1]).is_file()


def test_the_built_pages_hold_the_words_of_the_source(imported_site, capsys):
    """Words of each published post's and page's text (without shortcode
    tags, players and addresses) missing from its built page: ≤ 0.1 %."""
    from sitetools.wordpress import prepare
    from tests.wordpress_exports import missing_words

    name, folder, content, output = imported_site
    uploads = folder / "uploads" if (folder / "uploads").is_dir() else None
    _, _, plan, _ = prepare(EXPORTS[name], uploads, content)
    missing, total, examples = missing_words(EXPORTS[name], plan, output)
    with capsys.disabled():
        print(
            f"\n{name} : {missing} mot(s) sur {total} absent(s) des pages ({missing / total:.3%})"
        )
    assert total > 20
    assert missing / total <= 0.001, examples[:20]


def _page(output, address):
    return BeautifulSoup(
        (output / address / "index.html").read_text(encoding="utf-8"), "html.parser"
    )


def test_a_classic_export_keeps_code_formatting_media_and_brackets(tmp_path_factory):
    _, folder, _, output = _imported_and_built("classique", tmp_path_factory)
    code = _page(output, "l-arrosage-automatique")
    blocks = [pre.get_text() for pre in code.select("article pre")]
    assert blocks[0].startswith("#!/bin/sh\n# arrose pendant dix minutes")
    assert "[alias]\n    st = status" in blocks[1]  # git's sections stay code
    assert "[mod 2]" in code.select_one("article").get_text()
    visit = _page(output, "visite-du-jardin-du-quartier")
    article = visit.select_one("article")
    assert [sup.get_text() for sup in article.select("sup")][:1] == ["2"]
    assert [d.get_text() for d in article.select("del")] == ["5 euros", "4 euros"]
    assert not article.select("iframe, object, embed")
    links = {a["href"] for a in article.select("a")}
    assert "https://www.youtube.com/watch?v=JardinVideo1" in links
    assert "https://www.dailymotion.com/video/x2jardin" in links
    assert "http://farm4.staticflickr.test/1234/jardin_voisin.jpg" in links
    assert len(article.select("ul img")) == 2  # the gallery, as a list of images
    report = (folder / "import-wordpress.rapport.md").read_text(encoding="utf-8")
    assert (
        "- Galerie de la fête : vide après l’import (rien à lire ni à voir) : importé en brouillon"
        in report
    )
    assert (output / "con-page" / "index.html").is_file()  # « con » is a Windows device


def test_a_block_editor_export_keeps_its_figures_formatting_and_files(tmp_path_factory):
    _, _, content, output = _imported_and_built("blocs", tmp_path_factory)
    article = _page(output, "retour-sur-l-assemblee-generale").select_one("article")
    for tag in ("mark", "kbd", "sup", "sub", "del"):
        assert article.select(tag), tag
    assert "Texte rouge conservé" in article.get_text() and not article.select("[style]")
    assert "https://vimeo.com/987654" in {a["href"] for a in article.select("a")}
    assert article.select_one("pre").get_text().startswith("# liste des votes")
    assert (content / "images" / "wordpress" / "2022" / "03" / "compte-rendu.pdf").is_file()


def test_a_wordpress_com_export_uses_its_blog_address_and_copies_its_files(tmp_path_factory):
    _, folder, content, _ = _imported_and_built("wordpress-com", tmp_path_factory)
    report = (folder / "import-wordpress.rapport.md").read_text(encoding="utf-8")
    assert "site d’origine : https://asso-essai.wordpress.com)" in report
    images = content / "images" / "wordpress" / "2016" / "02"
    assert sorted(p.name for p in images.iterdir()) == ["cafe.jpg", "tableau.jpg"]


def test_plugin_contents_are_listed_not_published(tmp_path_factory):
    _, folder, content, output = _imported_and_built("woocommerce", tmp_path_factory)
    report = (folder / "import-wordpress.rapport.md").read_text(encoding="utf-8")
    assert "| `product` | produit (WooCommerce) | 2 |" in report
    assert "| `shop_order` | commande (WooCommerce, données de clients) | 1 |" in report
    assert "| `wpcf7_contact_form` | formulaire de contact (Contact Form 7) | 1 |" in report
    assert "| `acf-field-group` | groupe de champs (ACF) | 1 |" in report
    assert "| non importés (autres types, détail plus bas) | 10 |" in report
    assert not list(content.rglob("element-*"))
    assert (output / "ouverture-de-l-epicerie" / "index.html").is_file()


def test_control_characters_are_removed_and_reported_with_their_line(tmp_path_factory):
    _, folder, _, output = _imported_and_built("malforme", tmp_path_factory)
    lines = EXPORTS["malforme"].read_bytes().split(b"\n")
    expected = [
        n for n, line in enumerate(lines, 1) if re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", line)
    ]
    report = (folder / "import-wordpress.rapport.md").read_text(encoding="utf-8")
    reported = [
        int(n) for n in re.findall(r"- export, ligne (\d+) : caractère de contrôle", report)
    ]
    assert reported == [expected[0], expected[1], expected[1], expected[2]]
    assert "Rentrée des classes" in _page(output, "rentree-des-classes").get_text()


def test_imported_news_has_a_listing_in_the_navigation(french_site):
    _, _, _, output = french_site
    home = BeautifulSoup((output / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "/actualites/" in [a["href"] for a in home.select("nav.menu a")]
    listing = _page(output, "actualites")
    assert [a["href"] for a in listing.select("main li a")] == [
        "/trois-questions-de-test/",
        "/annonce-de-test-une-journee-fictive/",
    ]


def test_without_news_the_navigation_has_no_news_link(tmp_path):
    from tests.helpers import ROOT

    output = build_site(tmp_path / "output", content=ROOT / "content")
    home = BeautifulSoup((output / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "/actualites/" not in [a["href"] for a in home.select("nav.menu a")]


# Old addresses an export may carry (issue 22): each a published post's
# <link>. None may become a redirect the check would refuse (the site's
# own pages, the build's folders, server files, control characters).
HOSTILE_LINKS = [
    "https://www.site-essai.test/admin/config.yml",
    "https://www.site-essai.test/admin",
    "https://www.site-essai.test/index.html",
    "https://www.site-essai.test/404.html/",
    "https://www.site-essai.test/robots.txt",
    "https://www.site-essai.test/sitemap.xml/",
    "https://www.site-essai.test/pagefind/pagefind.js",
    "https://www.site-essai.test/.well-known/acme-challenge/x",
    "https://www.site-essai.test/theme/css/site.css",
    "https://www.site-essai.test/rencontres/",
    "https://www.site-essai.test/a-propos",
    "https://www.site-essai.test/cartes/x.png",
    "https://www.site-essai.test/brouillons/x/",
    "https://www.site-essai.test/%2e%2e/%2e%2e/etc/passwd",
]
LINK_ITEM = """
    <item>
        <title><![CDATA[Annonce {n}]]></title>
        <link>{link}</link>
        <pubDate>Thu, 14 Mar 2019 09:30:00 +0000</pubDate>
        <dc:creator><![CDATA[redaction]]></dc:creator>
        <guid isPermaLink="false">https://www.site-essai.test/?p={id}</guid>
        <description></description>
        <content:encoded><![CDATA[Une annonce de test numéro {n}.]]></content:encoded>
        <excerpt:encoded><![CDATA[]]></excerpt:encoded>
        <wp:post_id>{id}</wp:post_id>
        <wp:post_date><![CDATA[2019-03-14 10:30:00]]></wp:post_date>
        <wp:post_date_gmt><![CDATA[2019-03-14 09:30:00]]></wp:post_date_gmt>
        <wp:post_name><![CDATA[annonce-hostile-{n}]]></wp:post_name>
        <wp:status><![CDATA[publish]]></wp:status>
        <wp:post_type><![CDATA[post]]></wp:post_type>
        <wp:post_password><![CDATA[]]></wp:post_password>
    </item>
"""


def test_hostile_old_addresses_never_become_redirects_the_check_refuses(tmp_path):
    from xml.sax.saxutils import escape

    from tests.wordpress_exports import FRENCH_EXPORT, site_copy

    items = "".join(
        LINK_ITEM.format(n=n, id=900 + n, link=escape(link))
        for n, link in enumerate(HOSTILE_LINKS, 1)
    )
    export = tmp_path / "liens.xml"
    text = FRENCH_EXPORT.read_text(encoding="utf-8")
    export.write_text(text.replace("</channel>", items + "</channel>"), encoding="utf-8")
    content = site_copy(tmp_path)
    lines, status = run_import(export, None, content)
    assert status == 0, lines  # the check finds no error: the site builds
    redirects = (content / "redirections.yaml").read_text(encoding="utf-8")
    for old in ("/admin", "/index.html", "/404.html", "/robots.txt", "/pagefind/", "/.well-known"):
        assert f"\n{old}" not in "\n" + redirects and f'"{old}' not in redirects, old
    assert len(HOSTILE_LINKS) >= 10
