"""Modality of an event mention: asserted, negated, planned, hypothetical, intended, hoped, ongoing.

The cues live in ``data/events/modality.toml``. Each trigger is checked for its own negation
and auxiliaries, then each governing word up to the clause that reports it (a reporting verb
such as "said" ends the search: what a source asserts is still asserted).
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from spacy.tokens import Token

from ..schema import Modality
from .lexicon import lexicon

__all__ = ["modality_of"]

_ORDER = (Modality.HOPED, Modality.INTENDED, Modality.PLANNED, Modality.HYPOTHETICAL, Modality.ONGOING)
_CHAIN_DEPS = frozenset({"xcomp", "ccomp", "acomp", "advcl", "conj", "pcomp", "pobj", "prep", "dobj", "nsubj", "nsubjpass", "attr", "acl"})
_MAX_DEPTH = 5


@cache
def _cues() -> dict[str, frozenset[str]]:
    raw = tomllib.loads(resources.files("dateline.data.events").joinpath("modality.toml").read_text("utf-8"))
    return {key: frozenset(values) for key, values in raw.items()}


def _own_cues(token: Token) -> set[str]:
    words = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass", "neg", "advmod", "mark", "det"}}
    words |= {c.lemma_.lower() for c in token.children if c.dep_ in {"aux", "auxpass", "neg", "advmod", "mark"}}
    return words


def _classify(words: set[str], lemma: str) -> Modality | None:
    cues = _cues()
    for modality in _ORDER:
        if words & cues[modality.value] or lemma in cues[modality.value]:
            return modality
    return None


def modality_of(trigger: Token) -> Modality:
    """The modality of the event evoked by ``trigger``."""
    cues = _cues()
    own = _own_cues(trigger)
    if own & cues["negators"]:
        return Modality.NEGATED
    if own & cues["future_aux"]:
        return Modality.PLANNED
    found = _classify(own, "")
    if found is not None and found is not Modality.ONGOING:
        return found
    reporting = lexicon().relations
    token, depth = trigger, 0
    while token.dep_ in _CHAIN_DEPS and token.head.i != token.i and depth < _MAX_DEPTH:
        head = token.head
        lemma = head.lemma_.lower()
        if lemma in reporting and head.pos_ == "VERB":
            break
        words = _own_cues(head)
        if token.dep_ == "xcomp" and (lemma in cues["refusal"] or words & cues["negators"]):
            return Modality.NEGATED
        result = _classify(words, lemma) if head.pos_ in {"VERB", "AUX", "ADJ", "ADP", "SCONJ"} else None
        if result is not None:
            return result
        token, depth = head, depth + 1
    return found or Modality.ASSERTED
