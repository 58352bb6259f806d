"""The content model: what content/ may hold, checked once, and the
links between contents that the other plugins and the theme use.

At each build (and each livereload rebuild), before Pelican reads a
file, ``validation.validate`` checks all of content/, exactly as
``invoke check`` does; any error raises ``ContentError`` (the French
list of every problem), which the task that ran the build turns into
an exit status: nothing is written. Once Pelican has read everything,
``model.link`` resolves references and the ``model_ready`` signal
tells the plugins that build on the model (interviews…) to run.

Settings (defaults merged at ``initialized``):
  CONTENT_KINDS       the kinds of content (kinds.KINDS); pelicanconf.py
                      derives ARTICLE_PATHS, PAGE_PATHS… from them
  CONTENT_VALIDATION  True; False only for benchmarks that measure it
  ALLOWED_EMBEDS      address prefixes an ``<iframe>`` may load (none)
  RENDER_CACHE        True: renderings and safety findings kept in
                      CACHE_PATH between builds (rendering.py, memo.py);
                      publishconf.py: False
  RENDER_CACHE_AT_EXIT  False; True (livereload): saved once, when the
                      process ends, not after every rebuild
  RENDER_WORKERS      processes rendering a cold build (None: all cores)
  RENDER_POOL_FROM    48: fewer files to render, no process started
  PRODUCTION_FEEDS    addresses of the feeds production writes, so
                      that links to them are known in every build
See docs/architecture.md.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from blinker import signal
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.urlwrappers import Tag

from plugins.run_state import build_state
from plugins.settings import SettingsError, declare

from . import html_safety, kinds, model, publication, rendering
from .memo import save_after_build
from .problems import ContentError
from .validation import DEFAULT_SETTINGS, validate

# Sent with the list of every content once references are linked.
model_ready = signal("content_model_ready")
# Sent with one content whose body alone was read again (the editing
# loop's in-place rebuild, plugins/incremental/in_place.py): what a
# plugin works out from a body (questions, typeset text…), it works out
# again for that content, with the function its full pass uses. In
# plugin order, as the full passes run (Pelican orders receivers).
body_read = signal("content_body_read")


def declare_settings(pelican):
    declare(pelican.settings, DEFAULT_SETTINGS)
    if "CONTENT_KINDS" in pelican.settings:
        # A kind added to CONTENT_KINDS without deriving Pelican's paths
        # again would be read under the wrong address: say so, in French.
        problem = kinds.settings_disagreement(pelican.settings)
        if problem:
            raise SettingsError(problem)
    if pelican.settings["RENDER_CACHE"]:
        for memo, name in _memos():
            memo.load(os.path.join(pelican.settings["CACHE_PATH"], name))


def save_renderings(pelican):
    if pelican.settings["RENDER_CACHE"]:
        for memo, name in _memos():
            path = os.path.join(pelican.settings["CACHE_PATH"], name)
            save_after_build(memo, path, pelican.settings)


def _memos():
    """What a build keeps in CACHE_PATH for the next: renderings, and the
    unsafe markup found in each rendered body (module state, read where
    it is used: tests replace it)."""
    return ((rendering.RENDERED, "rendu.json"), (html_safety.FINDINGS, "surete.json"))


def validate_before_reading(generator):
    """Once per build, when the first generator is made: the whole of
    content/ is checked before Pelican reads any of it."""
    if not isinstance(generator, ArticlesGenerator):
        return
    if not generator.settings["CONTENT_VALIDATION"]:
        return
    # Kept with the settings: a Pelican run again (livereload) checks
    # again only what changed, with the same result (validate's memo).
    memo = build_state(generator.settings, "plugins.content_model.validation")
    validation = validate(Path(generator.path), generator.settings, memo)
    if validation.errors:
        raise ContentError(validation.errors)


def themes_as_tags(generator, metadata):
    """``themes: [Emploi et insertion]`` → Pelican tags (/themes/<slug>/)."""
    themes = metadata.get("themes")
    if isinstance(themes, list):
        metadata["tags"] = [Tag(str(theme), generator.settings) for theme in themes]


def link_contents(generators):
    contents = list(model.all_contents(generators))
    model.link(contents)
    _unshown_as_drafts(generators)
    _note_empty_listings(generators)
    model_ready.send(contents)


def _note_empty_listings(generators):
    """The list pages (`/<folder>/`) of page kinds with nothing published, for
    the menu to leave out (base.html). Worked out once here: asked in the
    template, it scanned every page for every page written (4 s at 1,000
    interviews)."""
    published = Counter()
    for content in model.published_contents(generators):
        found = model.kind(content)
        if found is not None:
            published[found.folder] += 1
    kinds = generators[0].settings["CONTENT_KINDS"]
    # Page kinds only: an article kind's list (Pelican's) is written even empty.
    generators[0].context["EMPTY_LISTINGS"] = {
        f"{kind.folder}/"
        for kind in kinds
        if kind.listing and not kind.article and not published[kind.folder]
    }


def _unshown_as_drafts(generators):
    """A person's or series' page that no published interview shows is
    a draft (publication.py): never written in production, so never
    listed, mapped, indexed or carded; shown as a draft locally."""
    for generator in generators:
        if not isinstance(generator, PagesGenerator):
            continue
        for page in list(generator.pages):
            found = model.kind(page)
            if (
                found is not None
                and publication.shown_only_by_others(found, page.metadata.get("status"))
                and not page.referenced_by
            ):
                generator.pages.remove(page)  # the context's list too: the same object
                page.status = "draft"
                generator.draft_pages.append(page)


def register():
    signals.initialized.connect(declare_settings)
    signals.finalized.connect(save_renderings)
    signals.generator_init.connect(validate_before_reading)
    signals.article_generator_context.connect(themes_as_tags)
    signals.all_generators_finalized.connect(link_contents)
