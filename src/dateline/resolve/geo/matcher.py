"""Place mentions the NER missed, found with the gazetteer under precision-minded rules.

Candidate phrases are runs of capitalised words (with Arabic article particles such as
``al-``); each sub-phrase that is a gazetteer name is accepted only when

- ``known``: it repeats an NER place of the same article ("Aleppo" tagged NORP elsewhere);
- ``supplement``: it is a curated conflict-zone name ("Hanano", "Old City"; gated later on
  the parent city being in the article);
- ``type-noun``: a fitting feature noun is next to it ("the Hanano district", "Idlib province");
- ``entity``: an NER NORP/ORG entity that is exactly a country, or a large city (not a demonym);
  a one-word PERSON entity that is no person's surname in the article and a city of a million
  people ("Aleppo" mis-tagged), or of 100,000 that owns a part of a place ("Grozny's streets";
  not "Jackson" after "Jesse Jackson", nor "his brother Tyler");
- ``prominent``: a country, continent or city/province of 100,000+ people named mid-sentence
  outside any organisation or person name (the small NER model misses "east Aleppo");
- ``site``: a city/province/district of 10,000+ people, or an airport, used as a site, after a
  locative preposition or as the object of a site verb ("captured Jaffna", "the siege on Manbij"),
  also when the NER called it a person or nationality, or an organisation or product spanning exactly the name
  ("demonstrated in Beslan"), never inside another entity (a date, an organisation).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from ...extract.mentions import NOT_NAME_POS
from .containment import is_site
from .cues import mention_cues, mention_root
from .normalize import name_key, strip_article
from .sources import demonyms
from .store import Gazetteer, PlaceKind

__all__ = ["Found", "find_mentions"]

_PARTICLE = r"(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es)"
_WORD = rf"(?:{_PARTICLE}[-‐])?[A-Z][\w’'\-]*"
_JOIN = r"(?:\s+(?:(?:al|el|ad|ar|as|ash|at|az|an|de|del|of|bin|ibn|abu|bani|bab)\s+)?)"
_RUN = re.compile(rf"(?<![\w’'\-])({_WORD}(?:{_JOIN}{_WORD})*)")
_WORDS = re.compile(r"\S+")
_POSSESSIVE = re.compile(r"['’]s?$")
_MAX_WORDS = 5
NORP_MIN_POPULATION = 100_000
ORG_MIN_POPULATION = 1_000_000
PERSON_MIN_POPULATION = 100_000  # a one-word "person" that is a city this big and no one's surname
PROMINENT_MIN_POPULATION = 100_000
SITE_MIN_POPULATION = 10_000
AIRFIELDS = frozenset({"AIRP", "AIRB"})  # airports and air bases, sites whatever their population
_SITE_LABELS = frozenset({None, "PERSON", "NORP", "LANGUAGE"})
# Entities that, spanning exactly a town's name used as a site, are mis-tagged places ("demonstrated
# in Beslan" as an organisation, "the siege on Manbij" as a product).
_SITE_EXACT_LABELS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "FAC"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ENTITY_LABELS = frozenset({"NORP", "ORG", "PERSON", "LANGUAGE", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})


@dataclass(frozen=True, slots=True)
class Found:
    """A place mention found in the text: offsets, its surface text and folded key, and the rule."""

    start: int
    end: int
    text: str
    key: str
    rule: str


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _inside(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """True when ``[start, end)`` is a strict part of one of ``spans``."""
    return any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans)


def _phrases(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of every sub-phrase of capitalised runs, longest first within each run."""
    for run in _RUN.finditer(text):
        words = []
        for w in _WORDS.finditer(run.group(1)):
            start = run.start(1) + w.start()
            end = start + len(_POSSESSIVE.sub("", w.group()).rstrip(".,;:"))
            words.append((start, end))
        for n in range(min(_MAX_WORDS, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                yield words[i][0], words[i + n - 1][1]


def _sentence_initial(parsed: Doc, start: int) -> bool:
    span = parsed.char_span(start, start + 1, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[0].is_sent_start


def _function_word(parsed: Doc, start: int, end: int) -> bool:
    """A one-word phrase the parser reads as something other than a name ("Most were captured")."""
    span = parsed.char_span(start, end)
    return span is not None and len(span) == 1 and span[0].pos_ in NOT_NAME_POS and span[0].tag_ != "NNP"


def _common_word(text: str, key: str) -> bool:
    """A one-word key that also occurs in lower case in the text is a common noun ("state")."""
    return " " not in key and re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", text) is not None


def _prominent(
    gazetteer: Gazetteer, key: str, threshold: int, countries: bool = True, districts: bool = False
) -> bool:
    """A country or continent (when ``countries``), or a city/province (or district, when
    ``districts``) of ``threshold`` people."""
    kinds = (
        (PlaceKind.CITY, PlaceKind.ADMIN1, PlaceKind.ADMIN2)
        if districts
        else (PlaceKind.CITY, PlaceKind.ADMIN1)
    )
    return key not in demonyms() and any(
        (countries and h.entry.kind in (PlaceKind.COUNTRY, PlaceKind.CONTINENT))
        or (h.entry.kind in kinds and h.entry.population >= threshold)
        for h in gazetteer.lookup(key)
        if not h.fuzzy
    )


def _surnames(parsed: Doc) -> frozenset[str]:
    """Folded last words of the article's multi-word person names ("Jackson" after "Jesse Jackson")."""
    return frozenset(
        name_key(e[-1].text) for e in parsed.ents if e.label_ == "PERSON" and len(e) > 1 and e[-1].is_alpha
    )


_PLACE_PARTS = frozenset(
    {"street", "outskirts", "suburb", "centre", "center", "district", "neighbourhood", "neighborhood",
     "airport", "port", "market", "square", "residents", "mayor", "governor", "skyline", "old"}
)  # fmt: skip


def _place_possessive(parsed: Doc, start: int, end: int) -> bool:
    """The name owns a part of a place: "Grozny's streets", "Kherson's outskirts"."""
    root = mention_root(parsed, start, end)
    return (
        root is not None
        and root.dep_ == "poss"
        and any(c.dep_ == "case" for c in root.children)
        and root.head.lemma_.lower() in _PLACE_PARTS
    )


def _entity_ok(gazetteer: Gazetteer, key: str, label: str, parsed: Doc, start: int, end: int) -> bool:
    if label == "PERSON":  # a one-word "person" that is a city of a million, or owns streets or outskirts
        threshold = PERSON_MIN_POPULATION if _place_possessive(parsed, start, end) else ORG_MIN_POPULATION
        return " " not in key and _prominent(gazetteer, key, threshold, countries=False)
    return _prominent(
        gazetteer, key, NORP_MIN_POPULATION if label in ("NORP", "LANGUAGE") else ORG_MIN_POPULATION
    )


def find_mentions(
    gazetteer: Gazetteer, text: str, parsed: Doc, known: set[str], taken: Sequence[tuple[int, int]]
) -> list[Found]:
    """Place mentions not among ``taken`` spans; ``known`` are the keys of the NER places."""
    entities = {(e.start_char, e.end_char): e.label_ for e in parsed.ents}
    persons = [(s, e) for (s, e), label in entities.items() if label == "PERSON"]
    surnames = _surnames(parsed)
    names = [(s, e) for (s, e), label in entities.items() if label in ("PERSON", "ORG")]
    others = [(s, e) for (s, e), label in entities.items() if label not in _SITE_LABELS | _PLACE_LABELS]
    accepted: list[tuple[int, int]] = list(taken)
    found: list[Found] = []
    for start, end in _phrases(text):
        if end <= start or _overlaps(start, end, accepted):
            continue
        surface = text[start:end]
        key = strip_article(name_key(surface))
        if not key or _function_word(parsed, start, end):
            continue
        rule = None
        if key in known and not _overlaps(start, end, persons) and not _common_word(text, key):
            rule = "known"
        else:
            hits = [h for h in gazetteer.lookup(key) if not h.fuzzy]
            if not hits:
                continue
            kinds = mention_cues(text, start, end).type_kinds
            label = entities.get((start, end))
            if any(h.entry.source.startswith("supplement") for h in hits) and not _inside(start, end, names):
                rule = "supplement"  # but not "North Atlantic" inside "North Atlantic Treaty Organization"
            elif (
                kinds
                and any(h.entry.kind in kinds for h in hits)
                and not _overlaps(start, end, [p for p in persons if p != (start, end)])
            ):  # "the province of Muthanna" even when the NER calls it a person
                rule = "type-noun"
            elif (
                label in _ENTITY_LABELS
                and _entity_ok(gazetteer, key, label, parsed, start, end)
                and key not in surnames
            ):
                rule = "entity"
            elif (
                label is None and not _overlaps(start, end, names) and not _common_word(text, key)
                and _prominent(gazetteer, key, PROMINENT_MIN_POPULATION)
            ):  # fmt: skip
                rule = "prominent"
            elif (
                (label in _SITE_LABELS or label in _SITE_EXACT_LABELS)
                and not _overlaps(start, end, [o for o in others if o != (start, end)])
                and not _common_word(text, key) and key not in surnames
                and is_site(parsed, start, end)
                and (
                    _prominent(gazetteer, key, SITE_MIN_POPULATION, districts=True)
                    or (label is None and any(h.entry.feature in AIRFIELDS for h in hits))
                )
            ):  # fmt: skip
                rule = "site"  # "captured Jaffna", "landed at Schiphol"
            if (
                rule in ("supplement", "type-noun", "prominent")
                and " " not in key
                and _sentence_initial(parsed, start)
            ):
                rule = None  # a lone capitalised word opening a sentence is too weak on its own
        if rule:
            accepted.append((start, end))
            found.append(Found(start, end, surface, key, rule))
    return found
