"""Attach a time to an event, figure or quote through the dependency parse.

Rules, tried in order (the one used is recorded in ``TimeRef.rule``):

1. ``clause``: a resolved expression governing the span's clause: its nearest verb is the
   span's clause head (or a verb that clause complements/coordinates with: "met on Friday
   to discuss", "entered the town on Saturday and killed"), or it hangs off the span itself
   ("last month's attack").
2. ``sentence``: the nearest explicit date (day or minute precision) in the same sentence.
3. ``publication``: the anchor date (publication, or a caption's own date) widened to a
   week: the 7 days up to it for past and present clauses, the 7 days from it for future ones;
   a present-perfect clause ("have rejected") is news of the last 3 days up to the anchor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from spacy.tokens import Doc, Span, Token

from ...schema import BlockKind, Document, TimeExpression, TimePrecision, TimeRef
from .calendar import Direction
from .stage import format_moment, parse_published
from .tense import clause_direction, governing_verb

__all__ = ["AttachRule", "TimeAttachment", "time_for_span"]

_PUBLICATION_WINDOW = timedelta(days=6)
_RECENT_WINDOW = timedelta(days=2)  # present perfect: the last two days up to publication
_EXPLICIT = (TimePrecision.DAY, TimePrecision.MINUTE)


class AttachRule(StrEnum):
    CLAUSE = "clause"
    SENTENCE = "sentence"
    PUBLICATION = "publication"


@dataclass(frozen=True, slots=True)
class TimeAttachment:
    """The time given to a span, the rule that chose it, and the expression used (if any)."""

    ref: TimeRef
    rule: AttachRule
    expression: TimeExpression | None = None


def _ref(expr: TimeExpression, rule: AttachRule) -> TimeAttachment:
    ref = TimeRef(start=expr.start, end=expr.end, precision=expr.precision, text=expr.text, rule=rule.value)
    return TimeAttachment(ref, rule, expr)


def _clause_chain(head: Token) -> list[Token]:
    """The span's clause head, then the verbs it complements or is coordinated with."""
    chain = [head]
    current = head
    for _ in range(4):
        if current.dep_ not in ("xcomp", "conj", "advcl") or current.head is current:
            break
        if current.dep_ == "advcl" and not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in current.children
        ):
            break  # only purpose infinitives ("... to discuss") share the governing time
        parent = governing_verb(current.head)
        if parent is None or parent in chain:
            break
        chain.append(parent)
        current = parent
    return chain


def _hangs_off(token: Token, target: Token) -> bool:
    """``token`` reaches ``target`` through its heads without passing another verb."""
    current = token
    for _ in range(32):
        if current is target:
            return True
        if current.head is current or (current is not token and current.pos_ in ("VERB", "AUX")):
            return False
        current = current.head
    return False


def _hops(token: Token, target: Token | None) -> int:
    """Dependency steps from ``token`` up to ``target``: an adverbial "on Friday" is 2, a date
    inside an object noun phrase ("at the July 7 neighbourhood") is more."""
    count, current = 0, token
    while current is not target and current.head is not current and count < 32:
        current, count = current.head, count + 1
    return count


def _expr_span(parsed: Doc, expr: TimeExpression) -> Span | None:
    span = parsed.char_span(expr.span.start, expr.span.end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def time_for_span(document: Document, parsed: Doc, start_char: int, end_char: int) -> TimeAttachment | None:
    """The time of the event/figure/quote at ``[start_char, end_char)`` (see the module docstring).

    ``None`` only when nothing in the text resolves and the article has no publication date.
    """
    span = parsed.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or not len(span):
        return _publication(document, start_char, Direction.UNKNOWN)
    root = span.root
    sentence = root.sent
    times = [
        (t, s)
        for t in document.times
        if t.start is not None and sentence.start_char <= t.span.start < sentence.end_char
        for s in [_expr_span(parsed, t)]
        if s is not None
    ]
    head = governing_verb(root)
    if head is not None:
        chain = _clause_chain(head)
        best: tuple[tuple[int, int, int], TimeExpression] | None = None
        for expr, expr_span in times:
            governor = governing_verb(expr_span.root)
            if _hangs_off(expr_span.root, root):
                rank = 0
            elif governor in chain:
                rank = chain.index(governor)
            else:
                continue
            key = (rank, _hops(expr_span.root, governor), abs(expr.span.start - start_char))
            if best is None or key < best[0]:
                best = (key, expr)
        if best is not None:
            return _ref(best[1], AttachRule.CLAUSE)
    explicit = [t for t, _ in times if t.precision in _EXPLICIT]
    if explicit:
        nearest = min(explicit, key=lambda t: abs(t.span.start - start_char))
        return _ref(nearest, AttachRule.SENTENCE)
    return _publication(document, start_char, clause_direction(root), recent=_present_perfect(root))


def _present_perfect(token: Token) -> bool:
    """True for a present-perfect clause ("have rejected"): in news, the current news cycle."""
    verb = governing_verb(token)
    return (
        verb is not None
        and verb.tag_ == "VBN"
        and any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve", "'s") for c in verb.children)
    )


def _publication(
    document: Document, at: int, direction: Direction, recent: bool = False
) -> TimeAttachment | None:
    anchor = parse_published(document.article.published)
    for block in document.article.blocks:
        if block.kind is BlockKind.CAPTION and block.start <= at < block.end:
            dated = [t for t in document.times if block.start <= t.span.start < block.end and t.anchor is None
                     and t.precision in _EXPLICIT and t.start]  # fmt: skip
            if dated:
                anchor = parse_published(dated[-1].start)
    if anchor is None:
        return None
    day = anchor.date()
    if direction is Direction.FUTURE:
        start, end = day, day + _PUBLICATION_WINDOW
    else:
        start, end = day - (_RECENT_WINDOW if recent else _PUBLICATION_WINDOW), day
    ref = TimeRef(
        start=format_moment(start),
        end=format_moment(end),
        precision=TimePrecision.WEEK,
        text=None,
        rule=AttachRule.PUBLICATION.value,
    )
    return TimeAttachment(ref, AttachRule.PUBLICATION)
