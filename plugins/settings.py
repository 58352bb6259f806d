"""Each plugin declares its settings with their defaults; this merges
them into Pelican's settings at ``initialized`` (as pelican-image-process
does) and refuses a value of the wrong type, naming the setting."""

from __future__ import annotations


class SettingsError(ValueError):
    """A setting that cannot work; the message is French and names it."""


def declare(settings: dict, defaults: dict) -> None:
    for name, default in defaults.items():
        value = settings.setdefault(name, default)
        if default is None or value is None:
            continue
        expected = (list, tuple) if isinstance(default, list | tuple) else type(default)
        if not isinstance(value, expected) or isinstance(value, bool) != isinstance(default, bool):
            raise SettingsError(
                f"réglage {name} = {value!r} : attendu une valeur comme {default!r} "
                f"(voir docs/architecture.md)."
            )
