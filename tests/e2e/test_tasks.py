"""invoke tasks run as commands. The README's first command ends in
`invoke serve`: it must serve the home page and the interview's old
address. `invoke build` swaps a finished build in."""

import subprocess
import urllib.error
import urllib.request

from sitetools.serve import free_port
from tests.helpers import INVOKE, OLD_INTERVIEW_PATH, ROOT, project_copy, wait_for_http


def fetch(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


def test_invoke_serve_serves_home_and_old_address(tmp_path):
    port = free_port()
    server = subprocess.Popen(
        [INVOKE, "serve", "--port", str(port), "--output", str(tmp_path / "site")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        try:  # it builds the site first, then serves
            wait_for_http(port, host="localhost", timeout=60, process=server)
        except RuntimeError as error:
            server.terminate()
            raise AssertionError(f"{error}\n{server.communicate(timeout=10)[0]}") from None
        status, home = fetch(f"http://localhost:{port}/")
        assert status == 200 and "<html lang=\"fr\">" in home
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
    subprocess.run([INVOKE, "build", "--output", str(output)], cwd=project, check=True,
                   capture_output=True)
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert before
    broken = project / "content" / "rencontres" / "zz-essai-casse.md"
    broken.write_text("---\ntitle: Essai\ndate: [2018\n---\nTexte.\n", encoding="utf-8")
    result = subprocess.run([INVOKE, "build", "--output", str(output)],
                            cwd=project, capture_output=True, text=True)
    assert result.returncode != 0
    assert "zz-essai-casse.md:3" in result.stdout + result.stderr
    after = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".construction-*"))
    assert not (ROOT / "content" / "rencontres" / "zz-essai-casse.md").exists()
