"""The shipped server configurations on real servers, on loopback:
nginx with deploy/nginx/, Apache with the generated .htaccess. Clean
URLs, the old interview address, the French 404 with its status,
security and cache headers, precompressed files, redirects, and search
in Chromium under the CSP the server sends."""

import gzip
import http.client
import os
import shutil
import ssl
import subprocess
import tempfile
from pathlib import Path

import brotli
import pytest

from plugins.web_editor.core import ADMIN_HEADER_CSP
from tests.helpers import (
    IN_CI,
    OLD_INTERVIEW_PATH,
    ROOT,
    build_site,
    free_port,
    settings,
    wait_for_http,
)

PRODUCTION = settings("publishconf.py")
# A site with its web editor online (/admin/), as CI builds it once the
# forge is configured.
ONLINE_EDITOR = {
    "WEB_EDITOR_BACKEND": "gitlab",
    "WEB_EDITOR_REPO": "association/site",
    "WEB_EDITOR_BASE_URL": "https://gitlab.example.org",
    "WEB_EDITOR_APP_ID": "identifiant",
}
NGINX, APACHE = "/usr/sbin/nginx", "/usr/sbin/apache2"
APACHE_MODULES = "/usr/lib/apache2/modules"


def require(binary, package):
    if not Path(binary).exists():
        assert not IN_CI, f".ci/run doit installer {package}"
        pytest.skip(f"{package} absent : apt-get install {package}")


def readable_copy(site: Path) -> Path:
    """A copy the servers' www-data user can read (pytest's folders are 0700)."""
    root = Path(tempfile.mkdtemp(prefix="site-servi-"))
    os.chmod(root, 0o755)
    shutil.copytree(site, root / "www")
    for path in [root / "www", *(root / "www").rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    return root


def ready(process: subprocess.Popen, port: int, root: Path):
    """The server once it answers HTTP; stopped if it never does."""
    try:
        wait_for_http(port, process=process, log=root / "error.log")
    except BaseException:
        process.kill()
        process.wait(timeout=10)
        raise
    return process, root


# nginx serves HTTPS (self-signed certificate made here) on the port a
# test asks for, and redirects plain HTTP from another port.
HTTPS_PORTS: dict[int, int] = {}  # HTTPS port → its plain HTTP port


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    certificate, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(certificate),
        ],
        check=True,
        capture_output=True,
    )
    return certificate, key


def start_nginx(site: Path, port: int):
    require(NGINX, "nginx")
    root = readable_copy(site)
    certificate, key = self_signed_certificate(root)
    http_port = free_port()
    shipped = (ROOT / "deploy" / "nginx" / "lecentsept.conf").read_text(encoding="utf-8")
    server = (
        shipped.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
        .replace("listen 443 ssl;", f"listen 127.0.0.1:{port} ssl;")
        .replace("/etc/letsencrypt/live/www.lecentsept.fr/fullchain.pem", str(certificate))
        .replace("/etc/letsencrypt/live/www.lecentsept.fr/privkey.pem", str(key))
        .replace("root /var/www/lecentsept;", f"root {root / 'www'};")
        .replace("/var/www/lecentsept/", f"{root / 'www'}/")
    )
    assert str(certificate) in server and f"{http_port};" in server
    HTTPS_PORTS[port] = http_port
    (root / "lecentsept.conf").write_text(server, encoding="utf-8")
    shutil.copy(ROOT / "deploy" / "nginx" / "securite.conf", root)
    shutil.copy(ROOT / "deploy" / "nginx" / "securite-admin.conf", root)
    temp = "".join(
        f"{name}_temp_path {root}/{name};\n"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (root / "nginx.conf").write_text(
        f"daemon off;\nmaster_process off;\npid {root}/nginx.pid;\nerror_log {root}/error.log;\n"
        f"events {{}}\nhttp {{\ninclude /etc/nginx/mime.types;\naccess_log off;\n{temp}"
        f"include {root}/lecentsept.conf;\n}}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen([NGINX, "-p", str(root), "-c", str(root / "nginx.conf")])
    return ready(process, port, root)


APACHE_MODULES_USED = ["mpm_event", "authz_core", "dir", "mime", "headers", "rewrite", "alias"]


def write_apache_conf(
    folder: Path, document_root: Path, port: int, modules=tuple(APACHE_MODULES_USED)
) -> Path:
    """A minimal Apache configuration in ``folder`` (its pid and logs there
    too): ``document_root`` served on loopback, children as www-data,
    the site's .htaccess read."""
    conf = folder / "apache.conf"
    conf.write_text(
        "".join(f"LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so\n" for m in modules)
        + f"""Listen 127.0.0.1:{port}
ServerName localhost
User www-data
Group www-data
PidFile {folder}/apache.pid
DefaultRuntimeDir {folder}
ErrorLog {folder}/error.log
TypesConfig /etc/mime.types
DocumentRoot {document_root}
<Directory {document_root}>
    AllowOverride All
    Require all granted
</Directory>
""",
        encoding="utf-8",
    )
    return conf


def start_apache(site: Path, port: int, modules=tuple(APACHE_MODULES_USED)):
    require(APACHE, "apache2")
    root = readable_copy(site)
    write_apache_conf(root, root / "www", port, modules)
    process = subprocess.Popen([APACHE, "-f", str(root / "apache.conf"), "-DFOREGROUND"])
    return ready(process, port, root)


@pytest.fixture(scope="module", params=["nginx", "apache"])
def server(request, tmp_path_factory):
    port = free_port()
    scheme = "https" if request.param == "nginx" else "http"
    site = build_site(
        tmp_path_factory.mktemp(request.param),
        settings="publishconf.py",
        env={"SITEURL": f"{scheme}://127.0.0.1:{port}", **ONLINE_EDITOR},
    )
    start = start_nginx if request.param == "nginx" else start_apache
    process, root = start(site, port)
    yield request.param, port, site
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(root, ignore_errors=True)


def base_url(port: int) -> str:
    return f"{'https' if port in HTTPS_PORTS else 'http'}://127.0.0.1:{port}"


def get(port, path, **headers):
    if port in HTTPS_PORTS:
        connection = http.client.HTTPSConnection(
            "127.0.0.1", port, timeout=10, context=ssl._create_unverified_context()
        )
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()


def test_clean_urls_and_old_interview_address(server):
    _, port, _ = server
    for path in ("/", "/a-propos/", "/rencontres/", "/programmes/centsept-labs/"):
        status, headers, _ = get(port, path)
        assert status == 200, path
        assert headers["content-type"].startswith("text/html")
    status, _, body = get(port, f"/{OLD_INTERVIEW_PATH}/")
    assert status == 200 and "Alain Blum" in body.decode("utf-8")


def test_french_404_with_its_status(server):
    _, port, _ = server
    status, _, body = get(port, "/cette-page-n-existe-pas/")
    assert status == 404
    assert "Page introuvable" in body.decode("utf-8")


def test_security_headers_on_pages_assets_and_errors(server):
    _, port, site = server
    css = next((site / "theme" / "css").glob("site.*.css")).name
    for path in ("/", f"/theme/css/{css}", "/cette-page-n-existe-pas/"):
        _, headers, _ = get(port, path)
        for name, value in PRODUCTION["SECURITY_HEADERS"].items():
            assert headers.get(name.lower()) == value, (path, name)


def test_the_web_editor_gets_its_own_policy_instead_of_the_site_one(server):
    _, port, _ = server
    status, headers, body = get(port, "/admin/")
    assert status == 200 and b"decap-cms.js" in body
    expected = {**PRODUCTION["SECURITY_HEADERS"], "Content-Security-Policy": ADMIN_HEADER_CSP}
    for name, value in expected.items():
        assert headers.get(name.lower()) == value, name
    _, headers, _ = get(port, "/admin/config.yml")
    assert headers["content-security-policy"] == ADMIN_HEADER_CSP
    _, headers, _ = get(port, "/a-propos/")
    assert headers["content-security-policy"] == PRODUCTION["CONTENT_SECURITY_POLICY"]


def test_cache_headers(server):
    _, port, site = server
    _, headers, _ = get(port, f"/{OLD_INTERVIEW_PATH}/")
    assert headers["cache-control"] == "no-cache"
    css = next(p for p in (site / "theme" / "css").glob("site.*.css") if p.name.count(".") == 2)
    status, headers, body = get(port, f"/theme/css/{css.name}")
    assert status == 200 and body == css.read_bytes()
    assert headers["cache-control"] == "public, max-age=31536000, immutable"


def test_precompressed_files(server):
    name, port, site = server
    status, headers, body = get(port, "/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert headers["content-type"].startswith("text/html")
    assert gzip.decompress(body) == (site / "index.html").read_bytes()
    if name == "apache":  # Debian's nginx has no brotli_static
        status, headers, body = get(port, "/a-propos/", **{"Accept-Encoding": "br, gzip"})
        assert headers.get("content-encoding") == "br"
        assert brotli.decompress(body) == (site / "a-propos" / "index.html").read_bytes()
    status, headers, body = get(port, "/a-propos/")
    assert "content-encoding" not in headers
    assert body == (site / "a-propos" / "index.html").read_bytes()


def test_old_feed_address_redirects(server):
    _, port, _ = server
    status, headers, _ = get(port, "/feed/")
    assert status == 301
    assert headers["location"].endswith("/flux/rencontres.atom.xml")


def test_search_works_under_the_served_csp(server, browser):
    _, port, _ = server
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.goto(f"{base_url(port)}/recherche/?q=mayonnaise")
    page.locator("#recherche-resultats li a").first.wait_for(timeout=15000)
    hrefs = [a.get_attribute("href") for a in page.locator("#recherche-resultats li a").all()]
    assert any(OLD_INTERVIEW_PATH in href for href in hrefs)
    assert problems == []
    context.close()


def test_hidden_files_are_never_served(server):
    """/.htaccess and other dotfiles (a publish manifest, say): 404."""
    _, port, site = server
    assert (site / ".htaccess").is_file()
    assert (site / "admin" / ".htaccess").is_file()
    # /admin/ has a location of its own (« ^~ » in nginx): the rule holds there too.
    for path in ("/.htaccess", "/.publication.json", "/theme/.cache", "/admin/.htaccess"):
        status, _, body = get(port, path)
        assert status == 404, path
        assert "Page introuvable" in body.decode("utf-8")


@pytest.mark.parametrize("server", ["nginx"], indirect=True)
def test_nginx_sends_plain_http_to_https(server):
    _, port, _ = server
    connection = http.client.HTTPConnection("127.0.0.1", HTTPS_PORTS[port], timeout=10)
    connection.request("GET", f"/{OLD_INTERVIEW_PATH}/")
    response = connection.getresponse()
    assert response.status == 301
    assert response.getheader("Location") == f"https://127.0.0.1/{OLD_INTERVIEW_PATH}/"


def test_apache_without_mod_headers_refuses_rather_than_serving_unprotected(tmp_path):
    """The .htaccess has no <IfModule mod_headers.c>: a host without the
    module answers 500, it never serves pages without their headers."""
    port = free_port()
    site = build_site(
        tmp_path / "site", settings="publishconf.py", env={"SITEURL": f"http://127.0.0.1:{port}"}
    )
    modules = [m for m in APACHE_MODULES_USED if m != "headers"]
    process, root = start_apache(site, port, modules=modules)
    try:
        status, headers, _ = get(port, "/")
        assert status == 500
        assert "content-security-policy" not in headers
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)
