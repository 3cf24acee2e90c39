"""TimeStage: every ``document.times`` entry resolved to a calendar interval, or kept with a reason.

Anchors: the article's publication date, or for expressions inside a photo caption the
date the caption itself gives ("..., Syria, Dec. 4, 2016."). NER DATE/TIME spans that are
not calendar references (ages, durations, frequencies, bare numbers) are dropped; a few
common expressions NER misses ("overnight", weekday names) are added with label ``RULE``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import date, datetime
from typing import ClassVar

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from ...schema import BlockKind, Document, Place, Span, TimeExpression, TimePrecision
from .calendar import Direction, conventions
from .explicit import FULL_DATE_RE, split_clock_time
from .grammar import ExpressionKind, Resolution, normalise, resolve_expression
from .tense import clause_direction

__all__ = ["TimeStage", "format_moment", "parse_published"]

log = logging.getLogger(__name__)

_MISSED = re.compile(
    r"\b(?:(?:early|late)\s+on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b"
    r"|\b(?:overnight|last\s+night|yesterday|(?:earlier|later)\s+this\s+(?:week|month|year))\b"
    r"|\b(?:early|mid|late)-?\s?(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b",
    re.IGNORECASE,
)
_KEEP_LOWER = frozenset({"may", "march", "sun", "sat", "wed"})
_ARTICLE_PREFIXES = tuple(
    "past |last |next |previous |coming |following |same |weekend|year|month|week|day |end |beginning |"
    "start |middle |close ".split("|")
)


def parse_published(value: str | None) -> datetime | None:
    """The publication date of an article as a naive datetime (``None`` when absent or unreadable)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            return datetime.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return moment.replace(tzinfo=None)


def format_moment(value: date | None) -> str | None:
    """ISO text of a resolved bound: a date, or a date-time to the minute."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


def _hemisphere(places: tuple[Place, ...]) -> str:
    """South when most resolved place mentions lie south of the equator, else north."""
    north = south = 0
    for place in places:
        if place.lat is None:
            continue
        if place.lat < 0:
            south += len(place.mentions)
        else:
            north += len(place.mentions)
    return "south" if south > north else "north"


def _words_before(text: str, start: int, count: int = 3) -> list[str]:
    """The ``count`` words before ``start`` (nearest first), lower case, within the sentence-ish stretch."""
    chunk = text[max(0, start - 60) : start]
    if re.search(r"[.;!?\n]\s*$", chunk):
        return []
    return [w.lower() for w in reversed(re.findall(r"[A-Za-z']+", chunk))][:count]


def _repair(expr: TimeExpression, text: str) -> TimeExpression:
    """Fix NER boundaries that cut a day or month off a date: "30 [Apr 2020]", "[May] 9", "9 May [2020]"."""
    start, end = expr.span.start, expr.span.end
    low = max(0, start - 16)
    for m in FULL_DATE_RE.finditer(text[low : end + 16]):
        m_start, m_end = low + m.start(), low + m.end()
        if m_start < end and start < m_end and (m_start < start or m_end > end):
            start, end = min(start, m_start), max(end, m_end)
            break
    if (start, end) == (expr.span.start, expr.span.end):
        return expr
    return replace(expr, text=text[start:end], span=Span(start, end))


class TimeStage:
    """Resolves ``document.times`` (see the module docstring and docs/time.md)."""

    name = "times"
    requires: ClassVar[tuple[str, ...]] = ("article.published", "article.blocks", "times", "nlp.parse")
    assigns: ClassVar[tuple[str, ...]] = ("times",)

    def __call__(self, document: Document, parsed: Doc) -> Document:
        text = document.article.text
        published = parse_published(document.article.published)
        hemisphere = _hemisphere(document.places)
        candidates = self._candidates(document, parsed)
        captions = [b for b in document.article.blocks if b.kind is BlockKind.CAPTION]
        caption_anchor = {
            (b.start, b.end): self._caption_date(b.start, b.end, candidates, text) for b in captions
        }
        resolved: list[TimeExpression] = []
        for expr in candidates:
            anchor, anchor_label = published, document.article.published
            for (c_start, c_end), c_anchor in caption_anchor.items():
                if c_start <= expr.span.start < c_end and c_anchor is not None:
                    anchor, anchor_label = c_anchor, c_anchor.date().isoformat()
            rest, clock = split_clock_time(normalise(expr.text))
            day = self._sentence_day(expr, resolved, parsed) if clock is not None and not rest else None
            if day is not None:
                anchor, anchor_label = day, day.date().isoformat()  # "On 7 May 2020, at midnight"
            item = self._resolve(expr, text, parsed, anchor, anchor_label, hemisphere)
            if item is not None:
                resolved.append(item)
        return replace(document, times=tuple(resolved))

    @staticmethod
    def _sentence_day(expr: TimeExpression, done: list[TimeExpression], parsed: Doc) -> datetime | None:
        """The last day-precision date resolved earlier in the same sentence."""
        span = parsed.char_span(expr.span.start, expr.span.end, alignment_mode="expand")
        if span is None or not len(span) or not done:
            return None
        sentence = span.root.sent
        for previous in reversed(done):
            if previous.span.start < sentence.start_char:
                break
            if previous.precision is TimePrecision.DAY and previous.start and previous.start == previous.end:
                return parse_published(previous.start)
        return None

    def _candidates(self, document: Document, parsed: Doc) -> list[TimeExpression]:
        text = document.article.text
        found = [_repair(t, text) for t in document.times]
        taken = [(t.span.start, t.span.end) for t in found]
        other_ents = [(e.start_char, e.end_char) for e in parsed.ents if e.label_ not in ("DATE", "TIME")]
        for m in _MISSED.finditer(document.article.text):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken + other_ents):
                continue
            found.append(
                TimeExpression(text=m.group(), span=Span(start, end), label="RULE", reason="unresolved")
            )
        return sorted(found, key=lambda t: (t.span.start, t.span.end))

    @staticmethod
    def _caption_date(start: int, end: int, candidates: list[TimeExpression], text: str) -> datetime | None:
        """The last full date written in a caption (captions end with their dateline)."""
        found = None
        for expr in candidates:
            if start <= expr.span.start < end:
                res = resolve_expression(expr.text, None)
                if res.start is not None and not res.anchored and res.start == res.end:
                    day = res.start
                    found = day if isinstance(day, datetime) else datetime(day.year, day.month, day.day)
        return found

    @staticmethod
    def _is_name(span: TokenSpan, surface: str) -> bool:
        """A date-shaped modifier, not a time: "July 7 neighbourhood", "Monday Avenue", "1125 projectiles"."""
        heads = conventions().name_heads
        following = span.doc[span.end] if span.end < len(span.doc) else None
        if (
            following is not None
            and following.pos_ in ("NOUN", "PROPN")
            and following.lemma_.lower() in heads
        ):
            return True  # "the 25 of March sector"
        root = span.root
        head = root.head
        if head is root or span.start <= head.i < span.end:
            return False
        if root.dep_ == "nummod" and re.fullmatch(r"[\d,.]+", surface.strip()):
            return True
        return root.dep_ in ("compound", "nmod", "amod", "nummod") and head.lemma_.lower() in heads

    def _resolve(
        self,
        expr: TimeExpression,
        text: str,
        parsed: Doc,
        anchor: datetime | None,
        anchor_label: str | None,
        hemisphere: str,
    ) -> TimeExpression | None:
        surface, start, end = expr.text, expr.span.start, expr.span.end
        if surface.strip().lower() in _KEEP_LOWER and surface[:1].islower():
            return None  # the modal "may", the verb "march": never dates
        before = _words_before(text, start)
        if before[:1] == ["since"] or before[:2] == ["the", "since"]:
            since_at = text.rfind("since", max(0, start - 12), start)
            start, surface = since_at, text[since_at:end]
        lookup = surface
        if before[:1] == ["the"] and surface.lower().startswith(_ARTICLE_PREFIXES):
            lookup = "the " + surface
        preps = conventions().boundary_prepositions
        boundary = bool(before) and (
            before[0] in preps or (before[0] == "the" and len(before) > 1 and before[1] in preps)
        )
        span = parsed.char_span(expr.span.start, expr.span.end, alignment_mode="expand")
        if span is not None and len(span) and self._is_name(span, surface):
            log.debug("dropped %r: part of a name", surface)
            return None
        direction = clause_direction(span.root) if span is not None and len(span) else Direction.UNKNOWN
        result: Resolution = resolve_expression(
            lookup, anchor, direction, hemisphere=hemisphere, boundary=boundary
        )
        if result.kind is not ExpressionKind.CALENDAR:
            log.debug("dropped %r: %s", expr.text, result.reason)
            return None
        return TimeExpression(
            text=surface,
            span=Span(start, end),
            start=format_moment(result.start),
            end=format_moment(result.end),
            precision=result.precision,
            anchor=anchor_label if result.anchored else None,
            label=expr.label,
            reason=result.reason,
        )
