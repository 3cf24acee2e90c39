"""FigureStage: casualty, displacement, territory, damage and duration figures with their reading.

For every number phrase (:mod:`dateline.extract.quantities`) the stage finds, in the parse,
what is counted and the predicate that governs it (:mod:`dateline.extract.figure_kinds`),
then records value/low/high, qualifier, unit, hedge, subject, time (via
:func:`dateline.resolve.time.time_for_span`) and location (resolved places of the clause).
Numbers nothing in the clause gives a kind to ("the two powers") are not figures.

``attribution`` and ``event_id`` are left empty for later stages; :func:`figure_anchor`
gives them the figure's governing predicate and clause head from the same parse.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import ClassVar

from spacy.tokens import Doc, Span, Token

from ..resolve.time import time_for_span
from ..resolve.time.tense import governing_verb
from ..schema import (
    BlockKind,
    Document,
    Figure,
    FigureQualifier,
    FigureSubject,
    Location,
    Place,
    PlacePrecision,
)
from .figure_kinds import (
    CountReading,
    classify_count,
    is_person_kind,
    lexicon,
    looks_like_person,
    subject_kind,
)
from .quantities import Quantity, find_quantities

__all__ = ["FigureAnchor", "FigureStage", "figure_anchor"]

log = logging.getLogger(__name__)

_QUANTITY_HEADS = frozenset(
    "percent % thousand thousands hundred hundreds dozen dozens million millions tens scores third thirds "
    "half quarter quarters fifth fifths tenth total number handful couple few several".split()
)
_UNREALISED_AUX = frozenset({"would", "should", "must", "could", "might", "may", "to", "will"})
_SINGULAR_KINDS = frozenset({"killed", "injured", "arrested", "abducted", "missing"})
_PRECISION_RANK = {
    PlacePrecision.POINT: 0,
    PlacePrecision.NEIGHBORHOOD: 1,
    PlacePrecision.CITY: 2,
    None: 3,
    PlacePrecision.ADMIN2: 4,
    PlacePrecision.ADMIN1: 5,
    PlacePrecision.COUNTRY: 6,
    PlacePrecision.REGION: 7,
}


@dataclass(frozen=True, slots=True)
class FigureAnchor:
    """Where a figure sits in the parse: its governing predicate and clause head (character offsets)."""

    predicate_start: int | None
    predicate_end: int | None
    clause_start: int | None
    clause_end: int | None


@dataclass(frozen=True, slots=True)
class _Count:
    """One count found in the parse, before it becomes a Figure."""

    quantity: Quantity
    anchor: Token
    counted: Token | None
    reading: CountReading
    start: int
    end: int


def _token_span(parsed: Doc, start: int, end: int) -> Span | None:
    span = parsed.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _carrier(core: Span) -> tuple[Token, Token | None]:
    """The token carrying the count in the parse, and the counted noun (``None`` if not found)."""
    num = core.root
    if (
        num.pos_ == "NUM"
        and num.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod")
        and (num.head.pos_ in ("NOUN", "PROPN") and num.head is not num)
    ):
        num = num.head
    counted = num
    if num.lower_ in _QUANTITY_HEADS or num.pos_ == "NUM":
        of = next((c for c in num.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None:
            counted = pobj
            if pobj.lower_ in _QUANTITY_HEADS:  # "tens of thousands of people"
                inner = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                deeper = (
                    next((c for c in inner.children if c.dep_ == "pobj"), None) if inner is not None else None
                )
                counted = deeper or pobj
    return num, counted if counted.pos_ in ("NOUN", "PROPN", "PRON", "NUM") else None


def _subject_text(counted: Token, quantity: Quantity) -> str:
    """The counted noun with its left modifiers ("Syrian rebels", "pro-government militia members")."""
    start = counted.idx
    for child in counted.lefts:
        if child.dep_ in ("det", "nummod", "quantmod", "predet", "punct", "cc", "prep", "poss", "case"):
            continue
        left = child.left_edge.idx
        if left >= quantity.end or child.idx >= quantity.end:
            start = min(start, max(left, quantity.end))
    text = counted.doc.text[start : counted.idx + len(counted)].strip(" ,-")
    return text or counted.text


def _duration_subject(unit_token: Token) -> Token | None:
    """What a duration measures: "seven-day truce", "three days of fighting"."""
    head = unit_token.head
    if unit_token.dep_ in ("compound", "amod", "nmod", "npadvmod") and head.pos_ in ("NOUN", "PROPN"):
        return head
    of = next((c for c in unit_token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None:
        return next((c for c in of.children if c.dep_ == "pobj"), None)
    return None


def _unrealised(predicate: Token) -> bool:
    """A modal or infinitive predicate: what it counts has not happened (yet)."""
    return any(c.dep_ == "aux" and c.lower_ in _UNREALISED_AUX for c in predicate.children)


class FigureStage:
    """Fills ``document.figures`` (see the module docstring and docs/figures.md)."""

    name = "figures"
    requires: ClassVar[tuple[str, ...]] = ("article.text", "nlp.parse", "times", "places", "actors")
    assigns: ClassVar[tuple[str, ...]] = ("figures",)

    def __call__(self, document: Document, parsed: Doc) -> Document:
        counts = self._counts(document, parsed)
        figures: list[Figure] = []
        by_noun: dict[int, str] = {}
        for i, count in enumerate(counts, start=1):
            figure_id = f"f{i}"
            if count.counted is not None:
                by_noun.setdefault(count.counted.i, figure_id)
            by_noun.setdefault(count.anchor.i, figure_id)
            figures.append(self._figure(figure_id, count, document, parsed))
        linked = []
        for count, built in zip(counts, figures, strict=True):
            parent = count.reading.breakdown_of
            parent_id = by_noun.get(parent.i) if parent is not None else None
            if parent_id is not None and parent_id != built.id:
                parent_kind = next(f.kind for f in figures if f.id == parent_id)
                built = replace(built, part_of=parent_id, kind=parent_kind)  # noqa: PLW2901 - linked copy
            linked.append(built)
        return replace(document, figures=tuple(linked))

    # -- finding counts -------------------------------------------------------------------
    def _counts(self, document: Document, parsed: Doc) -> list[_Count]:
        text = document.article.text
        times = [(t.span.start, t.span.end) for t in document.times]
        counts: list[_Count] = []
        for quantity in find_quantities(text):
            if quantity.unit == "currency" or any(s < quantity.end and quantity.start < e for s, e in times):
                continue
            count = self._count(quantity, parsed)
            if count is not None:
                counts.append(count)
        counts.extend(self._singulars(parsed, counts))
        return sorted(counts, key=lambda c: c.start)

    def _count(self, quantity: Quantity, parsed: Doc) -> _Count | None:
        core = _token_span(parsed, quantity.core_start, quantity.core_end)
        if core is None:
            return None
        anchor, counted = _carrier(core)
        if quantity.unit in ("days", "hours", "weeks", "months", "years", "minutes", "decades"):
            tokens = _token_span(parsed, quantity.start, quantity.end) or []
            unit_token = next((t for t in tokens if t.pos_ == "NOUN"), anchor)
            subject = _duration_subject(unit_token)
            if subject is None or subject.lemma_.lower() not in lexicon().durations:
                return None
            end = max(quantity.end, subject.idx + len(subject)) if subject.i > unit_token.i else quantity.end
            return _Count(
                quantity, unit_token, subject, CountReading("duration", subject), quantity.start, end
            )
        if counted is not None and counted.ent_type_ in ("PERSON", "DATE", "TIME", "MONEY", "ORDINAL"):
            return None
        reading = classify_count(anchor, counted)
        if reading is None:
            log.debug("no kind for %r", quantity.text)
            return None
        end = quantity.end
        if counted is not None and counted.idx >= quantity.end and counted.idx - quantity.end < 40:
            inside = {t.i for t in anchor.subtree} | {t.i for t in counted.subtree}
            between = [t for t in parsed[core.end : counted.i] if t.idx >= quantity.end]
            if all(t.i in inside for t in between) and not any(t.pos_ in ("VERB", "AUX") for t in between):
                end = counted.idx + len(counted)
        return _Count(quantity, anchor, counted, reading, quantity.start, end)

    def _singulars(self, parsed: Doc, counts: list[_Count]) -> list[_Count]:
        """Handles "a man was killed", "wounding another": one person, for victim kinds only."""
        taken = {c.counted.i for c in counts if c.counted is not None} | {c.anchor.i for c in counts}
        found: list[_Count] = []
        for token in parsed:
            if token.lower_ not in ("a", "an", "another", "the", "his", "her", "their"):
                continue
            noun = token.head if token.dep_ in ("det", "poss") else token
            if token.dep_ == "poss" and noun.dep_ != "conj":
                continue  # "a woman and her son": a possessive only counts beside another victim
            if token.lower_ == "the" and token.dep_ != "det" or noun.dep_ == "appos":
                continue  # an apposition renames someone already counted: "killing a man, the director"
            if (
                noun.i in taken
                or noun.tag_ in ("NNS", "NNPS")
                or (noun is not token and not looks_like_person(noun))
            ):
                continue
            if noun is token and token.dep_ not in ("dobj", "nsubjpass", "conj"):
                continue
            if noun.lower_ in lexicon().adjectives:
                continue  # "the wounded", "the dead": a group, not one person
            reading = classify_count(noun, noun)
            if reading is None or reading.kind not in _SINGULAR_KINDS or reading.predicate is None:
                continue
            if _unrealised(reading.predicate):
                continue  # "should be arrested", "to apprehend the key planner": no one counted yet
            start, end = token.idx, noun.idx + len(noun)
            quantity = Quantity(text=parsed.text[start:end], start=start, end=end, core_start=start,
                                core_end=token.idx + len(token), value=1.0, low=None, high=None,
                                qualifier=FigureQualifier.EXACT)  # fmt: skip
            found.append(_Count(quantity, noun, noun, reading, start, end))
            taken.add(noun.i)
        return found

    # -- building a Figure ---------------------------------------------------------------
    def _figure(self, figure_id: str, count: _Count, document: Document, parsed: Doc) -> Figure:
        q, reading = count.quantity, count.reading
        predicate = reading.predicate
        counted = count.counted
        kind = reading.kind
        unit = q.unit
        if kind == "territory_units" and counted is not None:
            unit = counted.text.lower()
        elif kind == "territory_share":
            unit = "percent"
        elif kind.startswith("buildings_") and counted is not None:
            unit = counted.text.lower()
        subject = None
        if counted is not None and counted.pos_ != "NUM":
            subject_kind_ = "territory" if kind.startswith("territory") else subject_kind(counted)
            if kind == "duration":
                subject_kind_ = "duration"
            elif kind.startswith("buildings_"):
                subject_kind_ = "buildings"
            elif subject_kind_ is None and is_person_kind(kind) and counted.pos_ == "PRON":
                subject_kind_ = "people"
            text = _subject_text(counted, q)
            subject = FigureSubject(
                text=text, kind=subject_kind_, actor_id=self._actor_id(document, counted, q)
            )
        where = predicate if predicate is not None else count.anchor
        attachment = time_for_span(document, parsed, where.idx, where.idx + len(where))
        return Figure(
            id=figure_id,
            kind=kind,
            text=document.article.text[count.start : count.end],
            start=count.start,
            end=count.end,
            value=q.value,
            low=q.low,
            high=q.high,
            unit=unit,
            qualifier=q.qualifier,
            hedged=q.hedged or self._hedged(predicate or count.anchor, counted),
            subject=subject,
            location=self._location(document, parsed, where, count.start),
            time=attachment.ref if attachment else None,
        )

    @staticmethod
    def _actor_id(document: Document, counted: Token, quantity: Quantity) -> str | None:
        start, end = max(counted.left_edge.idx, quantity.end), counted.idx + len(counted)
        for actor in document.actors:
            if any(start <= m.start and m.end <= end for m in actor.mentions):
                return actor.id
        return None

    @staticmethod
    def _hedged(predicate: Token, counted: Token | None) -> bool:
        lex = lexicon()
        if counted is not None and any(c.lower_ in ("estimated", "unconfirmed") for c in counted.children):
            return True
        token: Token | None = predicate
        for _ in range(12):
            if token is None:
                break
            for child in token.children:
                if child.dep_ == "aux" and child.lower_ in lex.modals:
                    return True
                if child.dep_ == "advmod" and child.lower_ in lex.hedge_adverbs:
                    return True
            if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lex.hedge_verbs:
                return True
            if token.head is token:
                break
            token = token.head
        return False

    # -- location -----------------------------------------------------------------------
    def _location(self, document: Document, parsed: Doc, where: Token, at: int) -> Location | None:
        """The resolved place of the figure's clause (see docs/figures.md for the tiers)."""
        mentions = [(place, m.start, m.end) for place in document.places if place.geonames_id is not None
                    for m in place.mentions]  # fmt: skip
        if not mentions:
            return None
        sentence = where.sent
        head = governing_verb(where) or where
        local_ids = {t.i for t in self._clause_tokens(head)}
        tiers: list[list[tuple[Place, int, int]]] = [[], [], [], []]
        where_i = next((t.i for t in head.subtree if t.lower_ == "where" and t.tag_ == "WRB"), None)
        for place, start, end in mentions:
            span = _token_span(parsed, start, end)
            if span is None:
                continue
            if sentence.start_char <= start < sentence.end_char:
                if span.root.i in local_ids:
                    tiers[0].append((place, start, end))
                elif where_i is not None and span.end <= where_i and where_i - span.end <= 2:
                    tiers[1].append((place, start, end))
                else:
                    tiers[2].append((place, start, end))
            elif (
                start < at and self._same_block(document, start, at) and _PRECISION_RANK[place.precision] <= 2
            ):
                tiers[3].append((place, start, end))
        for tier in tiers:
            if tier:
                place, _, _ = min(tier, key=lambda p: (_PRECISION_RANK[p[0].precision], abs(p[1] - at)))
                if tier is tiers[3]:
                    place = max(tier, key=lambda p: p[1])[0]
                return Location(name=place.name or place.text, geonames_id=place.geonames_id, lat=place.lat,
                                lon=place.lon, country=place.country, admin1=place.admin1,
                                precision=place.precision)  # fmt: skip
        return None

    @staticmethod
    def _clause_tokens(head: Token) -> list[Token]:
        """The clause of ``head`` without descending into other clauses (verbs below it)."""
        out, stack = [], [head]
        while stack:
            token = stack.pop()
            out.append(token)
            stack.extend(
                c for c in token.children if c.pos_ not in ("VERB", "AUX") or c.dep_ in ("aux", "auxpass")
            )
        return out

    @staticmethod
    def _same_block(document: Document, a: int, b: int) -> bool:
        for block in document.article.blocks:
            if block.start <= a < block.end:
                return block.start <= b < block.end and block.kind is not BlockKind.CAPTION
        return False


def figure_anchor(parsed: Doc, figure: Figure) -> FigureAnchor:
    """The governing predicate and clause head of ``figure`` in ``parsed``, recomputed from the parse.

    Later stages (attribution, events) use it to link a figure to its claim and event.
    """
    quantity = next((q for q in find_quantities(parsed.text[figure.start : figure.end])), None)
    core = None
    if quantity is not None:
        core = _token_span(parsed, figure.start + quantity.core_start, figure.start + quantity.core_end)
    core = core or _token_span(parsed, figure.start, figure.end)
    if core is None:
        return FigureAnchor(None, None, None, None)
    anchor, counted = _carrier(core)
    reading = classify_count(anchor, counted)
    predicate = reading.predicate if reading is not None else None
    head = governing_verb(predicate or anchor)
    return FigureAnchor(
        predicate.idx if predicate is not None else None,
        predicate.idx + len(predicate) if predicate is not None else None,
        head.idx if head is not None else None,
        head.idx + len(head) if head is not None else None,
    )
