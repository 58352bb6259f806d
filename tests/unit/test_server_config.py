"""The shipped nginx snippet (deploy/nginx/securite.conf) sends the
security headers of pelicanconf.py. (On real servers:
tests/e2e/test_servers.py.)"""

from tests.helpers import ROOT, settings


def test_nginx_snippet_sends_the_policy_of_pelicanconf():
    snippet = (ROOT / "deploy" / "nginx" / "securite.conf").read_text(encoding="utf-8")
    for name, value in settings()["SECURITY_HEADERS"].items():
        assert f'add_header {name} "{value}" always;' in snippet
