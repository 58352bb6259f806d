"""/admin/ in the build: Decap's bundle copied from node_modules, the
config.yml made from the content model, its own security policy, and
nothing of it in the sitemap, robots, the search index or reader pages."""

from __future__ import annotations

import gzip
import json
import re

import yaml
from bs4 import BeautifulSoup

from plugins.web_editor import DEFAULT_SETTINGS
from plugins.web_editor.core import ADMIN_HEADER_CSP, admin_csp, cms_config
from plugins.web_editor.rules import editor_rules
from tests.helpers import ROOT, build_site

BUNDLE = ROOT / "node_modules" / "decap-cms" / "dist"


def test_admin_has_the_bundle_from_node_modules_and_no_cdn(site):
    admin = site / "admin"
    assert (admin / "decap-cms.js").read_bytes() == (BUNDLE / "decap-cms.js").read_bytes()
    page = BeautifulSoup((admin / "index.html").read_text(encoding="utf-8"), "html.parser")
    scripts = [script for script in page.find_all("script") if script.get("src")]
    sources = [script["src"] for script in scripts]
    # Decap held back, started by admin.js once its words, rules and
    # previews are laid (typographie.js before it).
    assert sources[1] == "/admin/decap-cms.js"
    for source, name in zip(sources, ["admin-debut", None, "typographie", "admin"], strict=True):
        assert name is None or re.fullmatch(rf"/theme/js/{name}\.[0-9a-f]{{10}}\.js", source)
    assert all(source.startswith("/") and not source.startswith("//") for source in sources)
    # The preview pane gets the site's fingerprinted stylesheet.
    style = scripts[3]["data-style"]
    assert (site / style.lstrip("/")).is_file() and style.endswith(".css")
    # Every chunk the bundle loads is beside it.
    assert sorted(p.name for p in admin.glob("*.decap-cms.js")) == sorted(
        p.name for p in BUNDLE.glob("*.decap-cms.js")
    )
    assert not list(admin.glob("*.map"))


def test_admin_has_its_own_policy_and_the_generated_config(site):
    admin = site / "admin"
    page = BeautifulSoup((admin / "index.html").read_text(encoding="utf-8"), "html.parser")
    meta = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta["content"] == admin_csp(DEFAULT_SETTINGS)
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert page.html["lang"] == "fr"
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config == cms_config(DEFAULT_SETTINGS, ["Collectivités", "Emploi et insertion"])
    assert (admin / ".htaccess").read_text(encoding="utf-8").count(ADMIN_HEADER_CSP) == 1
    # What the form refuses, as data for admin.js (never run: JSON).
    rules = page.find("script", id="regles-editeur")
    assert rules["type"] == "application/json"
    assert json.loads(rules.string) == editor_rules(DEFAULT_SETTINGS)
    # The sign-in page's wordmark: the theme's, an SVG with its colours.
    assert config["logo"]["src"] == "/admin/marque.svg"
    wordmark = (admin / "marque.svg").read_text(encoding="utf-8")
    assert wordmark.startswith('<svg class="marque-logo"') and "fill:#" in wordmark
    headers = (site / "_headers").read_text(encoding="utf-8")
    block = headers[headers.index("/admin/*") :]
    assert block.splitlines()[1:3] == [
        "  ! Content-Security-Policy",
        f"  Content-Security-Policy: {ADMIN_HEADER_CSP}",
    ]


def test_admin_is_in_no_sitemap_robots_or_search_index(site):
    assert "/admin/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "Disallow: /admin/" in (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    fragments = list((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert fragments
    urls = [re.search(rb'"url":"([^"]*)"', gzip.decompress(f.read_bytes()))[1] for f in fragments]
    assert b"/a-propos/" in urls and not [url for url in urls if b"admin" in url]


def test_reader_pages_load_no_byte_of_the_editor(site):
    pages = [p for p in site.rglob("*.html") if "admin" not in p.relative_to(site).parts]
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "decap" not in text.lower() and "admin" not in text, page


FORGE = {
    "WEB_EDITOR_BACKEND": "gitlab",
    "WEB_EDITOR_REPO": "association/site",
    "WEB_EDITOR_BASE_URL": "https://gitlab.example.org",
    "WEB_EDITOR_APP_ID": "identifiant",
}


def test_production_has_no_admin_unless_a_forge_is_configured(published_site, tmp_path):
    assert not (published_site / "admin").exists()
    online = build_site(tmp_path / "en-ligne", settings="publishconf.py", env=FORGE)
    config = yaml.safe_load((online / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["auth_type"] == "pkce"
    assert config["publish_mode"] == "editorial_workflow"
    page = (online / "admin" / "index.html").read_text(encoding="utf-8")
    assert "connect-src &#39;self&#39; https://gitlab.example.org blob:;" in page
    # Precompressed like the rest, and still out of the sitemap.
    assert (online / "admin" / "decap-cms.js.gz").is_file()
    assert "/admin/" not in (online / "sitemap.xml").read_text(encoding="utf-8")


def test_previews_have_no_admin_even_with_a_forge_configured(tmp_path):
    preview = build_site(tmp_path / "apercu", settings="previewconf.py", env=FORGE)
    assert (preview / "index.html").is_file() and not (preview / "admin").exists()


def test_without_npm_ci_admin_says_so_in_french_and_the_site_builds(tmp_path):
    settings = tmp_path / "sans_npm.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa\n"
        f"WEB_EDITOR_BUNDLE = {str(tmp_path / 'absent')!r}\n",
        encoding="utf-8",
    )
    built = build_site(tmp_path / "site", settings=str(settings))
    page = (built / "admin" / "index.html").read_text(encoding="utf-8")
    assert "L’éditeur n’est pas installé" in page and "npm ci" in page
    assert "<script" not in page
    assert (built / "index.html").is_file()
