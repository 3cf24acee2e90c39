"""The direction (past/future/present) of the clause governing a token, from the dependency parse.

"on Saturday foreign minister Sergei Lavrov called ..." -> past (``called`` is VBD);
"The U.N. Security Council is set to discuss a draft resolution on Monday" -> future
(``discuss`` is the infinitive complement of ``set``); "talks are scheduled for Monday",
"will meet on Friday", "may vote on Monday" -> future. See docs/time.md.
"""

from __future__ import annotations

from spacy.tokens import Token

from .calendar import Direction, conventions

__all__ = ["clause_direction", "governing_verb"]

_VERBAL = frozenset({"VERB", "AUX"})
_PAST_AUX = frozenset({"was", "were", "had", "did", "'d"})
_PRESENT_AUX = frozenset({"is", "are", "am", "'s", "'re", "'m", "does", "do", "has", "have", "'ve"})


def governing_verb(token: Token) -> Token | None:
    """The nearest verb at or above ``token`` (the head of its clause); ``None`` if there is none."""
    current = token
    for _ in range(64):  # parse trees are shallow; the bound only guards against cycles
        if current.pos_ in _VERBAL and current.dep_ not in ("aux", "auxpass"):
            return current
        if current.head is current:
            return None
        current = current.head
    return None


def _aux(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def _verb_direction(verb: Token) -> Direction:
    conv = conventions()
    auxes = _aux(verb)
    aux_words = {a.lower_ for a in auxes}
    has_perfect = any(a.lemma_ == "have" for a in auxes)
    if aux_words & conv.future_auxiliaries:
        if has_perfect and verb.tag_ == "VBN":
            return Direction.PAST  # "could have been", "will have"
        return Direction.FUTURE
    if verb.lemma_ in conv.future_governors and (
        any(c.dep_ == "xcomp" for c in verb.children) or verb.dep_ in ("acl", "amod") or verb.tag_ == "VBN"
    ):
        if not (verb.tag_ == "VBD" and verb.lemma_ in ("agree", "decide", "vow", "promise", "hope", "want")):
            return Direction.FUTURE
    for child in verb.children:
        if child.dep_ in ("acomp", "attr", "oprd") and child.lemma_ in conv.future_governors:
            return Direction.FUTURE  # "the vote is due on Monday"
    if verb.lemma_ == "go" and verb.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in verb.children):
        return Direction.FUTURE  # "is going to vote"
    if verb.tag_ == "VBD" or aux_words & _PAST_AUX or has_perfect:
        return Direction.PAST
    if verb.tag_ == "VBN":
        return Direction.PAST  # reduced relative: "civilians killed on Saturday"
    if verb.tag_ in ("VBZ", "VBP") or aux_words & _PRESENT_AUX:
        return Direction.PRESENT
    return Direction.UNKNOWN


def clause_direction(token: Token) -> Direction:
    """Past, future or present reading of the clause that governs ``token``.

    Infinitives and gerunds take their direction from the verb they complement
    ("set to discuss", "plans to meet"); other clauses are read on their own verb.
    """
    verb = governing_verb(token)
    for _ in range(6):
        if verb is None:
            return Direction.UNKNOWN
        direction = _verb_direction(verb)
        if direction is not Direction.UNKNOWN:
            return direction
        if verb.dep_ in ("xcomp", "advcl", "acl", "pcomp", "conj", "relcl") and verb.head is not verb:
            verb = governing_verb(verb.head)
            continue
        return Direction.UNKNOWN
    return Direction.UNKNOWN
