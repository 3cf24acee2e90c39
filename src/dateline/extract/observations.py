"""Observed fire: a monitor or a witness who counts or hears shots and explosions reports fighting
("the mission recorded 42 explosions and 65 shots near X", "residents heard heavy gunfire").

The event is the fire itself; the observer is a witness, not a party (nobody is named as firing),
and the source of the claim when its verb is a reporting one (``reporting.toml``: "observed",
"recorded"). Gunfire, or fire "in both directions", is an exchange of fire (an armed clash); explosions
and projectiles, or shots of heavy weapons only, are shelling; a single explosion is a blast.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicon import Lexicon
from .lexicon import Trigger as Trigger_
from .triggers import TriggerMatch, counted_noun, objects_of

__all__ = ["OBSERVED", "is_small_arm", "observed_fire"]

OBSERVED_CLASH = Trigger_("observed fire", "NOUN", "armed_clash")
OBSERVED_SHELLING = Trigger_("observed fire", "NOUN", "shelling")
OBSERVED_BLAST = Trigger_("observed fire", "NOUN", "explosive")
OBSERVED = frozenset({OBSERVED_CLASH, OBSERVED_SHELLING, OBSERVED_BLAST})

_COUNT_HEADS = frozenset({"total", "number", "series", "string", "succession", "dozen"})


def _modifiers(word: Token) -> set[str]:
    """A weapon noun's modifiers, and the word before it (parses of weapon lists are unreliable)."""
    words = {c.lower_ for c in word.children if c.dep_ in {"amod", "compound"}}
    return words | ({word.doc[word.i - 1].lower_} if word.i > 0 else set())


def is_small_arm(word: Token, lex: Lexicon) -> bool:
    """A direct-fire weapon ("rifles", "small arms"), not a heavy machine gun."""
    lemma, modifiers = word.lemma_.lower(), _modifiers(word)
    small = lemma in lex.groups["direct_fire"] or (lemma == "arm" and "small" in modifiers)
    return small and not modifiers & lex.groups["heavy_fire"]


def _is_heavy(word: Token, lex: Lexicon) -> bool:
    """Artillery, cannon, or a heavy machine gun (crew-served, fired from afar like a mortar)."""
    lemma = word.lemma_.lower()
    if lemma in lex.groups["artillery"] or lemma in lex.groups["heavy_weapons"]:
        return True
    return lemma in lex.groups["direct_fire"] and bool(_modifiers(word) & lex.groups["heavy_fire"])


def _observed_phrases(verb: Token) -> list[Token]:
    """What an observation verb observed: its objects (or passive subject) and their conjuncts, with
    a count's head skipped ("a total of 33 explosions" -> explosions)."""
    heads = [w for o in objects_of(verb) for w in (o, *o.conjuncts)]
    found = []
    for word in heads:
        head = counted_noun(word)
        if head.lemma_.lower() in _COUNT_HEADS:
            of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            head = next((c for c in of.children if c.dep_ == "pobj"), head) if of is not None else head
        found.append(head)
    return found


def _observation(words: list[Token], verb: Token, lex: Lexicon) -> TriggerMatch | None:
    """The fire among what ``verb`` observed (``words``), typed by its weapons, or None."""
    gunfire, blasts = lex.groups["gunfire"], lex.groups["blasts"]
    fire = [t for t in words if t.pos_ in {"NOUN", "PROPN"} and t.lemma_.lower() in gunfire | blasts]
    if not fire:
        return None
    shots = any(t.lemma_.lower() in gunfire for t in fire)
    small_arms = any(is_small_arm(t, lex) for t in words)
    heavy_only = not small_arms and any(_is_heavy(t, lex) for t in words)
    text = verb.sent.text.lower()
    two_way = any(phrase in text for phrase in lex.groups["two_way_fire"])
    if two_way or small_arms or (shots and not heavy_only):
        trigger = OBSERVED_CLASH
    elif shots or any(t.tag_ == "NNS" for t in fire):
        trigger = OBSERVED_SHELLING  # explosions counted along a front line
    else:
        trigger = OBSERVED_BLAST  # "an explosion was heard": a blast, maybe a bomb
    return TriggerMatch(token=fire[0], trigger=trigger)


def observed_fire(parsed: Doc, lex: Lexicon) -> list[tuple[TriggerMatch, list[Token]]]:
    """Observations of fire in the parse, each with the tokens of what was observed (triggers among
    them belong to the observation: "explosions" here is not a bombing of its own)."""
    found = []
    for verb in parsed:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.groups["observing"]:
            continue
        words = [t for phrase in _observed_phrases(verb) for t in phrase.subtree]
        if (match := _observation(words, verb, lex)) is not None:
            found.append((match, words))
    return found
