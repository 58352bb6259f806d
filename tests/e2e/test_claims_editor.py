"""The guide's promise for `invoke editer` (docs/affirmations.md,
G-editeur-reconstruit): « Le site lui-même reste visible sur
http://localhost:8000/ et se reconstruit à chaque enregistrement »."""

import os
import signal
import subprocess
import time
import urllib.request

from tests.e2e.test_claims_tasks import copy_with_its_sitetools
from tests.helpers import (
    INVOKE,
    OLD_INTERVIEW_PATH,
    ROOT,
    free_port,
    start_as_in_a_terminal,
    wait_for_http,
)


def test_the_site_beside_the_editor_is_rebuilt_when_a_file_is_saved(tmp_path):
    project, env = copy_with_its_sitetools(tmp_path)
    # decap-server comes from the project's node_modules (`npm ci`), not copied.
    assert (ROOT / "node_modules" / "decap-server").is_dir(), "lancez npm ci"
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    source = next((project / "content" / "rencontres").glob("*alain-blum*.md"))
    port, editor_port = free_port(), free_port()
    process = start_as_in_a_terminal(
        [INVOKE, "editer", "--port", str(port), "--port-editeur", str(editor_port)]
        + ["--output", str(tmp_path / "site")],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    address = f"http://localhost:{port}/{OLD_INTERVIEW_PATH}/"
    marker = "Phrase enregistrée pendant que l’éditeur tourne"
    try:
        wait_for_http(port, host="localhost", timeout=120, process=process)
        with urllib.request.urlopen(address, timeout=10) as response:
            assert marker not in response.read().decode("utf-8")
        source.write_text(source.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
        deadline = time.monotonic() + 60
        while True:
            with urllib.request.urlopen(address, timeout=10) as response:
                if marker in response.read().decode("utf-8"):
                    break
            assert time.monotonic() < deadline, "le site n’a pas été reconstruit en 60 s"
            time.sleep(0.5)
    finally:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl+C, as a person stops it
        process.wait(timeout=30)
