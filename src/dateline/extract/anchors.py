"""Where and when an event happened, from its own clause.

The choice itself lives with the resolvers: :func:`dateline.resolve.geo.location.locate_event`
(a place used as a location in the clause, else in the sentence, else the article's main
place with widened precision) and :func:`dateline.resolve.time.attach.time_for_span` (the
time expression governing the clause, else the nearest explicit date in the sentence, else
the publication date). Each choice records the rule that made it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..resolve.geo.location import locate_event
from ..resolve.time.attach import time_for_span
from ..schema import Document, Location, TimeRef

__all__ = ["Anchored", "Anchors"]

_CLAUSE_BREAKS = frozenset({"ccomp", "relcl", "advcl", "parataxis", "conj"})
_LOCATIVE = frozenset(
    {"in", "at", "near", "into", "on", "across", "around", "outside", "inside", "from", "of"}
)


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
    """Place and time of events in one document."""

    def __init__(self, document: Document) -> None:
        self.document = document

    def anchor(self, trigger: Token) -> Anchored:
        clause = _clause_tokens(trigger)
        start = min(t.idx for t in clause)
        end = max(t.idx + len(t.text) for t in clause)
        span = (trigger.idx, trigger.idx + len(trigger.text))
        choice = locate_event(self.document, trigger.doc, start, end, trigger=span)
        attached = time_for_span(self.document, trigger.doc, *span)
        return Anchored(
            location=choice.location if choice else None,
            location_basis=choice.rule if choice else None,
            time=attached.ref if attached else None,
            time_basis=attached.rule.value if attached else None,
        )
