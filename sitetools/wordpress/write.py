"""Writing the plan into content/, without ever overwriting an editor's
work.

How an editor's edit is detected: the import keeps, in
content/.import-wordpress.json (hidden: neither published nor checked),
the SHA-256 of every file exactly as it wrote it. On the next run, a
file is rewritten only if its bytes still have that hash (nobody touched
it); a file whose hash differs was edited, a file that is gone was
deleted: both are left as they are and listed in the report. A file the
import did not write is never written over. A content file it wrote and
no longer makes (the item moved folder or left the export) is removed
only if untouched. Identical bytes are not
rewritten, so a second run on the same export changes no file.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

STATE = ".import-wordpress.json"
MAPPING = "import-wordpress.yaml"
# What the import writes, and so the only paths its state may name.
OWN_FOLDERS = ("rencontres/", "actualites/", "pages/", "personnes/", "images/wordpress/")
OWN_FILES = ("redirections.yaml",)
MARKER = "# Importé du site WordPress par « invoke import-wordpress »"


def front_matter_file(meta: dict, body: str, origin: str) -> str:
    """A content file: YAML front matter (the editors' format), then Markdown."""
    header = dump_yaml(meta, sort_keys=False)
    comment = f"{MARKER} ({origin}).\n"
    return f"---\n{comment}{header}---\n\n{body}".rstrip("\n") + "\n"


def dump_yaml(data, sort_keys: bool) -> str:
    """YAML as an editor would write it; libyaml's emitter when PyYAML has
    it (five times faster than the pure-Python one on 2,000 posts)."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=sort_keys, width=100000)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_state(content: Path) -> dict[str, str]:
    return state_and_problems(content)[0]


def own_path(content: Path, relative: str) -> Path | None:
    """The file ``relative`` names, if it is one the import may write or
    remove: resolved (after « .. » and links) inside content/, under the
    import's own folders, with a name Windows accepts; else None."""
    content = content.resolve()
    if not isinstance(relative, str) or "\\" in relative or relative.startswith("/"):
        return None
    if not (relative.startswith(OWN_FOLDERS) or relative in OWN_FILES):
        return None
    path = (content / relative).resolve()
    if not path.is_relative_to(content):
        return None
    inside = path.relative_to(content).as_posix()
    if inside != relative or any(p.startswith(".") for p in inside.split("/")):
        return None
    return path


def state_and_problems(content: Path) -> tuple[dict[str, str], list[str]]:
    """The import's memory of what it wrote, trusted only as far as it
    names its own files; what it says beyond that is reported, not obeyed."""
    path = content / STATE
    if not path.exists() and not path.is_symlink():
        return {}, []
    where = f"content/{STATE}"
    if path.is_symlink() or not path.is_file():
        return {}, [f"{where} n’est pas un fichier ordinaire : ignoré"]
    if not (content / MAPPING).is_file():
        # Written by an import, it comes with the mapping file: alone, it
        # came from elsewhere (a merge request, a copy).
        return {}, [f"{where} existe sans content/{MAPPING} : inattendu, ignoré"]
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, [f"{where} illisible : ignoré (chaque fichier déjà là est gardé)"]
    files = state.get("fichiers") if isinstance(state, dict) else None
    if not isinstance(files, dict):
        return {}, [f"{where} : rubrique « fichiers » absente : ignoré"]
    trusted, problems = {}, []
    for relative, value in files.items():
        if own_path(content, relative) is None or not isinstance(value, str):
            problems.append(
                f"{where} nomme « {str(relative)[:120]} », hors des dossiers de l’import : ignoré"
            )
        else:
            trusted[relative] = value
    return trusted, problems


@dataclass
class Outcome:
    written: list[str] = field(default_factory=list)  # new or updated
    unchanged: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)  # kept: an editor changed it
    deleted: list[str] = field(default_factory=list)  # kept deleted: an editor removed it
    foreign: list[str] = field(default_factory=list)  # not the import's: never written
    removed: list[str] = field(default_factory=list)  # the import's, untouched, no longer made
    distrusted: list[str] = field(default_factory=list)  # what the state said and was not obeyed


def _decide(path: Path, relative: str, data: bytes, state: dict, outcome: Outcome) -> bool:
    """Whether ``data`` may be written at ``path`` (and note why not)."""
    if path.exists() or path.is_symlink():
        current = path.read_bytes() if path.is_file() and not path.is_symlink() else None
        if current == data:
            outcome.unchanged.append(relative)
            return False
        if relative not in state:
            outcome.foreign.append(relative)
            return False
        if current is None or digest(current) != state[relative]:
            outcome.edited.append(relative)
            return False
        return True
    if relative in state:
        outcome.deleted.append(relative)
        return False
    return True


def apply(
    content: Path,
    texts: dict[str, str],
    copies: dict[str, Path],
    dry_run: bool,
) -> Outcome:
    """Write ``texts`` (content-relative path → text) and copy ``copies``
    (content-relative path → source file), within the rules above."""
    content = content.resolve()
    state, outcome = {}, Outcome()
    state, outcome.distrusted = state_and_problems(content)
    new_state = dict(state)
    items = [(r, t.encode("utf-8"), None) for r, t in sorted(texts.items())]
    items += [(r, None, s) for r, s in sorted(copies.items())]
    for relative, data, source in items:
        path = own_path(content, relative)
        if path is None:  # never outside content/ nor the import's folders
            outcome.foreign.append(relative)
            continue
        if data is None:
            data = source.read_bytes()
        if not _decide(path, relative, data, state, outcome):
            if relative in outcome.unchanged and relative in state:
                new_state[relative] = digest(data)
            continue
        outcome.written.append(relative)
        new_state[relative] = digest(data)
        if not dry_run:
            path.parent.mkdir(parents=True, exist_ok=True)
            if source is not None:
                shutil.copyfile(source, path)
            else:
                path.write_bytes(data)
    # A content file the import wrote before and no longer makes (its
    # item moved folder, e.g. once the mapping names an interviewee, or
    # left the export): removed if nobody touched it, else reported.
    for relative in sorted(set(state) - set(texts) - set(copies)):
        path = own_path(content, relative)
        if path is None or not relative.endswith(".md") or not path.is_file():
            continue
        data = path.read_bytes()
        if digest(data) != state[relative]:
            outcome.edited.append(relative)
            continue
        if MARKER.encode("utf-8") not in data[:400]:  # not one the import wrote
            outcome.distrusted.append(f"content/{relative} : pas écrit par l’import, gardé")
            continue
        outcome.removed.append(relative)
        del new_state[relative]
        if not dry_run:
            path.unlink()
    if not dry_run and new_state != state:
        (content / STATE).write_text(
            json.dumps({"fichiers": dict(sorted(new_state.items()))}, indent=1) + "\n",
            encoding="utf-8",
        )
    return outcome


def write_if_changed(path: Path, text: str) -> bool:
    """For the report: written only when it says something new."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
