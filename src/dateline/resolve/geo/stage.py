"""``PlaceStage``: the article's toponyms -> ``places[]`` with GeoNames ids, coordinates, precision.

1. NER place groups from the mentions stage, plus the mentions the NER missed
   (:mod:`.matcher`; NORP/ORG actor mentions that are really places move to ``places``).
2. Each group becomes a :class:`~.resolver.Toponym` with its cues; all are resolved
   together (:mod:`.resolver`), with the article's demonyms as country context.
3. Groups that resolve to the same feature are merged; unresolved facilities and natural
   features (FAC/LOC) are kept with null geography; unresolved GPEs and lower-case NER
   noise ("mosques") are dropped.
4. ``metonymy`` is set on a place when every mention is an agent ("Moscow said").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from typing import ClassVar

from spacy.tokens import Doc

from ...schema import Actor, Document, Place
from ...schema import Span as TextSpan
from ...settings import Settings
from .containment import Located, facility_kind, find_container, is_site, is_street
from .cues import is_metonymic, is_type_noun, list_goes_on, mention_cues
from .index import index_path, load_gazetteer
from .matcher import find_mentions
from .normalize import name_key, strip_article
from .resolver import Resolution, Toponym, resolve_toponyms
from .sources import cues, demonyms
from .store import Entry, Gazetteer, PlaceKind

__all__ = ["PlaceStage", "place_from_entry"]

log = logging.getLogger(__name__)

# Facilities and natural features are kept unresolved (the gazetteer does not list them); an
# unknown GPE is most often an NER error ("Fastaqim", a rebel group) and is dropped.
_KEEP_UNRESOLVED = frozenset({"FAC", "LOC"})
# "Western countries", "Central bank"; not "North West and Limpopo", nor "the North West province"
_ADJECTIVAL = re.compile(
    r" (?!(?:and|or|nor|but|the|for|from|with|was|were|has|had|have|are|said|says)\b)([a-z]{3,})\b"
)
_LIST_GLUE = re.compile(r"\s*(?:,|,?\s+(?:and|or|&))\s*")  # between the items of "A, B and C"


@dataclass
class _Group:
    key: str
    text: str
    label: str | None
    spans: list[tuple[int, int]] = field(default_factory=list)


@cache
def _plural_type_noun() -> re.Pattern[str]:
    return re.compile(rf"\s+(?:{'|'.join(map(re.escape, cues()['list_type_nouns']['words']))})\b")


def _shared_plural_nouns(toponyms: list[Toponym], text: str) -> list[Toponym]:
    """ "Becker, Clay and Wilkin counties": a plural type noun after a list types all its items."""
    plural = _plural_type_noun()
    kinds = {t.key: t.type_kinds for t in toponyms if any(plural.match(text, e) for _, e in t.spans)}
    out = []
    for toponym in toponyms:
        inherited = [kinds[k] for k in sorted(toponym.listed_with) if k in kinds]
        out.append(
            replace(toponym, type_kinds=inherited[0]) if inherited and not toponym.type_kinds else toponym
        )
    return out


def _list_mates(text: str, groups: list[_Group]) -> dict[str, frozenset[str]]:
    """For each group key, the keys of the other toponyms of the lists it is an item of ("Utah,
    Washington and Wyoming"): items joined by commas, "and", "or" or "&", the whole list."""
    mentions = sorted((s, e, g.key) for g in groups for s, e in g.spans)
    links: dict[str, set[str]] = {}
    for (_, end, first), (start, _, second) in zip(mentions, mentions[1:], strict=False):
        if first != second and _LIST_GLUE.fullmatch(text, end, start):
            links.setdefault(first, set()).add(second)
            links.setdefault(second, set()).add(first)
    out: dict[str, frozenset[str]] = {}
    for key, linked in links.items():
        seen, todo = {key}, list(linked)
        while todo:
            if (other := todo.pop()) not in seen:
                seen.add(other)
                todo += links.get(other, ())
        out[key] = frozenset(seen - {key})
    return out


def place_from_entry(place_id: str, text: str, spans: list[tuple[int, int]], entry: Entry | None,
                     label: str | None = None, metonymy: bool = False) -> Place:  # fmt: skip
    """A ``Place`` record for a resolved (or unresolved: ``entry`` None) toponym."""
    mentions = tuple(TextSpan(s, e) for s, e in sorted(spans))
    if entry is None:
        return Place(id=place_id, text=text, mentions=mentions, label=label, metonymy=metonymy)
    return Place(
        id=place_id, text=text, mentions=mentions, geonames_id=entry.geonames_id, name=entry.name,
        lat=round(entry.lat, 5), lon=round(entry.lon, 5), country=entry.country, admin1=entry.admin1_name,
        feature=entry.feature, precision=entry.precision, label=label, metonymy=metonymy,
    )  # fmt: skip


class PlaceStage:
    """Resolves ``document.places`` against the gazetteer (loaded lazily, once per process)."""

    name = "places"
    requires: ClassVar[tuple[str, ...]] = ("article.text", "places", "actors", "nlp.ents", "nlp.parse")
    assigns: ClassVar[tuple[str, ...]] = ("places", "actors")

    def __init__(self, gazetteer: Gazetteer | None = None, settings: Settings | None = None) -> None:
        self._gazetteer = gazetteer
        self._settings = settings

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer(index_path(self._settings))
        return self._gazetteer

    def __call__(self, document: Document, parsed: Doc) -> Document:
        gazetteer = self.gazetteer
        text = document.article.text
        groups = self._groups(document)
        _add_facilities(document, parsed, groups)
        _add_settlements(document, groups)
        for _ in range(2):  # a second round finds repeats of the names the first one added
            taken = [span for g in groups.values() for span in g.spans]
            known = {k for k, g in groups.items() if g.text[:1].isupper()}
            for found in find_mentions(gazetteer, text, parsed, known, taken):
                group = groups.setdefault(found.key, _Group(found.key, found.text, None))
                group.spans.append((found.start, found.end))
        self._demonym_places(document, groups)
        ordered = sorted(
            (g for g in groups.values() if any(c.isupper() for c in g.text)), key=lambda g: min(g.spans)
        )  # lower-case NER spans ("mosques") are not toponyms
        mates = _list_mates(text, ordered)
        toponyms = _shared_plural_nouns(
            [self._toponym(text, g, mates.get(g.key, frozenset())) for g in ordered], text
        )
        resolutions = resolve_toponyms(gazetteer, toponyms, self._demonym_countries(document))
        places = self._places(text, parsed, ordered, toponyms, resolutions)
        place_spans = {(m.start, m.end) for p in places for m in p.mentions}
        return replace(document, places=tuple(places), actors=_without(document.actors, place_spans))

    @staticmethod
    def _groups(document: Document) -> dict[str, _Group]:
        groups: dict[str, _Group] = {}
        for place in document.places:
            key = strip_article(name_key(place.text))
            if not key:
                continue
            group = groups.setdefault(key, _Group(key, place.text, place.label))
            group.spans += [(m.start, m.end) for m in place.mentions]
        return groups

    @staticmethod
    def _demonym_places(document: Document, groups: dict[str, _Group]) -> None:
        """Demonyms heading a geographic noun ("the Syrian border") are place references."""
        heads = frozenset(cues()["demonym_places"]["heads"])
        text = document.article.text
        for actor in document.actors:
            key = name_key(actor.name)
            if actor.label != "NORP" or key not in demonyms():
                continue
            for m in actor.mentions:
                following = text[m.end : m.end + 30].split()
                if following and following[0].lower().strip(".,;:") in heads:
                    groups.setdefault(key, _Group(key, text[m.start : m.end], "NORP")).spans.append(
                        (m.start, m.end)
                    )

    @staticmethod
    def _demonym_countries(document: Document) -> list[str]:
        table = demonyms()
        return [table[k] for a in document.actors if a.label == "NORP" and (k := name_key(a.name)) in table]

    @staticmethod
    def _toponym(text: str, group: _Group, listed_with: frozenset[str]) -> Toponym:
        found = [mention_cues(text, s, e) for s, e in group.spans]
        kinds = frozenset().union(*(c.type_kinds for c in found))
        qualifiers = tuple(dict.fromkeys(c.qualifier for c in found if c.qualifier))
        qualifies = tuple(
            s - 2 for s, e in group.spans if text[max(0, s - 2) : s] == ", " and not list_goes_on(text, e)
        )
        adjectival = all(
            (m := _ADJECTIVAL.match(text, e)) is not None and not is_type_noun(m.group(1))
            for _, e in group.spans
        )
        return Toponym(
            group.key, group.text, tuple(group.spans), kinds, qualifiers, qualifies, adjectival, listed_with
        )

    def _places(
        self, text: str, parsed: Doc, groups: list[_Group], toponyms: list[Toponym],
        resolutions: list[Resolution],
    ) -> list[Place]:  # fmt: skip
        merged: dict[object, tuple[_Group, list[tuple[int, int]], Entry | None, Toponym]] = {}
        for group, toponym, res in zip(groups, toponyms, resolutions, strict=True):
            slot = res.entry.id if res.entry is not None else ("unresolved", group.key)
            if slot in merged:
                merged[slot][1].extend(group.spans)
            else:
                merged[slot] = (group, list(group.spans), res.entry, toponym)
        located = [Located(e, tuple(spans), g.key) for g, spans, e, _ in merged.values() if e is not None]
        places = []
        for group, spans, entry, toponym in sorted(merged.values(), key=lambda v: min(v[1])):
            container = None
            if entry is None and (
                kind := facility_kind(group.text, group.label) or _village(toponym) or _site(parsed, group)
            ):
                container = find_container(self.gazetteer, text, group.text, spans, kind, located)
            if entry is None and container is None and group.label not in _KEEP_UNRESOLVED:
                log.debug("dropped unresolved place %r (%s)", group.text, group.label)
                continue
            metonymy = all(is_metonymic(parsed, s, e) for s, e in spans)
            place_id = f"p{len(places) + 1}"
            if container is None:
                places.append(place_from_entry(place_id, group.text, spans, entry, group.label, metonymy))
            else:  # placed at its container, whose coordinates and precision it takes, but not its id
                place = place_from_entry(place_id, group.text, spans, container, group.label, metonymy)
                places.append(replace(place, geonames_id=None, feature=None))
        return places


def _named_mentions(document: Document) -> Iterator[TextSpan]:
    """Mentions of organisations and people: where the NER puts the places it mis-tags."""
    for actor in document.actors:
        if actor.label in ("ORG", "PERSON"):
            yield from actor.mentions


def _add_facilities(document: Document, parsed: Doc, groups: dict[str, _Group]) -> None:
    """Organisation or person mentions that are facilities used as sites join the places:
    streets always ("Jaffa Road"); other facilities after a locative preposition or as the
    object of a site verb ("at Al-Quds Hospital", "shelled the Manila Cathedral")."""
    text = document.article.text
    for m in _named_mentions(document):
        start = m.start + 4 if text[m.start : m.start + 4].lower() == "the " else m.start
        surface = text[start : m.end]
        if facility_kind(surface, None) != "facility":
            continue
        if is_street(surface) or is_site(parsed, start, m.end):
            key = strip_article(name_key(surface))
            groups.setdefault(key, _Group(key, surface, "FAC")).spans.append((start, m.end))


def _add_settlements(document: Document, groups: dict[str, _Group]) -> None:
    """Organisation or person mentions that a settlement noun introduces are places the NER
    mis-tagged ("the neighbourhood of Al-Bayaa", "the town of Mussaiyab", "Diwan village"); the
    gazetteer may lack them, so they are placed in their container like villages."""
    text = document.article.text
    settlements = {PlaceKind.CITY, PlaceKind.NEIGHBORHOOD}
    for m in _named_mentions(document):
        surface = text[m.start : m.end]
        if not (surface[:1].isupper() and any(c.islower() for c in surface)):
            continue  # a name, not an acronym ("three TIF districts")
        if mention_cues(text, m.start, m.end).type_kinds & settlements:
            key = strip_article(name_key(surface))
            groups.setdefault(key, _Group(key, surface, None)).spans.append((m.start, m.end))


def _village(toponym: Toponym) -> str | None:
    """``"facility"`` for a name a settlement noun introduces ("the village of Tamthil", "Aziziyah
    district") that the gazetteer lacks: it is placed like a facility, inside its container."""
    return "facility" if toponym.type_kinds & {PlaceKind.CITY, PlaceKind.NEIGHBORHOOD} else None


def _site(parsed: Doc, group: _Group) -> str | None:
    """``"facility"`` for a place name the gazetteer lacks, used as a site ("Eritrea captured Badme",
    "fighting at Todee"): a village or district too small for the gazetteer, placed in its container.
    Every mention must be a site: "Wedbush is ... at Wedbush" is a firm the NER mis-tagged."""
    if group.label not in ("GPE", "LOC"):
        return None
    return "facility" if all(is_site(parsed, s, e) for s, e in group.spans) else None


def _without(actors: tuple[Actor, ...], spans: set[tuple[int, int]]) -> tuple[Actor, ...]:
    """Actors minus the mentions that are places now (an actor left without mentions is dropped)."""
    out = []
    for actor in actors:
        kept = tuple(m for m in actor.mentions if (m.start, m.end) not in spans)
        if len(kept) == len(actor.mentions):
            out.append(actor)
        elif kept:
            out.append(replace(actor, mentions=kept))
        else:
            log.debug("actor %s %r is a place", actor.id, actor.name)
    return tuple(out)
