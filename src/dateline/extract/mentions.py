"""Unresolved entity mentions: actors (PERSON/ORG/NORP), places (GPE/LOC/FAC), times (DATE/TIME)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import ClassVar

from spacy.tokens import Doc, Span

from ..schema import Actor, Document, Place, TimeExpression
from ..schema import Span as TextSpan

__all__ = ["ACTOR_LABELS", "NOT_NAME_POS", "PLACE_LABELS", "TIME_LABELS", "MentionStage"]

ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TIME_LABELS = frozenset({"DATE", "TIME"})
# Parts of speech a one-word place or actor name never has ("I", "Most were captured").
NOT_NAME_POS = frozenset(
    {"PRON", "DET", "ADJ", "ADV", "AUX", "VERB", "ADP", "CCONJ", "SCONJ", "PART", "INTJ"}
)
_LEADING = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_TRAILING = re.compile(r"(['’]s?|[\s,;:]+)$")


def _clean(ent: Span) -> tuple[int, int]:
    """Character offsets of an entity without a leading article or a trailing possessive."""
    start, end = ent.start_char, ent.end_char
    text = ent.text
    if lead := _LEADING.match(text):
        start += lead.end()
        text = text[lead.end() :]
    while (trail := _TRAILING.search(text)) and trail.start() > 0:
        end -= len(text) - trail.start()
        text = text[: trail.start()]
    return start, end


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


class MentionStage:
    """Collects NER mentions into ``actors``, ``places`` and ``times`` (names, labels, offsets)."""

    name = "mentions"
    requires: ClassVar[tuple[str, ...]] = ("article.text", "nlp.ents")
    assigns: ClassVar[tuple[str, ...]] = ("actors", "places", "times")

    def __call__(self, document: Document, parsed: Doc) -> Document:
        actors: dict[str, list[tuple[str, str, TextSpan]]] = {}
        places: dict[str, list[tuple[str, str, TextSpan]]] = {}
        times: list[TimeExpression] = []
        text = document.article.text
        for ent in parsed.ents:
            start, end = _clean(ent)
            if end <= start:
                continue
            surface, span = text[start:end], TextSpan(start, end)
            if ent.label_ in ACTOR_LABELS:
                actors.setdefault(_key(surface), []).append((surface, ent.label_, span))
            elif ent.label_ in PLACE_LABELS and not (len(ent) == 1 and ent[0].pos_ in NOT_NAME_POS):
                places.setdefault(_key(surface), []).append((surface, ent.label_, span))
            elif ent.label_ in TIME_LABELS:
                times.append(TimeExpression(text=surface, span=span, label=ent.label_, reason="unresolved"))
        return replace(
            document,
            actors=tuple(
                Actor(id=f"a{i}", name=group[0][0], label=group[0][1], mentions=tuple(m[2] for m in group))
                for i, group in enumerate(actors.values(), start=1)
            ),
            places=tuple(
                Place(id=f"p{i}", text=group[0][0], label=group[0][1], mentions=tuple(m[2] for m in group))
                for i, group in enumerate(places.values(), start=1)
            ),
            times=tuple(times),
        )
