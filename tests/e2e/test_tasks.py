"""The README's first command ends in `invoke serve`: it must serve the
home page and the interview's old address."""

import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from sitetools.serve import free_port
from tests.helpers import OLD_INTERVIEW_PATH, ROOT


def fetch(url: str, deadline: float):
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_invoke_serve_serves_home_and_old_address(tmp_path):
    port = free_port()
    invoke = Path(sys.executable).with_name("invoke")
    server = subprocess.Popen(
        [str(invoke), "serve", "--port", str(port), "--output", str(tmp_path / "site")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        try:
            status, home = fetch(f"http://localhost:{port}/", deadline)
        except OSError:
            server.terminate()
            raise AssertionError(server.communicate(timeout=10)[0]) from None
        assert status == 200 and "<html lang=\"fr\">" in home
        status, page = fetch(f"http://localhost:{port}/{OLD_INTERVIEW_PATH}/", deadline)
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
    """`invoke build` swaps a finished build in; a failure changes nothing."""
    output = tmp_path / "site"
    invoke = Path(sys.executable).with_name("invoke")
    subprocess.run([str(invoke), "build", "--output", str(output)], cwd=ROOT, check=True,
                   capture_output=True)
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    broken = ROOT / "content" / "rencontres" / "zz-essai-casse.md"
    broken.write_text("---\ntitle: Essai\ndate: [2018\n---\nTexte.\n", encoding="utf-8")
    try:
        result = subprocess.run([str(invoke), "build", "--output", str(output)],
                                cwd=ROOT, capture_output=True, text=True)
    finally:
        broken.unlink()
    assert result.returncode != 0
    assert "zz-essai-casse.md:3" in result.stdout + result.stderr
    after = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".construction-*"))
