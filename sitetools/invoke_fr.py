"""invoke in French: the task list's heading and the command-line mistakes.

invoke has no translation hook: its parser raises `ParseError` with
English text (« No idea what 'chek' is! ») and `--list` prints
« Available tasks ». An editor who mistypes a task name must read French
and the nearest task. `install()` (called by tasks.py, which invoke
imports before it parses the tasks or prints the list) replaces the two
methods of `invoke.Program` that produce these texts; the translation
itself is the pure function `french_parse_error`.
"""

from __future__ import annotations

import difflib
import inspect
import re

from invoke import Program
from invoke.exceptions import ParseError

NBSP = "\u00a0"

# invoke's messages (invoke/parser/parser.py, invoke/program.py) → French.
UNKNOWN = re.compile(r"^No idea what '(?P<token>.*)' is!$")
MISSING_ARGUMENTS = re.compile(
    r"^'(?P<task>[^']+)' did not receive required positional arguments: (?P<names>.+)$"
)
MISSING_VALUE = re.compile(
    r"^Flag <Argument: (?P<names>[^>]*)> needed value and was not given one!$"
)
NO_VALUE = re.compile(r"^Flag <Argument: (?P<names>[^>]*)> doesn't take any value!$")


def french_parse_error(
    message: str, task_names: list[str], flag_names: list[str], task: str | None = None
) -> str:
    """The French line for one of invoke's parse errors (unknown ones kept).

    `task` is the task whose options were being read, if any.
    """
    if found := UNKNOWN.match(message):
        token = found["token"]
        is_option = token.startswith("-")
        known = flag_names if is_option else task_names
        line = f"« {token} » : {'option' if is_option else 'tâche'} inconnue."
        if nearest := difflib.get_close_matches(token, known, n=1, cutoff=0.6):
            line += f" Vouliez-vous dire « {nearest[0]} »{NBSP}?"
        if is_option and task:
            return line + f" Ses options : invoke {task} --help"
        return line + " La liste des tâches : invoke --list"
    if found := MISSING_ARGUMENTS.match(message):
        names = ", ".join(f"« {name.strip(chr(39))} »" for name in found["names"].split(", "))
        task = found["task"]
        return f"« invoke {task} » attend : {names}. Son aide : invoke {task} --help"
    if found := MISSING_VALUE.match(message):
        return f"L’option « {_flag(found['names'])} » attend une valeur."
    if found := NO_VALUE.match(message):
        return f"L’option « {_flag(found['names'])} » ne prend pas de valeur."
    return message


def _flag(names: str) -> str:
    """`strict (s)` → `--strict`, as the editor typed it."""
    return "--" + names.split(" ")[0].replace("_", "-")


def task_list_opener(program: Program, extra: str = "") -> str:
    # invoke adds the colon: a no-break space goes before it, in French.
    return "Tâches disponibles" + (f" ({extra})" if extra else "") + NBSP


# What invoke prints for an option's value type (`--content=STRING`).
VALUE_NAMES = {"STRING": "TEXTE", "INT": "NOMBRE", "LIST": "LISTE"}


def french_option_spec(spec: str) -> str:
    """`-c STRING, --content=STRING` → `-c TEXTE, --content=TEXTE`."""
    return re.sub(r"\b(STRING|INT|LIST)\b", lambda found: VALUE_NAMES[found[1]], spec)


def print_task_help(program: Program, name: str) -> None:
    """`invoke check --help`, in French (invoke's own is « Usage / Docstring »)."""
    tuples = [
        (french_option_spec(spec), text)
        for spec, text in program.parser.contexts[name].help_tuples()
    ]
    print(f"Utilisation{NBSP}: invoke {name}{' [options]' if tuples else ''}\n")
    for line in (inspect.getdoc(program.collection[name]) or "").splitlines():
        print(program.leading_indent + line if line.strip() else "")
    print(f"\nOptions{NBSP}:")
    if tuples:
        program.print_columns(tuples)
    else:
        print(program.leading_indent + "aucune\n")


def install() -> None:
    english_parse_tasks = Program.parse_tasks

    def parse_tasks(program: Program) -> None:
        try:
            english_parse_tasks(program)
        except ParseError as error:
            tasks = list(program.collection.task_names)
            context = getattr(error, "context", None)
            flags = sorted(context.flags) if context is not None else []
            task = getattr(context, "name", None)
            raise ParseError(french_parse_error(str(error), tasks, flags, task)) from None

    Program.parse_tasks = parse_tasks
    Program.task_list_opener = task_list_opener
    Program.print_task_help = print_task_help
