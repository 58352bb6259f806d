"""invoke's English parse errors → French lines for editors (sitetools/invoke_fr.py)."""

import pytest

from sitetools.invoke_fr import french_option_spec, french_parse_error

TASKS = ["check", "build", "livereload", "new-interview", "import-wordpress"]
FLAGS = ["--content", "--format", "--notes", "--strict", "-c", "-f", "-n", "-s"]


@pytest.mark.parametrize(
    ("message", "task", "expected"),
    [
        (
            "No idea what 'chek' is!",
            None,
            "« chek » : tâche inconnue. Vouliez-vous dire « check »\u00a0? "
            "La liste des tâches : invoke --list",
        ),
        (
            "No idea what 'xyzzy' is!",
            None,
            "« xyzzy » : tâche inconnue. La liste des tâches : invoke --list",
        ),
        (
            "No idea what '--strcit' is!",
            "check",
            "« --strcit » : option inconnue. Vouliez-vous dire « --strict »\u00a0? "
            "Ses options : invoke check --help",
        ),
        (
            "'import-wordpress' did not receive required positional arguments: 'export'",
            None,
            "« invoke import-wordpress » attend : « export ». "
            "Son aide : invoke import-wordpress --help",
        ),
        (
            "Flag <Argument: format (f)> needed value and was not given one!",
            "check",
            "L’option « --format » attend une valeur.",
        ),
        (
            "Flag <Argument: strict (s)> doesn't take any value!",
            "check",
            "L’option « --strict » ne prend pas de valeur.",
        ),
        (
            "Flag <Argument: dry_run (d)> doesn't take any value!",
            "import-wordpress",
            "L’option « --dry-run » ne prend pas de valeur.",
        ),
    ],
)
def test_each_parse_error_reads_in_french(message, task, expected):
    assert french_parse_error(message, TASKS, FLAGS, task) == expected


def test_an_unknown_message_is_kept_rather_than_guessed():
    assert french_parse_error("Something new", TASKS, FLAGS) == "Something new"


def test_option_value_names_are_french():
    assert french_option_spec("-c STRING, --content=STRING") == "-c TEXTE, --content=TEXTE"
    assert french_option_spec("-p INT, --port=INT") == "-p NOMBRE, --port=NOMBRE"
    assert french_option_spec("-s, --strict") == "-s, --strict"
