"""`invoke new-interview`'s core (sitetools.interview), in this process:
the address it prints is the one `invoke livereload` serves the draft at,
on the port given (issue 25: it always said 8000)."""

import shutil

from sitetools.interview import create_interview
from tests.helpers import FIXTURE


def test_the_printed_address_follows_the_livereload_port(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    lines = create_interview("Ana Lyse", content=content, port=8123)
    assert "  http://localhost:8123/brouillons/entretien-ana-lyse/" in lines
    assert any("« invoke livereload --port 8123 »" in line for line in lines)
    default = create_interview("Ana Lyse", slug="autre", content=content)
    assert "  http://localhost:8000/brouillons/autre/" in default
    assert any("« invoke livereload »" in line for line in default)
