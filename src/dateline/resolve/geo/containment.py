"""Where a facility or street the gazetteer lacks lies: the place that contains it.

"Royal Street", "the Manila Cathedral", "Cloverhill District Court" are not GeoNames features
here, but the text usually says which town they are in. For an unresolved toponym that looks
like a facility (NER label FAC, or a facility head noun from ``cues.toml``), in this order:

1. **named next to it**: "<facility>, <place>", "<facility> in/at/near <place>",
   "<place>'s <facility>";
2. **named inside it**: a resolved place of the article whose name is part of the facility's
   ("Manila Cathedral" and Manila), else a leading part the gazetteer knows as a country,
   first-level division or city of at least ``MIN_EMBEDDED_POPULATION`` ("Delhi High Court");
3. **the article's local place**: the city-or-finer place mentioned most often (then the
   first-level division), the convention of local news. Not for natural features (a river is
   not inside the town the article is about).

The result keeps the facility's own text and gets the container's coordinates and precision;
its ``geonames_id`` stays null because it is not the container itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from .cues import mention_root
from .normalize import name_key
from .sources import cues
from .store import Entry, Gazetteer, PlaceKind

__all__ = ["Located", "facility_kind", "find_container", "is_site", "is_street"]

MIN_EMBEDDED_POPULATION = 100_000
_LOCAL = (PlaceKind.POINT, PlaceKind.NEIGHBORHOOD, PlaceKind.CITY, PlaceKind.ADMIN2)
_AFTER = re.compile(r"^\s*(?:,|\b(?:in|at|near|outside|off)\b)\s*(?:the\s+)?", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s\s+(?:the\s+)?$")


@dataclass(frozen=True, slots=True)
class Located:
    """A resolved place of the article: its entry and mention offsets."""

    entry: Entry
    spans: tuple[tuple[int, int], ...]
    key: str


@cache
def _heads() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    table = cues()["facilities"]
    return frozenset(table["heads"]), frozenset(table["natural"]), frozenset(table["streets"])


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def facility_kind(text: str, label: str | None) -> str | None:
    """``"facility"``, ``"natural"`` or None (not a facility-like name) for a toponym."""
    words = _words(text)
    facilities, natural, _ = _heads()
    if any(w in natural for w in words[-2:]):
        return "natural"
    if label == "FAC" or (len(words) > 1 and words[-1] in facilities):
        return "facility"
    return None


def find_container(
    gazetteer: Gazetteer, text: str, name: str, spans: Sequence[tuple[int, int]], kind: str,
    located: Sequence[Located],
) -> Entry | None:  # fmt: skip
    """The containing place of one unresolved facility-like toponym (see the module doc)."""
    if entry := _adjacent(text, spans, located):
        return entry
    if kind != "facility":
        return None  # natural features: only a place named next to them
    if not is_street(name) and (entry := _embedded(gazetteer, name, located)):
        return entry
    return _article_place(located)


def is_street(name: str) -> bool:
    """Streets are often named after other places ("Jaffa Road" is in Jerusalem)."""
    words = _words(name)
    return bool(words) and words[-1] in _heads()[2]


def is_site(parsed: Doc, start: int, end: int) -> bool:
    """True when the mention at ``[start, end)`` is used as a site: after a locative preposition
    ("at the hospital") or the object of a site verb ("shelled the hospital")."""
    token = mention_root(parsed, start, end)
    if token is None:
        return False
    locative, verbs, areas = _site_words()
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in locative:
        return True
    if token.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in verbs:
        return True
    # the words around, when the parse went astray: "captured Knin,", "in the vicinity of Kobane."
    span = parsed.char_span(start, end, alignment_mode="expand")
    after = parsed[span.end] if span.end < len(parsed) else None
    if after is not None and (after.pos_ in ("NOUN", "PROPN", "NUM") or after.tag_ == "POS"):
        return False  # it modifies what follows ("the Moore's Ford bridge", "a Northland packing plant")
    before = [t for t in parsed[max(0, span.start - 3) : span.start] if t.pos_ != "DET"]
    if not before:
        return False
    last = before[-1]
    if last.tag_ in ("VBD", "VBN") and last.lemma_.lower() in verbs:
        return True
    return last.lower_ == "of" and len(before) > 1 and before[-2].lower_ in areas


@cache
def _site_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Locative prepositions of a site (not of/from/to), verbs whose object is a site, and the nouns
    of "the outskirts of X"."""
    table = cues()
    locative = frozenset(table["event_location"]["locative"]) - {"of", "from", "to"}
    return locative, frozenset(table["facilities"]["site_verbs"]), frozenset(table["facilities"]["areas_of"])


def _adjacent(text: str, spans: Sequence[tuple[int, int]], located: Sequence[Located]) -> Entry | None:
    starts = {s: p.entry for p in located for s, _ in p.spans}
    ends = {e: p.entry for p in located for _, e in p.spans}
    for start, end in spans:
        if (m := _AFTER.match(text[end : end + 40])) and (entry := starts.get(end + m.end())):
            return entry
        before = text[max(0, start - 40) : start]
        if (m := _POSSESSIVE.search(before)) and (entry := ends.get(start - (len(before) - m.start()))):
            return entry
    return None


def _embedded(gazetteer: Gazetteer, name: str, located: Sequence[Located]) -> Entry | None:
    key = f" {name_key(name)} "
    inside = [p for p in located if p.key and f" {p.key} " in key and p.key != key.strip()]
    if inside:
        return max(inside, key=lambda p: (len(p.key), _rank(p.entry))).entry
    words = key.split()
    parts = [" ".join(words[:n]) for n in range(len(words) - 1, 0, -1)]
    if "of" in words[1:-1]:  # "University of California"
        parts.insert(0, " ".join(words[words.index("of") + 1 :]))
    for part in parts:
        hits = [h.entry for h in gazetteer.lookup(part) if not h.fuzzy]
        big = [e for e in hits if e.kind in (PlaceKind.COUNTRY, PlaceKind.ADMIN1)
               or (e.kind is PlaceKind.CITY and e.population >= MIN_EMBEDDED_POPULATION)]  # fmt: skip
        if big:
            return max(big, key=_rank)
    return None


def _rank(entry: Entry) -> tuple[int, int]:
    return (entry.kind in (PlaceKind.COUNTRY, PlaceKind.ADMIN1, PlaceKind.CITY), entry.population)


def _article_place(located: Sequence[Located]) -> Entry | None:
    for kinds in (_LOCAL, (PlaceKind.ADMIN1,)):
        local = [p for p in located if p.entry.kind in kinds]
        if local:
            return max(local, key=lambda p: (len(p.spans), -min(p.spans)[0])).entry
    return None
