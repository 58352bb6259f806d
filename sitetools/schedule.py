"""Scheduled publication: « has an interview's date come since the last
publication? » The daily scheduled CI run (.github/workflows/site.yml,
.gitlab-ci.yml) asks `invoke a-publier` and publishes only when the
answer is yes, so that an interview dated in the future appears on its
day without anyone pushing, and nothing is rebuilt on the other days.

Only articles (ARTICLE_PATHS: the interviews) wait for their date: the
production build leaves out an article dated after the moment it runs
(WITH_FUTURE_DATES = False); pages never do. A date without a day
(« 2018-03 ») counts from its first day, as Pelican sorts it.
"""

from __future__ import annotations

import datetime
import subprocess
from collections.abc import Iterable
from pathlib import Path
from zoneinfo import ZoneInfo

from plugins.french_dates.core import DateFormatError, parse_publication_date

from . import SiteError

# Without a recorded last publication: the scheduled run's own period.
PERIOD = datetime.timedelta(days=1)


def due_between(
    articles: Iterable[tuple[str, dict]],
    since: datetime.datetime,
    now: datetime.datetime,
    timezone: ZoneInfo,
) -> list[str]:
    """The files among ``articles`` (file, front matter) that the
    production site leaves out at ``since`` and shows at ``now``: not a
    draft nor hidden, their day begun in between (in the site's
    ``timezone``)."""
    due = []
    for file, metadata in articles:
        if metadata.get("status", "published") != "published" or "date" not in metadata:
            continue
        try:
            day = parse_publication_date(metadata["date"]).sort_date
        except DateFormatError:
            continue  # refused by the check, which the publication runs first
        start = datetime.datetime.combine(day, datetime.time(), tzinfo=timezone)
        if since < start <= now:
            due.append(file)
    return sorted(due)


def last_commit_time(repository: Path, ref: str = "HEAD") -> datetime.datetime | None:
    """When ``ref`` was committed (its committer date), or None."""
    result = subprocess.run(
        ["git", "-C", str(repository), "log", "-1", "--format=%cI", ref],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0 or not result.stdout.strip():
        return None
    return datetime.datetime.fromisoformat(result.stdout.strip())


def parse_moment(text: str, what: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise SiteError(
            f"{what} « {text} » illisible : écrivez une date ISO, par exemple "
            "2026-12-03T06:00:00+01:00."
        ) from None
    if moment.tzinfo is None:
        raise SiteError(f"{what} « {text} » : précisez le fuseau (+01:00, Z…).")
    return moment


def contents_due(
    repository: Path, since: str = "", now: str = "", content: Path | None = None
) -> tuple[list[str], datetime.datetime, datetime.datetime]:
    """The interviews of ``content`` whose date has come since ``since``
    (by default the later of the last commit and one period ago: a push
    publishes, and so did yesterday's scheduled run), up to ``now`` (by
    default the clock); and the two moments, for the message."""
    from plugins.content_model.validation import validate

    from .build import PRODUCTION, read_settings

    settings = read_settings(PRODUCTION, content)
    timezone = ZoneInfo(settings["TIMEZONE"])
    moment = parse_moment(now, "--maintenant") if now else datetime.datetime.now(timezone)
    if since:
        start = parse_moment(since, "--depuis")
    else:
        start = moment - PERIOD
        committed = last_commit_time(repository)
        if committed is not None and committed > start:
            start = committed
    articles = [
        (source.file, source.metadata)
        for source in validate(Path(settings["PATH"]), settings).sources
        if source.kind.folder in settings["ARTICLE_PATHS"]
    ]
    due = due_between(articles, start, moment, timezone)
    return due, start.astimezone(timezone), moment.astimezone(timezone)


def decision_lines(due: list[str], since: datetime.datetime, now: datetime.datetime) -> list[str]:
    """What `invoke a-publier` prints, in French."""
    span = f"entre le {since:%d/%m/%Y à %H:%M} et le {now:%d/%m/%Y à %H:%M}"
    if not due:
        return [f"Rien à publier : aucun entretien n’a atteint sa date {span}."]
    return [f"À publier : {len(due)} entretien(s) arrivé(s) à leur date {span} :"] + [
        f"  {file}" for file in due
    ]
