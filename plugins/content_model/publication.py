"""What the production site publishes: each content's state online.

A person's name must not go public before the interview that names
them is approved. So a person's or a series' page is published only
when a published interview shows it (as interviewee, mention or
series), unless its own file says so with an explicit « status: »
line (« status: published » to publish it anyway, « status: hidden »
or « status: draft »). Programmes and pages are the association's own:
their « status: » alone decides, as for interviews, which production
also holds back until their date (WITH_FUTURE_DATES = False).

Two callers, one rule (``shown_only_by_others``): the validation asks
``production_states`` about the files of content/ (links to what
production will not serve are refused, unfinished text is refused in
what it will serve); the build turns the pages nothing public shows
into drafts (plugins/content_model/__init__.py), so that in production
they are never written, listed, mapped, indexed or given a card.

Pure functions, no Pelican import.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from plugins.french_dates.core import DateFormatError, parse_publication_date

from .kinds import reference_targets

PUBLISHED, HIDDEN, DRAFT, FUTURE, UNSHOWN = "published", "hidden", "draft", "future", "unshown"


@dataclass(frozen=True)
class State:
    """A content's state on the production site, and why, in French
    (the end of a sentence: « … mène à {reason} »)."""

    name: str
    reason: str
    day: datetime.date | None = None  # FUTURE: the day it goes online

    @property
    def written(self) -> bool:
        """Whether production writes it (now, or for FUTURE on its day)."""
        return self.name in (PUBLISHED, HIDDEN, FUTURE)


def site_today(settings: dict) -> datetime.date:
    """Today in the site's TIMEZONE, the day Pelican compares dates with
    (the one function here that reads the clock)."""
    return datetime.datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC")).date()


def shown_only_by_others(kind, explicit_status: object) -> bool:
    """Whether a page of ``kind`` waits for a published interview to
    show it: people and series (``Kind.shown_by_others``), unless their
    file has a « status: »."""
    return kind.shown_by_others and explicit_status is None


def _online_day(metadata: dict) -> datetime.date | None:
    """The first day of an interview's date (Pelican's « date »)."""
    try:
        return parse_publication_date(metadata["date"]).sort_date
    except (KeyError, DateFormatError):
        return None  # missing or wrong: said by the validation


def production_states(sources, today: datetime.date) -> dict[str, State]:
    """The production state of each source (by its ``file``): objects
    with ``file``, ``kind.folder``, ``slug``, ``metadata`` (the
    validation's ``Source``). ``today``: the day in the site's TIMEZONE."""
    states: dict[str, State] = {}
    waiting = []
    for source in sources:
        metadata = source.metadata
        status = metadata.get("status")
        if status == "draft":
            states[source.file] = State(DRAFT, f"un brouillon ({source.file}, « status: draft »)")
        elif source.kind.article and (day := _online_day(metadata)) and day > today:
            # Pelican holds it back whatever its status (a draft until then).
            states[source.file] = State(
                FUTURE,
                f"un entretien publié seulement à partir du {day:%d/%m/%Y} ({source.file})",
                day,
            )
        elif status == "hidden":
            states[source.file] = State(
                HIDDEN, f"une page cachée ({source.file}, « status: hidden »)"
            )
        elif shown_only_by_others(source.kind, status):
            waiting.append(source)
        else:
            states[source.file] = State(PUBLISHED, "une page publiée")
    shown = set()
    for source in sources:
        if source.kind.article and states[source.file].name == PUBLISHED:
            for key, target in reference_targets(source.kind).items():
                value = source.metadata.get(key)
                slugs = source.kind.fields[key].slugs(value) if value is not None else []
                shown.update((target.folder, slug) for slug in slugs)
    for source in waiting:
        if (source.kind.folder, source.slug) in shown:
            states[source.file] = State(PUBLISHED, "une page publiée")
        else:
            states[source.file] = State(
                UNSHOWN,
                f"la page {source.file} ({source.kind.name}), qui ne sera publiée qu’avec "
                "le premier entretien publié qui la nomme (ou avec « status: published » "
                "dans le fichier)",
            )
    return states


def public_themes(sources, states: dict[str, State]) -> set[str]:
    """The themes of published interviews (a theme's page exists only
    with them), as written."""
    themes = set()
    for source in sources:
        if source.kind.article and states[source.file].name == PUBLISHED:
            found = source.metadata.get("themes")
            if isinstance(found, list):
                themes.update(theme for theme in found if isinstance(theme, str))
    return themes
