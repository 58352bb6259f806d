"""Interviews: pure functions for what a reader gets around the text.
No Pelican import."""

from __future__ import annotations

import hashlib
import heapq
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
    return _minutes(hashlib.blake2b(markup.encode("utf-8"), digest_size=16).digest(), markup)


# Pure, and asked again for every interview at every livereload rebuild
# (a thousand bodies): remembered by the text's digest, which keeps no
# body alive (the text itself is not the key); emptied past 8,192.
def _minutes(digest: bytes, markup: str) -> int:
    if digest not in _MINUTES:
        if len(_MINUTES) >= 8192:
            _MINUTES.clear()
        _MINUTES[digest] = max(1, math.ceil(count_words(markup) / WORDS_PER_MINUTE))
    return _MINUTES[digest]


_MINUTES: dict[bytes, int] = {}


def heading_id(text: str, separator: str = "-") -> str:
    """An ``id`` from a question: ASCII, lower case, elisions kept apart
    (« l’économie » → « l-economie »), as our URL slugs."""
    # unidecode, as Pelican's slugify: é → e, œ → oe, ’ → ' (a separator).
    words = re.findall(r"[a-z0-9]+", unidecode(html.unescape(text)).lower())
    return separator.join(words) or "question"


def related_for_all(articles, candidates, limit: int = 3) -> dict[int, list]:
    """For each of ``articles``, up to ``limit`` other interviews of
    ``candidates`` sharing programmes, then themes: most shared
    programmes first, then most shared themes, then newest. Keyed by
    ``id(article)``.

    Articles with the same programmes and themes have the same ranking
    (but for themselves): it is computed once per such combination, so
    a site of 1,000 interviews costs a few dozen rankings, not a million
    comparisons.
    """

    def topics(item):
        return (
            # The programme pages the content model linked (model.link).
            frozenset(page.slug for page in getattr(item, "programme_pages", None) or []),
            frozenset(getattr(item, "themes", None) or []),
        )

    # Each candidate's topics and address worked out once (Pelican computes
    # an address anew at each access), not once per ranking.
    described = [
        (topics(other), other.date, getattr(other, "url", ""), other) for other in candidates
    ]
    rankings: dict[tuple, list] = {}
    found = {}
    for article in articles:
        key = topics(article)
        if key not in rankings:
            programmes, themes = key
            scored = []
            for (other_programmes, other_themes), date, url, other in described:
                shared = (len(programmes & other_programmes), len(themes & other_themes))
                if shared != (0, 0):
                    # The address breaks ties: the same site gives the same pages.
                    scored.append((shared, date, url, other))
            # One more than needed: the article itself may be among them.
            rankings[key] = [
                item[3] for item in heapq.nlargest(limit + 1, scored, key=lambda item: item[:3])
            ]
        found[id(article)] = [other for other in rankings[key] if other is not article][:limit]
    return found


# No \s* around the group: with a lazy group between them, an unclosed
# quotation followed by spaces takes quadratic time.
_BLOCKQUOTE_TAG = re.compile(r"<(/?)blockquote\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")


def pull_quote(markup: str) -> str | None:
    """The first quotation (a ``>`` block in Markdown) of an interview's
    rendered body, as HTML, to feature it; None when there is none. Only
    what the editor quoted: never a sentence picked by the code.

    Whatever the nesting: a quotation within a quotation (``> >``, or a
    ``>`` block that Markdown merged with the next one) is someone
    else's words, left out of the featured one, which keeps its own.
    One pass over the tags, so any input is quick."""
    markup = markup or ""
    open_quotes: list[tuple[int, list[str]]] = []  # (order opened, own pieces)
    finished: list[tuple[int, str]] = []
    position, opened = 0, 0
    for tag in _BLOCKQUOTE_TAG.finditer(markup):
        if open_quotes:
            open_quotes[-1][1].append(markup[position : tag.start()])
        if tag.group(1):
            if open_quotes:
                order, pieces = open_quotes.pop()
                finished.append((order, "".join(pieces).strip()))
        else:
            open_quotes.append((opened, []))
            opened += 1
        position = tag.end()
    for _, own in sorted(finished):
        if _TAG.sub("", own).strip():
            return own
    return None


def initials(name: str) -> str:
    """Up to two capital initials of a person's name, for the portrait
    placeholder: « Alain Blum » → « AB », « Jean de La Fontaine » → « JF »."""
    words = [word for word in re.split(r"[\s\u00a0\u202f]+", name.strip()) if word]
    letters = [next((c for c in word if c.isalpha()), "") for word in words]
    letters = [letter for letter in letters if letter]
    if len(letters) > 2:
        letters = [letters[0], letters[-1]]
    return "".join(letters).upper()
