"""Edits written into a copy of the fixture site, one per case of the
editor-mistake and attack matrices: each returns a function of the copy's
content/ folder."""

from __future__ import annotations

import os


def replace(relative, old, new):
    def apply(content):
        path = content / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def append(relative, addition):
    def apply(content):
        path = content / relative
        path.write_text(path.read_text(encoding="utf-8") + "\n" + addition + "\n", encoding="utf-8")

    return apply


def write(relative, data):
    def apply(content):
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    return apply


def rename(relative, new_name):
    def apply(content):
        (content / relative).rename((content / relative).with_name(new_name))

    return apply


def symlink(relative, target):
    """A link at ``relative``; « {secret} » in ``target`` stands for a
    file beside content/, which must never be published."""

    def apply(content):
        link = content / relative
        link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target.replace("{secret}", str(content.parent / "secret.txt")), link)

    return apply


def together(*edits):
    """Several edits as one case (a draft and a link to it…)."""

    def apply(content):
        for edit in edits:
            edit(content)

    return apply
