"""Each template compiled once per process, not once per generator and
per build.

Pelican gives each of its six generators a Jinja environment of its
own, and makes them again at every build: base.html and the partials
were compiled some thirty times per build, about half a second of every
`invoke livereload` rebuild at 1,000 interviews (README « Mesures »).
Jinja's own answer is a bytecode cache (``Environment.bytecode_cache``),
which checks each template's source checksum before using what it
holds: an edited template is compiled again. This one is kept in memory
only, never on disk: compiled code read back from ``cache/`` would be
code a poisoned cache could run.

Jinja computes a filter or test applied to a literal (« {{ 'x'|f }} »)
when it compiles: compiled once per process, a filter that depends on a
build's settings would keep its first answer; no template of the theme
does so (tests/unit/test_template_cache.py says which would).

Compiled code depends on the environment's options (autoescape, blocks
trimming, extensions) and on how each filter and test takes its
arguments, so environments share compiled code only when all of these
are the same (``environment_key``).
"""

from __future__ import annotations

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from jinja2.utils import _PassArg
from pelican import signals


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates, by template and source checksum (Jinja's
    bucket checks the checksum and Jinja's version on loading)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.compiled.clear()


def environment_key(environment: Environment) -> tuple:
    """What the compiled code of a template depends on besides its
    source: two environments with one key compile it alike."""

    def calling(functions: dict) -> tuple:
        return tuple(sorted((name, str(_PassArg.from_obj(f))) for name, f in functions.items()))

    return (
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.newline_sequence,
        environment.keep_trailing_newline,
        environment.optimized,
        environment.is_async,
        # A function (select_autoescape): the same object (held here, so
        # its identity is never another's), not an equal one.
        environment.autoescape,
        tuple(sorted(environment.extensions)),
        calling(environment.filters),
        calling(environment.tests),
    )


# One cache per kind of environment, for the life of the process (the
# livereload loop's rebuilds share it; so do a build's generators).
_CACHES: dict[tuple, MemoryBytecodeCache] = {}


def share_compiled_templates(generator) -> None:
    environment = generator.env
    if environment.bytecode_cache is None:  # one set in JINJA_ENVIRONMENT wins
        key = environment_key(environment)
        environment.bytecode_cache = _CACHES.setdefault(key, MemoryBytecodeCache())


def register():
    signals.generator_init.connect(share_compiled_templates)
