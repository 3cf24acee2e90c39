"""What the text around a toponym says about it: feature type, qualifier, part-of, metonymy."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from .normalize import name_key
from .sources import cues
from .store import PlaceKind

__all__ = [
    "MentionCues",
    "is_metonymic",
    "is_type_noun",
    "list_goes_on",
    "mention_cues",
    "mention_root",
    "split_part",
]

_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_OF_BEFORE = re.compile(r"(?:the\s+)?([A-Za-z]+)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_APPOSITION_END = re.compile(r"\s*[,;.)]")
_APPOSITION_BEFORE = re.compile(r"\bthe\s+(?:[a-z-]+\s+){0,2}([a-z]+),\s+$")  # "the regional capital, Grozny"
# "25th District of Florida", "the Second Region of ...": a numbered unit of the place, not its type
_ORDINAL_END = re.compile(
    r"(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+$",
    re.IGNORECASE,
)
_LIST_GOES_ON = re.compile(r"\s+(?:and|or|&)\s+[A-Z]")
_QUALIFIER = re.compile(r"^\s*,\s+((?:[A-Z][A-Za-z.'’\-]*\.?)(?:\s+[A-Z][A-Za-z.'’\-]*){0,3})")


@dataclass(frozen=True, slots=True)
class MentionCues:
    """Cues for one mention: kinds fitting an adjacent type noun, a ", Qualifier" after it."""

    type_kinds: frozenset[PlaceKind] = frozenset()
    qualifier: str | None = None


@cache
def _type_nouns() -> dict[str, frozenset[PlaceKind]]:
    table = cues()["type_nouns"]
    out = {word: frozenset(PlaceKind(k) for k in kinds) for word, kinds in table.items()}
    out.update({word + "s": kinds for word, kinds in list(out.items())})
    return out


def is_type_noun(word: str) -> bool:
    """ "province", "towns", "state": a feature-type noun of ``cues.toml``."""
    return word in _type_nouns()


@cache
def _part_words() -> frozenset[str]:
    return frozenset(name_key(w) for w in cues()["parts"]["words"])


def mention_cues(text: str, start: int, end: int) -> MentionCues:
    """Read the words right after and before ``text[start:end]``."""
    nouns = _type_nouns()
    kinds: frozenset[PlaceKind] = frozenset()
    if (after := _NEXT_WORD.match(text, end, min(len(text), end + 40))) and after.group(1).lower() in nouns:
        kinds = nouns[after.group(1).lower()]
    elif (
        (before := _OF_BEFORE.search(window := text[max(0, start - 40) : start]))
        and before.group(1).lower() in nouns
        and not _ORDINAL_END.search(window[: before.start()])
    ):
        kinds = nouns[before.group(1).lower()]
    elif (
        (apposed := _APPOSITION_BEFORE.search(text, max(0, start - 40), start))
        and apposed.group(1) in nouns
        and _APPOSITION_END.match(text, end)
    ):  # "the regional capital, Grozny, and ..." but not "the city, Yarbrough said"
        kinds = nouns[apposed.group(1)]
    qualifier = None
    if (match := _QUALIFIER.match(text[end : end + 60])) and not list_goes_on(text, end + match.end()):
        qualifier = match.group(1).rstrip("'’")
    return MentionCues(type_kinds=kinds, qualifier=qualifier)


def list_goes_on(text: str, end: int) -> bool:
    """ "Washington, New York and Boston": after "New York" the list goes on, so "New York" is an
    item, not the state Washington lies in (AP style puts a comma after a qualifier: "Tacoma,
    Wash., and Seattle")."""
    return _LIST_GOES_ON.match(text, end) is not None


def split_part(key: str) -> str | None:
    """``"eastern aleppo"`` -> ``"aleppo"``: the place a part-word phrase names, or None."""
    words = key.split()
    parts = _part_words()
    i = 0
    while i < len(words) - 1 and words[i] in parts:
        i += 1
    return " ".join(words[i:]) if i else None


def strip_type_noun(key: str) -> tuple[str, frozenset[PlaceKind]] | None:
    """``"idlib province"`` -> (``"idlib"``, {admin1, admin2}); None when no trailing type noun."""
    words = key.split()
    nouns = _type_nouns()
    if len(words) > 1 and words[-1] in nouns:
        return " ".join(words[:-1]), nouns[words[-1]]
    if len(words) > 2 and words[0] in nouns and words[1] == "of":
        return " ".join(words[2:]), nouns[words[0]]
    return None


def mention_root(parsed: Doc, start: int, end: int) -> Token | None:
    """The syntactic head token of the characters ``[start, end)`` in ``parsed``."""
    span: Span | None = parsed.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


@cache
def _metonymy_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    table = cues()["metonymy"]
    return frozenset(table["verbs"]), frozenset(table["adjectives"]), frozenset(table["relation_nouns"])


def is_metonymic(parsed: Doc, start: int, end: int) -> bool:
    """True when the place at ``[start, end)`` is used for its government or people (an agent).

    Subject of an agentive verb ("Moscow said", "Turkey vetoed"), of "be ready/willing to"
    ("Moscow was ready to negotiate"), or party to relation nouns ("talks with Moscow").
    """
    token = mention_root(parsed, start, end)
    if token is None:
        return False
    verbs, adjectives, relations = _metonymy_words()
    while token.dep_ == "conj" and token.head.i != token.i:  # "Russia and Turkey said"
        token = token.head
    head = token.head
    if token.dep_ == "nsubj":
        if head.lemma_.lower() in verbs:
            return True
        return head.lemma_ == "be" and any(
            c.dep_ == "acomp" and c.lemma_.lower() in adjectives for c in head.children
        )
    if token.dep_ == "pobj" and head.lower_ in ("with", "between"):
        return head.head.lemma_.lower() in relations or head.head.lower_ in relations
    return False
