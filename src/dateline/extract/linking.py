"""FigureLinkStage: give every figure its source (who counted it) and the event it measures.

A figure inherits the reporting clauses that cover it ("the ICRC estimates that at least
30,000 people have fled" -> source ICRC, relation estimates). Its event is the one whose
trigger governs it in the same sentence (the nearest trigger of a compatible category,
preferring the figure's own clause); that event lists the figure's id in ``figures``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from spacy.tokens import Doc

from ..schema import Category, Document, Event, Figure
from .attribution import attributions_for, find_claims

__all__ = ["FigureLinkStage"]

# Which event categories a figure of each kind can measure (kinds not listed: any category).
_VIOLENT = frozenset(
    {Category.CONFLICT, Category.REMOTE_VIOLENCE, Category.VIOLENCE_AGAINST_CIVILIANS, Category.PROTEST}
)
_COMPATIBLE: dict[str, frozenset[Category]] = {
    "killed": _VIOLENT,
    "injured": _VIOLENT,
    "fled": frozenset({Category.DISPLACEMENT, Category.HUMANITARIAN}),
    "displaced": frozenset({Category.DISPLACEMENT, Category.HUMANITARIAN}),
    "returned": frozenset({Category.DISPLACEMENT}),
    "trapped": frozenset({Category.HUMANITARIAN, Category.CONFLICT, Category.DISPLACEMENT}),
    "territory_share": frozenset({Category.CONFLICT}),
    "territory_units": frozenset({Category.CONFLICT}),
    "arrested": frozenset({Category.OTHER, Category.PROTEST}),
}
_MAX_DISTANCE = 200


def _sentence(parsed: Doc, char: int) -> tuple[int, int] | None:
    for sent in parsed.sents:
        if sent.start_char <= char < sent.end_char:
            return sent.start_char, sent.end_char
    return None


def _event_for(figure: Figure, events: tuple[Event, ...], parsed: Doc) -> Event | None:
    bounds = _sentence(parsed, figure.start)
    if bounds is None:
        return None
    allowed = _COMPATIBLE.get(figure.kind)
    candidates = [
        e
        for e in events
        if e.trigger is not None
        and bounds[0] <= e.trigger.start < bounds[1]
        and (allowed is None or e.category in allowed)
        and abs(e.trigger.start - figure.start) <= _MAX_DISTANCE
    ]
    return min(candidates, key=lambda e: abs(e.trigger.start - figure.start), default=None)


class FigureLinkStage:
    """Fill ``figures[].attribution`` and ``figures[].event_id``, and ``events[].figures``."""

    name = "figure_links"
    requires: ClassVar[tuple[str, ...]] = ("figures", "events", "nlp.parse")
    assigns: ClassVar[tuple[str, ...]] = ("figures.attribution", "figures.event_id", "events.figures")

    def __call__(self, document: Document, parsed: Doc) -> Document:
        if not document.figures:
            return document
        claims = find_claims(document, parsed)
        figures = []
        by_event: dict[str, list[str]] = {}
        for figure in document.figures:
            attribution = figure.attribution or attributions_for(claims, figure.start, figure.end)
            event = _event_for(figure, document.events, parsed) if figure.event_id is None else None
            event_id = figure.event_id or (event.id if event else None)
            if event_id:
                by_event.setdefault(event_id, []).append(figure.id)
            figures.append(replace(figure, attribution=attribution, event_id=event_id))
        events = tuple(
            replace(e, figures=tuple(dict.fromkeys((*e.figures, *by_event.get(e.id, ())))))
            for e in document.events
        )
        return replace(document, figures=tuple(figures), events=events)
