"""The pure parts of publishing (sitetools/publish/): the plan, the
folder target's plan, and the environment variables each method
declares, which the README's table of targets must list exactly."""

import re

from sitetools.publish import METHODS
from sitetools.publish.folder import folder_plan
from sitetools.publish.plan import Plan, from_manifests
from tests.helpers import ROOT, settings


def test_plan_sends_assets_then_pages_then_the_home_page_and_deletes_deepest_first():
    todo = Plan.of(
        ["index.html", "a/index.html", "theme/site.css", "index.html.gz", "a/index.html.br"],
        ["a.html", "theme/ancien.css", "b/c/d.html", "b/c.html", "z.png"],
    )
    assert todo.upload == [
        "theme/site.css",
        "a/index.html",
        "a/index.html.br",
        "index.html",
        "index.html.gz",
    ]
    # A page about to go never loses its stylesheet while it is still there.
    assert todo.delete == ["b/c/d.html", "b/c.html", "a.html", "z.png", "theme/ancien.css"]
    assert todo.deletions() == (todo.delete[:3], todo.delete[3:])
    assert todo.report()[0] == "envoyer theme/site.css"
    assert todo.report()[-1] == "supprimer theme/ancien.css"


def test_plan_from_manifests_sends_only_what_changed():
    todo = from_manifests({"a.css": "1", "b.html": "2"}, {"a.css": "1", "b.html": "0", "c": "3"})
    assert (todo.upload, todo.delete, todo.keep) == (["b.html"], ["c"], [])


def _files(root, names):
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name, encoding="utf-8")
    return root


def test_folder_plan_keeps_the_keep_list_and_the_site_wins(tmp_path):
    site = _files(tmp_path / "site", ["index.html", ".well-known/security.txt"])
    target = _files(
        tmp_path / "public",
        ["ancien.html", ".well-known/tok", ".well-known/security.txt", ".user.ini", ".autre"],
    )
    todo = folder_plan(site, target, [".well-known/", ".user.ini"])
    assert todo.upload == [".well-known/security.txt", "index.html"]
    assert todo.keep == [".user.ini", ".well-known/tok"]
    assert todo.delete == ["ancien.html", ".autre"]


def test_folder_plan_never_follows_a_kept_link(tmp_path):
    site = _files(tmp_path / "site", ["index.html"])
    elsewhere = _files(tmp_path / "ailleurs", ["secret"])
    target = tmp_path / "public"
    target.mkdir()
    (target / ".well-known").symlink_to(elsewhere)
    assert folder_plan(site, target, [".well-known/"]).keep == []


def _readme_targets() -> dict[str, set[str]]:
    """Target → the variables its row of the README's table lists."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z]+)` \| [^|]+ \| ([^|]*DEPLOY_[^|]*) \|", readme, re.MULTILINE)
    return {name: set(re.findall(r"DEPLOY_[A-Z0-9_]+", variables)) for name, variables in rows}


def test_the_readme_lists_exactly_the_variables_each_method_declares():
    targets = settings("publishconf.py")["PUBLISH_TARGETS"]
    listed = _readme_targets()
    assert set(listed) == set(targets)
    for name, spec in targets.items():
        method = METHODS[spec["method"]]
        assert listed[name] == set(method.variables), name
        assert len(method.variables) == len(set(method.variables))
