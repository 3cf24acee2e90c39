"""Match tokens against the trigger lexicon, checking each trigger's constraints on the parse."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from ..schema import ActorKind
from .index import ActorIndex
from .lexicon import Lexicon, Trigger

__all__ = ["TriggerMatch", "match_trigger", "objects_of", "shared_objects", "subject_of"]

_VERB_POS = frozenset({"VERB"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_ARMED_KINDS = frozenset(
    {ActorKind.MILITARY, ActorKind.POLICE, ActorKind.REBEL, ActorKind.MILITIA, ActorKind.TERRORIST}
)
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PURPOSE_DEPS = frozenset({"xcomp", "advcl", "acl", "relcl"})
_HYPHEN_MOD = re.compile(r"^([a-z]+)-")


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    token: Token
    trigger: Trigger


def subject_of(token: Token) -> Token | None:
    """Grammatical subject of a verb, inherited through xcomp/conj/participles and relative pronouns."""
    current, hops = token, 0
    while hops < 4:
        deps = {"nsubj", "csubj"} if hops == 0 else {"nsubj", "csubj", "nsubjpass"}  # "X is set to discuss"
        subjects = [c for c in current.children if c.dep_ in deps]  # in sentence order
        before = [c for c in subjects if c.i < current.i]
        # two subjects are a misparse of a fronted place ("in Rio Grande do Sul, residents banged"):
        # the one nearest the verb is the subject
        subject = before[-1] if before else next(iter(subjects), None)
        if subject is not None:
            if subject.tag_ in {"WDT", "WP"} and current.dep_ == "relcl":
                return current.head
            return subject
        if current.dep_ in {"xcomp", "conj", "advcl", "acl", "acomp"} and current.head.i != current.i:
            if current.dep_ == "acl" and current.tag_ == "VBN":
                return None
            if current.dep_ == "acl":
                return current.head
            current, hops = current.head, hops + 1
            continue
        return _stranded_subject(current) if hops == 0 and not _passive(current) else None
    return None


def _passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def _stranded_subject(verb: Token) -> Token | None:
    """A subject the parser joined to a fronted list of places: in "On 1 May, in Cordoba, Veracruz,
    residents blocked the roads", "residents" hangs as a conjunct of "Veracruz"."""
    if verb.dep_ != "ROOT" or verb.tag_ == "VBG" or (verb.tag_ == "VBN" and not _passive(verb)):
        return None
    i = verb.i - 1
    while i > verb.sent.start and verb.doc[i].dep_ in {"advmod", "aux", "auxpass", "neg"}:
        i -= 1  # "residents reportedly blocked"
    candidate = verb.doc[i]
    while candidate.dep_ in {"pobj", "prep", "compound", "amod", "nummod"} and candidate.head.i < verb.i:
        candidate = candidate.head  # up to the head of the phrase ("residents of Aquila village")
    if (
        candidate.dep_ in {"conj", "appos"}
        and candidate.pos_ in _NOUN_POS
        and candidate.ent_type_ not in _PLACE_LABELS | {"DATE", "TIME"}
        and candidate.i > 0
        and candidate.doc[candidate.left_edge.i - 1].text == ","
        and not any(c.dep_ == "cc" for c in candidate.head.children)
    ):
        return candidate
    return None


def objects_of(token: Token) -> list[Token]:
    """Direct objects of a verb (or the passive subject), or the ``of`` object of an event noun."""
    if token.pos_ in _VERB_POS:
        found = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass", "attr", "dative"}]
        if token.dep_ == "acl" and token.tag_ == "VBN":
            found.append(token.head)
        elif not found and _passive(token) and (stranded := _stranded_subject(token)) is not None:
            found.append(stranded)  # "In Iguala, Guerrero, a police officer was attacked"
        return found
    found = []
    for prep in (
        c for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "on", "against", "into"}
    ):
        found += [c for c in prep.children if c.dep_ == "pobj"]
    return found


def _word_in(token: Token, group: frozenset[str]) -> bool:
    return token.lemma_.lower() in group or token.lower_ in group


def _object_ok(token: Token, group_name: str, groups: dict[str, frozenset[str]]) -> bool:
    group = groups.get(group_name, frozenset({group_name}))
    objects = objects_of(token) or _complement_subjects(token) or shared_objects(token)
    objects += [c for o in objects for c in o.conjuncts]
    objects += [
        g for o in objects for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
    ]
    for obj in objects:
        phrase = list(obj.subtree)
        if _word_in(obj, group) or any(
            _word_in(t, group) for t in obj.children if t.dep_ in {"compound", "amod"}
        ):
            return True
        if group_name == "territory" and (
            obj.ent_type_ in _PLACE_LABELS
            or any(t.ent_type_ == "PERCENT" or t.lower_ in {"percent", "%"} for t in phrase)
        ):
            return True
        if obj.lower_ in {"control"} or any(t.lower_ == "control" for t in phrase[:3]):
            return group_name == "territory"
    instruments = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "with" for o in p.children]
    return any(_word_in(o, group) or any(_word_in(c, group) for c in o.conjuncts) for o in instruments)


def shared_objects(token: Token) -> list[Token]:
    """The object of a following coordinate verb, shared by both: "beat and robbed a trader"."""
    if token.pos_ not in _VERB_POS:
        return []
    return [o for c in token.children if c.dep_ == "conj" and c.pos_ in _VERB_POS for o in objects_of(c)]


def _figurative(token: Token, group: frozenset[str]) -> bool:
    """The verb's object makes it figurative: "captured the silver", "the film is shot in"."""
    objects = objects_of(token)
    return any(_word_in(o, group) for obj in objects for o in (obj, *obj.conjuncts))


def _complement_subjects(token: Token) -> list[Token]:
    """Subjects of a verb's infinitive complement, its objects in meaning ("allow convoys to reach")."""
    return [
        s
        for c in token.children
        if c.dep_ in {"ccomp", "xcomp"} and any(a.tag_ == "TO" for a in c.children)
        for s in c.children
        if s.dep_ in {"nsubj", "nsubjpass"}
    ]


def _modifier_words(token: Token) -> set[str]:
    words = {c.lower_ for c in token.lefts if c.dep_ in {"compound", "amod", "nmod", "poss", "npadvmod"}}
    words |= {c.lemma_.lower() for c in token.lefts if c.dep_ in {"compound", "amod", "nmod"}}
    if token.i > 0:
        previous = token.doc[token.i - 1]
        words.add(previous.lower_)
        if previous.text == "-" and token.i > 1:
            words.add(token.doc[token.i - 2].lower_)
    match = _HYPHEN_MOD.match(token.lower_)
    if match:
        words.add(match.group(1))
    return words


_QUANTITY_HEADS = frozenset(
    {"hundred", "thousand", "million", "dozen", "score", "tens", "hundreds", "thousands"}
)


def counted_noun(token: Token) -> Token:
    """The counted noun of a quantity head: "hundreds of thousands of people" -> people."""
    while token.lemma_.lower() in _QUANTITY_HEADS or token.lower_ in _QUANTITY_HEADS:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if counted is None:
            break
        token = counted
    return token


def _subject_ok(token: Token, group_name: str, groups: dict[str, frozenset[str]], index: ActorIndex) -> bool:
    subject = subject_of(token)
    if subject is None:
        return False
    subject = counted_noun(subject)
    if group_name == "armed":
        actor = index.for_token(subject)
        if actor is not None and actor.kind in _ARMED_KINDS:
            return True
    group = groups.get(group_name, frozenset())
    if _word_in(subject, group):
        return True
    actor = index.for_token(subject)
    return group_name == "civilian" and actor is not None and actor.kind is ActorKind.CIVILIAN


def _satisfied(token: Token, trigger: Trigger, lex: Lexicon, index: ActorIndex) -> bool:
    if trigger.prt and not any(c.dep_ == "prt" and c.lower_ == trigger.prt for c in token.children):
        return False
    if trigger.prep:
        preps = [c for c in token.children if c.dep_ in {"prep", "agent"} and c.lower_ in trigger.prep]
        if not preps:
            return False
        if trigger.prep_object and not any(
            _word_in(o, lex.groups[trigger.prep_object])
            for p in preps
            for o in p.children
            if o.dep_ == "pobj"
        ):
            return False  # "took to the streets", not "took to social media"
    if trigger.object and not _object_ok(token, trigger.object, lex.groups):
        return False
    if trigger.not_object and _figurative(token, lex.groups[trigger.not_object]):
        return False
    if trigger.modifier or trigger.not_modifier:
        words = _modifier_words(token)
        if trigger.modifier and not words & trigger.modifier:
            return False
        if words & trigger.not_modifier:
            return False
    if trigger.purpose and not _purpose_ok(token, lex.groups[trigger.purpose]):
        return False
    if trigger.complement and not any(
        c.dep_ in {"oprd", "acomp", "xcomp", "advcl"} and _word_in(c, lex.groups[trigger.complement])
        for c in token.children
    ):
        return False
    return not trigger.subject or _subject_ok(token, trigger.subject, lex.groups, index)


def _purpose_ok(token: Token, group: frozenset[str]) -> bool:
    """The verb (or the verb of an event noun) says what it is for: a purpose clause ("gathered to
    demand", "in order to protest") or a participle ("blocked the road, demanding water")."""
    heads = [token] if token.pos_ in _VERB_POS else [token, token.head]
    for head in heads:
        for clause in (c for c in head.children if c.dep_ in _PURPOSE_DEPS and c.pos_ == "VERB"):
            marked = any(a.tag_ == "TO" for a in clause.children) or clause.tag_ == "VBG"
            if marked and _word_in(clause, group):
                return True
    return False


def match_trigger(token: Token, lex: Lexicon, index: ActorIndex) -> TriggerMatch | None:
    """The most specific trigger evoked by ``token`` whose constraints hold, or None."""
    if token.ent_type_ in {"DATE", "TIME"}:
        return None  # "March 3" is a date, not a protest
    if token.pos_ in _VERB_POS:
        pos = "VERB"
    elif token.pos_ in _NOUN_POS and token.dep_ not in {"compound"}:
        pos = "NOUN"
    else:
        return None
    candidates = lex.triggers.get((token.lemma_.lower(), pos), ()) + lex.triggers.get((token.lower_, pos), ())
    # deduplicated in order: a set would make ties depend on the hash seed
    for trigger in sorted(dict.fromkeys(candidates), key=lambda t: t.precedence):
        if _satisfied(token, trigger, lex, index):
            return TriggerMatch(token=token, trigger=trigger)
    return None
