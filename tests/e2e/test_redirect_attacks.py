"""Redirects as an attacker writes them (issue 22), end to end: the
production build refuses every hostile line of content/redirections.yaml
at once, naming each line as the check does (tests/unit/
test_address_space.py holds the whole matrix, through the same
validation); the redirects it accepts, French WordPress slugs included,
behave on real nginx and Apache without taking over anything the site
serves: home 200, unknown address 404, /admin/config.yml the editor's own,
no 500."""

import json
import shutil

import pytest

from sitetools.build import PRODUCTION, BuildError
from sitetools.build import build_site as build
from sitetools.check import check_site, site_settings
from tests.e2e.test_servers import ONLINE_EDITOR, get, start_apache, start_nginx
from tests.helpers import ROOT, build_site, free_port
from tests.unit.test_address_space import HOSTILE

GOOD = {
    "/ancienne-page/": "/a-propos/",
    "/l%e2%80%99economie-sociale/": "/rencontres/",
    "/l’ecole/": "/programmes/centsept-labs/",
    "/?p=12": "/a-propos/",
    "/category/labs/": "/programmes/centsept-labs/",
}


def content_with(tmp_path, redirects) -> object:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    lines = [f"{json.dumps(old)}: {json.dumps(new)}\n" for old, new in redirects]
    (content / "redirections.yaml").write_text("".join(lines), encoding="utf-8")
    return content


def test_the_production_build_refuses_every_hostile_line_as_the_check_does(tmp_path):
    # The matrix but for the fixture's own files, on the real site's content.
    cases = [(o, n) for o, n, _ in HOSTILE if "prog-a" not in o + n and "paul-petit" not in o + n]
    content = content_with(tmp_path, cases)
    checked = [
        str(p)
        for p in check_site(content, site_settings(ROOT / "publishconf.py", content))
        if p.file == "content/redirections.yaml"
    ]
    assert len(checked) == len(cases)
    with pytest.raises(BuildError) as refused:
        build(PRODUCTION, tmp_path / "site", content)
    printed = str(refused.value)
    assert not (tmp_path / "site").exists()
    for line in checked:
        assert line in printed
    assert "Traceback" not in printed


@pytest.fixture(scope="module", params=["nginx", "apache"])
def redirected(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"redirections-{request.param}")
    content = content_with(folder, GOOD.items())
    port = free_port()
    scheme = "https" if request.param == "nginx" else "http"
    site = build_site(
        folder / "site",
        settings="publishconf.py",
        env={"SITEURL": f"{scheme}://127.0.0.1:{port}", **ONLINE_EDITOR},
        content=content,
    )
    process, root = (start_nginx if request.param == "nginx" else start_apache)(site, port)
    yield port
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(root, ignore_errors=True)


def test_accepted_redirects_lead_to_pages_and_take_nothing_over(redirected):
    port = redirected
    for old, new in GOOD.items():
        status, headers, _ = get(port, _request_form(old))
        assert status == 301, (old, status)
        assert headers["location"].endswith(new), (old, headers["location"])
        assert "\n" not in headers["location"]
        assert get(port, new)[0] == 200, new
    for path, expected in (
        ("/", 200),
        ("/index.html", 200),
        ("/a-propos/", 200),
        ("/cette-page-n-existe-pas/", 404),
        ("/admin/", 200),
    ):
        assert get(port, path)[0] == expected, path
    status, _, body = get(port, "/admin/config.yml")
    assert status == 200 and b"association/site" in body  # the editor's own


def _request_form(old: str) -> str:
    """How a browser sends the address: non-ASCII percent-encoded."""
    from urllib.parse import quote

    return quote(old, safe="/?=%")
