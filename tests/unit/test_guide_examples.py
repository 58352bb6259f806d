"""The editors' guide (« Que faire quand… ») shows messages exactly as
the tool prints them: each example is regenerated from its mistake."""

import re
import shutil

from sitetools.check import check_site
from tests.editor_mistakes import MISTAKES
from tests.helpers import FIXTURE, ROOT, settings

GUIDE = ROOT / "docs" / "guide-redaction.md"
EXAMPLE = re.compile(r"<!-- exemple: (.+?) -->\n {4}(.+)\n")


def test_the_guide_shows_ten_messages_as_the_tool_prints_them(tmp_path):
    examples = EXAMPLE.findall(GUIDE.read_text(encoding="utf-8"))
    assert len(examples) >= 10
    mistakes = {name: mistake for name, mistake, _ in MISTAKES}
    for number, (name, shown) in enumerate(examples):
        content = tmp_path / str(number) / "content"
        shutil.copytree(FIXTURE, content)
        mistakes[name](content)
        printed = [str(p) for p in check_site(content, settings()) if p.severity == "erreur"]
        assert shown in printed, (name, printed)
