"""`invoke check` run as a command: its exit status, its output (text
and GitHub annotations), --strict, and the real content passing it."""

import subprocess

from tests.helpers import FIXTURE, INVOKE, ROOT, content_with, replaced_in_good


def invoke(*args, cwd=ROOT):
    return subprocess.run([INVOKE, "check", *args], cwd=cwd, capture_output=True, text=True)


def test_cli_exit_status_and_output(tmp_path):
    clean = invoke("--content", str(FIXTURE))
    assert clean.returncode == 0, clean.stdout
    assert "0 erreur(s)" in clean.stdout

    content = content_with(
        tmp_path, "rencontres/essai.md", replaced_in_good("[prog-a]", "[prog-c]")
    )
    broken = invoke("--content", str(content))
    assert broken.returncode == 1
    assert "content/rencontres/essai.md:6: programmes: « prog-c » n’existe pas" in broken.stdout
    assert "1 erreur(s)" in broken.stdout

    github = invoke("--content", str(content), "--format", "github")
    assert "::error file=content/rencontres/essai.md,line=6,title=programmes::" in github.stdout


def test_warnings_fail_only_with_strict(tmp_path):
    # A link in plain http:// is a warning (a chapô over its limit is an
    # error since the field types: kinds.py).
    content = content_with(
        tmp_path,
        "rencontres/essai.md",
        replaced_in_good("Une réponse.", "Une réponse, [ailleurs](http://exemple.org/)."),
    )
    assert invoke("--content", str(content)).returncode == 0
    strict = invoke("--content", str(content), "--strict")
    assert strict.returncode == 1
    assert "content/rencontres/essai.md:12: lien: avertissement : adresse en http" in strict.stdout


def test_real_content_passes_strict():
    result = invoke("--strict")
    assert result.returncode == 0, result.stdout


def test_errors_come_first_and_notes_are_counted_unless_asked(tmp_path):
    """An editor sees the one error, not buried under « à compléter »
    notes: those are counted, and shown with --notes."""
    content = content_with(
        tmp_path, "rencontres/essai.md", replaced_in_good("[prog-a]", "[prog-c]")
    )
    note = content / "rencontres" / "essai.md"
    note.write_text(
        note.read_text(encoding="utf-8").replace(
            "title:", "a_completer: Photo à fournir.\ntitle:", 1
        ),
        encoding="utf-8",
    )
    plain = invoke("--content", str(content))
    lines = plain.stdout.splitlines()
    assert lines[0].startswith("content/rencontres/essai.md:") and "prog-c" in lines[0]
    assert "Photo à fournir" not in plain.stdout
    notes = int(lines[-2].split(", ")[2].split()[0])
    assert notes >= 1 and "--notes" in lines[-1]
    shown = invoke("--content", str(content), "--notes")
    assert "a_completer: à compléter : Photo à fournir." in shown.stdout
    assert shown.stdout.index("prog-c") < shown.stdout.index("Photo à fournir")
