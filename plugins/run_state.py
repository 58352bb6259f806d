"""A plugin's state for one build, never in module globals.

Pelican hands one settings dict to the Pelican object and to every
generator of a build (signals get one or the other), and makes a new one
for every ``Pelican(settings)``: state kept there, under one private
key, belongs to that build, so two builds in one process (tests,
livereload beside a check) never see each other's. A plugin that runs
again on the same Pelican (livereload) resets what must not carry over.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

KEY = "_PLUGIN_STATE"


def build_state(settings: dict, plugin: str, factory: Callable[[], Any] = dict) -> Any:
    """The state of ``plugin`` for the build these settings belong to."""
    return settings.setdefault(KEY, {}).setdefault(plugin, factory())
