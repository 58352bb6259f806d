"""Interviews: pure functions for what a reader gets around the text.
No Pelican import; tested in tests/test_interviews_core.py."""

from __future__ import annotations

import html
import math
import re

from unidecode import unidecode

# Silent reading of French prose: about 230 words a minute.
WORDS_PER_MINUTE = 230
# A French word: letters, with its inner hyphens (« peut-il », « co-construction »
# are one word each) ; « l’école » is two, as it is read.
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+(?:[  .,]\d+)*")
_TAG = re.compile(r"<[^>]*>")


def text_of(markup: str) -> str:
    return html.unescape(_TAG.sub(" ", markup))


def count_words(markup: str) -> int:
    return len(_WORD.findall(text_of(markup)))


def reading_minutes(markup: str) -> int:
    """Minutes to read ``markup``, rounded up, at least 1."""
    return max(1, math.ceil(count_words(markup) / WORDS_PER_MINUTE))


def heading_id(text: str, separator: str = "-") -> str:
    """An ``id`` from a question: ASCII, lower case, elisions kept apart
    (« l’économie » → « l-economie »), as our URL slugs."""
    # unidecode, as Pelican's slugify: é → e, œ → oe, ’ → ' (a separator).
    words = re.findall(r"[a-z0-9]+", unidecode(html.unescape(text)).lower())
    return separator.join(words) or "question"


def related(article, candidates, limit: int = 3):
    """Up to ``limit`` other interviews sharing programmes, then themes:
    most shared programmes first, then most shared themes, then newest."""
    programmes = set(getattr(article, "programmes", None) or [])
    themes = set(getattr(article, "themes", None) or [])
    scored = []
    for other in candidates:
        if other is article:
            continue
        shared_programmes = len(programmes & set(getattr(other, "programmes", None) or []))
        shared_themes = len(themes & set(getattr(other, "themes", None) or []))
        if shared_programmes or shared_themes:
            scored.append(((shared_programmes, shared_themes, other.date), other))
    scored.sort(key=lambda pair: pair[0], reverse=True)
    return [other for _, other in scored[:limit]]
