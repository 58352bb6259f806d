"""The incremental editing loop of `invoke livereload` (plugins/incremental):
after each of a series of edits, the site it serves is, byte for byte,
the one a full build of the same content writes, whether the edit was
made in place (one body alone: « immédiate »), by an incremental rebuild
or by a full one."""

from __future__ import annotations

import os
import shutil

import pytest

from plugins import incremental
from sitetools.build import Site, init_logging
from sitetools.live import live_settings
from tests.helpers import FIXTURE, differences

pytestmark = pytest.mark.build


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def same_date(path, old, new):
    """An edit that leaves the file's date as it was."""
    before = path.stat()
    edit(path, old, new)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


NEW_INTERVIEW = """---
title: Quatrième entretien
date: 2021-09-01
summary: Un entretien ajouté pendant l’aperçu.
series: serie-essai
interviewees: [jean-martin]
programmes: [prog-b]
themes: [Emploi]
---

## Une question de plus ?

Une réponse de plus.
"""

# (what the editor does, the rebuild expected: in place when one body
# alone changed; incremental when the set of files, the theme, and which
# contents are online are the same)
EDITS = [
    ("corps", lambda c: edit(c / "rencontres/premier.md", "Une autre réponse.", "Une autre réponse, plus longue."), "immédiate"),  # noqa: E501
    # Questions: its « Sommaire » (from 4), its reading time, its typography.
    ("questions", lambda c: edit(c / "rencontres/premier.md", "Une réponse courte.", "Une réponse « courte »...\n\n## Troisième question ?\n\nOui : 3 000 € !\n\n## Quatrième ?\n\n" + "Un mot " * 400), "immédiate"),  # noqa: E501
    ("corps d’un programme", lambda c: edit(c / "programmes/prog-a.md", "Texte du programme A.", "Texte du *programme* A, revu."), "immédiate"),  # noqa: E501
    ("corps d’une page", lambda c: edit(c / "pages/a-propos.md", "Texte.", "Texte, et [le premier entretien](/premier/)."), "immédiate"),  # noqa: E501
    # Its interviewee's portrait: pelican-image-process rewrites the page.
    ("corps avec un portrait", lambda c: edit(c / "rencontres/hors-serie.md", "\n## ", "\nUn paragraphe de plus.\n\n## "), "immédiate"),  # noqa: E501
    ("deux corps", lambda c: (edit(c / "pages/a-propos.md", "Texte,", "Le texte,"), edit(c / "rencontres/deuxieme.md", "\n## ", "\nUn paragraphe.\n\n## ")), "incrémentale"),  # noqa: E501
    # A published static file linked from the body: a full build publishes it.
    ("lien vers une image", lambda c: edit(c / "rencontres/premier.md", "Une autre réponse", "Voir [la photo]({static}/images/paul-petit.png). Une autre réponse"), "incrémentale"),  # noqa: E501
    ("corps et chapô", lambda c: edit(c / "rencontres/premier.md", "summary: Le premier entretien d’essai.\n", "summary: Le premier entretien.\n"), "incrémentale"),  # noqa: E501
    # {attach} moves the file beside the page, and only when the page is
    # rendered: never in place, and the page is made at every rebuild.
    ("image ajoutée", lambda c: shutil.copy(c / "images/paul-petit.png", c / "images/jointe.png"), "complète"),  # noqa: E501
    ("lien attaché", lambda c: edit(c / "rencontres/premier.md", "Une autre réponse", "Voir [la pièce jointe]({attach}/images/jointe.png). Une autre réponse"), "incrémentale"),  # noqa: E501
    ("chapô d’une page après un lien attaché", lambda c: edit(c / "pages/a-propos.md", "summary: Page d’essai.", "summary: Une page d’essai."), "incrémentale"),  # noqa: E501
    ("corps après un lien attaché", lambda c: edit(c / "rencontres/troisieme.md", "\n## ", "\nUn ajout.\n\n## "), "immédiate"),  # noqa: E501
    # A save that keeps the file's date (cp -p, a checkout…).
    ("même date", lambda c: same_date(c / "rencontres/troisieme.md", "Un ajout.", "Un autre ajout."), "immédiate"),  # noqa: E501
    ("date", lambda c: edit(c / "rencontres/deuxieme.md", "date: 2018-03", "date: 2019-09"), "incrémentale"),  # noqa: E501
    ("lien statique", lambda c: edit(c / "rencontres/premier.md", "({attach}/images/jointe.png)", "({static}/images/jointe.png)"), "incrémentale"),  # noqa: E501
    ("personne interviewée", lambda c: edit(c / "rencontres/premier.md", "[marie-durand]", "[jean-martin]"), "incrémentale"),  # noqa: E501
    ("brouillon", lambda c: edit(c / "rencontres/troisieme.md", "themes:", "status: draft\nthemes:"), "complète"),  # noqa: E501
    ("nom d’une personne", lambda c: edit(c / "personnes/jean-martin.md", "title: Jean Martin", "title: Jean-Pierre Martin"), "incrémentale"),  # noqa: E501
    ("thèmes", lambda c: edit(c / "rencontres/hors-serie.md", "programmes: [prog-a]", "programmes: [prog-a]\nthemes: [Territoire]"), "incrémentale"),  # noqa: E501
    ("titre", lambda c: edit(c / "rencontres/deuxieme.md", "title: Deuxième entretien", "title: Le deuxième entretien"), "incrémentale"),  # noqa: E501
    ("plus brouillon", lambda c: edit(c / "rencontres/troisieme.md", "status: draft\n", ""), "complète"),  # noqa: E501
    ("ajout", lambda c: (c / "rencontres/quatrieme.md").write_text(NEW_INTERVIEW, encoding="utf-8"), "complète"),  # noqa: E501
    ("renommage", lambda c: (c / "rencontres/hors-serie.md").rename(c / "rencontres/a-part.md"), "complète"),  # noqa: E501
    ("suppression", lambda c: (c / "rencontres/quatrieme.md").unlink(), "complète"),
]  # fmt: skip


def live_site(tmp_path, without_portrait=False, own_theme=False):
    """A copy of the fixture, served by one Site as `invoke livereload`
    keeps it, after its first build; with ``own_theme``, a copy of the
    theme too, in tmp_path/theme."""
    from sitetools.build import ROOT

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    if without_portrait:
        person = content / "personnes/paul-petit.md"
        lines = person.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not line.startswith("portrait")]
        person.write_text("".join(kept), encoding="utf-8")
    theme = {}
    if own_theme:
        shutil.copytree(ROOT / "theme", tmp_path / "theme")
        theme = {"THEME": str(tmp_path / "theme")}
    served = tmp_path / "servi"
    init_logging(fatal=True)
    site = Site(live_settings(served, content, CACHE_PATH=str(tmp_path / "cache"), **theme))
    site.build_beside(served)
    return content, served, site


def test_each_rebuild_equals_a_full_build(tmp_path):
    content, served, site = live_site(tmp_path)
    first, everything, _ = incremental.last_report(site.pelican.settings)
    assert first == "complète"
    for number, (name, change, expected) in enumerate(EDITS):
        change(content)
        site.build_beside(served)
        mode, rendered, linked = incremental.last_report(site.pelican.settings)
        assert mode == expected, name
        if mode == "incrémentale":
            assert linked > 0, name  # some pages were not made again
        if mode == "immédiate":
            assert 0 < rendered < everything and linked == 0, name
        full = tmp_path / f"complet-{number}"
        Site(
            live_settings(
                full, content, INCREMENTAL=False, CACHE_PATH=str(tmp_path / f"cache-{number}")
            )
        ).run()
        assert differences(served, full) == [], name


def test_an_edit_of_a_body_renders_its_page_only(tmp_path):
    content, served, site = live_site(tmp_path)
    _, everything, _ = incremental.last_report(site.pelican.settings)
    page, in_list = served / "premier" / "index.html", served / "themes" / "emploi" / "index.html"
    assert "Premier entretien" in in_list.read_text(encoding="utf-8")
    before = served.stat().st_ino, page.stat().st_ino, in_list.stat().st_ino
    beside = sorted(p.name for p in tmp_path.iterdir())
    edit(content / "rencontres/premier.md", "Une autre réponse.", "Une autre réponse, changée.")
    site.build_beside(served)
    mode, rendered, linked = incremental.last_report(site.pelican.settings)
    assert mode == "immédiate"
    # Its page, and the pages that show no content of their own (home,
    # site map…); made in the served folder itself.
    assert rendered < everything and linked == 0
    assert served.stat().st_ino == before[0]
    assert "Une autre réponse, changée." in page.read_text(encoding="utf-8")
    assert page.stat().st_ino != before[1]  # replaced, never written through
    # A list it is in shows its summary, not its body: left as it was.
    assert in_list.stat().st_ino == before[2]
    assert not list(served.rglob("*.tmp"))
    # A page with an image (its interviewee's portrait), which
    # pelican-image-process rewrites: in the served folder, nowhere else
    # (not under the last build's staging name).
    portrait = served / "hors-serie" / "index.html"
    assert "image-process-" in portrait.read_text(encoding="utf-8")
    edit(content / "rencontres/hors-serie.md", "Une réponse.", "Une réponse, changée.")
    site.build_beside(served)
    assert incremental.last_report(site.pelican.settings)[0] == "immédiate"
    assert "Une réponse, changée." in portrait.read_text(encoding="utf-8")
    assert 'srcset="' in portrait.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == beside


def test_the_home_page_follows_the_quote_and_reading_time_of_its_interview(tmp_path):
    """The home page features the newest interview with its pull quote
    and reading time, drawn from its body: made again at every rebuild
    (here without the portrait that made it so anyway)."""
    content, served, site = live_site(tmp_path, without_portrait=True)
    assert "image-process-" not in (served / "index.html").read_text(encoding="utf-8")
    quote = "Une citation d’essai, mise en avant."
    edit(content / "rencontres/hors-serie.md", quote, "Une citation toute nouvelle.")
    edit(content / "rencontres/hors-serie.md", "Une réponse.", "Une réponse. " + "Un mot " * 700)
    site.build_beside(served)
    assert incremental.last_report(site.pelican.settings)[0] == "immédiate"
    home = (served / "index.html").read_text(encoding="utf-8")
    assert "Une citation toute nouvelle." in home
    assert "Lecture&nbsp;: 1&nbsp;min" not in home  # 700 words more
    full = tmp_path / "complet"
    Site(live_settings(full, content, INCREMENTAL=False, CACHE_PATH=str(tmp_path / "c2"))).run()
    assert differences(served, full) == []


def test_a_theme_edit_after_an_edit_in_place_gets_its_new_address(tmp_path):
    """The fingerprinted name of a stylesheet is worked out again at the
    next run, not kept from the run an edit in place belongs to."""
    content, served, site = live_site(tmp_path, own_theme=True)
    theme, settings = tmp_path / "theme", site.pelican.settings
    edit(content / "rencontres/premier.md", "Une autre réponse.", "Une autre réponse, changée.")
    site.build_beside(served)
    assert incremental.last_report(settings)[0] == "immédiate"
    with (theme / "static/css/site.css").open("a", encoding="utf-8") as css:
        css.write("\n/* essai */\n")
    site.build_beside(served)
    assert incremental.last_report(settings)[0] == "complète"
    full = tmp_path / "complet"
    Site(
        live_settings(
            full, content, INCREMENTAL=False, CACHE_PATH=str(tmp_path / "c2"), THEME=str(theme)
        )
    ).run()
    assert differences(served, full) == []


def test_an_edit_in_place_with_an_error_is_refused_as_any_rebuild(tmp_path):
    from sitetools.build import BuildError

    content, served, site = live_site(tmp_path)
    page = served / "premier" / "index.html"
    kept = page.read_bytes()
    edit(content / "rencontres/premier.md", "Une autre réponse.", "Voir [ceci](/nulle-part/).")
    with pytest.raises(BuildError) as error:
        site.build_beside(served)
    assert any("/nulle-part/" in str(problem) for problem in error.value.problems)
    assert page.read_bytes() == kept  # the served page stays
    edit(content / "rencontres/premier.md", "Voir [ceci](/nulle-part/).", "Une autre réponse.")
    site.build_beside(served)
    # After a failure, the next rebuild starts from nothing.
    assert incremental.last_report(site.pelican.settings)[0] == "complète"
    # A failure once the pages are rendered (pelican-image-process, for
    # a size it does not know): no served page has changed, none is left
    # half written.
    served_before = {p: p.read_bytes() for p in served.rglob("*.html")}
    edit(
        content / "rencontres/premier.md",
        "Une autre réponse.",
        '<img class="image-process-inconnue" src="/images/paul-petit.png" alt="Une photo">',
    )
    with pytest.raises(BuildError):
        site.build_beside(served)
    assert {p: p.read_bytes() for p in served.rglob("*.html")} == served_before
    assert not list(served.rglob("*.tmp"))


# The one validation, run again on every rebuild with what it learnt of
# each file: the same problems as a check from nothing, after each edit.
VALIDATION_EDITS = [
    lambda c: edit(c / "rencontres/premier.md", "themes: [Emploi]", "themes: Emploi\nfoo: 1"),
    lambda c: edit(c / "rencontres/premier.md", "Une autre réponse.", "Voir [ceci]({static}/images/photo.png)."),  # noqa: E501
    lambda c: shutil.copy(c / "images/paul-petit.png", c / "images/photo.png"),
    lambda c: (c / "images/paul-petit.png").unlink(),
    lambda c: (c / "images/photo.png").write_bytes(b"pas une image"),
    lambda c: edit(c / "rencontres/deuxieme.md", "[marie-durand]", "[personne-inconnue]"),
    lambda c: (c / "rencontres/troisieme.md").unlink(),
    lambda c: edit(c / "personnes/paul-petit.md", "images/paul-petit.png", "images/photo.png"),
    # An unchanged body whose link another file's new address breaks.
    lambda c: edit(c / "rencontres/premier.md", "Une réponse courte.", "Voir [le deuxième](/deuxieme/)."),  # noqa: E501
    lambda c: edit(c / "rencontres/deuxieme.md", "title: Deuxième entretien", "title: Deuxième entretien\nslug: autre-adresse"),  # noqa: E501
]  # fmt: skip


def test_the_validation_kept_between_rebuilds_finds_what_a_fresh_one_finds(tmp_path):
    from plugins.content_model.validation import validate
    from tests.helpers import site_settings

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    settings = site_settings()
    memo: dict = {}
    assert validate(content, settings, memo).problems == validate(content, settings).problems
    assert memo  # what it keeps for the next run
    for number, change in enumerate(VALIDATION_EDITS):
        change(content)
        kept = validate(content, settings, memo).problems
        assert kept, number  # each edit leaves problems to find
        assert kept == validate(content, settings).problems, number


def test_a_site_swapped_in_by_another_build_is_rebuilt_in_full(tmp_path):
    from sitetools.build import DEVELOPMENT, build_site

    content, served, site = live_site(tmp_path)
    # `invoke build` into the same folder: its pages are not the ones
    # this session recorded.
    build_site(DEVELOPMENT, served, content, CACHE_PATH=str(tmp_path / "c2"), SEARCH_INDEX=False)
    edit(content / "rencontres/premier.md", "Une autre réponse.", "Une autre réponse, changée.")
    site.build_beside(served)
    assert incremental.last_report(site.pelican.settings)[0] == "complète"


def test_a_theme_edit_or_a_failed_rebuild_means_a_full_one(tmp_path):
    from sitetools.build import BuildError

    content, served, site = live_site(tmp_path, own_theme=True)
    theme, settings = tmp_path / "theme", site.pelican.settings
    edit(theme / "templates/base.html", "</body>", "<!-- essai --></body>")
    site.build_beside(served)
    assert incremental.last_report(settings)[0] == "complète"
    assert "<!-- essai -->" in (served / "premier" / "index.html").read_text(encoding="utf-8")
    # An error: the served pages get the banner; the next rebuild starts
    # from nothing.
    edit(content / "rencontres/premier.md", "date: 2018-01-01", "date: pas une date")
    with pytest.raises(BuildError):
        site.build_beside(served)
    edit(content / "rencontres/premier.md", "date: pas une date", "date: 2018-01-01")
    site.build_beside(served)
    assert incremental.last_report(settings)[0] == "complète"


def test_a_rebuild_keeps_no_content_of_the_builds_before(tmp_path):
    """Pelican keeps every content it rendered, keyed by the object
    (``utils.memoized``): each rebuild of a livereload session kept the
    whole site before it in memory. Emptied before each run."""
    import gc
    import weakref

    from plugins.content_model.model import all_contents

    content, served, site = live_site(tmp_path)
    settings = site.pelican.settings

    def first_interview():
        generators = incremental._state(settings)["last"]["generators"]
        return next(c for c in all_contents(generators) if c.source_path.endswith("premier.md"))

    earlier = weakref.ref(first_interview())
    for number in range(2):
        edit(content / "rencontres/premier.md", "summary: ", f"summary: {number} ")
        site.build_beside(served)
        assert incremental.last_report(settings)[0] == "incrémentale"
    gc.collect()
    assert earlier() is None
    assert "1 0 Le premier" in first_interview().summary
