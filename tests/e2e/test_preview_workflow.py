"""The GitHub workflow's preview steps, run for real with bash against a
local repository: previews/pr-N/ appears on the pages branch with the
address printed, the rest of the branch untouched; it goes when the
pull request closes."""

from __future__ import annotations

import os
import subprocess

import yaml

from tests.helpers import ROOT

GIT_ID = ["-c", "user.name=t", "-c", "user.email=t@localhost"]


def step(job: str, name_start: str) -> str:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text("utf-8"))
    steps = workflow["jobs"][job]["steps"]
    return next(s["run"] for s in steps if s.get("name", "").startswith(name_start))


def files_of(bare, branch="pages") -> set[str]:
    return set(
        subprocess.run(
            ["git", "-C", str(bare), "ls-tree", "-r", "--name-only", branch],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    )


def test_preview_folder_added_then_removed(tmp_path):
    bare = tmp_path / "origine.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    seed = tmp_path / "graine"
    subprocess.run(["git", "init", "-q", "-b", "pages", str(seed)], check=True)
    (seed / "index.html").write_text("site publié", encoding="utf-8")
    subprocess.run(["git", "-C", str(seed), "add", "--all"], check=True)
    subprocess.run(["git", "-C", str(seed), *GIT_ID, "commit", "-qm", "site"], check=True)
    subprocess.run(["git", "-C", str(seed), "push", "-q", str(bare), "pages"], check=True)
    checkout = tmp_path / "depot"  # what actions/checkout leaves: a clone of the branch
    subprocess.run(["git", "clone", "-q", str(bare), str(checkout)], check=True)
    (checkout / "output" / "theme").mkdir(parents=True)
    (checkout / "output" / "index.html").write_text("aperçu", encoding="utf-8")
    (checkout / "output" / "theme" / "site.css").write_text("css", encoding="utf-8")
    env = {
        **os.environ,
        "PR": "7",
        "ADRESSE": "https://exemple.github.io/site",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@localhost",
    }
    add = subprocess.run(
        ["bash", "-e", "-c", step("preview", "Publication dans previews")],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
    )
    assert add.returncode == 0, add.stderr
    assert "Prévisualisation : https://exemple.github.io/site/previews/pr-7/" in add.stdout
    assert files_of(bare) == {
        "index.html",
        "previews/pr-7/index.html",
        "previews/pr-7/theme/site.css",
    }

    removal_checkout = tmp_path / "depot-2"
    subprocess.run(["git", "clone", "-q", str(bare), str(removal_checkout)], check=True)
    remove = subprocess.run(
        ["bash", "-e", "-c", step("preview-removal", "Suppression")],
        cwd=removal_checkout,
        env=env,
        capture_output=True,
        text=True,
    )
    assert remove.returncode == 0, remove.stderr
    assert files_of(bare) == {"index.html"}
