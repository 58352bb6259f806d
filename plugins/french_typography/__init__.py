"""French typography on everything readers see of the content: bodies,
titles and summaries of articles and pages, and so the feeds and the
text the search index reads (both are made from them).

The rules are in core.py; this module only applies them at the place
Pelican documents for changing ``content`` and ``summary``
(``all_generators_finalized``), and adds the ``plain_text`` filter for
``<title>`` and descriptions.
"""

from __future__ import annotations

from pelican import signals

from .core import plain_text, typeset_html


def _contents(generators):
    """Every article, page and draft, in every language."""
    for generator in generators:
        for name in ("articles", "drafts", "pages", "hidden_pages", "draft_pages",
                     "translations", "drafts_translations", "hidden_translations",
                     "draft_translations"):
            yield from getattr(generator, name, [])


def typeset_contents(generators):
    # FRENCH_TYPOGRAPHY = False turns the rules off (to measure their
    # cost in bench/), the filters stay.
    if generators and not generators[0].settings.get("FRENCH_TYPOGRAPHY", True):
        return
    for content in _contents(generators):
        content._content = typeset_html(content._content or "")
        content.title = typeset_html(content.title)
        content.metadata["title"] = content.title
        if "summary" in content.metadata:
            content.metadata["summary"] = typeset_html(content.metadata["summary"])


def add_filters(generator):
    # ``typo`` for text a template shows that is not a content's body,
    # title or summary (questions in the « Sommaire », say).
    generator.env.filters.update(plain_text=plain_text, typo=typeset_html)


def typeset_feed_titles(context, feed):
    """Pelican writes feed titles through ``striptags``, which turns
    no-break spaces into plain ones: give them back."""
    titles = {content.url: content.title for content in context.get("articles", [])}
    for item in feed.items:
        for url, title in titles.items():
            if item["link"].endswith("/" + url):
                item["title"] = plain_text(title)


def register():
    signals.all_generators_finalized.connect(typeset_contents)
    signals.generator_init.connect(add_filters)
    signals.feed_generated.connect(typeset_feed_titles)
