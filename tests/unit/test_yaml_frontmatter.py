"""The content model's input stage (plugins/content_model/source.py) and
the Pelican reader that hands its result over (plugins/yaml_frontmatter)."""

import copy
import datetime

import pytest

from plugins.content_model.source import FrontMatterError, split_front_matter


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
        ("---\ntitle: x\ndate: [2018\n---\n", 3, "crochet « [ » jamais refermé"),
        ("---\ntitle: x\n  bad: indent: here\n---\n", 3, "ligne décalée"),
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

    with pytest.raises(FrontMatterSyntaxError, match=r"essai\.md:3: .*crochet"):
        read_with_pelican(tmp_path, "---\ntitle: Essai\ndate: [2018\n---\n")


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        ("---\ntitle: a\n\tsummary: b\n---\n", 3, "summary", "une tabulation"),
        ("---\ntitle: a\ninterviewees:\n\t- a\n---\n", 4, "en-tête", "une tabulation"),
        (
            "---\ntitle: Entretien : Émilie\n---\n",
            2,
            "title",
            'mettez-la entre guillemets, par exemple title: "Entretien : Émilie"',
        ),
        (
            '---\ntitle: a\nsummary: "abc\ndate: 2018\nx: y\n---\n',
            3,
            "summary",
            "guillemet jamais refermé",
        ),
        ("---\ntitle: a\nsummary b\ndate: 2018\n---\n", 3, "en-tête", "ligne sans « : »"),
        ("---\ntitle: @home\n---\n", 2, "title", "ne peut pas commencer par « @ »"),
        ("---\na: &x [1]\nb: *x\n---\n", 2, "en-tête", "alias YAML"),
        (
            "---\nstatus: draft\ntitle: a\nstatus: published\n---\n",
            4,
            "status",
            "écrit deux fois (lignes 2 et 4)",
        ),
    ],
    ids=[
        "tab",
        "tab in list",
        "colon in title",
        "open quote",
        "no colon",
        "at sign",
        "alias",
        "duplicate key",
    ],
)
def test_yaml_mistakes_get_a_french_line_and_what_to_do(text, line, field, words):
    with pytest.raises(FrontMatterError) as caught:
        split_front_matter(text)
    assert (caught.value.line, caught.value.field) == (line, field)
    assert words in caught.value.message
    assert not any(english in caught.value.message for english in ("found", "expected", "mapping"))


def test_alias_bomb_is_refused_before_it_expands():
    """Nested aliases (« billion laughs ») would expand to gigabytes."""
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    with pytest.raises(FrontMatterError, match="alias"):
        split_front_matter("---\n" + "\n".join(levels) + "\n---\n")


@pytest.mark.parametrize("character", ["\x1b", "\x00", "\x85", "\x9b", "\u2028", "\ufeff"])
def test_a_raw_control_character_in_a_quoted_value_is_named_at_its_line(character):
    """Issue 22: YAML's own error is English, without a line (ReaderError)."""
    text = f'---\ntitle: Essai\nsummary: "un{character}deux"\n---\nCorps.\n'
    with pytest.raises(FrontMatterError) as raised:
        split_front_matter(text)
    assert (raised.value.line, raised.value.field) == (3, "summary")
    assert f"U+{ord(character):04X}" in raised.value.message
