"""Anchored expressions: "yesterday", "on Saturday", "next week", "the past week", "last month",
"earlier this year", "two days ago", "mid-September", "late summer", "the end of the year".

Each rule takes the normalised text and a :class:`Ctx` and returns a :class:`Resolved`, or
``None`` when the text is not of its shape. :data:`RULES` lists them in the order tried.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ...extract.quantities import parse_number
from ...schema import TimePrecision
from .calendar import (
    WEEKDAYS,
    Direction,
    Interval,
    add_months,
    conventions,
    month_interval,
    part_of,
    season_interval,
    season_occurrence,
    week_interval,
    weekday_date,
    year_interval,
)
from .explicit import MONTH_RE, Resolved, month_occurrence, pick_year

__all__ = ["RULES", "Ctx", "count_word", "resolve_period"]

_WEEKDAY_RE = (
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"  # full names and abbreviations
)
_UNIT_RE = r"(?P<unit>hour|day|night|week|fortnight|month|year|decade)s?"
_SEASON_RE = r"(?P<season>spring|springtime|summer|summertime|autumn|fall|winter|wintertime)"
_PRECISION = {
    "hour": TimePrecision.DAY,
    "day": TimePrecision.DAY,
    "night": TimePrecision.DAY,
    "week": TimePrecision.WEEK,
    "fortnight": TimePrecision.WEEK,
    "month": TimePrecision.MONTH,
    "year": TimePrecision.YEAR,
    "decade": TimePrecision.YEAR,
}


@dataclass(frozen=True, slots=True)
class Ctx:
    """What a rule may use: the anchor, the clause direction, the hemisphere, boundary use."""

    anchor: datetime
    direction: Direction = Direction.UNKNOWN
    hemisphere: str = "north"
    boundary: bool = False

    @property
    def day(self) -> date:
        return self.anchor.date()


def _res(interval: Interval, precision: TimePrecision, rule: str) -> Resolved:
    return Resolved(interval.start, interval.end, precision, True, rule)


def _one(day: date, rule: str) -> Resolved:
    return Resolved(day, day, TimePrecision.DAY, True, rule)


def count_word(text: str | None) -> int | None:
    """How many units a count word means: "three", "24", "a", "a few" (conventions), ``None`` if unknown."""
    if not text:
        return 1
    text = text.strip()
    vague = conventions().vague_counts
    key = re.sub(r"^(?:a|an)\s+|\s+of$", "", text)
    if key in vague:
        return vague[key]
    if text in ("a", "an", "one", "a single"):
        return 1
    value = parse_number(text)
    return int(value) if value is not None and value == int(value) and 0 < value < 10_000 else None


def _shift(day: date, unit: str, count: int) -> date:
    if unit == "hour":
        return day + timedelta(days=int(count / 24))
    if unit in ("day", "night"):
        return day + timedelta(days=count)
    if unit == "week":
        return day + timedelta(weeks=count)
    if unit == "fortnight":
        return day + timedelta(weeks=2 * count)
    if unit == "month":
        return add_months(day, count)
    if unit == "year":
        return add_months(day, 12 * count)
    return add_months(day, 120 * count)  # decade


def _days(text: str, ctx: Ctx) -> Resolved | None:
    m = re.fullmatch(
        r"(?P<word>today|tonight|this (?:morning|afternoon|evening)|(?:earlier|later) today|"
        r"yesterday(?: (?:morning|afternoon|evening|night))?|last night|"
        r"tomorrow(?: (?:morning|afternoon|evening|night))?|the day before yesterday|the day after tomorrow|"
        r"overnight|now|at present|currently)",
        text,
    )
    if not m:
        return None
    word, day = m["word"], ctx.day
    if word.startswith("yesterday"):
        return _one(day - timedelta(days=1), "yesterday")
    if word.startswith("tomorrow"):
        return _one(day + timedelta(days=1), "tomorrow")
    if word == "last night":
        return _res(Interval(day - timedelta(days=1), day), TimePrecision.DAY, "last-night")
    if word == "overnight":
        if ctx.direction is Direction.FUTURE:
            return _res(Interval(day, day + timedelta(days=1)), TimePrecision.DAY, "overnight")
        return _res(Interval(day - timedelta(days=1), day), TimePrecision.DAY, "overnight")
    if word == "the day before yesterday":
        return _one(day - timedelta(days=2), "relative-day")
    if word == "the day after tomorrow":
        return _one(day + timedelta(days=2), "relative-day")
    return _one(day, "today")


def _rolling(text: str, ctx: Ctx) -> Resolved | None:
    """Handles "the past week", "past 24 hours", "the last two weeks", "the next few days", "recent days"."""
    m = re.fullmatch(
        rf"(?:in\s+|over\s+|during\s+|for\s+)?(?:the\s+(?P<dir>past|last|next|coming)|"
        rf"(?P<dir2>past)|(?P<dir3>last|next|coming)\s+(?P<n>[\w ,.-]+?))\s+(?P<n2>[\w ,.-]+?\s+)?{_UNIT_RE}",
        text,
    )
    if m:
        direction = m["dir"] or m["dir2"] or m["dir3"]
        count = count_word((m["n"] or m["n2"] or "").strip() or None)
        if count is None:
            return None
        unit = m["unit"]
        future = direction in ("next", "coming")
        if unit == "hour":
            delta = timedelta(hours=count)
            start, end = (ctx.anchor, ctx.anchor + delta) if future else (ctx.anchor - delta, ctx.anchor)
            return _res(Interval(start.date(), end.date()), TimePrecision.DAY, "rolling")
        other = _shift(ctx.day, unit, count if future else -count)
        interval = Interval(ctx.day, other) if future else Interval(other, ctx.day)
        return _res(interval, _PRECISION[unit], "rolling")
    m = re.fullmatch(rf"(?:in\s+|over\s+)?(?:the\s+)?(?:recent|past\s+(?:few|several))\s+{_UNIT_RE}", text)
    if m:
        length = conventions().recent_days.get(m["unit"] + "s", 7)
        if "few" in text or "several" in text:
            length = count_word("few" if "few" in text else "several") * _shift_days(m["unit"])
        return _res(Interval(ctx.day - timedelta(days=length), ctx.day), _PRECISION[m["unit"]], "recent")
    return None


def _shift_days(unit: str) -> int:
    return {"hour": 1, "day": 1, "night": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}.get(
        unit, 3650
    )


def _calendar_unit(text: str, ctx: Ctx) -> Resolved | None:
    """Handles "this week", "last month", "next year", "the weekend", "this weekend"."""
    m = re.fullmatch(
        r"(?P<rel>this|last|next|previous|current|coming|the)\s+(?P<unit>week|month|year|weekend)", text
    )
    if not m:
        return None
    rel, unit, day = m["rel"], m["unit"], ctx.day
    if rel == "the" and unit != "weekend":
        if unit == "year":
            return _res(year_interval(day.year), TimePrecision.YEAR, "this-year")
        return None
    offset = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    if unit == "week":
        return _res(week_interval(day + timedelta(weeks=offset)), TimePrecision.WEEK, "calendar-week")
    if unit == "month":
        shifted = add_months(day, offset)
        return _res(month_interval(shifted.year, shifted.month), TimePrecision.MONTH, "calendar-month")
    if unit == "year":
        return _res(year_interval(day.year + offset), TimePrecision.YEAR, "calendar-year")
    if rel == "the":
        offset = 0 if day.weekday() >= 5 or ctx.direction is Direction.FUTURE else -1
    saturday = week_interval(day + timedelta(weeks=offset)).start + timedelta(days=5)
    return _res(Interval(saturday, saturday + timedelta(days=1)), TimePrecision.DAY, "weekend")


def _ago(text: str, ctx: Ctx) -> Resolved | None:
    """Handles "two days ago", "a week ago", "three years ago"; "in three days", "within two weeks"."""
    m = re.fullmatch(rf"(?P<n>[\w ,.-]+?)\s+{_UNIT_RE}\s+(?:ago|back)", text)
    future = re.fullmatch(
        rf"(?P<kw>in|within)\s+(?P<n>(?:a|an|one|\d[\d,.]*|[a-z]+(?:[- ][a-z]+)?))\s+{_UNIT_RE}", text
    )
    if not m and not future:
        return None
    match = m or future
    assert match is not None
    count = count_word(match["n"])
    if count is None:
        return None
    unit = match["unit"]
    if future and future["kw"] == "within":
        return _res(Interval(ctx.day, _shift(ctx.day, unit, count)), _PRECISION[unit], "within")
    if unit == "hour":
        moment = ctx.anchor + timedelta(hours=count if future else -count)
        return _one(moment.date(), "hours-ago")
    point = _shift(ctx.day, unit, count if future else -count)
    if unit in ("day", "night"):
        return _one(point, "ago")
    if unit in ("week", "fortnight"):
        low, high = point - timedelta(days=3), point + timedelta(days=3)
        return _res(Interval(low, min(high, ctx.day) if not future else high), TimePrecision.WEEK, "ago")
    if unit == "month":
        return _res(month_interval(point.year, point.month), TimePrecision.MONTH, "ago")
    return _res(year_interval(point.year), TimePrecision.YEAR, "ago")


def _earlier_later(text: str, ctx: Ctx) -> Resolved | None:
    m = re.fullmatch(r"(?P<side>earlier|later)\s+(?:this|in\s+the)\s+(?P<unit>week|month|year)", text)
    if not m:
        return None
    unit = m["unit"]
    if unit == "week":
        period, precision = week_interval(ctx.day), TimePrecision.WEEK
    elif unit == "month":
        period, precision = month_interval(ctx.day.year, ctx.day.month), TimePrecision.MONTH
    else:
        period, precision = year_interval(ctx.day.year), TimePrecision.YEAR
    if m["side"] == "earlier":
        return _res(Interval(period.start, ctx.day), precision, "earlier-this")
    return _res(Interval(ctx.day, period.end), precision, "later-this")


def _weekday(text: str, ctx: Ctx) -> Resolved | None:
    m = re.fullmatch(
        rf"(?:(?P<rel>last|this|next|past|coming|early|late|on|overnight)\s+(?:on\s+)?)?(?P<wd>{_WEEKDAY_RE})\.?"
        rf"(?:'s)?(?:\s+(?P<part>morning|afternoon|evening|night|overnight))?",
        text,
    )
    if not m:
        return None
    weekday = _weekday_index(m["wd"])
    if weekday is None:
        return None
    rel = m["rel"]
    direction = ctx.direction
    strict = rel in ("last", "next", "past", "coming")
    if rel in ("last", "past"):
        direction = Direction.PAST
    elif rel in ("next", "coming"):
        direction = Direction.FUTURE
    elif rel == "this" and direction in (Direction.UNKNOWN, Direction.PRESENT):
        direction = Direction.FUTURE
    elif direction is Direction.UNKNOWN:
        direction = Direction.PAST  # news reports what happened: the default reading is past
    found = weekday_date(ctx.day, weekday, direction, strict=strict)
    if rel == "overnight" or m["part"] == "overnight":
        return _res(Interval(found, found + timedelta(days=1)), TimePrecision.DAY, "weekday-night")
    return _one(found, "weekday")


def _weekday_index(word: str) -> int | None:
    word = word.rstrip(".")
    if word in WEEKDAYS:
        return WEEKDAYS[word]
    for name, index in WEEKDAYS.items():
        if len(name) > 4 and word.startswith(name[:3]) and name.startswith(word[:3]):
            return index
    return None


def _weekday_range(text: str, ctx: Ctx) -> Resolved | None:
    m = re.fullmatch(
        rf"(?:between\s+|from\s+)?(?P<a>{_WEEKDAY_RE})\s*(?:and|to|-|through|until|till)\s*(?P<b>{_WEEKDAY_RE})",
        text,
    )
    if not m:
        return None
    first, second = _weekday(m["a"], ctx), _weekday(m["b"], ctx)
    if first is None or second is None:
        return None
    start, end = first.start, second.end
    if end < start:
        if ctx.direction is Direction.FUTURE:
            end += timedelta(days=7)
        else:
            start -= timedelta(days=7)
    return _res(Interval(start, end), TimePrecision.DAY, "weekday-range")


def _month_only(text: str, ctx: Ctx) -> Resolved | None:
    m = re.fullmatch(rf"(?:(?P<rel>last|this|next|coming|past)\s+)?(?P<month>{MONTH_RE})", text)
    if not m:
        return None
    from .calendar import MONTHS  # noqa: PLC0415 - small table, avoids a long import line

    offset = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(m["rel"] or "", 0)
    interval = month_occurrence(MONTHS[m["month"].rstrip(".")], ctx.day, ctx.direction, offset)
    return _res(interval, TimePrecision.MONTH, "month")


def _season(text: str, ctx: Ctx) -> Resolved | None:
    m = re.fullmatch(
        rf"(?:(?P<rel>last|this|next|coming|past)\s+)?(?:the\s+)?{_SEASON_RE}(?:\s+(?:of\s+)?(?P<year>\d{{4}}))?",
        text,
    )
    if not m:
        return None
    name = conventions().season_name(m["season"])
    if name is None:
        return None
    if m["year"]:
        interval = season_interval(name, int(m["year"]), ctx.hemisphere)
        return Resolved(interval.start, interval.end, TimePrecision.SEASON, False, "season")
    offset = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(m["rel"] or "", 0)
    interval = season_occurrence(name, ctx.day, offset, ctx.hemisphere, ctx.direction)
    return _res(interval, TimePrecision.SEASON, "season")


def _holiday(text: str, ctx: Ctx) -> Resolved | None:
    fixed = conventions().fixed_holidays
    name = text.removesuffix(" day") if text not in fixed and text.removesuffix(" day") in fixed else text
    if name not in fixed:
        return None
    month, day = fixed[name]
    year = pick_year(month, day, ctx.day, ctx.direction)
    return _one(date(year, month, day), "holiday")


def resolve_period(text: str, ctx: Ctx) -> Resolved | None:
    """The period a part-of phrase is applied to: "september", "2016", "summer", "the year", "next week"."""
    from .explicit import explicit_date  # noqa: PLC0415 - sibling module, kept lazy for clarity

    text = re.sub(r"^(?:the\s+)?(?=(?:year|month|week)$)", "this ", text)
    for rule in (_calendar_unit, _month_only, _season):
        if found := rule(text, ctx):
            return found
    return explicit_date(text, ctx.day, ctx.direction)


_PART_RE = re.compile(
    r"(?:the\s+)?(?P<part>early|mid|middle|late|beginning|start|end|close)(?:\s+of|-|\s+)\s*(?:the\s+)?(?P<period>.+)"
)
_PART_PRECISION = {
    TimePrecision.YEAR: TimePrecision.SEASON,
    TimePrecision.SEASON: TimePrecision.SEASON,
    TimePrecision.MONTH: TimePrecision.WEEK,
    TimePrecision.WEEK: TimePrecision.DAY,
}


def _part(text: str, ctx: Ctx) -> Resolved | None:
    """Handles "mid-September", "late summer", "early 2015", "the end of the year", "year-end"."""
    if text in ("year-end", "year's end", "end-of-year", "the year's end", "year end"):
        text = "end of this year"
    m = _PART_RE.fullmatch(text)
    if not m:
        return None
    period = resolve_period(m["period"].strip(), ctx)
    if period is None or period.precision not in _PART_PRECISION:
        return None
    part = "mid" if m["part"] == "middle" else m["part"]
    boundary = ctx.boundary and part in ("beginning", "start", "end", "close")
    interval = part_of(Interval(period.start, period.end), part, boundary=boundary)
    precision = TimePrecision.DAY if boundary else _PART_PRECISION[period.precision]
    return Resolved(interval.start, interval.end, precision, period.anchored, f"part-{part}")


Rule = Callable[[str, Ctx], Resolved | None]
RULES: tuple[Rule, ...] = (
    _days,
    _rolling,
    _calendar_unit,
    _ago,
    _earlier_later,
    _weekday_range,
    _weekday,
    _part,
    _month_only,
    _season,
    _holiday,
)
"""Anchored rules in the order they are tried."""
