"""Le Centsept's Pelican plugins, one package per concern (see
docs/architecture.md). Named in PLUGINS by their dotted names,
``plugins.content_model`` and so on; ``pip install -e .`` makes them
importable."""
