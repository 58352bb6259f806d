"""Tools behind tasks.py that are not Pelican plugins: the content
check (check.py). They import the pure cores of plugins/."""

import sys
from pathlib import Path

# The plugins' pure cores, importable as plain modules (Pelican loads
# the plugins themselves through PLUGIN_PATHS).
_PLUGINS = str(Path(__file__).resolve().parent.parent / "plugins")
if _PLUGINS not in sys.path:
    sys.path.insert(0, _PLUGINS)
