"""Publication dates as editors know them, formatted in French by Babel.

Pure functions, no Pelican import. An interview's date may be known to
the day (``2018-01-15``), to the month (``2018-01``), to the year
(``2018``), or only as a period between two of those (``2017/2018``,
the ISO 8601 interval notation). Readers are shown exactly what is known
and nothing more: « 15 janvier 2018 », « janvier 2018 »,
« entre 2017 et 2018 ».

Babel, not ``strftime``: the machines that build the site have no
``fr_FR`` locale, and ``strftime`` would silently print English.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from dataclasses import dataclass

from babel.dates import format_date
from markupsafe import Markup, escape

LOCALE = "fr_FR"

# « 31/02/2019 », « 15.01.2018 »: the day first, as French writes it.
_FRENCH_ORDER = re.compile(r"^\d{1,2}([/.-])\d{1,2}\1\d{4}$")
_PARTIAL = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


class DateFormatError(ValueError):
    """An editor's date that cannot be read; the message is French."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A day, a month or a year: ``month`` and ``day`` may be None."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> datetime.date:
        if self.day:
            return self.first_day
        month = self.month or 12
        return datetime.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        """The value of a ``<time datetime>``: 2018, 2018-01 or 2018-01-15."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def french(self) -> str:
        return _french_partial(self)


@dataclass(frozen=True)
class PublicationDate:
    """When something was published: one partial date, or a period."""

    start: PartialDate
    end: PartialDate | None = None

    @property
    def is_exact(self) -> bool:
        return self.end is None and self.start.day is not None

    @property
    def sort_date(self) -> datetime.date:
        """The first day it may have been: only for ordering, never shown."""
        return self.start.first_day

    def french(self) -> str:
        if self.end is None:
            return self.start.french()
        return f"entre {self.start.french()} et {self.end.french()}"

    def html(self) -> Markup:
        """« le 15 janvier 2018 », « en janvier 2018 », « entre 2017 et 2018 »,
        each date in its ``<time>`` element: to follow « Publié ».
        """
        if self.end is not None:
            return Markup("entre {} et {}").format(
                _time_element(self.start), _time_element(self.end)
            )
        preposition = "le" if self.start.day else "en"
        return Markup("{} {}").format(preposition, _time_element(self.start))


@functools.lru_cache(maxsize=4096)
def _french_partial(date: PartialDate) -> str:
    # Cached: Babel takes tens of microseconds a call, and a site has
    # far fewer distinct dates than places that show one.
    if date.day:
        return format_day(date.first_day)
    if date.month:
        return format_date(date.first_day, "MMMM y", locale=LOCALE)
    return str(date.year)


def format_day(day: datetime.date) -> str:
    """« 15 janvier 2018 », and « 1er janvier 2018 » for the first."""
    if day.day == 1:
        return "1er " + format_date(day, "MMMM y", locale=LOCALE)
    return format_date(day, "d MMMM y", locale=LOCALE)


def parse_publication_date(value: object) -> PublicationDate:
    """Read a front-matter ``date`` as YAML gives it (date, int or str)."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return PublicationDate(PartialDate(value.year, value.month, value.day))
    text = str(value).strip()
    if _FRENCH_ORDER.match(text):
        day, month, year = (int(part) for part in re.split(r"[/.-]", text))
        try:
            datetime.date(year, month, day)
            exists = "."
        except ValueError:
            exists = ", mais ce jour n’existe pas : vérifiez-la."
        raise DateFormatError(
            f"date « {text} » : écrivez-la dans l’ordre année-mois-jour, "
            f"{year:04d}-{month:02d}-{day:02d}{exists}"
        )
    if "/" in text:
        first, _, last = text.partition("/")
        try:
            start, end = _parse_partial(first.strip()), _parse_partial(last.strip())
        except DateFormatError:
            raise DateFormatError(
                f"période « {text} » illisible : écrivez deux dates AAAA, AAAA-MM ou "
                "AAAA-MM-JJ séparées par « / » (2017/2018)."
            ) from None
        if end.first_day <= start.last_day:
            raise DateFormatError(f"période « {text} » : la seconde date doit suivre la première.")
        return PublicationDate(start, end)
    return PublicationDate(_parse_partial(text))


def _parse_partial(text: str) -> PartialDate:
    match = _PARTIAL.match(text)
    if not match:
        raise DateFormatError(
            f"date « {text} » illisible : écrivez AAAA-MM-JJ (2018-01-15), "
            "AAAA-MM (2018-01), AAAA (2018) ou une période AAAA/AAAA (2017/2018)."
        )
    year = int(match["year"])
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if month is not None and not 1 <= month <= 12:
        raise DateFormatError(f"date « {text} » : le mois {month} n’existe pas.")
    if day is not None:
        try:
            datetime.date(year, month, day)
        except ValueError:
            raise DateFormatError(f"date « {text} » : ce jour n’existe pas.") from None
    return PartialDate(year, month, day)


# Cached, as _french_partial: every interview page shows the dates of
# its related interviews (10,000 calls for 1,000 interviews).
@functools.lru_cache(maxsize=4096)
def _time_element(date: PartialDate) -> Markup:
    text = escape(date.french())
    # « 1er » takes its ordinal in superscript, as French typography asks.
    text = Markup(re.sub(r"^1er ", "1<sup>er</sup> ", str(text)))
    return Markup('<time datetime="{}">{}</time>').format(date.iso(), text)
