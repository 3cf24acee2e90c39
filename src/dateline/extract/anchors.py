"""Where and when an event happened: the place and time expressions of its own clause.

Location: a resolved place attached to the trigger's clause (preferring locative
prepositions and finer precision), else a place elsewhere in the sentence that is not
where something was *said*, else the article's main place (most mentioned, city level
preferred). Time: a resolved time expression governing the clause, else the nearest one
in the sentence, else the publication date. Each choice records its basis.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Token

from ..schema import Document, Location, Place, PlacePrecision, TimeExpression, TimePrecision, TimeRef
from .lexicon import lexicon

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


def _location(place: Place) -> Location:
    return Location(
        name=place.name or place.text, geonames_id=place.geonames_id, lat=place.lat, lon=place.lon,
        country=place.country, admin1=place.admin1, precision=place.precision,
    )  # fmt: skip


def _location_use(token: Token) -> bool:
    """True when a place name is used as a location: ``in Aleppo``, ``seized Aleppo``, ``east of Aleppo``."""
    while token.dep_ in {"conj", "appos", "compound"} and token.head.i != token.i:
        if token.dep_ == "compound" and token.head.ent_type_ not in {"GPE", "LOC", "FAC"}:
            return False  # "U.S. officials"
        token = token.head
    if token.dep_ == "pobj":
        return token.head.lower_ in _LOCATIVE
    return token.dep_ in {"dobj", "nsubjpass", "npadvmod", "ROOT"}


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
        self.main = self._main_place()
        self.reporting = lexicon().relations

    def _main_place(self) -> Place | None:
        weights: Counter[str] = Counter()
        for place in self.places:
            fine = _FINE.get(place.precision, 5) if place.precision else 5
            weights[place.id] += len(place.mentions) * (2 if fine <= 2 else 1)
        if not weights:
            return None
        best = weights.most_common(1)[0][0]
        return next(p for p in self.places if p.id == best)

    def _place_at(self, token: Token) -> Place | None:
        """The resolved place named at ``token`` when used as a location (not ``U.S. officials``)."""
        if not _location_use(token):
            return None
        for place in self.places:
            if any(m.start <= token.idx < m.end for m in place.mentions):
                return place
        return None

    def _said_at(self, token: Token) -> bool:
        """True for a place in a speech setting: 'speaking in Geneva', 'told reporters in Moscow'."""
        for ancestor in token.ancestors:
            if ancestor.lemma_.lower() in self.reporting or ancestor.lemma_.lower() in {
                "speak",
                "conference",
                "briefing",
            }:
                return True
            if ancestor.dep_ in {"ROOT", "ccomp"}:
                return False
        return False

    def locate(self, trigger: Token) -> tuple[Location | None, str | None]:
        clause = _clause_tokens(trigger)
        ranked = []
        for token in clause:
            place = self._place_at(token)
            if place is None:
                continue
            locative = token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE
            ranked.append(
                (not locative, _FINE.get(place.precision, 5) if place.precision else 5, token.i, place)
            )
        if ranked:
            return _location(min(ranked, key=lambda r: r[:3])[3]), "clause"
        sentence = [
            (abs(t.i - trigger.i), self._place_at(t))
            for t in trigger.sent
            if self._place_at(t) is not None and not self._said_at(t)
        ]
        if sentence:
            return _location(min(sentence, key=lambda r: r[0])[1]), "sentence"
        if self.main is not None:
            return _location(self.main), "article"
        return None, None

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
        location, location_basis = self.locate(trigger)
        time, time_basis = self.when(trigger)
        return Anchored(location=location, location_basis=location_basis, time=time, time_basis=time_basis)


def _ref(expression: TimeExpression) -> TimeRef:
    return TimeRef(
        start=expression.start, end=expression.end, precision=expression.precision, text=expression.text
    )
