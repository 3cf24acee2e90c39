"""Calendar arithmetic and the packaged conventions (weeks, seasons, parts of a period).

Every function returns a closed, inclusive :class:`Interval` of dates. The conventions
(``data/time/conventions.toml``) are read once per process by :func:`conventions`.
"""

from __future__ import annotations

import calendar
import math
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "Conventions",
    "Direction",
    "Interval",
    "add_months",
    "conventions",
    "month_interval",
    "part_of",
    "season_interval",
    "season_occurrence",
    "week_interval",
    "weekday_date",
    "year_interval",
]

MONTHS = {
    name: i
    for i, names in enumerate(
        (
            (),
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        )
    )
    for name in names
}
"""Lower-case English month names and abbreviations -> month number."""

WEEKDAYS = {
    name: i
    for i, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
"""Lower-case English weekday names and abbreviations -> ISO weekday index (Monday = 0)."""


class Direction(StrEnum):
    """Where an underspecified expression points relative to its anchor (from the clause's tense)."""

    PAST = "past"
    FUTURE = "future"
    PRESENT = "present"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval of calendar days."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class Conventions:
    """The parsed ``conventions.toml``."""

    parts: dict[str, tuple[float, float]]
    boundary_prepositions: frozenset[str]
    first_day_parts: frozenset[str]
    last_day_parts: frozenset[str]
    seasons: dict[str, dict[str, tuple[tuple[int, int], tuple[int, int]]]]
    season_aliases: dict[str, str]
    recent_days: dict[str, int]
    vague_counts: dict[str, int]
    day_parts: dict[str, tuple[str, str]]
    fixed_holidays: dict[str, tuple[int, int]]
    movable_holidays: frozenset[str]
    future_governors: frozenset[str]
    future_auxiliaries: frozenset[str]
    name_heads: frozenset[str]

    def season_name(self, word: str) -> str | None:
        word = word.lower()
        word = self.season_aliases.get(word, word)
        return word if word in self.seasons["north"] else None


def _month_day(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)


@cache
def conventions() -> Conventions:
    """Load the packaged conventions (once per process)."""
    raw: dict[str, Any] = tomllib.loads(
        resources.files("dateline").joinpath("data/time/conventions.toml").read_text("utf-8")
    )
    parts = {k: (float(v[0]), float(v[1])) for k, v in raw["parts"].items() if isinstance(v, list)}
    boundary = raw["parts"]["boundary"]
    seasons = {
        hemi: {name: (_month_day(a), _month_day(b)) for name, (a, b) in table.items()}
        for hemi, table in raw["seasons"].items()
        if hemi in ("north", "south")
    }
    return Conventions(
        parts=parts,
        boundary_prepositions=frozenset(boundary["prepositions"]),
        first_day_parts=frozenset(boundary["first_day"]),
        last_day_parts=frozenset(boundary["last_day"]),
        seasons=seasons,
        season_aliases=dict(raw["seasons"]["aliases"]),
        recent_days={k: int(v) for k, v in raw["recent"].items()},
        vague_counts={k: int(v) for k, v in raw["vague_counts"].items()},
        day_parts={k: (v[0], v[1]) for k, v in raw["day_parts"].items()},
        fixed_holidays={k: _month_day(v) for k, v in raw["holidays"]["fixed"].items()},
        movable_holidays=frozenset(raw["holidays"]["movable"]),
        future_governors=frozenset(raw["tense"]["future_governors"]),
        future_auxiliaries=frozenset(raw["tense"]["future_auxiliaries"]),
        name_heads=frozenset(raw["names"]["heads"]),
    )


def add_months(day: date, months: int) -> date:
    """``day`` shifted by ``months`` calendar months, clamped to the end of the month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_interval(year: int, month: int) -> Interval:
    return Interval(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))


def year_interval(year: int) -> Interval:
    return Interval(date(year, 1, 1), date(year, 12, 31))


def week_interval(day: date) -> Interval:
    """The Monday..Sunday week containing ``day``."""
    start = day - timedelta(days=day.weekday())
    return Interval(start, start + timedelta(days=6))


def season_interval(name: str, year: int, hemisphere: str = "north") -> Interval:
    """Season ``name`` of ``year``; a season crossing New Year belongs to the year of its January."""
    (m1, d1), (m2, d2) = conventions().seasons[hemisphere][name]
    if (m1, d1) > (m2, d2):
        return Interval(date(year - 1, m1, d1), date(year, m2, d2))
    return Interval(date(year, m1, d1), date(year, m2, d2))


def season_occurrence(
    name: str, anchor: date, offset: int, hemisphere: str = "north", direction: Direction = Direction.PAST
) -> Interval:
    """The season named relative to ``anchor``: ``offset`` -1 "last", 0 "this"/bare, +1 "next".

    A bare season is the latest one already started (past reading), or for a future clause
    the current one if not over, else the coming one. "last summer" is the latest summer
    already over; "next summer" the first one starting after the anchor.
    """
    latest = _latest_started(name, anchor, hemisphere)
    index = latest.end.year
    if offset < 0:
        return latest if latest.end < anchor else season_interval(name, index - 1, hemisphere)
    if offset > 0:
        return season_interval(name, index + 1, hemisphere)
    if direction is Direction.FUTURE and latest.end < anchor:
        return season_interval(name, index + 1, hemisphere)
    return latest


def _latest_started(name: str, anchor: date, hemisphere: str) -> Interval:
    for year in (anchor.year + 1, anchor.year, anchor.year - 1):
        interval = season_interval(name, year, hemisphere)
        if interval.start <= anchor:
            return interval
    return season_interval(name, anchor.year - 1, hemisphere)


def part_of(interval: Interval, part: str, *, boundary: bool = False) -> Interval:
    """The ``part`` ("early", "mid", "late", "end"...) of ``interval`` per the conventions."""
    conv = conventions()
    if boundary and part in conv.first_day_parts:
        return Interval(interval.start, interval.start)
    if boundary and part in conv.last_day_parts:
        return Interval(interval.end, interval.end)
    low, high = conv.parts[part]
    length = interval.days
    first = math.floor(low * length)
    last = max(first, math.ceil(high * length) - 1)
    return Interval(interval.start + timedelta(days=first), interval.start + timedelta(days=last))


def weekday_date(anchor: date, weekday: int, direction: Direction, *, strict: bool = False) -> date:
    """The date of ``weekday`` nearest ``anchor`` in ``direction``.

    Past: on or before the anchor (the anchor itself when it is that weekday, unless ``strict``);
    future: on or after it (after it when ``strict``); present/unknown: the nearer of the two,
    the past one on ties.
    """
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if strict:
        back, ahead = back or 7, ahead or 7
    if direction is Direction.PAST:
        return anchor - timedelta(days=back)
    if direction is Direction.FUTURE:
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back) if back <= ahead else anchor + timedelta(days=ahead)
