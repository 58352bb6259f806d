"""The pure core of plugins/yaml_frontmatter."""

import copy
import datetime

import pytest
from plugins.yaml_frontmatter.core import FrontMatterError, split_front_matter


def test_metadata_body_and_lines():
    parsed = split_front_matter(
        "---\ntitle: Bonjour\n# commentaire\nDate: 2018-01-15\n---\n\nTexte.\n"
    )
    assert parsed.metadata == {"title": "Bonjour", "date": datetime.date(2018, 1, 15)}
    assert parsed.key_lines == {"title": 2, "date": 4}
    assert parsed.body == "\nTexte.\n"
    assert parsed.body_first_line == 6


def test_yaml_types_are_kept():
    parsed = split_front_matter("---\ndate: 2018-01\nprogrammes: [a, b]\n---\n")
    assert parsed.metadata == {"date": "2018-01", "programmes": ["a", "b"]}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("Pas d’en-tête\n", 1, "l’en-tête manque"),
        ("---\ntitle: x\n", 1, "n’est pas refermé"),
        ("---\ntitle: x\ndate: [2018\n---\n", 3, "illisible"),
        ("---\ntitle: x\n  bad: indent: here\n---\n", 3, "illisible"),
        ("---\n- une\n- liste\n---\n", 2, "nom: valeur"),
    ],
)
def test_errors_name_the_line(text, line, message):
    with pytest.raises(FrontMatterError) as raised:
        split_front_matter(text)
    assert raised.value.line == line
    assert message in raised.value.message


def read_with_pelican(tmp_path, text):
    from pelican.settings import DEFAULT_CONFIG
    from plugins.yaml_frontmatter import YamlFrontMatterReader

    source = tmp_path / "essai.md"
    source.write_text(text, encoding="utf-8")
    return YamlFrontMatterReader(copy.deepcopy(DEFAULT_CONFIG)).read(str(source))


def test_reader_keeps_a_first_line_that_looks_like_metadata(tmp_path):
    """Python-Markdown's meta extension would take « Note: … » for a field."""
    content, metadata = read_with_pelican(
        tmp_path, "---\ntitle: Essai\n---\nNote: ceci est du texte.\n"
    )
    assert content == "<p>Note: ceci est du texte.</p>"
    assert metadata["title"] == "Essai"
    assert "note" not in metadata


def test_reader_formats_summary_and_records_where_fields_are(tmp_path):
    content, metadata = read_with_pelican(
        tmp_path,
        "---\ntitle: Essai\nsummary: Un *chapô*.\nstatus: draft\ndate: 2018-01\n---\nTexte.\n",
    )
    assert metadata["summary"] == "<p>Un <em>chapô</em>.</p>"
    assert metadata["status"] == "draft"
    assert metadata["date"] == "2018-01"  # left for french_dates to read
    assert metadata["key_lines"] == {"title": 2, "summary": 3, "status": 4, "date": 5}


def test_reader_error_names_file_and_line(tmp_path):
    from plugins.yaml_frontmatter import FrontMatterSyntaxError

    with pytest.raises(FrontMatterSyntaxError, match=r"essai\.md:3: .*illisible"):
        read_with_pelican(tmp_path, "---\ntitle: Essai\ndate: [2018\n---\n")
