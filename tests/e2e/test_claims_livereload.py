"""The guide's promise for `invoke livereload` in a real browser
(docs/affirmations.md, G-livereload): « la page se recharge d’elle-même à
chaque enregistrement »."""

import os
import signal
import subprocess

from tests.e2e.test_claims_tasks import copy_with_its_sitetools
from tests.helpers import (
    INVOKE,
    OLD_INTERVIEW_PATH,
    free_port,
    start_as_in_a_terminal,
    wait_for_http,
)


# It failed while python-livereload's script was inline (the page's
# Content-Security-Policy <meta> blocked it); it is now a same-origin file
# (sitetools/live.py), which the policy allows.
def test_the_open_page_reloads_itself_when_a_file_is_saved(browser, tmp_path):
    project, env = copy_with_its_sitetools(tmp_path)
    source = next((project / "content" / "rencontres").glob("*alain-blum*.md"))
    port = free_port()
    server = start_as_in_a_terminal(
        [INVOKE, "livereload", "--port", str(port)],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for_http(port, host="localhost", timeout=120, process=server)
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"http://localhost:{port}/{OLD_INTERVIEW_PATH}/")
        assert "Alain Blum" in page.title()
        # python-livereload ignores a change within 3 s of its last reload.
        page.wait_for_timeout(4000)
        marker = "Phrase ajoutée pendant que la page est ouverte"
        source.write_text(source.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
        # No goto: the page the reader has open shows the new text by itself.
        page.get_by_text(marker).wait_for(timeout=30000)
        context.close()
    finally:
        os.killpg(server.pid, signal.SIGINT)  # Ctrl+C, as a person stops it
        server.wait(timeout=30)
    assert (project / "output" / OLD_INTERVIEW_PATH / "index.html").is_file()
