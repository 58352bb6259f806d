"""Publication state protects people (issue 25.3): a person named only
by a draft or a hidden interview appears nowhere in the production
build — no page, no listing, no count, no site-map line, no search
entry, no feed entry, no social card — until an interview that names
them is published, or their file says « status: published »."""

import gzip
import re
import shutil
import subprocess

import pytest

from sitetools.build import PRODUCTION, BuildError
from sitetools.build import build_site as build_site_as_tasks_do
from sitetools.interview import create_interview
from tests.helpers import FIXTURE, INVOKE, ROOT, build_site


def _search_index(site) -> str:
    """What Pagefind's index holds (its files are gzip-compressed)."""
    return "\n".join(
        gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        for path in (site / "pagefind").rglob("*.pf_*")
    )


def _everything(site, but: str = "") -> str:
    """Every text file of the built site (except below ``but``), and the
    search index."""
    texts = [
        path.read_text(encoding="utf-8", errors="replace")
        for path in site.rglob("*")
        if path.is_file()
        and path.suffix in (".html", ".xml", ".txt", ".json", ".nginx")
        and not (but and path.is_relative_to(site / but))
    ]
    return "\n".join(texts) + _search_index(site)


def _sitemap(site) -> list[str]:
    return re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))


def _cards(site) -> set[str]:
    return {path.name for path in (site / "cartes").glob("*.png")}


def test_a_draft_interviews_person_appears_nowhere_in_production(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    before = build_site(tmp_path / "avant", settings="publishconf.py", content=content)
    create_interview("Karim Benali", content=content)
    # A hidden interview does not show its people either.
    hidden = content / "rencontres" / "cache.md"
    hidden.write_text(
        (content / "rencontres" / "premier.md")
        .read_text(encoding="utf-8")
        .replace("title: Premier entretien", "title: Un entretien caché\nstatus: hidden")
        .replace("interviewees: [marie-durand]", "interviewees: [lea-cache]"),
        encoding="utf-8",
    )
    (content / "personnes" / "lea-cache.md").write_text(
        "---\ntitle: Léa Cachée\n---\n", encoding="utf-8"
    )

    site = build_site(tmp_path / "publie", settings="publishconf.py", content=content)
    assert not (site / "personnes" / "karim-benali").exists()
    assert not (site / "personnes" / "lea-cache").exists()
    # The hidden interview's own page names her, at its address only.
    assert "Léa Cachée" in (site / "cache" / "index.html").read_text(encoding="utf-8")
    everything = _everything(site, but="cache")
    for name in ("Karim Benali", "Karim", "Léa Cachée", "karim-benali", "lea-cache"):
        assert name not in everything, name
    # Nothing new at all: not a count, not a card, not a search entry.
    assert _cards(site) == _cards(before)
    listing = (site / "personnes" / "index.html").read_text(encoding="utf-8")
    assert listing == (before / "personnes" / "index.html").read_text(encoding="utf-8")
    assert _sitemap(site) == _sitemap(before)
    # The same pages indexed: one fragment per page, named by its content
    # (the filter and meta files' names vary with Pagefind's own order).
    assert sorted(p.name for p in (site / "pagefind" / "fragment").glob("*")) == sorted(
        p.name for p in (before / "pagefind" / "fragment").glob("*")
    )

    # Locally and in previews, the person's page is a draft, as the
    # interview is.
    for settings in ("pelicanconf.py", "previewconf.py"):
        local = build_site(tmp_path / settings, settings=settings, content=content)
        page = (local / "brouillons" / "karim-benali" / "index.html").read_text(encoding="utf-8")
        assert "Brouillon" in page
        listing = (local / "personnes" / "index.html").read_text(encoding="utf-8")
        assert "Karim Benali" not in listing


def test_the_person_goes_public_with_the_interview_or_by_their_own_status(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    create_interview("Karim Benali", content=content)
    interview = content / "rencontres" / "entretien-karim-benali.md"
    text = interview.read_text(encoding="utf-8")
    # A finished interview: no status line, no template text, no note.
    text = (
        text.replace("status: draft\n", "")
        .replace("Chapô à rédiger.", "Karim Benali raconte son association.")
        .replace("Première question ?", "Comment est née votre association ?")
        .replace("\nRéponse.", "\nDe rencontres entre voisins.")
    )
    text = "\n".join(line for line in text.splitlines() if not line.startswith("a_completer"))
    interview.write_text(text + "\n", encoding="utf-8")
    person = content / "personnes" / "karim-benali.md"
    person.write_text("---\ntitle: Karim Benali\n---\n", encoding="utf-8")
    # Someone with no interview yet, published by their own file.
    (content / "personnes" / "ines-roy.md").write_text(
        "---\ntitle: Inès Roy\nstatus: published\n---\n", encoding="utf-8"
    )

    site = build_site(tmp_path / "publie", settings="publishconf.py", content=content)
    assert (site / "personnes" / "karim-benali" / "index.html").is_file()
    assert (site / "personnes" / "ines-roy" / "index.html").is_file()
    listing = (site / "personnes" / "index.html").read_text(encoding="utf-8")
    assert "Karim Benali" in listing and "Inès Roy" in listing
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/personnes/karim-benali/" in sitemap and "/personnes/ines-roy/" in sitemap


def test_hidden_contents_stay_out_of_search_and_feeds(tmp_path):
    """README and guide: « status: hidden » is published at its address,
    but out of lists, the site map, the search index and the feeds."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    (content / "rencontres" / "cache.md").write_text(
        (content / "rencontres" / "premier.md")
        .read_text(encoding="utf-8")
        .replace("title: Premier entretien", "title: Zéphyrin caché\nstatus: hidden")
        .replace("themes: [Emploi]", "themes: [Emploi, Zéphyr]"),
        encoding="utf-8",
    )
    (content / "pages" / "page-cachee.md").write_text(
        "---\ntitle: Page Quetzalcoatl\nsummary: Cachée.\nstatus: hidden\n---\n\nQuetzalcoatl.\n",
        encoding="utf-8",
    )
    site = build_site(tmp_path / "publie", settings="publishconf.py", content=content)
    hidden = (site / "cache" / "index.html").read_text(encoding="utf-8")
    # Its theme of its own has no page: named, not linked.
    assert not (site / "themes" / "zephyr").exists()
    assert "Zéphyr" in hidden and "/themes/zephyr/" not in hidden
    assert "/themes/emploi/" in hidden
    assert (site / "page-cachee" / "index.html").is_file()
    feeds = "".join(p.read_text(encoding="utf-8") for p in (site / "flux").rglob("*.xml"))
    assert "Zéphyrin" not in feeds and "Quetzalcoatl" not in feeds
    assert "/cache/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    lists = [site / "index.html", site / "rencontres" / "index.html"]
    lists += [site / "plan-du-site" / "index.html", site / "themes" / "emploi" / "index.html"]
    for listing in lists:
        text = listing.read_text(encoding="utf-8")
        assert "Zéphyrin" not in text and "Quetzalcoatl" not in text, listing
    index = _search_index(site)
    assert "Premier entretien" in index  # the index is read
    assert "Zéphyrin" not in index and "Quetzalcoatl" not in index


def test_the_untouched_template_is_refused_once_not_a_draft(tmp_path):
    """Issue 25.4: delete only « status: draft » from a fresh
    new-interview file: check and the production build refuse it,
    naming each placeholder's file and line."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    create_interview("Karim Benali", content=content)
    interview = content / "rencontres" / "entretien-karim-benali.md"
    lines = [
        line
        for line in interview.read_text(encoding="utf-8").splitlines()
        if line != "status: draft"
    ]
    interview.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def line_of(text):
        return next(n for n, line in enumerate(lines, 1) if text in line)

    expected = [
        f"content/rencontres/entretien-karim-benali.md:{line_of('Chapô à rédiger.')}: summary: "
        "« Chapô à rédiger. » est le texte du modèle",
        f"content/rencontres/entretien-karim-benali.md:{line_of('Première question ?')}: texte: "
        "« Première question ? » est le texte du modèle",
        f"content/rencontres/entretien-karim-benali.md:{line_of('Réponse.')}: texte: "
        "« Réponse. » est le texte du modèle",
    ]
    with pytest.raises(BuildError) as built:
        build_site_as_tasks_do(PRODUCTION, tmp_path / "publie", content)
    printed = [str(problem) for problem in built.value.problems]
    for line in expected:
        assert any(text.startswith(line) for text in printed), (line, printed)
    assert not (tmp_path / "publie").exists()
    check = subprocess.run(
        [INVOKE, "check", "--content", str(content)], cwd=ROOT, capture_output=True, text=True
    )
    assert check.returncode == 1
    for line in expected:
        assert line in check.stdout, line
