"""Where and when an event happened: the place and time expressions of its own clause.

Location: a resolved place attached to the trigger's clause (preferring locative
prepositions and finer precision), else a place elsewhere in the sentence that is not
where something was *said*, else the article's main place (most mentioned, city level
preferred). Time: a resolved time expression governing the clause, else the nearest one
in the sentence, else the publication date. Each choice records its basis.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..resolve.geo.location import locate_event
from ..resolve.time.attach import time_for_span
from ..schema import Document, Location, PlacePrecision, TimeExpression, TimePrecision, TimeRef

__all__ = ["Anchors", "Anchored"]

_FINE = {
    PlacePrecision.POINT: 0, PlacePrecision.NEIGHBORHOOD: 1, PlacePrecision.CITY: 2, PlacePrecision.ADMIN2: 3,
    PlacePrecision.ADMIN1: 4, PlacePrecision.COUNTRY: 5, PlacePrecision.REGION: 6,
}  # fmt: skip
_LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "into",
        "on",
        "across",
        "around",
        "outside",
        "inside",
        "from",
        "of",
        "over",
        "throughout",
    }
)
_CLAUSE_BREAKS = frozenset({"ccomp", "relcl", "advcl", "parataxis", "conj"})


@dataclass(frozen=True, slots=True)
class Anchored:
    location: Location | None
    location_basis: str | None
    time: TimeRef | None
    time_basis: str | None


def _clause_tokens(trigger: Token) -> list[Token]:
    """The trigger's clause: its subtree without embedded clauses, plus its head's locative phrases."""
    out: list[Token] = []
    stack = [trigger]
    while stack:
        token = stack.pop()
        out.append(token)
        stack += [c for c in token.children if c.dep_ not in _CLAUSE_BREAKS]
    if trigger.pos_ == "NOUN" and trigger.head.i != trigger.i:
        out += [c for c in trigger.head.subtree if c.dep_ == "pobj" and c.head.lower_ in _LOCATIVE]
    return out


class Anchors:
    """Place and time lookups for one document."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.places = [
            p for p in document.places if p.geonames_id is not None and not getattr(p, "metonymy", False)
        ]
        self.times = [t for t in document.times if t.start]

    def _time_at(self, token: Token) -> TimeExpression | None:
        for expression in self.times:
            if expression.span.start <= token.idx < expression.span.end:
                return expression
        return None

    def when(self, trigger: Token) -> tuple[TimeRef | None, str | None]:
        for token in _clause_tokens(trigger):
            expression = self._time_at(token)
            if expression is not None:
                return _ref(expression), "clause"
        in_sentence = [
            (abs(t.i - trigger.i), self._time_at(t)) for t in trigger.sent if self._time_at(t) is not None
        ]
        if in_sentence:
            return _ref(min(in_sentence, key=lambda r: r[0])[1]), "sentence"
        published = self.document.article.published
        if published:
            day = published[:10]
            return TimeRef(start=day, end=day, precision=TimePrecision.DAY, text=None), "published"
        return None, None

    def anchor(self, trigger: Token) -> Anchored:
        clause = _clause_tokens(trigger)
        start = min(t.idx for t in clause)
        end = max(t.idx + len(t.text) for t in clause)
        choice = locate_event(
            self.document, trigger.doc, start, end, trigger=(trigger.idx, trigger.idx + len(trigger.text))
        )
        location, location_basis = (choice.location, choice.rule) if choice else (None, None)
        attached = time_for_span(self.document, trigger.doc, trigger.idx, trigger.idx + len(trigger.text))
        time, time_basis = (attached.ref, attached.rule.value) if attached else (None, None)
        return Anchored(location=location, location_basis=location_basis, time=time, time_basis=time_basis)


def _ref(expression: TimeExpression) -> TimeRef:
    return TimeRef(
        start=expression.start, end=expression.end, precision=expression.precision, text=expression.text
    )
