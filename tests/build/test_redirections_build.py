"""content/redirections.yaml reaches every server file of the build
(.htaccess, _redirects, .redirections.nginx), after REDIRECTS of the
settings, which win. (Escaping: tests/unit/test_redirections.py; hostile
values refused: tests/build/test_security.py; real servers:
tests/e2e/test_wordpress_servers.py.)"""

from __future__ import annotations

import shutil

from tests.helpers import FIXTURE, build_site


def test_an_editors_redirects_reach_every_server_file(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    (content / "redirections.yaml").write_text(
        "# Ajoutées à la main\n/ancienne-page/: /a-propos/\n/?p=5: /a-propos/\n"
        "/feed/: /a-propos/\n",
        encoding="utf-8",
    )
    site = build_site(tmp_path / "output", content=content)
    htaccess = (site / ".htaccess").read_text(encoding="utf-8")
    assert "  RewriteRule ^ancienne\\-page/?$ /a-propos/ [R=301,L]" in htaccess
    assert "  RewriteCond %{QUERY_STRING} (^|&)p=5(&|$)" in htaccess
    assert "  RewriteRule ^feed/?$ /flux/rencontres.atom.xml [R=301,L]" in htaccess
    assert "^feed/?$ /a-propos/" not in htaccess  # the settings' redirect wins
    netlify = (site / "_redirects").read_text(encoding="utf-8").splitlines()
    assert "/ancienne-page/ /a-propos/ 301" in netlify
    assert "/ p=5 /a-propos/ 301" in netlify
    nginx = (site / ".redirections.nginx").read_text(encoding="utf-8")
    assert 'location = "/ancienne-page/" { return 301 "/a-propos/"; }' in nginx
    # The data files are not pages: nothing is built from them.
    assert not (site / "redirections").exists()
