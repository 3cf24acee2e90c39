"""Modality of an event mention: asserted, negated, planned, hypothetical, intended, hoped, ongoing.

The cues live in ``data/events/modality.toml``. Each trigger is checked for its own negation
and auxiliaries, then each governing word up to the clause that reports it (a reporting verb
such as "said" ends the search: what a source asserts is still asserted).
"""

from __future__ import annotations

import tomllib
from enum import StrEnum
from functools import cache
from importlib import resources

from spacy.tokens import Token

from ..schema import Modality
from .lexicon import lexicon

__all__ = ["Stance", "modality_of", "stance_of"]

_ORDER = (Modality.HOPED, Modality.INTENDED, Modality.PLANNED, Modality.HYPOTHETICAL, Modality.ONGOING)
_CHAIN_DEPS = frozenset(
    {
        "xcomp",
        "ccomp",
        "acomp",
        "advcl",
        "conj",
        "pcomp",
        "pobj",
        "prep",
        "dobj",
        "nsubj",
        "nsubjpass",
        "attr",
        "acl",
    }
)
_MAX_DEPTH = 5


@cache
def _cues() -> dict[str, frozenset[str]]:
    raw = tomllib.loads(resources.files("dateline.data.events").joinpath("modality.toml").read_text("utf-8"))
    return {key: frozenset(values) for key, values in raw.items()}


def _own_cues(token: Token) -> set[str]:
    words = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass", "neg", "advmod", "mark", "det"}}
    words |= {
        c.lemma_.lower() for c in token.children if c.dep_ in {"aux", "auxpass", "neg", "advmod", "mark"}
    }
    return words


def _forms(token: Token) -> set[str]:
    """Lemma and crude stems of a word (the small model mislemmatises some verbs: "hoped" -> "hop")."""
    lower = token.lower_
    forms = {token.lemma_.lower(), lower}
    for suffix, repl in (("ed", ""), ("d", ""), ("s", ""), ("ing", ""), ("ing", "e")):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            forms.add(lower[: -len(suffix)] + repl)
    return forms


def _classify(words: set[str], lemmas: set[str]) -> Modality | None:
    cues = _cues()
    for modality in _ORDER:
        if (words | lemmas) & cues[modality.value]:
            return modality
    return None


def _governing(trigger: Token) -> Modality | None:
    """The modality imposed by the words governing ``trigger``, up to a reporting verb."""
    cues = _cues()
    reporting = lexicon().relations
    token, depth = trigger, 0
    while token.dep_ in _CHAIN_DEPS and token.head.i != token.i and depth < _MAX_DEPTH:
        head = token.head
        lemma = head.lemma_.lower()
        if lemma in reporting and head.pos_ == "VERB" and lemma not in cues["refusal"]:
            return None
        words = _own_cues(head)
        complement = token.dep_ in {"xcomp", "ccomp", "pcomp"} or (
            token.dep_ == "dobj" and token.tag_ == "VBG"
        )
        if complement and (lemma in cues["refusal"] or words & cues["negators"]):
            return Modality.NEGATED  # "refused to surrender", "denied attacking"
        if head.pos_ in {"VERB", "AUX", "ADJ", "ADP", "SCONJ"}:
            result = _classify(words, _forms(head))
            if result is not None:
                return result
        token, depth = head, depth + 1
    return None


def modality_of(trigger: Token) -> Modality:
    """The modality of the event evoked by ``trigger``.

    Its own negation wins; then hope or intent from a governing word ("hope Aleppo will be
    retaken" is hoped, not planned); then its own auxiliaries (will, may, would); then any
    other governing cue.
    """
    cues = _cues()
    own_words = _own_cues(trigger)
    if own_words & cues["negators"]:
        return Modality.NEGATED
    governing = _governing(trigger)
    if governing in {Modality.HOPED, Modality.INTENDED, Modality.NEGATED}:
        return governing
    if own_words & cues["future_aux"]:
        return Modality.PLANNED
    own = _classify(own_words, set())
    if own is not None and own is not Modality.ONGOING:
        return own
    return governing or own or Modality.ASSERTED


class Stance(StrEnum):
    """How an actor speaks of its own future action (CAMEO's intent, threat and refusal codes)."""

    PROMISE = "promise"
    THREAT = "threat"
    REFUSAL = "refusal"


_STANCE_DEPS = frozenset({"xcomp", "acomp", "pcomp", "prep"})
_STANCE_DEPTH = 3


def stance_of(trigger: Token) -> Stance | None:
    """The actor's stance towards the action of ``trigger``, or None for a plain report.

    Its own future auxiliary makes a promise ("will allow", "said they would boycott"), or a
    refusal when negated ("will not accept"). Otherwise the first governing word up an
    infinitive chain decides: a promise word ("prepared to lift", "offered to hand over"), a
    threat word ("threatened to withdraw") or a refusal ("refused to meet", "is not willing to").
    """
    cues = _cues()
    own = _own_cues(trigger)
    negated = bool(own & cues["negators"])
    if own & cues["stance_aux"] and "have" not in own:
        return Stance.REFUSAL if negated else Stance.PROMISE
    token, depth = trigger, 0
    while token.dep_ in _STANCE_DEPS and token.head.i != token.i and depth < _STANCE_DEPTH:
        head = token.head
        forms = _forms(head)
        copula = head.head if head.dep_ == "acomp" else head  # "is not prepared to": "not" is on "is"
        head_negated = bool((_own_cues(head) | _own_cues(copula)) & cues["negators"])
        if forms & cues["refusal"]:
            return None if head_negated else Stance.REFUSAL
        if forms & cues["threat"]:
            return None if head_negated else Stance.THREAT
        if forms & cues["promise"]:
            return Stance.REFUSAL if head_negated or negated else Stance.PROMISE
        token, depth = head, depth + 1
    return None
