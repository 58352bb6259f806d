"""The pure core of `invoke import-wordpress` (sitetools/wordpress):
WordPress text → Markdown, the mapping onto the content model, old
addresses, and writing without overwriting an editor's work."""

from __future__ import annotations

import datetime

import pytest

from sitetools.wordpress import addresses, choices, mapping, write
from sitetools.wordpress.shortcodes import expand_shortcodes, strip_blocks
from sitetools.wordpress.site import Site
from sitetools.wordpress.text import to_markdown
from sitetools.wordpress.wxr import Item, old_path, read_export
from tests.helpers import settings
from tests.wordpress_exports import FRENCH_EXPORT, PELICAN_EXPORT


def site(**changes) -> Site:
    values = dict(
        slug_substitutions=settings()["SLUG_REGEX_SUBSTITUTIONS"],
        programmes={"centsept-labs", "programme-acceleration", "centsept-factory"},
        people={"alain-blum"},
        taken={},
        uploads=set(),
        reserved={"rencontres", "programmes"},
    )
    values.update(changes)
    return Site(**values)


def convert(body: str, **kwargs):
    return to_markdown(body, rewrite=lambda url: url, gallery=lambda i: [], **kwargs)


# --- Text ---------------------------------------------------------------------


def test_bold_questions_become_headings():
    converted = convert(
        "<p><strong>Pourquoi ce test ?</strong></p><p>Réponse.</p>"
        "<p><b>Et ensuite ?</b><br/>Réponse juste après.</p>"
    )
    assert converted.markdown == (
        "## Pourquoi ce test ?\n\nRéponse.\n\n## Et ensuite ?\n\nRéponse juste après.\n"
    )
    assert converted.questions == 2 and not converted.plain_questions


def test_headings_with_a_question_mark_are_questions_at_level_two():
    converted = convert("<h4>Une question ?</h4><p>Oui.</p><h3>Une autre ?</h3><p>Non.</p>")
    assert converted.markdown.startswith("## Une question ?\n\nOui.\n\n## Une autre ?")
    assert converted.questions == 2


def test_plain_questions_are_flagged_and_a_single_rhetorical_one_is_not_a_question():
    plain = convert("<p>Première ?</p><p>Oui.</p><p>Seconde ?</p><p>Non.</p>")
    assert plain.questions == 2 and plain.plain_questions
    assert "## Première ?" in plain.markdown
    rhetorical = convert("<p>Pourquoi pas ?</p><p>Voilà.</p>")
    assert rhetorical.questions == 0 and "##" not in rhetorical.markdown


def test_bold_text_that_is_not_a_question_stays_bold():
    converted = convert("<p><strong>Important</strong></p><p>Texte.</p>")
    assert converted.markdown == "**Important**\n\nTexte.\n"


def test_headings_never_skip_a_level_and_start_at_two():
    converted = convert("<h1>Titre</h1><p>a</p><h4>Sous-titre</h4><p>b</p>")
    assert converted.markdown == "## Titre\n\na\n\n### Sous-titre\n\nb\n"


def test_gutenberg_block_comments_are_removed_but_not_their_content():
    text = '<!-- wp:paragraph {"align":"center"} -->\n<p>Texte</p>\n<!-- /wp:paragraph -->\n'
    assert strip_blocks(text) == "<p>Texte</p>\n"
    assert convert(text).markdown == "Texte\n"


def test_shortcodes_caption_gallery_embed_and_unknown():
    gallery = {"7": [("https://ancien.test/wp-content/uploads/a.jpg", "Salle")]}
    html, problems = expand_shortcodes(
        '[caption id="x" width="300"]<img src="/a.jpg" alt="" /> Légende[/caption]'
        '[gallery ids="7,8"][embed]https://video.test/v[/embed][video src="https://v.test/f.mp4"]'
        '[inconnu a="b"]Gardé[/inconnu][vide]',
        lambda ids: [pair for i in ids for pair in gallery.get(i, [])],
    )
    assert '<img alt="Légende" src="/a.jpg"/><figcaption>Légende</figcaption>' in html
    assert '<li><img src="https://ancien.test/wp-content/uploads/a.jpg" alt="Salle"></li>' in html
    assert '<a href="https://video.test/v">https://video.test/v</a>' in html
    assert 'Fichier vidéo : <a href="https://v.test/f.mp4">' in html
    # Not a shortcode this import knows: text, as a reader saw it.
    assert '[inconnu a="b"]Gardé[/inconnu][vide]' in html
    assert (
        "à revoir",
        "galerie : 1 image(s) sur 2 absente(s) de l’export, les autres gardées",
    ) in problems


def test_shortcode_values_are_escaped():
    html, _ = expand_shortcodes(
        '[embed]https://x.test/"><script>alert(1)</script>[/embed]', lambda i: []
    )
    assert "<script>" not in html


def test_scripts_are_removed_and_iframes_become_links_both_reported():
    converted = convert(
        '<p>a</p><script>alert(1)</script><iframe src="https://www.youtube.com/embed/abcd1234">'
        "</iframe>"
    )
    assert converted.markdown == (
        "a\n\nVidéo sur YouTube : <https://www.youtube.com/watch?v=abcd1234>\n"
    )
    assert converted.problems == [
        (
            "corrigé automatiquement",
            "lecteur intégré (Vidéo sur YouTube) remplacé par un lien : "
            "https://www.youtube.com/watch?v=abcd1234",
        ),
        ("corrigé automatiquement", "script retiré(e) (1) : le site n’en affiche pas"),
    ]


def test_a_link_without_a_new_address_keeps_its_words_and_a_missing_image_becomes_a_link():
    converted = to_markdown(
        '<p><a href="/disparu/">mot</a> <img alt="Salle" '
        'src="https://ancien.test/wp-content/uploads/x.jpg"></p>',
        rewrite=lambda url: "",
        gallery=lambda i: [],
    )
    assert converted.markdown == (
        "mot [Image : Salle](https://ancien.test/wp-content/uploads/x.jpg)\n"
    )
    assert converted.problems == [
        ("à revoir", "lien retiré, ses mots gardés (aucune page à cette adresse) : /disparu/"),
        (
            "à revoir",
            "image absente de --uploads, remplacée par un lien : "
            "https://ancien.test/wp-content/uploads/x.jpg",
        ),
    ]


def test_images_take_their_caption_as_description():
    converted = to_markdown(
        '<figure><img src="/a.jpg" alt=""><figcaption>Vue</figcaption></figure>',
        rewrite=lambda url: "{static}" + url,
        gallery=lambda i: [],
    )
    assert "![Vue]({static}/a.jpg)" in converted.markdown and not converted.problems


# --- Dates, slugs, addresses ----------------------------------------------------


def item(**changes) -> Item:
    values = dict(
        id="12",
        type="post",
        status="publish",
        title="Titre",
        slug="titre",
        link="https://ancien.test/titre/",
        date="2019-03-14 10:30:00",
        html="",
        excerpt="",
        creator="admin",
    )
    values.update(changes)
    return Item(**values)


def test_dates_are_kept_to_the_day_and_never_invented():
    assert addresses.day_of(item()) == datetime.date(2019, 3, 14)
    assert addresses.day_of(item(date="0000-00-00 00:00:00")) is None
    assert addresses.day_of(item(date="")) is None


def test_slugs_keep_the_old_address_or_are_made_ascii():
    assert addresses.slug_of(item(slug="entretien-avec-x"), site()) == "entretien-avec-x"
    assert addresses.slug_of(item(slug="h%c3%a9l%c3%a8ne"), site()) == "helene"
    assert (
        addresses.slug_of(item(slug="", title="L’économie à Lyon"), site()) == "l-economie-a-lyon"
    )


def test_old_paths_are_relative_to_the_old_site():
    assert old_path("https://ancien.test/a/b/", "https://ancien.test") == "/a/b/"
    assert old_path("https://ancien.test/?p=12", "https://ancien.test") == "/?p=12"
    assert old_path("https://ancien.test/blog/a/", "https://ancien.test/blog") == "/a/"


def test_the_largest_local_size_of_an_upload_is_taken():
    uploads = {"2019/03/a-300x200.jpg", "2019/03/a-1024x683.jpg", "2019/03/b.jpg"}
    found = site(uploads=uploads)
    assert addresses.upload_of(
        "https://x.test/wp-content/uploads/2019/03/a-300x200.jpg", found
    ) == ("2019/03/a-1024x683.jpg")
    assert (
        addresses.upload_of("/wp-content/uploads/2019/03/b-150x150.jpg", found) == "2019/03/b.jpg"
    )
    assert addresses.upload_of("/wp-content/uploads/2019/03/c.jpg", found) is None
    assert addresses.image_target("2019/03/Photo Été.JPG", found) == (
        "images/wordpress/2019/03/photo-ete.jpg"
    )


# --- The whole plan, on the two exports ------------------------------------------


@pytest.fixture(scope="module")
def french_plan():
    export = read_export(FRENCH_EXPORT)
    uploads = {"2019/03/atelier-essai.jpg", "2019/09/salle-essai.jpg"}
    here = site(uploads=uploads)
    return mapping.plan(export, choices.propose(export, here), here)


def test_an_interview_with_bold_questions_goes_to_rencontres(french_plan):
    planned = french_plan.files["rencontres/entretien-de-test-avec-camille-exemple.md"]
    meta = planned["meta"]
    assert meta["date"] == datetime.date(2019, 3, 14)
    assert meta["interviewees"] == ["camille-exemple"]
    assert meta["programmes"] == ["centsept-labs"]
    assert "status" not in meta
    assert planned["body"].count("\n## ") == 3
    assert "personnes/camille-exemple.md" in french_plan.files
    # Internal links lead to the new addresses.
    assert "(/rencontre-avec-dominique-essai/)" in planned["body"]
    assert "(/programmes/centsept-labs/)" in planned["body"]
    assert "{static}/images/wordpress/2019/03/atelier-essai.jpg" in planned["body"]


def test_what_was_not_public_is_never_published(french_plan):
    files = french_plan.files
    assert files["rencontres/entretien-avec-claude-prive.md"]["meta"]["status"] == "draft"
    assert files["personnes/claude-prive.md"]["meta"]["status"] == "draft"
    assert files["actualites/article-protege-de-test.md"]["meta"]["status"] == "draft"
    assert files["actualites/brouillon-de-test.md"]["meta"]["status"] == "draft"
    assert "date" not in files["actualites/brouillon-de-test.md"]["meta"]  # WordPress had none
    assert not any("corbeille" in path for path in files)
    assert french_plan.counts["ignorés (corbeille)"] == 1
    problems = [why for _, why in french_plan.needs_human]
    assert (
        "privé sur WordPress : importé en brouillon, jamais publié, mais son texte est dans "
        "le dépôt ; supprimez le fichier si le dépôt est public"
    ) in problems
    # No address of a private or protected item is redirected to.
    assert "/?p=104" not in french_plan.redirects
    assert "/article-protege-de-test/" not in french_plan.redirects.values()


def test_gutenberg_post_with_shortcodes(french_plan):
    body = french_plan.files["rencontres/rencontre-avec-dominique-essai.md"]["body"]
    assert "wp:" not in body and "[gallery" not in body and "[embed" not in body
    assert "![Salle d’essai]({static}/images/wordpress/2019/09/salle-essai.jpg)" in body
    # A shortcode of a plugin this import does not know stays as text.
    assert '\\[bouton_inconnu couleur="rouge"\\]Texte du bouton de test' in body
    assert "Vidéo sur YouTube : <https://www.youtube.com/watch?v=essai>" in body
    problems = [why for _, why in french_plan.needs_human]
    assert (
        "[bouton_inconnu…] gardé tel quel, en texte : sans doute le code court d’une extension"
    ) in problems
    # The second gallery image is not in --uploads: reported, not fetched.
    assert any("tableau-essai" in why for why in problems)


def test_every_old_address_is_redirected(french_plan):
    redirects = french_plan.redirects
    assert redirects["/?p=101"] == "/entretien-de-test-avec-camille-exemple/"
    assert redirects["/?page_id=110"] == "/contact-essai/"
    assert redirects["/contact-essai/equipe-essai/"] == "/equipe-essai/"
    assert redirects["/category/centsept-labs/"] == "/programmes/centsept-labs/"
    assert redirects["/category/centsept-labs/feed/"] == "/flux/programmes/centsept-labs.atom.xml"
    # Its only post is a piece of news: the news list.
    assert redirects["/category/vie-associative/"] == "/actualites/"
    assert redirects["/tag/theme-essai/"] == "/themes/theme-d-essai/"
    # Her person page is not online until a published interview names her
    # (content_model/publication.py): her posts' list meanwhile.
    assert redirects["/author/redaction/"] == "/rencontres/"
    assert redirects["/2019/03/"] == "/rencontres/"
    assert redirects["/?attachment_id=201"] == "/rencontre-avec-dominique-essai/"
    assert redirects["/rencontre-avec-dominique-essai/salle-essai/"] == (
        "/rencontre-avec-dominique-essai/"
    )


def test_the_proposed_mapping_leads_programme_categories_to_programmes():
    export = read_export(FRENCH_EXPORT)
    proposed = choices.propose(export, site())
    assert proposed["categories"]["centsept-labs"] == {"programme": "centsept-labs"}
    assert proposed["categories"]["programme-acceleration"] == {
        "programme": "programme-acceleration"
    }
    assert proposed["categories"]["non-classe"] == {"ignorer": True}
    assert proposed["categories"]["vie-associative"] == {"theme": "Vie associative (essai)"}
    assert proposed["auteurs"] == {"admin": None, "redaction": "redactrice-fictive"}


def test_an_item_already_in_content_is_not_imported_again():
    export = read_export(FRENCH_EXPORT)
    taken = {"contact-essai": "content/pages/contact.md"}
    planned = mapping.plan(export, {}, site(taken=taken))
    assert "pages/contact-essai.md" not in planned.files
    assert planned.counts["déjà présents"] == 1


def test_pelicans_own_export_is_mapped():
    export = read_export(PELICAN_EXPORT)
    here = site()
    planned = mapping.plan(export, choices.propose(export, here), here)
    # Two items share ?p=175 in this export: both imported, one address each.
    assert "actualites/html-entity-test.md" in planned.files
    assert "actualites/code-in-list-test.md" in planned.files
    assert planned.redirects["/tags/"] == "/with-tags/"
    assert planned.comments == 3
    drafts = [f for f in planned.files.values() if f["meta"].get("status") == "draft"]
    assert len(drafts) == 5  # « Empty Page » is published but empty: a draft
    assert ("Empty Page", "vide après l’import (rien à lire ni à voir) : importé en brouillon") in (
        planned.needs_human
    )
    assert planned.others == {"custom1": 2, "custom2": 1}  # never published


# --- Writing ----------------------------------------------------------------------


def imported_content(tmp_path):
    """A content folder as an import leaves it: with its mapping file,
    without which the import's state is not trusted."""
    content = tmp_path / "content"
    content.mkdir()
    (content / write.MAPPING).write_text("categories: {}\n", encoding="utf-8")
    return content


def test_a_second_run_changes_nothing_and_edits_are_never_overwritten(tmp_path):
    content = imported_content(tmp_path)
    (content / "pages").mkdir()
    (content / "pages" / "a-moi.md").write_text("à moi\n", encoding="utf-8")
    texts = {"pages/a.md": "un\n", "pages/b.md": "deux\n", "pages/a-moi.md": "écrasé ?\n"}
    first = write.apply(content, texts, {}, dry_run=False)
    assert sorted(first.written) == ["pages/a.md", "pages/b.md"]
    assert first.foreign == ["pages/a-moi.md"]
    state = (content / write.STATE).read_bytes()
    second = write.apply(content, texts, {}, dry_run=False)
    assert second.written == [] and sorted(second.unchanged) == ["pages/a.md", "pages/b.md"]
    assert (content / write.STATE).read_bytes() == state
    (content / "pages" / "a.md").write_text("modifié par une rédactrice\n", encoding="utf-8")
    (content / "pages" / "b.md").unlink()
    newer = {**texts, "pages/a.md": "un, mis à jour\n", "pages/c.md": "trois\n"}
    third = write.apply(content, newer, {}, dry_run=False)
    assert third.edited == ["pages/a.md"] and third.deleted == ["pages/b.md"]
    assert third.written == ["pages/c.md"]
    assert (content / "pages" / "a.md").read_text(encoding="utf-8") == (
        "modifié par une rédactrice\n"
    )
    assert not (content / "pages" / "b.md").exists()
    assert (content / "pages" / "a-moi.md").read_text(encoding="utf-8") == "à moi\n"


def test_an_untouched_file_is_updated_by_a_newer_export(tmp_path):
    content = imported_content(tmp_path)
    write.apply(content, {"pages/a.md": "un\n"}, {}, dry_run=False)
    outcome = write.apply(content, {"pages/a.md": "un, corrigé\n"}, {}, dry_run=False)
    assert outcome.written == ["pages/a.md"]
    assert (content / "pages" / "a.md").read_text(encoding="utf-8") == "un, corrigé\n"


def test_a_file_no_longer_made_is_removed_only_if_untouched(tmp_path):
    content = imported_content(tmp_path)
    a, b = (write.front_matter_file({"title": t}, t, "essai") for t in "ab")
    write.apply(content, {"actualites/a.md": a, "actualites/b.md": b}, {}, False)
    (content / "actualites" / "b.md").write_text("b, relu\n", encoding="utf-8")
    outcome = write.apply(content, {"rencontres/a.md": a}, {}, dry_run=False)
    assert outcome.removed == ["actualites/a.md"] and outcome.edited == ["actualites/b.md"]
    assert not (content / "actualites" / "a.md").exists()
    assert (content / "actualites" / "b.md").read_text(encoding="utf-8") == "b, relu\n"


def test_dry_run_writes_nothing(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    outcome = write.apply(content, {"pages/a.md": "un\n"}, {}, dry_run=True)
    assert outcome.written == ["pages/a.md"]
    assert list(content.iterdir()) == []


def test_nothing_is_written_outside_content(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    outcome = write.apply(content, {"../dehors.md": "non\n"}, {}, dry_run=False)
    assert outcome.foreign == ["../dehors.md"]
    assert not (tmp_path / "dehors.md").exists()


# --- Reading ----------------------------------------------------------------------


def test_a_broken_export_gives_one_french_line_with_its_line(tmp_path):
    from sitetools.wordpress.wxr import ExportError

    broken = tmp_path / "export.xml"
    broken.write_text('<?xml version="1.0"?>\n<rss>\n<channel>\n<item>\n</rss>\n')
    with pytest.raises(ExportError) as raised:
        read_export(broken)
    message = str(raised.value)
    assert message.startswith(f"{broken}:5: XML illisible (")
    assert "\n" not in message


def test_an_export_cannot_read_a_local_file_through_an_entity(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-4242", encoding="utf-8")
    export = tmp_path / "export.xml"
    export.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        "<rss><channel><item><title>avant &x; après</title><post_id>1</post_id>"
        "</item></channel></rss>\n",
        encoding="utf-8",
    )
    items = read_export(export).items
    assert "SECRET" not in items[0].title


def test_an_old_address_the_new_site_serves_is_never_redirected():
    """A WordPress page at /programmes/ gets another address, but its old
    one stays the site's list of programmes; an old page already
    imported by hand keeps its file."""
    export = read_export(FRENCH_EXPORT)
    export.items[0].link = "https://www.site-essai.test/programmes/"
    export.items[1].link = "https://www.site-essai.test/a-propos/"
    here = site(taken={"a-propos": "content/pages/a-propos.md"})
    planned = mapping.plan(export, {}, here)
    assert "/programmes/" not in planned.redirects
    assert "/a-propos/" not in planned.redirects
    reported = dict(planned.refused_redirects)
    assert reported["/programmes/"].startswith("adresse déjà servie par le nouveau site")


def test_uploads_the_site_may_not_publish_are_reported_not_copied():
    export = read_export(FRENCH_EXPORT)
    refused = {"2019/03/atelier-essai.jpg": "ce fichier n’est pas un vrai « .jpg »"}
    planned = mapping.plan(export, {}, site(refused=refused))
    assert not planned.copies
    assert ("2019/03/atelier-essai.jpg", "ce fichier n’est pas un vrai « .jpg »") in (
        planned.needs_human
    )


@pytest.mark.parametrize("status", ["draft", "pending", "future", "private", "auto-draft"])
def test_every_kind_of_unpublished_post_is_a_draft(status):
    from sitetools.wordpress.wxr import Export

    export = Export("https://ancien.test", {}, {}, {}, [item(status=status, html="<p>Texte.</p>")])
    planned = mapping.plan(export, {}, site())
    assert planned.files["actualites/titre.md"]["meta"]["status"] == "draft"
    assert planned.redirects == {"/comments/feed/": "/flux/rencontres.atom.xml"}


def test_an_item_already_on_the_site_keeps_its_links_and_query_address():
    """The real Alain Blum interview is already in content/: a WordPress
    post with its slug is not imported again, but links to it and its
    ?p= still lead to it; a link to the home page stays."""
    slug = "a-la-rencontre-de-nos-membres-entretien-avec-alain-blum-vice-president-du-centsept"
    existing = item(id="7", slug=slug, link=f"https://ancien.test/{slug}/")
    linking = item(
        id="8",
        slug="autre",
        link="https://ancien.test/autre/",
        html=f'<p><a href="https://ancien.test/{slug}/">lui</a> <a href="/">accueil</a></p>',
    )
    from sitetools.wordpress.wxr import Export

    export = Export("https://ancien.test", {}, {}, {}, [existing, linking])
    planned = mapping.plan(
        export, {}, site(taken={slug: "content/rencontres/entretien-alain-blum.md"})
    )
    assert planned.redirects["/?p=7"] == f"/{slug}/"
    assert planned.files["actualites/autre.md"]["body"] == f"[lui](/{slug}/) [accueil](/)\n"


def test_classic_text_gets_paragraphs_and_block_editor_text_is_kept():
    from sitetools.wordpress.wxr import body_html

    assert body_html("Un.\n\nDeux\ntrois.") == "<p>Un.</p>\n<p>Deux<br />\ntrois.</p>\n"
    blocks = "<!-- wp:paragraph -->\n<p>Un\ndeux.</p>\n<!-- /wp:paragraph -->"
    assert body_html(blocks) == blocks


# --- Real exports: what a reader saw is kept ------------------------------------


def classic(body: str) -> str:
    """A classic-editor body as the import converts it."""
    from sitetools.wordpress.wxr import body_html

    return to_markdown(body_html(body), rewrite=lambda u: u, gallery=lambda ids: []).markdown


def test_brackets_that_are_not_known_shortcodes_stay_text():
    markdown = classic("[début du mode auto persuasion] Optional[str] [mod n] [alias]")
    assert (
        markdown
        == "\\[début du mode auto persuasion\\] Optional\\[str\\] \\[mod n\\] \\[alias\\]\n"
    )


def test_only_brackets_that_look_like_a_plugins_shortcode_are_reported():
    _, notes = expand_shortcodes('[sic] [mod n] [products limit="4"] [/fin]', lambda ids: [])
    assert [why.split("]")[0] for _, why in notes] == ["[products…", "[fin…"]


def test_code_shortcodes_pre_and_multiline_code_become_fenced_blocks():
    markdown = classic(
        '[code lang="python"]\n# commentaire\n\nif a < b:\n    pass\n[/code]\n\n'
        "[bash]\n#!/bin/sh\nls\n[/bash]\n\n"
        '<pre class="brush: php">&lt;?php echo 1; ?&gt;</pre>\n\n'
        "Texte <code>x = 1\n# y</code>"
    )
    assert "```python\n# commentaire\n\nif a < b:\n    pass\n```" in markdown
    assert "```bash\n#!/bin/sh\nls\n```" in markdown
    assert "```php\n<?php echo 1; ?>\n```" in markdown
    assert "```\nx = 1\n# y\n```" in markdown


def test_formatting_is_kept_and_a_hash_at_a_line_start_is_not_a_heading():
    markdown = classic(
        "y<sup>2</sup> = x<sup>3</sup>, H<sub>2</sub>O, <del>a</del> <strike>b</strike> <s>c</s> "
        "<mark>d</mark> <kbd>Ctrl</kbd>\n\n#1 du classement\n\n2019. Une année"
    )
    assert markdown == (
        "y<sup>2</sup> = x<sup>3</sup>, H<sub>2</sub>O, <del>a</del> <del>b</del> <del>c</del> "
        "<mark>d</mark> <kbd>Ctrl</kbd>\n\n\\#1 du classement\n\n2019\\. Une année\n"
    )


@pytest.mark.parametrize(
    ("body", "label", "address"),
    [
        (
            "[youtube abcdEFGH123]",
            "Vidéo sur YouTube",
            "https://www.youtube.com/watch?v=abcdEFGH123",
        ),
        (
            "[youtube=http://www.youtube.com/watch?v=abcdEFGH124&w=500]",
            "Vidéo sur YouTube",
            "https://www.youtube.com/watch?v=abcdEFGH124",
        ),
        (
            "[dailymotion x7abcde]",
            "Vidéo sur Dailymotion",
            "https://www.dailymotion.com/video/x7abcde",
        ),
        ("[vimeo 123456]", "Vidéo sur Vimeo", "https://vimeo.com/123456"),
        ("[dewplayer:https://son.test/a.mp3]", "Fichier audio", "https://son.test/a.mp3"),
        ('[audio mp3="https://son.test/b.mp3"][/audio]', "Fichier audio", "https://son.test/b.mp3"),
        (
            '<iframe src="https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/1">'
            "</iframe>",
            "Son sur SoundCloud",
            "https://api.soundcloud.com/tracks/1",
        ),
        (
            '<object><param name="movie" value="http://www.youtube.com/v/abcdEFGH125"></param>'
            '<embed src="http://www.youtube.com/v/abcdEFGH125"></embed></object>',
            "Vidéo sur YouTube",
            "https://www.youtube.com/watch?v=abcdEFGH125",
        ),
        ("https://vimeo.com/654321", "Vidéo sur Vimeo", "https://vimeo.com/654321"),
        ('<audio src="https://son.test/c.ogg"></audio>', "Fichier audio", "https://son.test/c.ogg"),
    ],
)
def test_embedded_media_become_a_labelled_link(body, label, address):
    assert classic(body) == f"{label} : <{address}>\n"


def test_an_unknown_embed_keeps_its_address_and_is_reported():
    from sitetools.wordpress.wxr import body_html

    converted = to_markdown(
        body_html('<iframe src="https://inconnu.test/lecteur"></iframe>'),
        rewrite=lambda u: u,
        gallery=lambda ids: [],
    )
    assert converted.markdown == "Contenu externe : <https://inconnu.test/lecteur>\n"
    assert converted.problems == [
        (
            "à revoir",
            "contenu intégré d’un service inconnu, remplacé par un lien : https://inconnu.test/lecteur",
        )
    ]


def test_a_gallery_without_ids_takes_the_posts_attachments_or_its_uploads_folder():
    from sitetools.wordpress.wxr import Export

    post = item(id="5", html="<p>[gallery]</p>", date="2019-05-02 10:00:00")
    photo = item(
        id="6",
        type="attachment",
        parent="5",
        title="Photo du jardin",
        attachment_url="https://ancien.test/wp-content/uploads/2019/05/jardin.jpg",
    )
    other = item(id="7", html="<p>[gallery]</p>", slug="autre", date="2019-06-02 10:00:00")
    export = Export("https://ancien.test", {}, {}, {}, [post, photo, other])
    uploads = {"2019/05/jardin.jpg", "2019/06/fete-de-quartier.jpg", "2019/06/fete-150x150.jpg"}
    planned = mapping.plan(export, {}, site(uploads=uploads))
    assert planned.files["actualites/titre.md"]["body"] == (
        "- ![Photo du jardin]({static}/images/wordpress/2019/05/jardin.jpg)\n"
    )
    assert planned.files["actualites/autre.md"]["body"] == (
        "- ![fete de quartier]({static}/images/wordpress/2019/06/fete-de-quartier.jpg)\n"
    )


def test_an_empty_gallery_never_gives_an_empty_published_page():
    from sitetools.wordpress.wxr import Export

    export = Export("https://ancien.test", {}, {}, {}, [item(html='[gallery ids="9"]')])
    planned = mapping.plan(export, {}, site())
    meta = planned.files["actualites/titre.md"]["meta"]
    assert meta["status"] == "draft"
    assert "Vide après l’import" in meta["a_completer"]
    assert ("Titre", "vide après l’import (rien à lire ni à voir) : importé en brouillon") in (
        planned.needs_human
    )
    assert "/titre/" not in planned.redirects.values()


def test_external_images_become_links_with_their_description():
    from sitetools.wordpress.wxr import Export

    body = '<p><img src="https://farm1.flickr.test/a.jpg" alt="Le marché"></p>'
    export = Export("https://ancien.test", {}, {}, {}, [item(html=body)])
    planned = mapping.plan(export, {}, site())
    assert planned.files["actualites/titre.md"]["body"] == (
        "[Image : Le marché](https://farm1.flickr.test/a.jpg)\n"
    )
    assert planned.fixed == [
        ("Titre", "image d’un autre site remplacée par un lien : https://farm1.flickr.test/a.jpg")
    ]


def test_only_posts_and_pages_are_contents():
    from sitetools.wordpress.wxr import Export

    items = [item(id=str(n), type=kind, slug=f"x{n}") for n, kind in enumerate(
        ["post", "page", "product", "product", "shop_order", "wpcf7_contact_form",
         "acf-field-group", "nav_menu_item"]
    )]  # fmt: skip
    planned = mapping.plan(Export("https://ancien.test", {}, {}, {}, items), {}, site())
    assert sorted(planned.files) == ["actualites/x0.md", "pages/x1.md"]
    assert planned.others == {
        "product": 2, "shop_order": 1, "wpcf7_contact_form": 1, "acf-field-group": 1,
        "nav_menu_item": 1,
    }  # fmt: skip


WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wp="https://wordpress.org/export/1.2/"><channel>
<title>Essai</title><link>https://essai.wordpress.com</link>
<wp:base_site_url>https://wordpress.com</wp:base_site_url>
<wp:base_blog_url>https://essai.wordpress.com</wp:base_blog_url>
<item><title>Un\x01 titre</title><wp:post_id>3</wp:post_id><wp:post_type>post</wp:post_type>
<wp:status>publish</wp:status><wp:post_name>un</wp:post_name>
<category domain="category" nicename="jardinage"><![CDATA[Jardinage]]></category>
<category domain="post_tag" nicename="l%e2%80%99or"><![CDATA[L’or]]></category>
<content:encoded><![CDATA[<img src="https://essai.files.wordpress.com/2019/05/a.jpg" alt="A">\x1b
<img src="https://i0.wp.com/essai.wordpress.com/wp-content/uploads/2019/05/b.jpg?w=300" alt="B">]]>
</content:encoded></item></channel></rss>
"""


def test_a_wordpress_com_export_with_control_characters(tmp_path):
    """base_blog_url, not base_site_url; WordPress.com's file hosts are the
    site's; control characters removed and reported at their line; terms
    found on the items only."""
    path = tmp_path / "export.xml"
    path.write_text(WXR, encoding="utf-8")
    export = read_export(path)
    assert export.site_url == "https://essai.wordpress.com"
    assert export.repaired == [(7, "U+0001"), (11, "U+001B")]
    assert set(export.categories) == {"jardinage"} and set(export.tags) == {"l%e2%80%99or"}
    planned = mapping.plan(export, {}, site(uploads={"2019/05/a.jpg", "2019/05/b.jpg"}))
    assert planned.files["actualites/un.md"]["body"] == (
        "![A]({static}/images/wordpress/2019/05/a.jpg)  \n"  # a line break (<br />)
        "![B]({static}/images/wordpress/2019/05/b.jpg)\n"
    )
    assert (
        "export, ligne 7",
        "caractère de contrôle U+0001 retiré (XML invalide)",
    ) in planned.fixed
    assert planned.redirects["/category/jardinage/"] == "/actualites/"
    assert planned.redirects["/wp-content/uploads/2019/05/b.jpg"] == (
        "/images/wordpress/2019/05/b.jpg"
    )
    # Encoded and decoded forms are produced, and the check accepts both
    # (nginx and Apache compare the decoded one).
    assert "/tag/l%e2%80%99or/" in planned.redirects and "/tag/l’or/" in planned.redirects


def test_windows_reserved_names_are_renamed():
    from sitetools.wordpress.wxr import Export

    body = '<img src="https://ancien.test/wp-content/uploads/con/CON.jpg" alt="x">'
    export = Export(
        "https://ancien.test",
        {},
        {},
        {},
        [item(slug="aux", link="https://ancien.test/aux/", html=body)],
    )
    planned = mapping.plan(export, {}, site(uploads={"con/CON.jpg"}))
    assert "actualites/aux-page.md" in planned.files
    assert planned.copies == {"images/wordpress/con-fichier/con-fichier.jpg": "con/CON.jpg"}
    assert planned.redirects["/aux/"] == "/aux-page/"
    assert addresses.windows_reserved("LPT1.txt") and not addresses.windows_reserved("conte")
    export.items[
        0
    ].html = '<img src="https://ancien.test/wp-content/uploads/a/photo.jpg. " alt="x">'
    planned = mapping.plan(export, {}, site(uploads={"a/photo.jpg. "}))
    assert planned.copies == {"images/wordpress/a/photo.jpg": "a/photo.jpg. "}
    assert planned.fixed[-1] == (
        "a/photo.jpg. ",
        "point ou espace final (refusé par Windows) : images/wordpress/a/photo.jpg",
    )


def test_redirects_the_check_would_refuse_are_left_out_and_reported():
    from sitetools.wordpress.redirects import flatten

    kept, refused = flatten(
        {
            "/a/": "/b/",
            "/b/": "/c/",  # a chain: /a/ leads straight to /c/
            "/x/": "/y/",
            "/y/": "/x/",  # a loop
            "/admin/config.yml": "/c/",
            "/index.html": "/c/",
            "/servie": "/c/",
        },
        lambda address: address == "/servie/",
    )
    assert kept == {"/a/": "/c/", "/b/": "/c/"}
    assert [old for old, _ in refused] == [
        "/admin/config.yml", "/index.html", "/servie", "/x/", "/y/",
    ]  # fmt: skip


def test_the_import_state_is_trusted_only_for_its_own_files(tmp_path):
    """A hidden state file naming files outside content/ or an editor's
    page: nothing outside the import's folders is removed (issue 22)."""
    import json

    content = imported_content(tmp_path)
    (tmp_path / "README.md").write_text("garde-moi", encoding="utf-8")
    (content / "pages").mkdir()
    page = content / "pages" / "a-propos.md"
    page.write_text("---\ntitle: À propos\n---\n", encoding="utf-8")
    state = {
        "../README.md": write.digest(b"garde-moi"),
        "pages/a-propos.md": write.digest(page.read_bytes()),
        "pages/../../outside.md": "0",
    }
    (content / write.STATE).write_text(json.dumps({"fichiers": state}), encoding="utf-8")
    outcome = write.apply(content, {}, {}, dry_run=False)
    assert (tmp_path / "README.md").is_file() and page.is_file()
    assert outcome.removed == []
    assert len(outcome.distrusted) == 3
    # Without the mapping file, the state is not the import's at all.
    (content / write.MAPPING).unlink()
    assert write.state_and_problems(content) == (
        {},
        [f"content/{write.STATE} existe sans content/{write.MAPPING} : inattendu, ignoré"],
    )


def test_a_site_that_moved_keeps_its_former_domain_as_its_own(tmp_path):
    """The export names the new domain; guids and attachment addresses
    keep the former one: images there are the site's own."""
    path = tmp_path / "export.xml"
    path.write_text(
        WXR.replace("https://essai.wordpress.com", "https://nouveau.test")
        .replace("<wp:post_id>3", "<guid>http://ancien-domaine.test/?p=3</guid><wp:post_id>3")
        .replace(
            "https://essai.files.wordpress.com/",
            "http://www.ancien-domaine.test/wp-content/uploads/",
        ),
        encoding="utf-8",
    )
    export = read_export(path)
    assert "ancien-domaine.test" in export.aliases and "www.nouveau.test" in export.aliases
    planned = mapping.plan(export, {}, site(uploads={"2019/05/a.jpg"}))
    assert planned.copies["images/wordpress/2019/05/a.jpg"] == "2019/05/a.jpg"


def test_a_sub_category_keeps_its_address_with_its_parents():
    from sitetools.wordpress.wxr import Export, Term

    categories = {
        "ateliers": Term("ateliers", "Ateliers", "vie"),
        "vie": Term("vie", "Vie du collectif"),
    }
    post = item(categories=[categories["ateliers"]], html="<p>Un atelier.</p>")
    planned = mapping.plan(Export("https://ancien.test", {}, categories, {}, [post]), {}, site())
    assert planned.redirects["/category/vie/ateliers/"] == "/actualites/"
    assert planned.redirects["/category/ateliers/"] == "/actualites/"


def test_a_page_builders_layout_goes_and_its_text_stays():
    html, notes = expand_shortcodes(
        '[vc_row][vc_column width="1/2"][vc_column_text]Notre projet[/vc_column_text]'
        "[/vc_column][/vc_row][et_pb_section][et_pb_text]Suite[/et_pb_text][/et_pb_section]",
        lambda ids: [],
    )
    assert html == "Notre projetSuite"
    assert notes == [
        (
            "corrigé automatiquement",
            "mise en page d’un constructeur de pages retirée, son texte gardé",
        )
    ]


def test_a_chapo_taken_from_a_paragraph_has_no_space_before_its_full_stop():
    from sitetools.wordpress.text import summary_from

    assert summary_from("", "<p>Le compte rendu est <a href='/x'>en ligne</a>.</p>") == (
        "Le compte rendu est en ligne."
    )


def test_the_architecture_document_names_every_module_of_the_import():
    """docs/architecture.md's « L’import WordPress » stays a true map of
    sitetools/wordpress/: each module is named there."""
    from tests.helpers import ROOT

    document = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = document.split("## L’import WordPress", 1)[1].split("\n## ", 1)[0]
    modules = sorted(
        p.name for p in (ROOT / "sitetools" / "wordpress").glob("*.py") if p.name != "__init__.py"
    )
    assert len(modules) > 10
    assert [m for m in modules if f"`{m}`" not in section] == []
