"""An event's own location, chosen from its clause (see docs/geocoding.md, "Event location").

Contract: :func:`event_location` (``Location | None``) and :func:`locate_event` (the same,
with the place id and mention it came from) take a document whose ``places`` the
:class:`~.stage.PlaceStage` resolved, its spaCy parse, and the character span of the
event's clause; ``trigger`` (the event word's span) sharpens the choice.

1. ``clause``: a place mentioned inside ``[start, end)``, scored by how it attaches to the
   trigger (a locative preposition or an argument of the event verb scores high; a place
   reached through another reporting verb, "Lavrov, speaking in Geneva, said ..."; a place
   modifying a person, "a driver from Abidjan"; or a metonymic mention, "Moscow said",
   scores low or is excluded), then by specificity.
2. ``sentence``: the same over the sentence(s) around the clause.
3. ``article``: the article's main place, its precision widened one level (the event is
   somewhere in or around it). Disabled with ``fallback=False``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from ...schema import Document, Location, Place, PlacePrecision
from .cues import is_metonymic, mention_root
from .sources import cues

__all__ = ["LocationChoice", "event_location", "locate_event", "main_place"]

_SPECIFICITY = {
    PlacePrecision.POINT: 0.6,
    PlacePrecision.NEIGHBORHOOD: 0.6,
    PlacePrecision.CITY: 0.5,
    PlacePrecision.ADMIN2: 0.3,
    PlacePrecision.ADMIN1: 0.2,
    PlacePrecision.COUNTRY: 0.0,
    PlacePrecision.REGION: -0.2,
}
_WIDER = {
    PlacePrecision.POINT: PlacePrecision.CITY,
    PlacePrecision.NEIGHBORHOOD: PlacePrecision.CITY,
    PlacePrecision.CITY: PlacePrecision.ADMIN1,
    PlacePrecision.ADMIN2: PlacePrecision.ADMIN1,
    PlacePrecision.ADMIN1: PlacePrecision.COUNTRY,
    PlacePrecision.COUNTRY: PlacePrecision.COUNTRY,
    PlacePrecision.REGION: PlacePrecision.REGION,
}
_SUBNATIONAL = frozenset(_SPECIFICITY) - {PlacePrecision.COUNTRY, PlacePrecision.REGION}
MIN_CLAUSE_SCORE = -1.0
W_REFERENCE = 1.5
W_PLACED = 0.75  # a village or district placed at its container is finer than the container's precision
_PLACED = frozenset({PlacePrecision.CITY, PlacePrecision.ADMIN2, PlacePrecision.ADMIN1})
W_SCENE = 2.5  # a sentence-initial locative phrase sets the scene of everything after it
_CONTENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "attr", "nsubjpass"})  # what was reported
# Between a place and the place that locates it: "al-Tijara neighbourhood in central Damascus",
# "Sinjar town, some 100 km west of Mosul", "Manger Square in nearby Bethlehem".
_REFERENCE_GAP = re.compile(
    r"^[^.;:!?()\"]{0,45}?\b(?:in|near|of|outside|outskirts of)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}$"
)


@dataclass(frozen=True, slots=True)
class LocationChoice:
    """The chosen location, the place and mention it came from, and the rule that chose it."""

    location: Location
    place_id: str
    rule: str
    mention: tuple[int, int] | None = None
    score: float = 0.0


@cache
def _words() -> tuple[frozenset[str], frozenset[str]]:
    table = cues()["event_location"]
    return frozenset(table["locative"]), frozenset(table["reporting"])


@cache
def _participants() -> frozenset[str]:
    return frozenset(cues()["event_location"]["participant_heads"])


def _attribute(node: Token) -> bool:
    """The place only qualifies a participant: "U.S. forces", "Mexico's army", "a driver from Abidjan",
    "US-led invasion forces" (through a hyphenated modifier)."""
    nouns = _participants()
    while node.head.i != node.i and _hyphenated(node, node.head) and node.head.dep_ in ("amod", "compound"):
        node = node.head  # "US" in "US-led forces" -> "led", which modifies "forces"
    head = node.head
    if node.dep_ in ("compound", "poss", "amod", "nmod") and head.pos_ in ("NOUN", "PROPN"):
        return head.lower_ in nouns
    if node.dep_ == "pobj" and head.lower_ in ("from", "of") and head.head.pos_ in ("NOUN", "PROPN"):
        return head.head.lower_ in nouns
    return False


def _hyphenated(a: Token, b: Token) -> bool:
    """True when ``a`` and ``b`` are parts of one hyphenated word ("US-led", "US-Kurdish")."""
    first, second = (a, b) if a.i < b.i else (b, a)
    between = a.doc[first.i + 1 : second.i]
    joined = len(between) == 1 and between[0].text == "-" and not between[0].whitespace_
    return joined and not first.whitespace_


def _agent(node: Token, trigger: Token | None) -> bool:
    """Subject of a transitive event verb: "Iran captured 15 sailors", "Eritrea captured Badme"."""
    return (
        trigger is not None and node.dep_ == "nsubj" and node.head.i == trigger.i
        and any(c.dep_ in ("dobj", "obj") for c in trigger.children)
    )  # fmt: skip


def _location(place: Place, rule: str, precision: PlacePrecision | None = None) -> Location:
    return Location(
        name=place.name or place.text, geonames_id=place.geonames_id, lat=place.lat, lon=place.lon,
        country=place.country, admin1=place.admin1, precision=precision or place.precision, rule=rule,
    )  # fmt: skip


def _trigger_token(parsed: Doc, start: int, end: int, trigger: tuple[int, int] | None) -> Token | None:
    if trigger is not None and (token := mention_root(parsed, *trigger)) is not None:
        return token
    return mention_root(parsed, start, end)


def _attachment(token: Token, trigger: Token | None) -> float:
    """How well a place token attaches to the event trigger (higher: the event's site)."""
    locative, reporting = _words()
    score, hops, node = 0.0, 0, token
    if _attribute(node) or _agent(node, trigger):
        score -= 4.0  # a participant's attribute or the agent itself, never the site
    elif node.dep_ == "pobj" and node.head.lower_ in locative:
        score += 1.0 if node.head.lower_ not in ("from", "to", "of") else 0.2
    elif node.dep_ in ("dobj", "nsubjpass", "compound", "appos", "npadvmod"):
        score += 0.6
    if node.dep_ == "pobj" and node.head.lower_ in locative and node.head.i == node.sent.start:
        score += W_SCENE  # "In Vienna, some 200,000 people ... marched": the scene of the sentence
    if trigger is None:
        return score
    said = trigger.lemma_.lower() in reporting  # the event is itself a statement
    while node.i not in (trigger.i, node.head.i):
        parent = node.head
        hops += 1
        reported = node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in reporting
        if (
            not said
            and parent.i != trigger.i
            and parent.pos_ == "VERB"
            and parent.lemma_.lower() in reporting
            and node.dep_ not in _CONTENT_DEPS
        ):
            score -= 3.0  # "speaking in Geneva" is where it was said, not where the event happened
        if said and parent.i == trigger.i and node.dep_ in ("ccomp", "xcomp", "parataxis"):
            score -= 3.0  # inside what was said: not where the statement was made
        if node.dep_ == "advcl" and _own_clause(node) and _side_marker(node):
            score -= 1.5  # "... demonstrated, while a protest took place outside the Green Zone"
        if node.dep_ == "conj" and _own_clause(node):
            score -= 2.0  # a clause of its own: "Canada captured the silver and Australia took the bronze"
        if node.dep_ in ("acl", "relcl") and parent.pos_ in ("NOUN", "PROPN") and parent.ent_type_ != "GPE":
            score -= 0.0 if (said and reported) else 1.0  # modifies a person: "a driver from Abidjan"
        node = parent
    if node.i == trigger.i:
        return score + 2.0 - 0.25 * hops
    # not under the trigger: the trigger may sit under the place's verb ("X, where troops shelled")
    return score - 1.0 - 0.1 * abs(token.i - trigger.i)


def _own_clause(verb: Token) -> bool:
    """A coordinated verb with its own subject and tense ("... and Australia took the bronze"), not an
    elliptical one sharing the first verb's setting ("were killed and six others wounded in")."""
    children = list(verb.children)
    subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in children)
    finite = verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in children)
    return subject and finite


_SIDE_MARKERS = frozenset({"while", "as", "whereas", "although", "though", "whilst"})


def _side_marker(clause: Token) -> bool:
    """An adverbial clause that runs beside the event ("while ...", "as ...") rather than telling how
    or when it happened ("when a bomb exploded in ...")."""
    return any(c.dep_ == "mark" and c.lower_ in _SIDE_MARKERS for c in clause.children)


def _candidates(document: Document, parsed: Doc, start: int, end: int) -> Iterable[tuple[Place, int, int]]:
    for place in document.places:
        if place.metonymy or (place.lat is None and place.label not in ("FAC", "LOC")):
            continue
        for m in place.mentions:
            if start <= m.start and m.end <= end and not is_metonymic(parsed, m.start, m.end):
                yield place, m.start, m.end


def _best(
    document: Document, parsed: Doc, start: int, end: int, trigger: Token | None
) -> tuple[float, Place, tuple[int, int]] | None:
    best = None
    found = [
        (p, s, e, t)
        for p, s, e in _candidates(document, parsed, start, end)
        if (t := mention_root(parsed, s, e))
    ]
    text = document.article.text
    for place, s, e, token in found:
        score = _attachment(token, trigger) + _SPECIFICITY.get(place.precision, -0.5)
        if _is_reference(place, token, s, found, trigger, text):
            score -= W_REFERENCE
        score -= 1.0 if place.lat is None else 0.0
        score += W_PLACED if place.geonames_id is None and place.precision in _PLACED else 0.0
        if trigger is not None:
            score -= 0.002 * abs(s - trigger.idx)
        if best is None or score > best[0]:
            best = (score, place, (s, e))
    return best


def _is_reference(
    place: Place, token: Token, start: int, found: list[tuple[Place, int, int, Token]], trigger: Token | None,
    text: str,
) -> bool:  # fmt: skip
    """True when the mention only locates another place of the clause: it is under that place in the
    parse ("Sadr City in eastern Baghdad"), follows it as "X in central Y" or "X, 100 km west of Y",
    or is a possessive ("Iraq's northern city of Mosul"). Demonym places ("Palestinian cities in
    the West Bank") locate nothing."""
    others = [(e, t) for p, _, e, t in found if p.id != place.id and p.label != "NORP"]
    other_tokens = {t.i for _, t in others}
    return (
        token.dep_ == "poss"
        or (token.dep_ == "compound" and _names_part_of(token.head, other_tokens))
        or _under_place(token, trigger, other_tokens)
        or any(
            end <= start
            and _REFERENCE_GAP.match(text[end:start])
            and not _verb_between(token.doc, end, start)
            for end, _ in others
        )
    )


def _verb_between(parsed: Doc, start: int, end: int) -> bool:
    """A verb in ``[start, end)``: "students in Spain protested in Barcelona" is two attachments."""
    span = parsed.char_span(start, end, alignment_mode="contract")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)


def _names_part_of(noun: Token, others: set[int]) -> bool:
    """ "the south Baghdad neighbourhood of Al-Bayaa": the noun a place modifies names another place."""
    return any(
        prep.dep_ == "prep" and prep.lower_ == "of" and any(o.i in others for o in prep.children)
        for prep in noun.children
    )


def _under_place(token: Token, trigger: Token | None, others: set[int]) -> bool:
    """True when another place's mention lies between ``token`` and the trigger in the parse:
    the place is then that place's container or reference point, not the site itself."""
    node = token
    while node.head.i != node.i and (trigger is None or node.i != trigger.i):
        node = node.head
        if node.i in others:
            return True
    return False


def main_place(document: Document) -> Place | None:
    """The article's main place: most mentioned (sub-national counts more), early mentions first."""
    best, best_score = None, 0.0
    for place in document.places:
        if place.metonymy or place.lat is None:
            continue
        weight = 1.5 if place.precision in _SUBNATIONAL else 1.0
        score = weight * len(place.mentions) + (1.0 if place.mentions[0].start < 400 else 0.0)
        if score > best_score:
            best, best_score = place, score
    return best


def locate_event(
    document: Document, parsed: Doc, start: int, end: int, *,
    trigger: tuple[int, int] | None = None, fallback: bool = True,
) -> LocationChoice | None:  # fmt: skip
    """Choose the location of the event whose clause is ``[start, end)`` (see the module doc)."""
    token = _trigger_token(parsed, start, end, trigger)
    found = _best(document, parsed, start, end, token)
    if found is not None and found[0] >= MIN_CLAUSE_SCORE:
        score, place, span = found
        return LocationChoice(_location(place, "clause"), place.id, "clause", span, score)
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span):
        s_start, s_end = span[0].sent.start_char, span[-1].sent.end_char
        found = _best(document, parsed, s_start, s_end, token)
        if found is not None and found[0] >= MIN_CLAUSE_SCORE:
            score, place, where = found
            return LocationChoice(_location(place, "sentence"), place.id, "sentence", where, score)
    if not fallback or (place := main_place(document)) is None:
        return None
    wider = _WIDER.get(place.precision) if place.precision else None
    return LocationChoice(_location(place, "article", wider), place.id, "article")


def event_location(
    document: Document, parsed: Doc, start: int, end: int, *, trigger: tuple[int, int] | None = None
) -> Location | None:
    """The ``Location`` of the event whose clause is ``[start, end)``; None without any place."""
    choice = locate_event(document, parsed, start, end, trigger=trigger)
    return choice.location if choice else None
