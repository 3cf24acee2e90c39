"""One time expression -> a calendar interval with a precision, or a reason why not.

:func:`resolve_expression` is a pure function of the text, the anchor (publication date or
a caption's date), the direction of the governing clause (past/future, from the parse) and
the hemisphere. It never raises on odd text: anything it cannot read is returned with a
``reason``. Expressions that are not calendar references at all (ages, durations,
frequencies, bare numbers) are classified as such so the time stage can drop them.

>>> from datetime import datetime
>>> r = resolve_expression("Saturday", datetime(2016, 12, 4, 18, 19), Direction.PAST)
>>> (r.start.isoformat(), r.precision.value)
('2016-12-03', 'day')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from ...schema import TimePrecision
from .calendar import Direction, conventions
from .explicit import (
    MONTH_RE,
    Resolved,
    explicit_date,
    explicit_range,
    fallback_dateparser,
    split_clock_time,
    with_clock,
)
from .relative import RULES, Ctx, count_word

__all__ = ["ExpressionKind", "Resolution", "classify", "normalise", "resolve_expression"]

_NARRATIVE = re.compile(
    r"(?:the\s+)?(?:same|that|following|previous|preceding|prior|next|day\s+before|day\s+after)"
    r"(?:\s+(?:day|night|morning|afternoon|evening|week|weekend|month|year))?"
    r"|.+\s+(?:later|earlier|before|after|prior|afterwards)|then|at\s+the\s+time|the\s+time|recently|"
    r"(?:the\s+)?(?:day|night|morning|week)\s+(?:before|after)|the\s+(?:day|night|morning|evening|week|month|year)"
)
_FREQUENCY = re.compile(
    r"(?:daily|weekly|monthly|yearly|annual(?:ly)?|nightly|hourly|fortnightly|bi-?weekly|bi-?monthly|quarterly|"
    r"semi-?annual(?:ly)?|everyday|every\s+.+|each\s+(?:day|night|week|month|year|morning|evening)|"
    r"(?:once|twice|\S+\s+times)\s+(?:a|per|every)\s+\w+|(?:a|per)\s+(?:day|week|month|year|night)|"
    r"day\s+(?:after|by)\s+day|round\s+the\s+clock|around\s+the\s+clock|day\s+and\s+night)"
)
_AGE = re.compile(r".*\b\S+[- ]years?[- ]old\b.*|aged?\s+\d+.*|\d+\s+years?\s+of\s+age|\d+-year-old.*")
_DURATION = re.compile(
    r"(?:(?:for|over|about|nearly|almost|around|some|more\s+than|less\s+than|at\s+least|up\s+to|the|a|an|its|their|"
    r"another|an\s+additional|a\s+further|the\s+first|the\s+final|all|whole|entire)\s+)*"
    r"(?P<n>[\w,.]+(?:[\s-][\w]+)??(?:\s+and\s+a\s+half)?)?[\s-]*"
    r"(?P<unit>second|minute|hour|day|night|week|fortnight|month|year|decade|centur(?:y|ie))s?"
    r"(?:[\s-]long|\s+and\s+a\s+half|\s+of\s+\w+)?"
)


class ExpressionKind(StrEnum):
    """What an NER DATE/TIME span turned out to be."""

    CALENDAR = "calendar"
    DURATION = "duration"
    AGE = "age"
    FREQUENCY = "frequency"
    NUMBER = "number"


@dataclass(frozen=True, slots=True)
class Resolution:
    """The reading of one expression. ``start``/``end`` are dates (datetimes at minute precision)."""

    kind: ExpressionKind
    start: date | None = None
    end: date | None = None
    precision: TimePrecision | None = None
    anchored: bool = False
    rule: str | None = None
    reason: str | None = None

    @property
    def resolved(self) -> bool:
        return self.start is not None


def normalise(text: str) -> str:
    """Lower case, ASCII quotes and dashes, single spaces, no outer punctuation."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    text = re.sub(r"\s*-\s*(?=[a-z])", "-", text) if re.search(r"\bmid\s*-\s*[a-z]", text) else text
    text = re.sub(r"\s+", " ", text).strip(" ,;:()\"'")
    return (
        re.sub(r"(?<![a-z]\.[a-z])(?<!\b[a-z])\.$", "", text)
        if not re.search(r"\b(?:a|p)\.m\.$", text)
        else text
    )


_DATE_WORDS = re.compile(
    rf"\b(?:{MONTH_RE}|(?:mon|tues|wednes|thurs|fri|satur|sun)day|days?|nights?|weeks?|weekends?|fortnights?|"
    r"months?|years?|decades?|centur(?:y|ies)|hours?|minutes?|seconds?|mornings?|afternoons?|evenings?|noon|"
    r"midday|midnight|dawn|dusk|today|tonight|yesterday|tomorrow|now|ago|recent(?:ly)?|overnight|currently|"
    r"present|spring(?:time)?|summer(?:time)?|autumn|fall|winter(?:time)?|quarter|half|ramadan|eid|christmas|"
    r"easter|holiday|new year|eve|time|sept)\b|\d{4}|'\d0s|\d{1,2}[:/.]\d{1,2}|\d\s*[ap]\.?m\b"
)


def classify(text: str) -> ExpressionKind:
    """Calendar reference, or one of the things NER tags DATE that are not dates."""
    t = normalise(text)
    if _FREQUENCY.fullmatch(t):
        return ExpressionKind.FREQUENCY
    if _AGE.fullmatch(t):
        return ExpressionKind.AGE
    if re.fullmatch(r"\d{1,3}(?:\.\d+)?", t) or not _DATE_WORDS.search(t):
        return ExpressionKind.NUMBER
    if re.fullmatch(r"\d{4}", t) and not 1800 <= int(t) <= 2100:
        return ExpressionKind.NUMBER
    return ExpressionKind.CALENDAR


def _is_duration(t: str) -> bool:
    m = _DURATION.fullmatch(t)
    if not m:
        return False
    if m["n"] is None:
        return t.rstrip().endswith("s") or bool(re.match(r"(?:a|an|the|for|over)\b", t))
    return count_word(m["n"].replace("-", " ").strip()) is not None or m["n"] in ("many", "several", "few")


def resolve_expression(
    text: str,
    anchor: datetime | date | None = None,
    direction: Direction = Direction.UNKNOWN,
    *,
    hemisphere: str = "north",
    boundary: bool = False,
) -> Resolution:
    """Resolve one time expression (see the module docstring and docs/time.md)."""
    t = normalise(text)
    if isinstance(anchor, date) and not isinstance(anchor, datetime):
        anchor = datetime(anchor.year, anchor.month, anchor.day)
    kind = classify(t)
    if kind is not ExpressionKind.CALENDAR:
        return Resolution(kind, reason=f"not a date ({kind.value})")
    if t.startswith("since "):
        inner = resolve_expression(t[6:], anchor, Direction.PAST, hemisphere=hemisphere, boundary=True)
        if inner.start is None or anchor is None:
            return (
                inner if inner.kind is not ExpressionKind.CALENDAR else Resolution(kind, reason=inner.reason)
            )
        end = anchor if inner.precision is TimePrecision.MINUTE else anchor.date()
        start = inner.start
        if _as_date(start) > anchor.date():
            return Resolution(kind, reason="'since' a date after the anchor")
        return Resolution(kind, start, end, inner.precision, True, "since", None)
    t = re.sub(
        r"^(?:around|about|approximately|roughly|circa|c\.|some\s+time\s+around|sometime\s+around)\s+", "", t
    )
    ctx_boundary = boundary
    m = re.match(r"(?:on|in|at|during|throughout|of|by|until|till|before|after|from|through)\s+(?=\S)", t)
    if m and not re.fullmatch(r"in\s+\S+(?:\s+\S+)?\s+(?:hours?|days?|nights?|weeks?|months?|years?)", t):
        if m.group().strip() in conventions().boundary_prepositions:
            ctx_boundary = True
        t = t[m.end() :]
    try:
        found = _resolve(t, anchor, direction, hemisphere, ctx_boundary)
    except (ValueError, OverflowError) as exc:  # out-of-range dates built from odd numbers
        return Resolution(kind, reason=f"invalid date ({exc})")
    if isinstance(found, Resolution):
        return found
    return Resolution(kind, found.start, found.end, found.precision, found.anchored, found.rule)


def _as_date(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _resolve(
    t: str, anchor: datetime | None, direction: Direction, hemisphere: str, boundary: bool
) -> Resolved | Resolution:
    day = anchor.date() if anchor else None
    rest, clock = split_clock_time(t)
    if clock is not None:
        if not rest or rest in ("today", "tonight", "this morning", "this afternoon", "this evening"):
            if anchor is None:
                return Resolution(ExpressionKind.CALENDAR, reason="no anchor (publication date unknown)")
            return with_clock(anchor.date(), clock)
        found = _resolve(rest, anchor, direction, hemisphere, boundary)
        if isinstance(found, Resolved) and found.precision is TimePrecision.DAY and found.start == found.end:
            moment = with_clock(_as_date(found.start), clock)
            return Resolved(moment.start, moment.end, moment.precision, found.anchored, found.rule + "+clock")
        return found
    if found := explicit_range(t, day, direction):
        return found
    if found := explicit_date(t, day, direction):
        return found
    ctx = Ctx(anchor or datetime(2000, 1, 1), direction, hemisphere, boundary)
    for rule in RULES:
        if found := rule(t, ctx):
            if anchor is None:  # the shape is known; only the anchor is missing
                return Resolution(ExpressionKind.CALENDAR, reason="no anchor (publication date unknown)")
            return found
    if _NARRATIVE.fullmatch(t):
        return Resolution(ExpressionKind.CALENDAR, reason="relative to another event in the narrative")
    if _is_duration(t):
        return Resolution(ExpressionKind.DURATION, reason="not a date (duration)")
    if t in conventions().movable_holidays or t.split()[-1:] == ["ramadan"]:
        return Resolution(ExpressionKind.CALENDAR, reason="movable holiday (not in the calendar tables)")
    if anchor is None:
        return Resolution(ExpressionKind.CALENDAR, reason="no anchor (publication date unknown)")
    if found := fallback_dateparser(t, anchor, direction):
        return found
    return Resolution(ExpressionKind.CALENDAR, reason="unsupported expression")
