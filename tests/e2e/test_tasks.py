"""The README's first command ends in `invoke serve`: it must serve the
home page and the interview's old address. Builds swap in only when
finished; every failure is one French message, never a traceback."""

import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from sitetools.serve import free_port
from tests.helpers import FIXTURE, INVOKE, OLD_INTERVIEW_PATH, ROOT, project_copy, wait_for_http


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
        try:
            urllib.request.urlopen(f"http://localhost:{port}/nulle-part/", timeout=5)
        except urllib.error.HTTPError as error:
            assert error.code == 404 and "Page introuvable" in error.read().decode("utf-8")
        else:
            raise AssertionError("une adresse inconnue doit répondre 404")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert "Site servi sur" in output


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
    assert (output / "index.html").is_file() and (output / "premier" / "index.html").is_file()
    assert not list(tmp_path.glob(".site.nouveau-*"))
