"""What a number counts: the figure kind from its governing predicate and noun, the subject, hedges.

Reads the lexicon ``data/figures/kinds.toml`` (once per process). The entry point is
:func:`classify_count`: given the token that carries a count in the parse (the counted
noun, or the number itself), it walks up the dependency tree to the predicate that
decides the kind ("30,000 people have fled" -> fled; "had taken 30 neighborhoods" ->
territory_units), noting breakdowns ("including 12 children") and hedges on the way.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from spacy.tokens import Token

__all__ = [
    "CountReading",
    "Lexicon",
    "classify_count",
    "is_person_kind",
    "lexicon",
    "looks_like_person",
    "subject_kind",
]

_VERBAL = frozenset({"VERB", "AUX"})
_PATIENT = frozenset({"dobj", "nsubjpass", "oprd", "attr", "dative"})
_THEME = frozenset({"nsubj", "nsubjpass", "expl"})
_PERSON_KINDS = frozenset(
    "killed injured arrested abducted displaced fled returned evacuated trapped besieged in_need missing "
    "casualties".split()
)
_LIFE_VERBS = frozenset({"claim", "take", "lose", "cost"})
_UNREALISED = frozenset(
    {
        "try",
        "attempt",
        "threaten",
        "plan",
        "want",
        "seek",
        "vow",
        "intend",
        "fail",
        "refuse",
        "aim",
        "prepare",
        "hope",
        "wish",
        "plot",
        "conspire",
    }
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The parsed ``kinds.toml``."""

    predicates: dict[str, list[tuple[str, str]]]  # lemma -> [(kind, role)]
    requires: dict[str, frozenset[str]]
    excludes: dict[str, frozenset[str]]
    adjectives: dict[str, str]
    nouns: dict[str, str]
    territory_units: frozenset[str]
    territory_share: frozenset[str]
    buildings: frozenset[str]
    subjects: list[tuple[str, frozenset[str]]]
    modals: frozenset[str]
    hedge_verbs: frozenset[str]
    hedge_adverbs: frozenset[str]
    pass_through: frozenset[str]
    toll_verbs: frozenset[str]
    durations: frozenset[str]


@cache
def lexicon() -> Lexicon:
    """Load the packaged figure-kind lexicon (once per process)."""
    raw: dict[str, Any] = tomllib.loads(
        resources.files("dateline").joinpath("data/figures/kinds.toml").read_text("utf-8")
    )
    predicates: dict[str, list[tuple[str, str]]] = {}
    for entry in raw["predicate"]:
        for lemma in entry["lemmas"]:
            predicates.setdefault(lemma, []).append((entry["kind"], entry["role"]))
    return Lexicon(
        predicates=predicates,
        requires={k: frozenset(v) for k, v in raw["requires"].items()},
        excludes={k: frozenset(v) for k, v in raw["excludes"].items()},
        adjectives=dict(raw["adjectives"]),
        nouns=dict(raw["nouns"]),
        territory_units=frozenset(raw["territory"]["units"]),
        territory_share=frozenset(raw["territory"]["share"]),
        buildings=frozenset(raw["buildings"]["nouns"]),
        subjects=[(kind, frozenset(words)) for kind, words in raw["subjects"].items()],
        modals=frozenset(raw["hedges"]["modals"]),
        hedge_verbs=frozenset(raw["hedges"]["verbs"]),
        hedge_adverbs=frozenset(raw["hedges"]["adverbs"]),
        pass_through=frozenset(raw["pass_through"]["verbs"]),
        toll_verbs=frozenset(raw["toll_verbs"]["verbs"]),
        durations=frozenset(raw["durations"]["nouns"]),
    )


@dataclass(frozen=True, slots=True)
class CountReading:
    """The kind of a count and the tokens that decided it.

    ``predicate`` is the governing word (verb, adjective or noun) or ``None`` when the
    counted noun names the kind itself; ``breakdown_of`` is the noun a breakdown hangs off
    ("civilians" in "civilians, including 12 children").
    """

    kind: str
    predicate: Token | None
    breakdown_of: Token | None = None


_PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ee", "ant", "ent", "man", "men", "woman", "women")


def subject_kind(noun: Token) -> str | None:
    """people | civilians | children | women | combatants | households | ... for a counted noun."""
    words = {noun.lemma_.lower(), noun.lower_}
    words |= {c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
    for kind, vocabulary in lexicon().subjects:
        if words & vocabulary:
            return kind
    return None


def looks_like_person(noun: Token) -> bool:
    """A person noun: in the subject lexicon, or an agent-noun shape ("driver", "activist", "detainee")."""
    if noun.pos_ not in ("NOUN", "PROPN") or noun.ent_type_ in ("GPE", "LOC", "FAC", "ORG", "DATE", "TIME"):
        return False
    kind = subject_kind(noun)
    if kind is not None:
        return kind not in ("territory", "buildings")
    return noun.pos_ == "NOUN" and noun.lower_.endswith(_PERSON_SUFFIXES) and len(noun) > 4


def _has_child(token: Token, words: frozenset[str]) -> bool:
    return any(
        c.lower_ in words or c.lemma_ in words for c in token.children if c.dep_ in ("prt", "prep", "advmod")
    )


def _into_custody(verb: Token) -> bool:
    return any(
        c.dep_ == "prep" and c.lower_ in ("into", "in") and any(g.lemma_ == "custody" for g in c.children)
        for c in verb.children
    )


def _to_death(verb: Token) -> bool:
    return any(
        c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_ == "death" for g in c.children)
        for c in verb.children
    )


_RESULT_VERBS = frozenset({"leave", "find", "render", "declare", "pronounce", "report", "confirm", "presume"})


def _complement_kind(verb: Token, counted: Token | None = None) -> str | None:
    """Kind named by a predicative adjective: "are missing", "left ... dead", "shot dead"."""
    lex = lexicon()
    if counted is not None and verb.lemma_ in _RESULT_VERBS:
        for token in verb.subtree:  # "left 3 fighters and 1 policeman dead"
            if token.i > counted.i and token.lower_ in lex.adjectives and token.pos_ == "ADJ":
                return lex.adjectives[token.lower_]
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd", "attr", "ccomp", "xcomp", "advmod", "dobj", "npadvmod") and (
            child.lower_ in lex.adjectives
        ):
            return lex.adjectives[child.lower_]
    return None


def _role_ok(role: str, dep: str, verb: Token, via_modifier: bool) -> bool:
    if dep == "nsubj" and verb.tag_ == "VBN" and not any(c.lemma_ == "have" for c in verb.children):
        dep = "nsubjpass"  # elided auxiliary: "16 were killed and 30 wounded"
    if dep == "npadvmod" and not any(c.dep_ == "dobj" for c in verb.children):
        dep = "dobj"  # a bare number after the verb: "injuring 7-9"
    if via_modifier:  # the counted noun is modified by the verb: "people killed", "who were killed"
        passive = verb.tag_ == "VBN" or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
        return role in ("any", "theme") or passive
    if role == "patient":
        return dep in _PATIENT
    if role == "theme":
        return dep in _THEME
    return dep in _PATIENT | _THEME


def _noun_class(noun: Token | None) -> str | None:
    if noun is None:
        return None
    lex = lexicon()
    lemma = noun.lemma_.lower()
    if lemma in lex.territory_share or noun.lower_ in lex.territory_share:
        return "share"
    if lemma in lex.territory_units or noun.lower_ in lex.territory_units:
        return "units"
    if lemma in lex.buildings:
        return "buildings"
    return None


def _verb_kind(
    verb: Token, dep: str, counted: Token | None, *, via_modifier: bool = False, unit: Token | None = None
) -> str | None:
    """The kind a verb gives the count reaching it through ``dep`` (``None`` if it gives none).

    ``unit`` is the token carrying the count when it is a share word ("percent", "third").
    """
    lex = lexicon()
    lemma = verb.lemma_.lower()
    noun_class = "share" if _noun_class(unit) == "share" else _noun_class(counted)
    territorial = any(kind == "territory" for kind, _ in lex.predicates.get(lemma, []))
    if lemma in lex.requires and not _has_child(verb, lex.requires[lemma]):
        return None
    if lemma in lex.excludes and any(t.lower_ in lex.excludes[lemma] for t in verb.subtree if t.i > verb.i):
        return None
    if _into_custody(verb) and (dep in _PATIENT or via_modifier):
        return "arrested"  # "taken into custody", "remanded in custody"
    if any(c.lower_ == "fatally" for c in verb.children) and (dep in _PATIENT or via_modifier):
        return "killed"
    for kind, role in lex.predicates.get(lemma, []):
        if not _role_ok(role, dep, verb, via_modifier):
            continue
        if kind == "territory":
            if noun_class == "share":
                return "territory_share"
            if noun_class == "units":
                return "territory_units"
            continue
        if kind.startswith("buildings_"):
            if noun_class == "buildings":
                return kind
            continue
        if noun_class in ("units", "share", "buildings"):
            continue
        if (
            territorial
            and counted is not None
            and counted.pos_ in ("NOUN", "PROPN")
            and subject_kind(counted) is None
        ):
            continue  # "took 30 hostages" is an abduction, "took 30 positions" is not
        return kind
    if (_to_death(verb) or any(c.lower_ == "fatally" for c in verb.children)) and (
        dep in _PATIENT or via_modifier
    ):
        return "killed"  # "beaten to death", "fatally shot", "fatally wounded"
    complement = _complement_kind(verb, counted or unit)
    if complement and (dep in _PATIENT | _THEME or via_modifier):
        return complement
    return None


def _conj_kind(verb: Token, kind: str) -> str:
    """Handles "were killed and wounded": a count shared by two victim predicates is a casualty count."""
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ == "VERB" or child.dep_ == "advcl" and child.tag_ == "VBN":
            other = _verb_kind(child, "nsubjpass" if child.tag_ == "VBN" else "nsubj", None)
            has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in child.children)
            if other and other != kind and not has_subject and "killed" in {kind, other}:
                return "casualties"
    return kind


def _shared_conj_kind(verb: Token, dep: str, counted: Token | None) -> str | None:
    """Handles "was shot and killed", "shot and killed a driver": a coordinated verb sharing the argument."""
    own = "nsubjpass" if dep == "nsubj" else dep
    for child in verb.children:
        if child.dep_ != "conj" or child.pos_ not in _VERBAL:
            continue
        if any(c.dep_ in (dep, own) for c in child.children):
            continue  # the coordinated verb has its own argument in that role
        if kind := _verb_kind(child, dep, counted):
            return kind
    return None


def _noun_kind(noun: Token) -> str | None:
    lex = lexicon()
    lemma = noun.lemma_.lower()
    kind = lex.nouns.get(lemma) or lex.nouns.get(noun.lower_)
    if lemma == "toll" and not any(c.lemma_ in ("death", "casualty") for c in noun.children):
        return None
    if lemma == "life":
        verb = noun.head
        return kind if verb.lemma_ in _LIFE_VERBS else None
    return kind


def _clausal_modifier(counted: Token) -> CountReading | None:
    """A participle or relative clause on the counted noun: "people killed", "who were forced from"."""
    for child in counted.children:
        if child.dep_ not in ("acl", "relcl") or child.pos_ not in _VERBAL or _negated_or_attempted(child):
            continue
        relative = next((c for c in child.children if c.tag_ in ("WP", "WDT") or c.lower_ == "that"), None)
        if child.dep_ == "relcl" and relative is not None and relative.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if relative is not None:
            kind = _verb_kind(child, relative.dep_, counted)
        else:
            kind = _verb_kind(
                child, "nsubjpass" if child.tag_ == "VBN" else "nsubj", counted, via_modifier=True
            )
        if kind:
            return CountReading(kind, child)
    return None


def _adjectival_modifier(counted: Token) -> CountReading | None:
    """Handles "displaced people", "23 rebels dead", "people in need", "civilians under siege"."""
    lex = lexicon()
    for child in counted.children:
        if child.dep_ == "amod" and child.lower_ in lex.adjectives:
            return CountReading(lex.adjectives[child.lower_], child)
        if child.dep_ == "prep" and child.lower_ in ("in", "under"):
            objects = {g.lemma_ for g in child.children if g.dep_ == "pobj"}
            if child.lower_ == "in" and "need" in objects:
                return CountReading("in_need", child)
            if child.lower_ == "under" and "siege" in objects:
                return CountReading("besieged", child)
    return None


def _negated_or_attempted(verb: Token) -> bool:
    """Handles "were not killed", "tried to lynch", "threatened to kill": no realised count."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _UNREALISED


def classify_count(anchor: Token, counted: Token | None) -> CountReading | None:
    """Kind of the count carried by ``anchor`` (``counted`` is the thing counted, for the noun checks).

    Returns ``None`` when nothing in the clause says what was counted, or the predicate is
    negated, or the count is the agent of a victim predicate ("5 gunmen killed ...").
    """
    if counted is not None and (reading := _clausal_modifier(counted)):
        return reading
    breakdown: Token | None = None
    token = anchor
    for _ in range(16):
        head = token.head
        if head is token:
            break
        dep = token.dep_
        if dep == "appos" and head.pos_ in ("NUM", "NOUN") and anchor.pos_ == "NUM":
            breakdown = head  # "Two were killed, one from each side"
        if dep == "pobj" and head.lower_ in ("including", "among", "includes", "include"):
            if head.head.pos_ in ("NOUN", "PROPN", "NUM"):
                breakdown = head.head
                token = head
                continue
        if head.pos_ in _VERBAL:
            if _negated_or_attempted(head):
                return None
            kind = _verb_kind(head, dep, counted, unit=anchor) or _shared_conj_kind(head, dep, counted)
            if kind:
                return CountReading(_conj_kind(head, kind), head, breakdown)
            lemma = head.lemma_.lower()
            if lemma in lexicon().toll_verbs and dep in ("pobj", "dobj", "attr", "prep", "npadvmod"):
                subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None and (kind := _noun_kind(subject)):
                    return CountReading(kind, subject, breakdown)
            if lemma in lexicon().pass_through and dep not in ("nsubj",):
                token = head
                continue
            if breakdown is not None and dep == "appos":
                token = head
                continue
            break
        if (
            head.pos_ in ("NOUN", "PROPN")
            and dep in ("pobj", "prep", "compound", "nmod", "poss")
            or dep == "conj"
        ):
            nominal = _noun_kind(head) if head.pos_ in ("NOUN", "PROPN") and dep != "conj" else None
            if nominal and (head.lemma_.lower() not in ("toll",) or dep in ("pobj", "prep")):
                return CountReading(nominal, head, breakdown)
        token = head
    if counted is not None and (reading := _adjectival_modifier(counted)):
        return CountReading(reading.kind, reading.predicate, breakdown)
    if counted is not None and (kind := _noun_kind(counted)):
        return CountReading(kind, None, breakdown)
    if anchor is not counted and (kind := _noun_kind(anchor)):
        return CountReading(kind, None, breakdown)
    return None


def is_person_kind(kind: str) -> bool:
    return kind in _PERSON_KINDS
