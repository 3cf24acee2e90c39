"""Explicit calendar dates: "Dec. 4, 2016", "4 December", "May 2020", "in 2014", "the 1990s",
clock times ("6:19 PM"), and date ranges ("between 2 and 5 May", "2014-2016").

Functions take normalised lower-case text (see :func:`dateline.resolve.time.grammar.normalise`)
and return a :class:`Resolved` or ``None`` when the text is not of their shape.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ...schema import TimePrecision
from .calendar import MONTHS, Direction, Interval, month_interval, year_interval

__all__ = [
    "FULL_DATE_RE",
    "MONTH_RE",
    "Resolved",
    "clock_time",
    "explicit_date",
    "explicit_range",
    "fallback_dateparser",
    "pick_year",
    "split_clock_time",
]

MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|2[01]\d\d)"
FULL_DATE_RE = re.compile(
    rf"\b(?:{_DAY}\s+(?:of\s+)?{MONTH_RE}(?:,?\s+{_YEAR})?|{MONTH_RE}\s+{_DAY}(?:,?\s+{_YEAR})?)(?![\w])",
    re.IGNORECASE,
)
"""A day and month written out, with an optional year, found inside running text."""
_MDY = re.compile(rf"(?P<month>{MONTH_RE})\s+(?P<day>{_DAY})(?:,?\s+(?P<year>{_YEAR}))?")
_DMY = re.compile(rf"(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{MONTH_RE}),?(?:\s+(?P<year>{_YEAR}))?")
_ISO = re.compile(rf"(?P<year>{_YEAR})-(?P<month>0?[1-9]|1[0-2])-(?P<day>{_DAY})")
_MY = re.compile(rf"(?:the\s+month\s+of\s+)?(?P<month>{MONTH_RE})(?:,?\s+(?:of\s+)?(?P<year>{_YEAR}))?")
_Y = re.compile(rf"(?:the\s+year\s+)?(?P<year>{_YEAR})")
_DECADE = re.compile(r"(?:the\s+)?(?:(?P<century>1[5-9]|20)(?P<decade>\d)0|'(?P<short>\d)0)'?s")
_CLOCK = re.compile(
    r"(?:at\s+)?(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\.?)"
    r"|(?:at\s+)?(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?:\s*hours?)?"
    r"|(?:at\s+)?(?P<word>noon|midday|midnight)"
)
_ZONE = r"(?:\s+(?:local\s+time|gmt|utc|[ecmp][sd]?t|bst|cet|cest|eet|eest|ist))?"
_RANGE_SEP = r"\s*(?:-|to|until|till|through|and)\s*"


@dataclass(frozen=True, slots=True)
class Resolved:
    """An interval (dates, or datetimes at minute precision) and whether the anchor was needed."""

    start: date
    end: date
    precision: TimePrecision
    anchored: bool
    rule: str


def pick_year(month: int, day: int, anchor: date, direction: Direction) -> int:
    """The year of ``month``/``day`` without a year: the latest one on or before the anchor for a
    past clause, the earliest on or after it for a future one, else the nearer of the two."""
    past = _safe_date(anchor.year, month, day)
    if past > anchor:
        past = _safe_date(anchor.year - 1, month, day)
    future = _safe_date(anchor.year, month, day)
    if future < anchor:
        future = _safe_date(anchor.year + 1, month, day)
    if direction is Direction.PAST:
        return past.year
    if direction is Direction.FUTURE:
        return future.year
    return past.year if (anchor - past) <= (future - anchor) else future.year


def _safe_date(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _month_number(text: str) -> int:
    return MONTHS[text.rstrip(".")]


def _day_number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def explicit_date(text: str, anchor: date | None, direction: Direction) -> Resolved | None:
    """A day, month or year named on the calendar (the year may be inferred from the anchor)."""
    for pattern in (_MDY, _DMY, _ISO):
        if m := pattern.fullmatch(text):
            month = _month_number(m["month"]) if not m["month"].isdigit() else int(m["month"])
            day = _day_number(m["day"])
            if m["year"]:
                year, anchored = int(m["year"]), False
            elif anchor is None:
                return None
            else:
                year, anchored = pick_year(month, day, anchor, direction), True
            if day > calendar.monthrange(year, month)[1]:
                return None
            found = date(year, month, day)
            return Resolved(found, found, TimePrecision.DAY, anchored, "explicit-day")
    if m := _MY.fullmatch(text):
        month = _month_number(m["month"])
        if m["year"]:
            interval, anchored = month_interval(int(m["year"]), month), False
        elif anchor is None:
            return None
        else:
            interval, anchored = _month_occurrence(month, anchor, direction), True
        return Resolved(interval.start, interval.end, TimePrecision.MONTH, anchored, "explicit-month")
    if m := _Y.fullmatch(text):
        interval = year_interval(int(m["year"]))
        return Resolved(interval.start, interval.end, TimePrecision.YEAR, False, "explicit-year")
    if m := _DECADE.fullmatch(text):
        if m["short"] is not None:
            if anchor is None:
                return None
            century = anchor.year // 100 * 100
            first = century + int(m["short"]) * 10
            if first > anchor.year:
                first -= 100
            anchored = True
        else:
            first, anchored = int(m["century"]) * 100 + int(m["decade"]) * 10, False
        return Resolved(date(first, 1, 1), date(first + 9, 12, 31), TimePrecision.YEAR, anchored, "decade")
    return None


def _month_occurrence(month: int, anchor: date, direction: Direction, offset: int = 0) -> Interval:
    """The month named without a year: the latest started (past), the current or next (future)."""
    year = anchor.year if month <= anchor.month else anchor.year - 1
    latest = month_interval(year, month)
    if offset < 0:
        return latest if latest.end < anchor else month_interval(year - 1, month)
    if offset > 0 or (direction is Direction.FUTURE and latest.end < anchor):
        return month_interval(year + 1, month)
    if direction in (Direction.UNKNOWN, Direction.PRESENT) and latest.end < anchor:
        upcoming = month_interval(year + 1, month)
        if (upcoming.start - anchor) < (anchor - latest.end):
            return upcoming
    return latest


def month_occurrence(month: int, anchor: date, direction: Direction, offset: int = 0) -> Interval:
    """Public wrapper of the month-without-year rule (``offset`` -1 "last", +1 "next")."""
    return _month_occurrence(month, anchor, direction, offset)


def explicit_range(text: str, anchor: date | None, direction: Direction) -> Resolved | None:
    """Handles "between 2 and 5 May", "2-5 May 2020", "May 2-5", "from 2 May to 5 June", "2014-2016"."""
    text = re.sub(r"^(?:between|from)\s+", "", text)
    m = re.fullmatch(rf"(?P<a>{_DAY}){_RANGE_SEP}(?P<b>{_DAY})\s+(?P<rest>{MONTH_RE}(?:,?\s+{_YEAR})?)", text)
    if m:
        left, right = f"{m['a']} {m['rest']}", f"{m['b']} {m['rest']}"
    elif m := re.fullmatch(
        rf"(?P<month>{MONTH_RE})\s+(?P<a>{_DAY}){_RANGE_SEP}(?P<b>{_DAY})(?P<year>,?\s+{_YEAR})?", text
    ):
        year = m["year"] or ""
        left, right = f"{m['month']} {m['a']}{year}", f"{m['month']} {m['b']}{year}"
    elif m := re.fullmatch(rf"(?P<a>{_YEAR})\s*(?:-|to|and|until|through)\s*(?P<b>{_YEAR}|\d\d)", text):
        b = m["b"] if len(m["b"]) == 4 else m["a"][:2] + m["b"]
        left, right = m["a"], b
    else:
        parts = re.split(_RANGE_SEP, text, maxsplit=1)
        if len(parts) != 2:
            return None
        left, right = parts
    end = explicit_date(right.strip(), anchor, direction)
    if end is None:
        return None
    start = explicit_date(left.strip(), end.end, Direction.PAST)
    if start is None or start.start > end.end:
        return None
    precision = start.precision if start.precision == end.precision else TimePrecision.DAY
    return Resolved(start.start, end.end, precision, start.anchored or end.anchored, "range")


def split_clock_time(text: str) -> tuple[str, time | None]:
    """Split a clock time ("6:19 pm", "noon") off a date phrase; returns the rest and the time."""
    m = re.search(rf"(?:,\s*|\s+|^)(?:{_CLOCK.pattern}){_ZONE}(?=$|,|\s)", text)
    if not m:
        return text, None
    found = clock_time(m.group(0).strip(" ,"))
    if found is None:
        return text, None
    rest = (text[: m.start()] + " " + text[m.end() :]).strip(" ,")
    rest = re.sub(r"^(?:on|at)\s+|\s+(?:on|at)$", "", rest).strip(" ,")
    return rest, found


def clock_time(text: str) -> time | None:
    """``time`` of "6:19 PM", "3 p.m.", "14:30", "noon"; ``None`` otherwise."""
    text = re.sub(_ZONE + "$", "", text.strip())
    m = _CLOCK.fullmatch(text)
    if not m:
        return None
    if m["word"]:
        return time(0, 0) if m["word"] == "midnight" else time(12, 0)
    if m["hour24"] is not None:
        return time(int(m["hour24"]), int(m["minute24"]))
    hour, minute = int(m["hour"]), int(m["minute"] or 0)
    if hour > 12 or hour == 0:
        return None
    pm = m["ampm"].startswith("p")
    return time(hour % 12 + (12 if pm else 0), minute)


def with_clock(day: date, at: time) -> Resolved:
    moment = datetime.combine(day, at)
    return Resolved(moment, moment, TimePrecision.MINUTE, True, "clock")


_PERIOD_PRECISION = {
    "day": TimePrecision.DAY,
    "week": TimePrecision.WEEK,
    "month": TimePrecision.MONTH,
    "year": TimePrecision.YEAR,
    "time": TimePrecision.MINUTE,
}


def fallback_dateparser(text: str, anchor: datetime | None, direction: Direction) -> Resolved | None:
    """dateparser on one span (never on whole texts), for shapes the rules above do not cover.

    Only accepted when the text has a digit or a month name, so that words such as "may" or
    "now" are never turned into dates.
    """
    if not re.search(rf"\d|\b{MONTH_RE}(?!\w)", text) or anchor is None:
        return None
    import dateparser  # noqa: PLC0415 - 0.1 s import, only when a fallback is needed

    settings = {
        "RELATIVE_BASE": anchor,
        "PREFER_DATES_FROM": "future" if direction is Direction.FUTURE else "past",
        "RETURN_TIME_AS_PERIOD": True,
    }
    try:
        data = dateparser.DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    except (ValueError, OverflowError, TypeError, AttributeError):  # odd input inside dateparser
        return None
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.replace(tzinfo=None)
    precision = _PERIOD_PRECISION.get(data.period or "day", TimePrecision.DAY)
    if precision is TimePrecision.MINUTE:
        return Resolved(found, found, precision, True, "dateparser")
    day = found.date()
    if precision is TimePrecision.MONTH:
        interval = month_interval(day.year, day.month)
    elif precision is TimePrecision.YEAR:
        interval = year_interval(day.year)
    elif precision is TimePrecision.WEEK:
        start = day - timedelta(days=day.weekday())
        interval = Interval(start, start + timedelta(days=6))
    else:
        interval = Interval(day, day)
    return Resolved(interval.start, interval.end, precision, True, "dateparser")
