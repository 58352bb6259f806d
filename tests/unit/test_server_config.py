"""The shipped nginx snippet (deploy/nginx/securite.conf) sends exactly
the security headers of production (publishconf.py, HSTS included). (On
real servers: tests/e2e/test_servers.py.)"""

import re

from tests.helpers import ROOT, settings


def test_nginx_snippet_sends_the_policy_of_production():
    snippet = (ROOT / "deploy" / "nginx" / "securite.conf").read_text(encoding="utf-8")
    sent = dict(re.findall(r'^add_header (\S+) "([^"]*)" always;$', snippet, re.M))
    assert sent == settings("publishconf.py")["SECURITY_HEADERS"]
    assert "Strict-Transport-Security" in sent


def test_nginx_admin_snippet_differs_from_the_site_one_by_the_policy_only():
    from plugins.web_editor.core import ADMIN_HEADER_CSP

    snippet = (ROOT / "deploy" / "nginx" / "securite-admin.conf").read_text(encoding="utf-8")
    sent = dict(re.findall(r'^add_header (\S+) "([^"]*)" always;$', snippet, re.M))
    expected = settings("publishconf.py")["SECURITY_HEADERS"]
    assert sent == {**expected, "Content-Security-Policy": ADMIN_HEADER_CSP}
