"""After `invoke import-wordpress` of each test export, on the real nginx
and Apache the other server tests start: every old address of every
published item answers 200, or 301 to a page that answers 200 (its own
address, ?p=, ?page_id=, attachments and their files, categories, tags,
authors, date archives, feeds, /wp-content/uploads/…); axe finds nothing
on any imported page (served by nginx); the news feed is served in production; the task
fails with one French line on a file that is not an export."""

from __future__ import annotations

import re
import shutil
import subprocess
from urllib.parse import quote, urlsplit

import pytest

from sitetools.wordpress import prepare
from tests.e2e.accessibility import axe_context, axe_in_both_schemes
from tests.e2e.test_servers import base_url, get, start_apache, start_nginx
from tests.helpers import INVOKE, ROOT, build_site, free_port
from tests.wordpress_exports import EXPORTS, imported_once

_PLANS: dict[str, object] = {}


def _imported(name, tmp_path_factory):
    """The run's import of ``name`` (shared with tests/build/) and its
    plan, computed once per process."""
    folder, content = imported_once(tmp_path_factory, name)
    if name not in _PLANS:
        uploads = folder / "uploads" if (folder / "uploads").is_dir() else None
        _PLANS[name] = prepare(EXPORTS[name], uploads, content)[2]
    return folder, content, _PLANS[name]


@pytest.fixture(
    scope="module",
    params=[(s, e) for s in ("nginx", "apache") for e in sorted(EXPORTS)],
    ids=lambda p: f"{p[0]}-{p[1]}",
)
def served_import(request, tmp_path_factory):
    server, name = request.param
    folder, content, plan = _imported(name, tmp_path_factory)
    port = free_port()
    scheme = "https" if server == "nginx" else "http"
    site = build_site(
        tmp_path_factory.mktemp(f"{server}-{name}"),
        settings="publishconf.py",
        env={"SITEURL": f"{scheme}://127.0.0.1:{port}"},
        content=content,
    )
    process, root = (start_nginx if server == "nginx" else start_apache)(site, port)
    yield port, plan, name
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(root, ignore_errors=True)


def old_addresses(plan) -> list[str]:
    """What the import keeps: every published item's old address, and
    every redirect it wrote (those the check would refuse are not
    written, and are listed in the report: see the next test)."""
    refused = {old for old, _ in plan.refused_redirects}
    published = [
        e.old
        for e in plan.entries
        if e.status == "publié" and e.old != "—" and e.old not in refused
    ]
    return sorted(set(published) | set(plan.redirects))


def test_accented_and_encoded_addresses_are_redirected_too(served_import):
    """French WordPress slugs (« l’or-vert », sent percent-encoded by
    browsers) are redirected in the form nginx and Apache compare; what the
    check refuses is listed, never an ASCII address."""
    port, plan, name = served_import
    for old, why in plan.refused_redirects:
        assert not re.fullmatch(r"[/A-Za-z0-9._~-]+", old), (old, why)
    if name == "classique":
        assert {"/tag/l%e2%80%99or-vert/", "/tag/l’or-vert/"} <= set(plan.redirects)
        status, headers, _ = get(port, "/tag/l%E2%80%99or-vert/")
        assert status == 301, status
        target = urlsplit(headers["location"]).path
        assert get(port, target)[0] == 200, target


def test_every_old_address_answers_200_or_a_redirect_to_200(served_import):
    port, plan, name = served_import
    addresses = old_addresses(plan)
    assert len(addresses) > 10
    if name in ("classique", "blocs", "wordpress-com"):  # their files are kept too
        assert any(a.startswith("/wp-content/uploads/") for a in addresses)
    wrong = []
    for old in addresses:
        # As a browser sends it: « l’or » percent-encoded.
        status, headers, _ = get(port, quote(old, safe="/?=&%~"))
        if status == 301:
            target = urlsplit(headers["location"])
            path = target.path + (f"?{target.query}" if target.query else "")
            status, _, _ = get(port, path)
            if status != 200:
                wrong.append(f"{old} → {headers['location']} : {status}")
        elif status != 200:
            wrong.append(f"{old} : {status}")
    assert wrong == []


def test_drafts_private_and_protected_posts_are_not_served(served_import):
    port, plan, name = served_import
    drafts = [e for e in plan.entries if e.status == "brouillon"]
    assert bool(drafts) == (name in ("pelican", "francais", "classique", "wordpress-com"))
    for entry in drafts:
        slug = entry.new.strip("/").split("/")[-1]
        for path in (entry.new, f"/{slug}/", entry.old):
            if path.startswith("/?"):  # never sent to the draft (Pelican's export
                # gives one ?p= to a draft and a published post: that one is kept)
                status, headers, _ = get(port, path)
                assert status in (200, 301), path
                assert slug not in headers.get("location", ""), path
            elif path.startswith("/"):
                assert get(port, path)[0] == 404, path


def test_query_addresses_lead_to_their_item(served_import):
    port, plan, _ = served_import
    for old, new in plan.redirects.items():
        if old.startswith("/?"):
            status, headers, _ = get(port, old)
            assert status == 301, old
            assert urlsplit(headers["location"]).path == new, old
            assert not urlsplit(headers["location"]).query, old  # the ?p= is not carried on


def test_the_news_list_and_feed_are_served(served_import):
    """/actualites/ lists the imported news; its Atom feed (production)
    holds the 20 newest."""
    from lxml import etree

    port, plan, _ = served_import
    news = [e.new for e in plan.entries if e.kind == "actualité" and e.status == "publié"]
    status, _, body = get(port, "/actualites/")
    assert status == 200
    for address in news:
        assert f'href="/{address.strip("/")}/"'.encode() in body or address.encode() in body
    status, _, feed = get(port, "/flux/actualites.atom.xml")
    assert status == 200
    entries = etree.fromstring(feed).findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == min(20, len(news))


@pytest.mark.parametrize(
    # Through nginx only: Apache serves the same files with the same
    # headers (tests/e2e/test_servers.py), so axe would read the same
    # pages twice.
    "served_import",
    [("nginx", name) for name in sorted(EXPORTS)],
    indirect=True,
    ids=lambda p: f"{p[0]}-{p[1]}",
)
def test_axe_finds_nothing_on_imported_pages(served_import, browser):
    port, plan, _ = served_import
    pages = [e.new for e in plan.entries if e.status == "publié" and e.new.startswith("/")]
    pages.append("/actualites/")
    assert pages
    reports = []
    context = axe_context(browser, ignore_https_errors=True)
    page = context.new_page()
    for path in pages:
        page.goto(base_url(port) + path)
        for scheme, results in axe_in_both_schemes(page).items():
            if results.violations_count:
                reports.append(f"{path} ({scheme}):\n{results.generate_report()}")
    context.close()
    assert not reports, "\n".join(reports)


def test_a_file_that_is_not_an_export_gives_one_french_line(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    bad = tmp_path / "pas-un-export.xml"
    bad.write_text("<html><body>Bonjour</body></html>", encoding="utf-8")
    result = subprocess.run(
        [INVOKE, "import-wordpress", str(bad), "--content", str(content)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.strip().splitlines() == [
        f"{bad}: ce n’est pas un export WordPress (WXR) : exportez-le depuis "
        "Outils > Exporter dans l’administration WordPress."
    ]
    assert sorted(p.name for p in content.iterdir()) == sorted(
        p.name for p in (ROOT / "content").iterdir()
    )


def test_dry_run_writes_nothing(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    result = subprocess.run(
        [
            INVOKE,
            "import-wordpress",
            str(EXPORTS["pelican"]),
            "--content",
            str(content),
            "--dry-run",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Simulation (--dry-run) : rien n’est écrit. 14 fichier(s)")
    assert "# Import WordPress : rapport" in result.stdout
    assert sorted(p.relative_to(content) for p in content.rglob("*")) == sorted(
        p.relative_to(ROOT / "content") for p in (ROOT / "content").rglob("*")
    )
    assert not (tmp_path / "import-wordpress.rapport.md").exists()


def test_nginx_starts_before_the_first_publication(tmp_path):
    """deploy/nginx/lecentsept.conf includes the built .redirections.nginx
    with a « * »: an empty root (nothing published yet) does not stop it."""
    site = tmp_path / "vide"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    port = free_port()
    process, root = start_nginx(site, port)
    try:
        assert get(port, "/")[0] == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)
