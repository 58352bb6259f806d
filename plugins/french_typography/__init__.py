"""French typography on everything readers see of the content: bodies,
titles and summaries of articles and pages, and so the feeds and the
text the search index reads (both are made from them).

The rules are in core.py; this module only applies them at the place
Pelican documents for changing ``content`` and ``summary``
(``all_generators_finalized``), and adds the ``plain_text`` filter for
``<title>`` and descriptions.
"""

from __future__ import annotations

import os

from markupsafe import Markup, escape
from pelican import signals

from plugins.content_model import body_read
from plugins.content_model.memo import DiskMemo, code_version, digest, save_after_build
from plugins.content_model.model import all_contents
from plugins.content_model.rendering import AlsoInThePool, ask_of_every_rendering
from plugins.run_state import build_state
from plugins.settings import declare

from . import core
from .core import plain_text, typeset_html, typeset_text

# Results by content hash, kept in CACHE_PATH between builds with the
# renderings (RENDER_CACHE, plugins/content_model/memo.py): a warm build
# re-typesets only what changed. The version is the rules' own source,
# so changing a rule empties the cache.
_RULES_VERSION = code_version(core.__file__)


def _cache_file(settings) -> str:
    return os.path.join(settings["CACHE_PATH"], "typographie.json")


# FRENCH_TYPOGRAPHY = False turns the rules off (to measure their cost
# in bench/); the filters stay.
DEFAULT_SETTINGS = {"FRENCH_TYPOGRAPHY": True}


def _memo(settings) -> DiskMemo:
    """This build's memo (run_state.py: never shared by two builds)."""
    return build_state(settings, __name__, lambda: DiskMemo(_RULES_VERSION))


def load_cache(pelican):
    declare(pelican.settings, DEFAULT_SETTINGS)
    if pelican.settings.get("RENDER_CACHE"):
        _memo(pelican.settings).load(_cache_file(pelican.settings))
    if pelican.settings["FRENCH_TYPOGRAPHY"]:
        # A cold build's bodies and chapôs typeset by the render pool,
        # beside Markdown (0.7 s at 1,000 interviews, otherwise done one
        # by one at all_generators_finalized, where they are then found).
        step = AlsoInThePool(typeset_html, _memo(pelican.settings))
        ask_of_every_rendering(pelican.settings, step)


def save_cache(pelican):
    if pelican.settings.get("RENDER_CACHE"):
        save_after_build(_memo(pelican.settings), _cache_file(pelican.settings), pelican.settings)


def _typeset(markup: str, memo: DiskMemo) -> str:
    key = digest(markup)
    found = memo.get(key)
    if not isinstance(found, str):
        found = typeset_html(markup)
        memo.put(key, found)
    return found


def typeset_contents(generators):
    if not generators or not generators[0].settings["FRENCH_TYPOGRAPHY"]:
        return
    cache = _memo(generators[0].settings)
    for content in all_contents(generators):
        typeset_body(content, cache)
        # A title is plain text (the content model refuses markup in
        # it): escaped, then typeset, it is HTML templates print as is.
        content.title = Markup(_typeset(str(escape(content.title)), cache))
        content.metadata["title"] = content.title
        if "summary" in content.metadata:
            # Pelican's writer copies _summary back into the metadata
            # (Content.refresh_metadata_intersite_links): set both.
            content._summary = content.metadata["summary"] = _typeset(
                content.metadata["summary"], cache
            )


def typeset_body(content, cache: DiskMemo | None = None):
    """A content's body, typeset (also run alone when only the body was
    edited: ``body_read``)."""
    if not content.settings.get("FRENCH_TYPOGRAPHY"):
        return
    content._content = _typeset(content._content or "", cache or _memo(content.settings))


def add_filters(generator):
    # ``typo`` for HTML a template shows that is not a content's body,
    # title or summary (questions in the « Sommaire », say);
    # ``typo_text`` for plain text, such as an alt text (no markup added).
    generator.env.filters.update(
        plain_text=plain_text,
        # Through the build's memo, kept between builds: the questions of
        # a « Sommaire » and the summaries on lists are asked for again
        # on every page that shows them.
        typo=lambda markup: Markup(_typeset(str(markup), _memo(generator.settings))),
        typo_text=lambda text: typeset_text(str(text)),
    )


def typeset_feed_titles(context, feed):
    """Pelican writes feed titles through ``striptags``, which turns
    no-break spaces into plain ones: give them back."""
    titles = {content.url: content.title for content in context.get("articles", [])}
    site = context.get("SITEURL", "") + "/"
    for item in feed.items:
        # Pelican writes each entry's link as SITEURL + "/" + its url.
        title = titles.get(item["link"].removeprefix(site))
        if title is not None:
            item["title"] = plain_text(title)


def register():
    signals.initialized.connect(load_cache)
    signals.finalized.connect(save_cache)
    signals.all_generators_finalized.connect(typeset_contents)
    body_read.connect(typeset_body)
    signals.generator_init.connect(add_filters)
    signals.feed_generated.connect(typeset_feed_titles)
