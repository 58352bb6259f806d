"""A Git branch (target « pages », GitHub or GitLab Pages): the built site
(and the branch's keep-list) as the only commit of the branch, pushed
with --force, the token kept off command lines."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from .method import Method, PublishError, keep_list


class Git(Method):
    """The site as the only commit of the target's branch (« branch »,
    by default « pages »), pushed with --force."""

    required = ("DEPLOY_GIT_REMOTE",)

    def publish(self, site: Path, dry_run: bool, spec: dict) -> str:
        env = self.environment()
        branch = spec.get("branch", "pages")
        remote, git_env = git_remote(env["DEPLOY_GIT_REMOTE"])
        with tempfile.TemporaryDirectory() as work:

            def run(*args, stdin=""):
                return subprocess.run(
                    ["git", "-C", work, *args],
                    check=True,
                    capture_output=True,
                    text=True,
                    input=stdin,
                ).stdout

            run("init", "-q", "-b", branch)
            run("--work-tree", str(site), "add", "--all")
            kept = self._keep(work, remote, branch, git_env, site, spec)
            # Tells GitHub Pages to serve the files as they are (no Jekyll);
            # put in the commit only, so the built site (and a dry run)
            # is left untouched.
            empty = run("hash-object", "-w", "--stdin").strip()
            run("update-index", "--add", "--cacheinfo", f"100644,{empty},.nojekyll")
            run(
                "-c",
                "user.name=Publication",
                "-c",
                "user.email=publication@localhost",
                "commit",
                "-q",
                "-m",
                "Publication du site",
            )
            if dry_run:
                return kept + run("show", "--stat", "--format=%s", "HEAD")
            result = subprocess.run(
                ["git", "-C", work, "push", "--force", remote, f"HEAD:refs/heads/{branch}"],
                capture_output=True,
                text=True,
                env={**os.environ, **git_env},
            )
            if result.returncode:
                raise PublishError(f"git push a échoué : {result.stderr.strip()}")
            return kept + result.stderr

    @staticmethod
    def _keep(work, remote, branch, git_env, site, spec) -> str:
        """Put in the new commit what the branch has and the site does not
        own (the keep-list: GitHub previews' previews/, .well-known/…),
        taken from the branch as it is now; what it kept, for the report."""
        fetch = subprocess.run(
            ["git", "-C", work, "fetch", "-q", "--depth=1", remote, f"refs/heads/{branch}"],
            capture_output=True,
            text=True,
            env={**os.environ, **git_env},
        )
        if fetch.returncode:
            return ""  # no such branch yet (a first publication); push will say if worse
        report = ""
        for entry in keep_list(spec):
            name = entry.rstrip("/")
            if (site / name).exists():
                continue  # the site's own
            listed = (
                subprocess.run(
                    ["git", "-C", work, "ls-tree", "FETCH_HEAD", "--", name],
                    capture_output=True,
                    text=True,
                )
                .stdout.split("\t")[0]
                .split()
            )
            if not listed:
                continue
            mode, kind, object_id = listed
            if kind == "tree":
                git_args = ["read-tree", f"--prefix={name}/", object_id]
            else:
                git_args = ["update-index", "--add", "--cacheinfo", f"{mode},{object_id},{name}"]
            subprocess.run(["git", "-C", work, *git_args], check=True, capture_output=True)
            report += f"gardé {entry}\n"
        return report


def git_remote(remote: str) -> tuple[str, dict[str, str]]:
    """The remote without its credentials, and the environment that gives
    them back to git. A token in the URL would be on git's command line
    (and git-remote-https's), readable by any user in `ps`; instead it
    travels in environment variables, read by a credential helper that
    is itself configured through GIT_CONFIG_* variables, not `-c`."""
    url = urlsplit(remote)
    env = {"GIT_TERMINAL_PROMPT": "0"}  # fail rather than wait for a password
    if url.scheme not in ("http", "https") or url.username is None:
        return remote, env
    host = url.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if url.port:
        netloc += f":{url.port}"
    helper = (
        '!f() { test "$1" = get && printf "username=%s\\npassword=%s\\n" '
        '"$PUBLICATION_GIT_USERNAME" "$PUBLICATION_GIT_PASSWORD"; }; f'
    )
    env |= {
        "PUBLICATION_GIT_USERNAME": unquote(url.username),
        "PUBLICATION_GIT_PASSWORD": unquote(url.password or ""),
        # An empty helper first drops the user's own helpers for this push.
        "GIT_CONFIG_COUNT": "2",
        "GIT_CONFIG_KEY_0": "credential.helper",
        "GIT_CONFIG_VALUE_0": "",
        "GIT_CONFIG_KEY_1": "credential.helper",
        "GIT_CONFIG_VALUE_1": helper,
    }
    return urlunsplit(url._replace(netloc=netloc)), env
