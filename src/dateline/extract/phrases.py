"""Noun-phrase helpers over the dependency parse, shared by the actor, event and quote stages."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

__all__ = [
    "PRONOUNS_PERSON",
    "PRONOUNS_PLURAL",
    "core_np",
    "in_spans",
    "modifiers",
    "np_left",
]

PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "his"})
PRONOUNS_PLURAL = frozenset({"they", "them", "their"})
_MOD_DEPS = frozenset({"compound", "amod", "nmod", "poss", "nummod", "quantmod", "det", "predet", "npadvmod"})


def np_left(token: Token) -> int:
    """Index of the leftmost token of ``token``'s noun phrase (modifiers only, no clauses)."""
    left = token.i
    for child in token.lefts:
        if child.dep_ in _MOD_DEPS or (child.dep_ in {"cc", "conj"} and child.i < token.i):
            left = min(left, np_left(child))
    return left


def core_np(token: Token) -> Span:
    """The noun phrase headed by ``token`` without relative clauses or prepositional phrases."""
    doc = token.doc
    start = np_left(token)
    while (
        start < token.i
        and doc[start].dep_ in {"det", "predet"}
        and doc[start].lower_ in {"the", "a", "an", "all"}
    ):
        start += 1
    return doc[start : token.i + 1]


def modifiers(token: Token) -> Iterator[Token]:
    """Pre-modifiers of a noun (compounds, adjectives, possessors), including conjoined ones."""
    for child in token.lefts:
        if child.dep_ in {"compound", "amod", "nmod", "poss"}:
            yield child
            for conj in child.conjuncts:
                if conj.i < token.i:
                    yield conj


def in_spans(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """True when ``[start, end)`` lies inside one of ``spans``."""
    return any(s <= start and end <= e for s, e in spans)
