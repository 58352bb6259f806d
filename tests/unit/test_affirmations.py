"""What README.md and the editors' guide promise has a test: the table of
docs/affirmations.md lists each behaviour claim (an identifier, its
file, a fragment of its sentence copied verbatim, the tests that prove
it), and this module keeps the table and the documents together.

- Each fragment is still in its file (white space folded, so a re-wrapped
  line does not matter): a claim reworded must be listed again.
- Each test named exists: the file is read with ``ast`` (the unit layer
  runs no subprocess, so no ``pytest --collect-only``) and the function is
  defined in it, at module level or in a class; a parametrized node
  (``test_x[cas]``) names its function.
- A claim without a test, or tested in part only (false today: its test
  is a strict xfail), says « à écrire » in its tests column, with what is
  missing; those are printed (a warning in pytest's summary), not failed.
  A claim with neither a test nor « à écrire » fails.
- A new claim without a test is visible: each sentence of the two
  documents that reads like one (the heuristic below) must contain a
  fragment of the table, or of its list « Pas des affirmations » (each
  with its reason).

The heuristic, kept simple on purpose: the documents are cut into
paragraphs, list items and table rows (code blocks, headings, images and
comments left out), then into sentences at « . ! ? … » followed by a
capital; a sentence is a candidate claim when it names an actor of the
site (« le site », « la construction », « la publication », « l’outil »,
« l’éditeur », « l’import », « invoke … »…) or uses one of the verbs and
words that the documents use to say what the site does: refuse,
affiche, publie, redirige, signale, sert, envoie, supprime, garde,
« jamais », « aucun », « testé », « un test ». It catches sentences that
are not claims (those are listed with a reason) and misses claims worded
otherwise (those are in the table all the same): its job is to make a
new promise in the usual words show up here, not to understand French.
"""

from __future__ import annotations

import ast
import re
import warnings
from functools import cache

from tests.helpers import ROOT

TABLE = ROOT / "docs" / "affirmations.md"
DOCUMENTS = ("README.md", "docs/guide-redaction.md")

CANDIDATE = re.compile(
    r"(?i)\b(le site|la construction|chaque construction|la publication|la tâche|l’outil"
    r"|l’éditeur|l’import|la vérification|invoke [a-z-]+|jamais|aucune?|refus\w*|affich\w*"
    r"|redirig\w*|signal\w*|publi(?:e|é|ée|és|ées)|sert|servie?s?|envoie|supprim\w*|garde"
    r"|testée?s?|un test)\b"
)
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀÂÉÈÎÔÙÇ«(`*])")
NODE = re.compile(r"`(tests/[\w/]+\.py)::([\w:]+?)(\[[^\]`]*\])?`")
IDENTIFIER = re.compile(r"[RG]-[a-z0-9]+(-[a-z0-9]+)*")
TO_WRITE = "à écrire"


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def blocks(text: str):
    """Paragraphs, list items and table rows of a Markdown document, each
    on one line; code (fenced or indented), headings, images and comments
    are not sentences of the document."""
    current: list[str] = []
    fenced = False
    for line in text.split("\n"):
        stripped = line.strip()
        if line.startswith("```"):
            fenced = not fenced
            yield from _flush(current)
            continue
        if fenced:
            continue
        if not stripped or line.startswith("#") or stripped.startswith(("<!--", "![")):
            yield from _flush(current)
            continue
        if line.startswith("    ") and not current:
            continue  # an indented code block (a list item's lines are indented by 2)
        if stripped.startswith("|"):
            yield from _flush(current)
            if not set(stripped) <= set("|-: "):
                yield stripped
            continue
        if re.match(r"(- |\d+\. )", stripped):
            yield from _flush(current)
        current.append(stripped)
    yield from _flush(current)


def _flush(current: list[str]):
    if current:
        yield " ".join(current)
        current.clear()


def sentences(text: str) -> list[str]:
    return [fold(s) for block in blocks(text) for s in SENTENCE_END.split(block)]


def rows(section: str) -> list[list[str]]:
    """The rows of the first table under the heading `section` of the
    affirmations document, as lists of cells (header and rule left out)."""
    text = TABLE.read_text(encoding="utf-8")
    start = text.index(f"\n## {section}\n")
    end = text.find("\n## ", start + 1)
    lines = text[start : end if end != -1 else None].split("\n")
    table = [line for line in lines if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in table[2:]]


def unescape(cell: str) -> str:
    """A « | » of the documents is written « \\| » in a cell of the table."""
    return cell.replace("\\|", "|")


@cache
def claims() -> list[dict]:
    found = []
    for cells in rows("Affirmations"):
        assert len(cells) == 4, f"docs/affirmations.md : ligne de tableau mal formée : {cells}"
        identifier, document, quote, tests = cells
        found.append({"id": identifier, "file": document, "quote": unescape(quote), "tests": tests})
    return found


@cache
def not_claims() -> list[dict]:
    found = []
    for cells in rows("Pas des affirmations"):
        assert len(cells) == 3, f"docs/affirmations.md : ligne de tableau mal formée : {cells}"
        document, quote, reason = cells
        found.append({"file": document, "quote": unescape(quote), "reason": reason})
    return found


@cache
def document(name: str) -> str:
    return fold((ROOT / name).read_text(encoding="utf-8"))


def test_the_table_is_well_formed():
    assert len(claims()) >= 100
    identifiers = [claim["id"] for claim in claims()]
    problems = [
        f"identifiant en double : {i}" for i in set(identifiers) if identifiers.count(i) > 1
    ]
    problems += [f"identifiant mal formé : {i}" for i in identifiers if not IDENTIFIER.fullmatch(i)]
    for item in claims() + not_claims():
        words = len(item["quote"].split())
        if item["file"] not in DOCUMENTS:
            problems.append(f"fichier inconnu : {item['file']}")
        if not 4 <= words <= 12:
            problems.append(f"citation de {words} mots (4 à 12) : {item['quote']}")
    problems += [f"raison manquante : {i['quote']}" for i in not_claims() if len(i["reason"]) < 6]
    assert not problems, "\n".join(problems)


def test_every_quote_is_still_in_its_document():
    moved = [
        f"{item['file']} : « {item['quote']} » ({item.get('id', 'pas une affirmation')})"
        for item in claims() + not_claims()
        if fold(item["quote"]) not in document(item["file"])
    ]
    assert not moved, "phrases changées, à relister dans docs/affirmations.md :\n" + "\n".join(
        moved
    )


@cache
def functions(path: str) -> frozenset[str]:
    """The test functions of a file: `name` at module level, `Class::name`
    in a class."""
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef):
            names.update(
                f"{node.name}::{item.name}"
                for item in node.body
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
            )
    return frozenset(names)


def test_every_claim_names_tests_that_exist_or_says_they_are_to_write():
    problems = []
    for claim in claims():
        nodes = NODE.findall(claim["tests"])
        if not nodes and TO_WRITE not in claim["tests"]:
            problems.append(f"{claim['id']} : ni test ni « {TO_WRITE} »")
        for path, name, _parameters in nodes:
            if not (ROOT / path).is_file():
                problems.append(f"{claim['id']} : fichier de test absent : {path}")
            elif name not in functions(path):
                problems.append(f"{claim['id']} : test absent : {path}::{name}")
    assert not problems, "\n".join(problems)


def test_every_sentence_that_reads_like_a_claim_is_listed():
    listed = {name: [] for name in DOCUMENTS}
    for item in claims() + not_claims():
        listed[item["file"]].append(fold(item["quote"]))
    missing = []
    for name in DOCUMENTS:
        text = (ROOT / name).read_text(encoding="utf-8")
        for sentence in sentences(text):
            if CANDIDATE.search(sentence) and not any(q in sentence for q in listed[name]):
                missing.append(f"{name} : {sentence}")
    assert not missing, (
        "phrases qui ressemblent à une affirmation, absentes de docs/affirmations.md "
        "(une ligne « Affirmations » avec ses tests, ou « Pas des affirmations » avec "
        "la raison) :\n" + "\n".join(missing)
    )


def test_the_heuristic_finds_the_claims_it_is_meant_to():
    """The cutting and the pattern on sentences written like the
    documents': a claim in the usual words is a candidate, a how-to is not."""
    text = (
        "Intro.\n\n- **Brouillons** : `status: draft` ; jamais en production.\n"
        "- Second point, sans verbe du site.\n\n    invoke check refuse tout\n\n"
        "| `build` | construit le site |\n| --- | --- |\n\n"
        "Le site affiche la date. Ouvrez le fichier.\n"
    )
    found = sentences(text)
    assert "Le site affiche la date." in found and "Ouvrez le fichier." in found
    assert not any("invoke check refuse" in s for s in found)  # code, not a sentence
    candidates = [s for s in found if CANDIDATE.search(s)]
    assert candidates == [
        "- **Brouillons** : `status: draft` ; jamais en production.",
        "| `build` | construit le site |",
        "Le site affiche la date.",
    ]


def test_claims_still_to_test_are_printed():
    """Not a failure: the promises still without a test, or tested in part
    (« à écrire » and what is missing), printed in pytest's summary so
    that they stay in sight."""
    waiting = []
    for claim in claims():
        if TO_WRITE in claim["tests"]:
            missing = claim["tests"].split(TO_WRITE, 1)[1].strip(" :")
            tested = "en partie" if NODE.findall(claim["tests"]) else "sans test"
            waiting.append(f"{claim['id']} ({tested}) : {missing}")
    if waiting:
        report = f"{len(waiting)} affirmation(s) à tester (« {TO_WRITE} ») :\n" + "\n".join(waiting)
        print(report)
        warnings.warn(report, UserWarning, stacklevel=1)
