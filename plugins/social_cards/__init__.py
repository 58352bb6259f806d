"""A social card (``og:image``, 1200 × 630) for the home page and every
published interview, programme and person page, drawn with Pillow in the
site's font and colours (core.py). Cards are kept in CACHE_PATH under
the hash of what they show, so a build draws only the cards whose texts
changed; each page gets ``social_card``, the card's path in the site.
The cards not in the cache are drawn while Pelican writes the pages, in
a pool of processes when there are many (drawing.py)."""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from pathlib import Path

from pelican import signals

from plugins.content_model import model
from plugins.french_typography.core import plain_text
from plugins.run_state import build_state
from plugins.settings import declare

from . import drawing
from .core import card_key

DEFAULT_SETTINGS = {
    "SOCIAL_CARDS": True,
    # The font the cards are drawn with, in the theme (sitetools/fonts.py).
    "SOCIAL_CARDS_FONT": "static/fonts/figtree-normal.woff2",
    "SOCIAL_CARDS_PATH": "cartes",
    # From this many cards to draw (a first build, a new font), a pool
    # of processes draws them; fewer, this process. Its processes: 0 for
    # one per processor.
    "SOCIAL_CARDS_POOL_FROM": drawing.POOL_FROM,
    "SOCIAL_CARDS_WORKERS": 0,
}


def declare_settings(pelican):
    declare(pelican.settings, DEFAULT_SETTINGS)
    # The home page's card depends on settings only: known before any
    # template runs, and given to every template as a setting.
    pelican.settings["SOCIAL_CARD_HOME"] = None
    if pelican.settings["SOCIAL_CARDS"]:
        pelican.settings["SOCIAL_CARD_HOME"] = _card_path(
            pelican.settings, home_texts(pelican.settings)
        )


def home_texts(settings) -> dict[str, str]:
    site_name = settings["SITENAME"]
    return {
        "kicker": "",
        "title": settings.get("SITE_DESCRIPTION") or site_name,
        "byline": "",
        "site": site_name,
    }


def texts_for(content, site_name: str) -> dict[str, str] | None:
    """What the card of ``content`` shows, or None: no card for drafts,
    hidden pages, or kinds a reader does not share (legal pages…)."""
    if content.status != "published":
        return None
    # The kinds that get a card have a kicker (kinds.py): the line above
    # their title (an interview's is its series, when it has one).
    found = model.kind(content)
    if found is None or not found.card_kicker:
        return None
    if content.people or content.series_page:
        kicker = plain_text(content.series_page.title) if content.series_page else found.card_kicker
        byline = ", ".join(person["name"] for person in content.people)
    else:
        kicker = found.card_kicker
        # A person's role and organisation; nothing for the other kinds.
        byline = ", ".join(
            filter(None, [content.metadata.get("role"), content.metadata.get("organisation")])
        )
    return {
        "kicker": kicker,
        "title": plain_text(content.title),
        "byline": byline,
        "site": site_name,
    }


def assign_cards(generators):
    """Give each content with a card its ``social_card`` path (or None).
    After the content model linked the contents and the typography set
    the titles (plugins listed before this one in PLUGINS)."""
    contents = list(model.all_contents(generators))
    if not generators:
        return
    settings = generators[0].settings  # this build's (run_state.py)
    pending = build_state(settings, __name__, list)
    pending.clear()  # livereload runs the same Pelican again
    if not settings.get("SOCIAL_CARDS"):
        for content in contents:
            content.social_card = None
        return
    home = home_texts(settings)
    pending.append((_card_path(settings, home), home))
    for content in contents:
        texts = texts_for(content, settings["SITENAME"])
        content.social_card = _card_path(settings, texts) if texts is not None else None
        if texts is not None:
            pending.append((content.social_card, texts))
    _start_drawing(settings, pending)


def _cache(settings) -> Path:
    return Path(settings["CACHE_PATH"]) / "cartes-sociales"


def _start_drawing(settings, pending) -> None:
    """Starts drawing the cards the cache lacks, now: in a pool, they
    are drawn while Pelican writes the pages (write_cards takes them)."""
    cache = _cache(settings)
    missing = {}  # by file name: two pages may show the same texts
    for path, texts in pending:
        name = os.path.basename(path)
        if name not in missing and not (cache / name).exists():
            missing[name] = texts
    workers = drawing.workers_for(
        len(missing),
        settings["SOCIAL_CARDS_WORKERS"] or drawing.cpus(),
        settings["SOCIAL_CARDS_POOL_FROM"],
    )
    drawn = drawing.start(list(missing.values()), _font_bytes(settings), workers)
    build_state(settings, __name__ + ".drawn", dict).update(names=list(missing), drawn=drawn)


def _card_path(settings: dict, texts: dict[str, str]) -> str:
    return f"{settings['SOCIAL_CARDS_PATH']}/{card_key(texts, _font_bytes(settings))}.png"


@functools.lru_cache(maxsize=4)
def _read(path: str, modified: int) -> bytes:
    return Path(path).read_bytes()


def _font_bytes(settings: dict) -> bytes:
    """The font, read again when it changes (`invoke polices` during a
    livereload session)."""
    path = os.path.join(settings["THEME"], settings["SOCIAL_CARDS_FONT"])
    return _read(path, os.stat(path).st_mtime_ns)


def write_cards(pelican):
    """Stores the cards drawn for this build in the cache, then puts
    every card of the build in the site."""
    pending = build_state(pelican.settings, __name__, list)
    started = build_state(pelican.settings, __name__ + ".drawn", dict)
    if not pending:
        return
    cache = _cache(pelican.settings)
    cache.mkdir(parents=True, exist_ok=True)
    for name, png in zip(started["names"], started["drawn"](), strict=True):
        # A name of its own per writer: two builds (livereload and a
        # test, say) may draw the same card at once; a killed build
        # leaves no half card under the final name.
        handle, partial = tempfile.mkstemp(dir=cache, prefix=".", suffix=".partiel")
        with os.fdopen(handle, "wb") as file:
            file.write(png)
        os.replace(partial, cache / name)
    for folder in {os.path.dirname(path) for path, _texts in pending}:
        (Path(pelican.output_path) / folder).mkdir(parents=True, exist_ok=True)
    for path, _texts in pending:
        target = Path(pelican.output_path) / path
        # A hard link when the cache is on the same disk: a thousand
        # copies were a second of every livereload rebuild. Safe: a card
        # is never written again, in the cache or in the site.
        cached = cache / os.path.basename(path)
        try:
            os.link(cached, target)
        except OSError:
            shutil.copyfile(cached, target)
    pending.clear()
    started.clear()


def register():
    signals.initialized.connect(declare_settings)
    signals.all_generators_finalized.connect(assign_cards)
    signals.finalized.connect(write_cards)
