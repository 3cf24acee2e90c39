"""ActorStage: every actor mention resolved to a canonical actor with kind and ISO3 country.

Sources of mentions, in order of trust:

1. the curated dictionary (organisations, armed groups, people with dates of office);
2. NER persons and organisations (typed by titles, appositions and affiliations);
3. generic group phrases ("Syrian government troops", "rebels", "civilians"), typed by
   their head noun and modifiers, with the country from nationality words or, failing
   that, the article's main country;
4. countries and capitals used as actors ("Russia may veto", "Moscow was ready");
5. pronouns ("he said", "they"), linked to the nearest compatible earlier mention.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import ClassVar

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..resolve.dictionary import ActorDictionary, ActorEntry, GenericTerm
from ..schema import Actor, ActorKind, Document
from ..schema import Span as TextSpan
from .lexicon import lexicon
from .phrases import PRONOUNS_PERSON, PRONOUNS_PLURAL, core_np, modifiers
from .triggers import subject_of

__all__ = ["ActorStage", "ActorTyping"]

log = logging.getLogger(__name__)

_ARMED_OVERRIDES = frozenset({ActorKind.REBEL, ActorKind.MILITIA, ActorKind.TERRORIST, ActorKind.POLICE})
_DOMESTIC = frozenset({
    ActorKind.MILITARY, ActorKind.POLICE, ActorKind.GOVERNMENT, ActorKind.REBEL,
    ActorKind.MILITIA, ActorKind.CIVILIAN, ActorKind.PARTY, ActorKind.MEDIA,
})  # fmt: skip
_VIOLENT_CLASSES = frozenset(
    {
        "armed_clash",
        "offensive",
        "attack",
        "air_strike",
        "shelling",
        "explosive",
        "killing",
        "capture",
        "siege",
    }
)
_PATTERN_PERSON = "PERSON_BY_PATTERN"  # a name found by the "Name, 35, a teacher" pattern, not by NER
_PRONOUNS = PRONOUNS_PERSON | PRONOUNS_PLURAL | {"it", "its"}
_CANONICAL = {
    ActorKind.MILITARY: "Military Forces of {c}",
    ActorKind.POLICE: "Police Forces of {c}",
    ActorKind.GOVERNMENT: "Government of {c}",
    ActorKind.REBEL: "Rebel groups ({c})",
    ActorKind.MILITIA: "Militias ({c})",
    ActorKind.TERRORIST: "Armed groups ({c})",
    ActorKind.CIVILIAN: "Civilians ({c})",
    ActorKind.MEDIA: "Journalists ({c})",
}
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "conj", "appos"})
_ACTOR_PREPS = frozenset({"with", "by", "against", "between"})
_ORG_HEADS = {
    ActorKind.GOVERNMENT: {
        "ministry",
        "government",
        "council",
        "parliament",
        "cabinet",
        "presidency",
        "department",
    },
    ActorKind.MILITARY: {"army", "forces", "force", "brigade", "division", "command", "navy", "battalion"},
    ActorKind.POLICE: {"police", "gendarmerie"},
    ActorKind.MEDIA: {"news", "agency", "times", "post", "tv", "television", "radio", "press", "channel"},
    ActorKind.NGO: {
        "committee",
        "foundation",
        "watch",
        "observatory",
        "society",
        "crescent",
        "cross",
        "institute",
    },
    ActorKind.PARTY: {"party"},
    ActorKind.BUSINESS: {"bank", "company", "corp", "inc", "ltd"},
}


@dataclass
class _Group:
    """An actor being assembled from its mentions."""

    key: str
    name: str
    kind: ActorKind | None
    country: str | None
    canonical: str | None = None
    label: str | None = None
    description: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    surfaces: list[str] = field(default_factory=list)
    person: bool = False
    plural: bool = False


@dataclass(frozen=True, slots=True)
class ActorTyping:
    """Kind and country read off a noun phrase."""

    kind: ActorKind | None
    countries: tuple[str, ...]


class ActorStage:
    """Resolve and group actor mentions; replaces the NER-only ``actors`` of the mention stage."""

    name = "actors"
    requires: ClassVar[tuple[str, ...]] = ("article.text", "actors", "places", "nlp.parse")
    assigns: ClassVar[tuple[str, ...]] = ("actors",)

    def __init__(self, book: ActorDictionary) -> None:
        self.book = book
        self._matchers: tuple[PhraseMatcher, PhraseMatcher] | None = None

    # -- dictionary matching -------------------------------------------------------------
    def _build_matchers(self, doc: Doc) -> tuple[PhraseMatcher, PhraseMatcher]:
        tokenizer = English(vocab=doc.vocab).tokenizer
        lower = PhraseMatcher(doc.vocab, attr="NORM")
        exact = PhraseMatcher(doc.vocab, attr="ORTH")
        for entry in self.book.entries.values():
            for alias in {entry.canonical, *entry.aliases}:
                pattern = tokenizer(alias)
                # one-word aliases ("Total", "Hamas", "WHO") must match exactly: many are also common words
                (exact if len(pattern) == 1 or alias.isupper() else lower).add(entry.id, [pattern])
        return lower, exact

    def _dictionary_spans(self, doc: Doc) -> list[Span]:
        if self._matchers is None:
            self._matchers = self._build_matchers(doc)
        spans = [Span(doc, s, e, label=m) for matcher in self._matchers for m, s, e in matcher(doc)]
        # names are capitalised: "total siege" is not TotalEnergies, "the military" is not a group's name
        return filter_spans([s for s in spans if any(t.text[:1].isupper() for t in s)])

    # -- the stage -----------------------------------------------------------------------
    def __call__(self, document: Document, parsed: Doc) -> Document:
        run = _Run(self.book, document, parsed)
        run.add_dictionary(self._dictionary_spans(parsed))
        run.add_entities()
        run.add_generic_groups()
        run.add_countries_as_actors()
        run.add_pronouns()
        return replace(document, actors=run.actors())


_FORMER_KINDS = frozenset({ActorKind.MILITARY, ActorKind.POLICE, ActorKind.REBEL, ActorKind.MILITIA})
_FORMER_WORDS = frozenset({"former", "retired", "demobilised", "demobilized", "veteran"})


class _Run:
    """State for one article."""

    def __init__(self, book: ActorDictionary, document: Document, parsed: Doc) -> None:
        self.book = book
        self.doc = parsed
        self.document = document
        self.day = _published_day(document.article.published)
        self.groups: dict[str, _Group] = {}
        self.claimed: list[tuple[int, int]] = []
        self.entity_of = {i: ent for ent in parsed.ents for i in range(ent.start, ent.end)}
        self.main_country = self._main_country()

    # -- helpers -------------------------------------------------------------------------
    def _main_country(self) -> str | None:
        votes: Counter[str] = Counter()
        for place in self.document.places:
            iso3 = self.book.iso3_for_iso2(place.country) if place.country else self.book.country(place.text)
            iso3 = iso3 or self.book.capital(place.text)
            if iso3:
                votes[iso3] += 2 * len(place.mentions)
        for token in self.doc:
            iso3 = self.book.demonym(token.text) if token.ent_type_ == "NORP" else None
            if iso3:
                votes[iso3] += 1
        title = self.document.article.title or ""
        for word in title.replace("-", " ").split():
            iso3 = self.book.country(word) or self.book.demonym(word)
            if iso3:
                votes[iso3] += 2
        return votes.most_common(1)[0][0] if votes else None

    def _claimed(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.claimed)

    def _add(self, group: _Group, start: int, end: int, surface: str) -> _Group:
        existing = self.groups.setdefault(group.key, group)
        existing.mentions.append((start, end))
        existing.surfaces.append(surface)
        if existing.description is None and group.description:
            existing.description = group.description
        self.claimed.append((start, end))
        return existing

    def generic_term(self, head: Token) -> GenericTerm | None:
        """The generic group term of a noun, two-word terms first ("militia member", "gang member")."""
        generic = self.book.generic
        mod = head.doc[head.i - 1] if head.i > 0 else None
        if mod is not None and mod.head.i == head.i and mod.dep_ in {"compound", "amod"}:
            term = generic.get(f"{mod.lower_} {head.lemma_.lower()}")
            if (term := term or generic.get(f"{mod.lower_} {head.lower_}")) is not None:
                return term
        return generic.get(head.lemma_.lower()) or generic.get(head.lower_)

    def typing(self, head: Token) -> ActorTyping:
        """Kind and countries of the phrase headed by ``head``."""
        term = self.generic_term(head)
        kind = term.kind if term else None
        countries: list[str] = []
        for mod in modifiers(head):
            owner = self._group_at(mod) if mod.dep_ == "poss" and mod.pos_ == "PRON" else None
            if owner is not None:  # "its fighters" -> the RSF's fighters
                kind = owner.kind if owner.kind is not ActorKind.GOVERNMENT else kind
                countries += [owner.country] if owner.country and owner.country not in countries else []
                continue
            mod_term = self.book.generic.get(mod.lemma_.lower()) or self.book.generic.get(mod.lower_)
            if mod_term and (mod_term.kind in _ARMED_OVERRIDES or kind is None):
                kind = mod_term.kind
            iso3 = self._country_word(mod)
            if iso3 and iso3 not in countries:
                countries.append(iso3)
        for prep in (c for c in head.rights if c.dep_ == "prep" and c.lower_ in {"of", "from"}):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                iso3 = self._country_word(obj) or self._entry_country(obj)
                if iso3 and iso3 not in countries:
                    countries.append(iso3)
        if kind in _FORMER_KINDS and _former(head):
            kind = ActorKind.CIVILIAN  # "ex-soldiers", "former rebels", "retired police officers"
        return ActorTyping(kind=kind, countries=tuple(countries))

    def _country_word(self, token: Token) -> str | None:
        ent = self.entity_of.get(token.i) if token.ent_type_ in {"GPE", "NORP"} else None
        text = ent.text if ent is not None else token.text
        return self.book.demonym(text) or self.book.country(text) or self.book.capital(text)

    def _group_at(self, token: Token) -> _Group | None:
        """For a possessive pronoun, the organisation named just before it (resolved like ``it``)."""
        floor = token.sent.start_char
        candidates = [
            (s, g) for g in self.groups.values() for s, _ in g.mentions
            if floor <= s < token.idx and not g.person and g.label in {"DICT", "ORG"}
        ]  # fmt: skip
        return max(candidates, key=lambda c: c[0])[1] if candidates else None

    def _entry_country(self, token: Token) -> str | None:
        for key, group in self.groups.items():
            if key.startswith("dict:") and any(s <= token.idx < e for s, e in group.mentions):
                return group.country
        return None

    def _country_or_main(self, kind: ActorKind | None, countries: tuple[str, ...]) -> tuple[str | None, ...]:
        if countries:
            return countries
        return (self.main_country,) if kind in _DOMESTIC and self.main_country else (None,)

    # -- 1. dictionary -------------------------------------------------------------------
    def add_dictionary(self, spans: list[Span]) -> None:
        for span in spans:
            entry = self.book.lookup(span.text, self.day) or self.book.entries[span.label_]
            if entry.kind is ActorKind.PERSON and not entry.valid_on(self.day):
                continue
            self._add(_from_entry(entry, span.text), span.start_char, span.end_char, span.text)

    # -- 2. NER persons and organisations ------------------------------------------------
    def add_entities(self) -> None:
        surnames: dict[str, str] = {}
        for key, group in self.groups.items():
            if group.person:
                surnames[group.name.split()[-1].casefold()] = key
        for ent in [*self.doc.ents, *self._unlabelled_people()]:
            start, end = _trim(ent)
            if (
                end <= start
                or self._claimed(start, end)
                or ent.label_ not in {"PERSON", "ORG", _PATTERN_PERSON}
            ):
                continue
            text = self.doc.text[start:end]
            entry = self.book.lookup(text, self.day)
            if entry is not None:
                self._add(_from_entry(entry, text), start, end, text)
            elif ent.label_ != _PATTERN_PERSON and (
                self._is_place(start, end) or _inside_title(ent, self.book) or _place_position(ent.root)
            ):
                continue
            elif ent.label_ in {"PERSON", _PATTERN_PERSON}:
                key = surnames.get(text.casefold()) or surnames.get(text.split()[-1].casefold())
                group = self.groups[key] if key else self._person(ent, text)
                group = self._add(group, start, end, text)
                surnames.setdefault(text.split()[-1].casefold(), group.key)
            else:
                self._add(self._organisation(ent, text), start, end, text)
        for token in self.doc:  # a surname the NER tagged otherwise ("Malahifji, speaking from Turkey")
            key = surnames.get(token.text.casefold())
            if key and token.pos_ == "PROPN" and not self._claimed(token.idx, token.idx + len(token.text)):
                self._add(self.groups[key], token.idx, token.idx + len(token.text), token.text)

    def _is_place(self, start: int, end: int) -> bool:
        """True for a span the geocoder resolved as a place (NER often tags towns as PERSON/ORG)."""
        return any(
            (p.geonames_id is not None or p.lat is not None)
            and any(m.start < end and start < m.end for m in p.mentions)
            for p in self.document.places
        )

    def _unlabelled_people(self) -> list[Span]:
        """Names the NER missed, in the news patterns ``a resident, Natalia Hrytsenko, 64,``."""
        found = []
        for token in self.doc:
            if (
                token.pos_ != "PROPN"
                or token.ent_type_ == "PERSON"
                or token.dep_ == "compound"
                or not token.text[:1].isupper()
            ):
                continue
            start = token.i
            while (
                start > token.sent.start
                and self.doc[start - 1].pos_ == "PROPN"
                and self.doc[start - 1].dep_ == "compound"
            ):
                start -= 1
            if start == token.i:
                continue
            after = self.doc[token.i + 1 : token.i + 4]
            aged = len(after) == 3 and after[0].text == "," and after[1].like_num and after[2].text == ","
            generic_head = self.book.generic.get(token.head.lemma_.lower()) or self.book.titles.get(
                token.head.lemma_.lower()
            )
            if aged or (token.dep_ == "appos" and generic_head is not None):
                found.append(Span(self.doc, start, token.i + 1, label=_PATTERN_PERSON))
        return found

    def _person(self, ent: Span, text: str) -> _Group:
        head = ent.root
        description, countries, kind = self._describe(ent, head)
        country = countries[0] if countries else (self.main_country if kind in _DOMESTIC else None)
        return _Group(
            key=f"person:{text.casefold()}", name=text, kind=ActorKind.PERSON, country=country,
            label="PERSON", description=description, person=True,
        )  # fmt: skip

    def _describe(self, ent: Span, head: Token) -> tuple[str | None, tuple[str, ...], ActorKind | None]:
        """Title, apposition or leading description of a person, with the countries and kind it implies."""
        parts: list[Span] = []
        titles = [t for t in head.lefts if t.i < ent.start and t.dep_ in {"compound", "amod", "nmod"}]
        if titles:
            parts.append(self.doc[np_start(titles[0]) : ent.start])
        parts += [self.doc[c.left_edge.i : c.right_edge.i + 1] for c in head.rights if c.dep_ == "appos"]
        if head.dep_ == "appos":
            parts.append(core_np(head.head))
        lead = _leading_description(ent)
        if lead is not None:
            parts.append(lead)
        kind: ActorKind | None = None
        countries: list[str] = []
        for part in parts:
            for token in part:
                found = self.book.titles.get(token.lemma_.lower()) or self.book.generic.get(token.lower_)
                if found and found.kind and (kind is None or found.kind in _ARMED_OVERRIDES):
                    kind = found.kind
                iso3 = self._country_word(token) or self._entry_country(token)
                iso3 = iso3 or self._place_country(token)
                if iso3 and iso3 not in countries:
                    countries.append(iso3)
        texts = list(dict.fromkeys(p.text.strip(" ,") for p in parts if p.text.strip(" ,")))
        texts = [t for t in texts if not any(t != o and t.casefold() in o.casefold() for o in texts)]
        return ("; ".join(texts) or None), tuple(countries), kind

    def _place_country(self, token: Token) -> str | None:
        for place in self.document.places:
            if place.country and any(m.start <= token.idx < m.end for m in place.mentions):
                return self.book.iso3_for_iso2(place.country)
        return None

    def _organisation(self, ent: Span, text: str) -> _Group:
        words = {w.casefold() for w in text.split()}
        kind = next((k for k, heads in _ORG_HEADS.items() if words & heads), None)
        countries = self.typing(ent.root).countries
        return _Group(
            key=f"org:{text.casefold()}",
            name=text,
            kind=kind,
            country=countries[0] if countries else None,
            label="ORG",
        )

    # -- 3. generic groups ---------------------------------------------------------------
    def add_generic_groups(self) -> None:
        for token in self.doc:
            if token.pos_ not in {"NOUN", "PROPN"} or token.dep_ in {"compound", "amod"} or token.ent_type_:
                continue  # names ("United States") are not generic groups
            term = self.generic_term(token)
            if term is None:
                continue
            span = core_np(token)
            if self._claimed(token.idx, token.idx + len(token.text)):
                continue
            typing = self.typing(token)
            kind = typing.kind or term.kind
            for country in self._country_or_main(kind, typing.countries):
                group = _generic_group(kind, country, token, self.book)
                self._add(group, span.start_char, span.end_char, span.text)

    # -- 4. countries and capitals as actors ---------------------------------------------
    def add_countries_as_actors(self) -> None:
        triggers = lexicon().triggers
        for ent in self.doc.ents:
            if ent.label_ not in {"GPE", "NORP"}:
                continue
            start, end = _trim(ent)
            modifies_event = _modifies_event_noun(ent.root, triggers)
            if self._claimed(start, end) or not (_actor_position(ent.root) or modifies_event):
                continue
            text = self.doc.text[start:end]
            iso3 = self.book.country(text) or self.book.capital(text)
            if ent.label_ == "NORP":
                iso3 = self.book.demonym(text)
            if iso3 is None:
                continue
            kind = (
                ActorKind.MILITARY
                if modifies_event and _violent_noun(ent.root.head)
                else ActorKind.GOVERNMENT
            )
            self._add(_generic_group(kind, iso3, ent.root, self.book), start, end, text)

    # -- 5. pronouns ---------------------------------------------------------------------
    def add_pronouns(self) -> None:
        ordered = sorted(
            ((s, g) for g in self.groups.values() for s, _ in g.mentions), key=lambda item: item[0]
        )
        for token in self.doc:
            lower = token.lower_
            if token.pos_ == "PRON" and lower in {"it", "its"}:
                self._add_it(token, ordered)
                continue
            if token.pos_ != "PRON" or lower not in PRONOUNS_PERSON | PRONOUNS_PLURAL:
                continue
            wants_person = lower in PRONOUNS_PERSON
            before = [g for s, g in ordered if s < token.idx and g.person == wants_person]
            before = [g for g in before if g.person] if wants_person else [g for g in before if g.plural]
            governing = self._governing_subject(token, wants_person)
            if governing is not None:
                self._add(governing, token.idx, token.idx + len(token.text), token.text)
            elif before and token.idx - before[-1].mentions[-1][0] < 600:
                self._add(before[-1], token.idx, token.idx + len(token.text), token.text)

    def _add_it(self, token: Token, ordered: list[tuple[int, _Group]]) -> None:
        """``it``/``its``: an organisation, group or state named earlier in this sentence or the last."""
        floor = token.sent.start_char
        if token.sent.start > 0:
            floor = self.doc[token.sent.start - 1].sent.start_char
        before = [
            g for s, g in ordered if floor <= s < token.idx and not g.person and g.label in {"DICT", "ORG"}
        ]
        if before:
            self._add(before[-1], token.idx, token.idx + len(token.text), token.text)

    def _governing_subject(self, pronoun: Token, person: bool) -> _Group | None:
        """For a subject pronoun in a subordinate clause, the main clause's subject ("troops ... as they")."""
        if pronoun.dep_ != "nsubj" or pronoun.head.dep_ not in {"advcl", "ccomp", "conj", "relcl"}:
            return None
        main = pronoun.head.head
        subject = next((c for c in main.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        subject = subject or subject_of(main)  # "telling news agencies they ...": the teller's subject
        if subject is None or subject.i > pronoun.i:  # "telling news agencies they want": the teller
            return None
        start, end = subject.left_edge.idx, subject.idx + len(subject.text)
        for group in self.groups.values():  # a mention in the subject's phrase ("Rebel commanders")
            if group.person == person and any(s < end and start < e for s, e in group.mentions):
                return group
        return None

    # -- output --------------------------------------------------------------------------
    def actors(self) -> tuple[Actor, ...]:
        groups = sorted(self.groups.values(), key=lambda g: min(g.mentions))
        out = []
        for i, group in enumerate(groups, start=1):
            surfaces = [
                s for s in dict.fromkeys(group.surfaces) if s.lower() not in PRONOUNS_PERSON | PRONOUNS_PLURAL
            ]
            name = (
                max(surfaces, key=len)
                if group.person and surfaces
                else (surfaces[0] if surfaces else group.name)
            )
            out.append(
                Actor(
                    id=f"a{i}",
                    name=name,
                    canonical=group.canonical,
                    kind=group.kind,
                    country=group.country,
                    aliases=tuple(s for s in surfaces if s != name),
                    label=group.label,
                    description=group.description,
                    mentions=tuple(TextSpan(s, e) for s, e in sorted(set(group.mentions))),
                )  # fmt: skip
            )
        return tuple(out)


def _former(head: Token) -> bool:
    """The group was once armed: "former", "retired", "demobilised" or "ex-" before its noun."""
    before = [t.lower_ for t in head.doc[max(head.left_edge.i, head.i - 3) : head.i]]
    hyphen = [t.lower_ for t in head.doc[max(head.sent.start, head.i - 2) : head.i]]
    return bool(set(before) & _FORMER_WORDS) or hyphen == ["ex", "-"]


def np_start(token: Token) -> int:
    """Leftmost index of a title phrase that starts at ``token`` (skipping determiners)."""
    start = token.left_edge.i
    while start < token.i and token.doc[start].dep_ == "det":
        start += 1
    return start


def _leading_description(ent: Span) -> Span | None:
    """``A senior rebel official from the X group, NAME ...``: the noun phrase before ``, NAME``."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].text != ",":
        return None
    before = doc[ent.start - 2]
    head = before
    while (
        head.head.i < ent.start - 1
        and head.head.i != head.i
        and head.dep_ not in {"nsubj", "advcl", "appos", "ROOT"}
    ):
        head = head.head
    if head.pos_ not in {"NOUN", "PROPN"} or head.i >= ent.start - 1:
        return None
    start = head.left_edge.i
    if start < ent.sent.start:
        return None
    return doc[start : ent.start - 1]


_SETTLEMENTS = frozenset(
    {"town", "city", "village", "district", "province", "region", "state", "camp", "area"}
)
_PLACE_PREPS = frozenset(
    {"in", "at", "near", "into", "towards", "toward", "around", "outside", "inside", "across"}
)


def _place_position(token: Token) -> bool:
    """True for a name the NER took for a person/organisation where only a place fits: ``in Goma``."""
    if token.dep_ != "pobj":
        return False
    prep = token.head
    return prep.lower_ in _PLACE_PREPS or (prep.lower_ == "of" and prep.head.lemma_.lower() in _SETTLEMENTS)


def _inside_title(ent: Span, book: ActorDictionary) -> bool:
    """True for ``State`` in ``Secretary of State``: an ORG that is part of a title."""
    root = ent.root
    if root.dep_ != "pobj" or root.head.lower_ != "of":
        return False
    owner = root.head.head
    return f"{owner.lower_} of {ent.text.lower()}" in book.titles or owner.lemma_.lower() in book.titles


def _actor_position(token: Token) -> bool:
    """True when a place name is used as an actor (subject, object, agent) rather than a location."""
    if token.dep_ in {"nsubj", "nsubjpass"}:
        return True
    if token.dep_ == "poss":
        return token.head.pos_ in {"NOUN", "PROPN"}
    if token.dep_ == "pobj":
        return token.head.lower_ in _ACTOR_PREPS
    return token.dep_ in _ACTOR_DEPS and token.head.pos_ == "VERB"


def _modifies_event_noun(token: Token, triggers: dict) -> bool:
    """True for ``Russian`` in ``Russian calls`` / ``Israeli airstrike``: a nationality on an event noun."""
    head = token
    while head.dep_ in {"conj", "cc"} and head.head.i != head.i:
        head = head.head
    if head.dep_ not in {"amod", "compound", "nmod", "poss"}:
        return False
    noun = head.head
    return (noun.lemma_.lower(), "NOUN") in triggers or (noun.lower_, "NOUN") in triggers


def _violent_noun(token: Token) -> bool:
    noun = token
    while noun.dep_ in {"amod", "compound", "nmod", "poss", "conj"} and noun.head.i != noun.i:
        noun = noun.head
    classes = {t.event_class for t in lexicon().triggers.get((noun.lemma_.lower(), "NOUN"), ())}
    return bool(classes & _VIOLENT_CLASSES)


def _trim(ent: Span) -> tuple[int, int]:
    start, end, text = ent.start_char, ent.end_char, ent.text
    for article in ("the ", "The "):
        if text.startswith(article):
            start, text = start + 4, text[4:]
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            end, text = end - 2, text[:-2]
    return start, end


def _published_day(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _from_entry(entry: ActorEntry, surface: str) -> _Group:
    return _Group(
        key=f"dict:{entry.id.split(':')[0]}", name=surface, canonical=entry.canonical, kind=entry.kind,
        country=entry.country, label="DICT", person=entry.kind is ActorKind.PERSON,
        plural=entry.kind is not ActorKind.PERSON,
    )  # fmt: skip


def _generic_group(kind: ActorKind | None, country: str | None, head: Token, book: ActorDictionary) -> _Group:
    where = book.country_name(country) if country else "unidentified"
    template = _CANONICAL.get(kind) if kind else None
    canonical = template.format(c=where) if template else None
    return _Group(
        key=f"generic:{kind}:{country}:{'' if template else head.lemma_.lower()}", name=head.text,
        canonical=canonical, kind=kind, country=country, label="NP", plural=True,
    )  # fmt: skip
