"""EventStage: event mentions with type (category, PLOVER, ACLED), participants, place, time,
modality, attribution and evidence.

Triggers (verbs and event nouns) come from ``data/events/triggers.toml``; participants
from the dependency parse (subjects, objects, passive agents, possessors, ``by``/``with``/
``between`` phrases, nationality modifiers of event nouns, light verbs such as "launched an
offensive"); place and time from :mod:`.anchors`; modality from :mod:`.modality`; sources
from :mod:`.attribution`. The sentence classifier (:mod:`.sentence_types`) refines a trigger's
class, drops violent readings of accidents and disasters, and finds events no trigger caught.
Mentions of the same event in one article are merged.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import ClassVar

from spacy.tokens import Doc, Token
from spacy.tokens import Span as Span_

from ..schema import (
    AcledType,
    Actor,
    ActorKind,
    ActorRole,
    Category,
    Document,
    Event,
    EventActor,
    Modality,
    Plover,
    Span,
    Trigger,
)
from .anchors import Anchors
from .attribution import Claim, attributions_for, find_claims
from .classifier import load_classifier
from .index import ActorIndex
from .lexicon import EventClass, Lexicon, lexicon
from .lexicon import Trigger as Trigger_
from .modality import Stance, modality_of, stance_of
from .observations import OBSERVED, is_small_arm, observed_fire
from .phrases import core_np, in_spans
from .sentence_types import SentenceTypes, discovery_candidate, policy
from .triggers import TriggerMatch, counted_noun, match_trigger, objects_of, shared_objects, subject_of

__all__ = ["EventStage"]

_STATE = frozenset({ActorKind.GOVERNMENT, ActorKind.MILITARY, ActorKind.POLICE})
_ARMED = frozenset(
    {ActorKind.MILITARY, ActorKind.POLICE, ActorKind.REBEL, ActorKind.MILITIA, ActorKind.TERRORIST}
)
_NONSTATE = frozenset({ActorKind.REBEL, ActorKind.MILITIA, ActorKind.TERRORIST})
_LIGHT_VERBS = frozenset(
    {
        "launch",
        "carry",
        "conduct",
        "stage",
        "hold",
        "make",
        "mount",
        "begin",
        "start",
        "continue",
        "resume",
        "step",
        "wage",
        "unleash",
        "intensify",
        "order",
        "sign",
        "reach",
        "announce",
        "issue",
        "deliver",
        "send",
        "renew",
        "undertake",
        "open",
        "initiate",
    }
)
# Verbs an event noun is the subject of when it merely happens: "clashes took place / erupted / broke
# out between A and B" (the parties hang on the verb).
_OCCURRENCE_VERBS = frozenset(
    {"take", "erupt", "break", "occur", "rage", "continue", "resume", "flare", "ensue", "intensify",
     "escalate"}
)  # fmt: skip
# Verbs whose "at" names what is fired at ("fired at the positions"); elsewhere it is a place
# ("stabbed a shopkeeper at a checkpoint").
_FIRING = frozenset({"fire", "shoot", "open", "launch", "lob", "aim", "direct", "hurl", "throw"})
_REPORTED_VERBS = frozenset(
    {"report", "observe", "hear", "record", "document"}
)  # "clashes were reported between"
_CONTENT_CLASSES = frozenset(
    {"request", "reject", "threaten", "agreement", "signing", "consult", "cooperate"}
)
_SYMMETRIC = frozenset(
    {
        "armed_clash",
        "consult",
        "agreement",
        "signing",
        "recognition",
        "cooperate",
        "ceasefire",
        "visit",
        "prisoner_exchange",
    }
)
_HELD = ("-held", "-controlled", "-run", "-besieged")
_OUTCOMES = frozenset({"killing", "attack"})
_RIOTER = "rioter"
_RIOTABLE = frozenset(
    {"attack", "arson", "destruction", "obstruct", "protest", "armed_clash", "mob_violence"}
)  # what rioters do
_MEMBERS = frozenset({"member", "element", "affiliate", "loyalist", "operative", "recruit"})
_MEMBERSHIPS = _ARMED | {ActorKind.PARTY}  # a member of a party acts for it; a member of parliament need not
_CROWDS = frozenset({ActorKind.CIVILIAN, ActorKind.PARTY})  # who fights without being an armed group
_ARMED_PARTIES = frozenset(
    {ActorKind.REBEL, ActorKind.MILITIA, ActorKind.TERRORIST, ActorKind.MILITARY, ActorKind.OTHER}
)  # police are not here: a crowd fighting the police is a riot, not a battle
_DELIBERATE = frozenset({"destruction"})  # ACLED-coded only with someone who did it
_ADOPTERS = _OUTCOMES | _DELIBERATE | {"disrupted_weapons"}  # classes that take their weapon's class
_MILITARY_TARGETS = frozenset(
    {"position", "patrol", "convoy", "troop", "soldier", "fighter", "militant", "army", "unit"}
)
_ARMED_OWNERS = frozenset({"police", "military", "army", "soldier", "troop", "militia", "rebel", "militant"})
_REMOTE = frozenset({"air_strike", "shelling", "explosive", "suicide_bomb", "grenade", "chemical"})
_VIOLENT = frozenset(
    {"air_strike", "shelling", "explosive", "suicide_bomb", "grenade", "chemical", "armed_clash", "offensive",
     "attack", "killing", "massacre", "riot", "mob_violence", "capture"}
)  # fmt: skip
_NOT_ACTOR_ENTS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "QUANTITY", "PERCENT", "MONEY"})
_ACTOR_ENTS = frozenset({"ORG", "NORP", "PERSON"})
_TRAVEL_VERBS = frozenset(
    {"arrive", "come", "go", "leave", "travel", "fly", "head", "depart", "embark", "be"}
)  # "arrived in Amman on a visit", "left for talks": the traveller is the event's actor
_NEEDS_ACTOR = frozenset({"diplomacy", "conflict", "other"})
_CHANGE_OF_HANDS = frozenset({"capture", "advance", "withdraw"})
_NAME_ENTS = frozenset({"ORG", "PERSON", "FAC", "GPE", "NORP", "WORK_OF_ART", "EVENT", "LAW"})
_MIN_SENTENCE_TOKENS = 4
_SUPPORT_WEIGHT = 0.2  # how far the classifier moves an event's confidence (±0.1)
_BACKGROUND_PENALTY = 0.15  # events in relative clauses rank below the sentence's own
_SUBSIDIARY_PENALTY = 0.2  # looting or destruction in a report of violence is a detail of the violence
_ACTORLESS_SUPPORT = 0.5  # classifier probability that lets a fight or an arrest go without a named actor


@dataclass
class _Draft:
    """An event under construction."""

    match: TriggerMatch
    cls: EventClass
    actors: list[EventActor] = field(default_factory=list)
    armed_target: bool = False
    support: float | None = None

    @property
    def token(self) -> Token:
        return self.match.token


class EventStage:
    """Fill ``events`` from triggers in the parse (outside direct quotes)."""

    name = "events"
    requires: ClassVar[tuple[str, ...]] = ("actors", "places", "times", "quotes", "nlp.parse")
    assigns: ClassVar[tuple[str, ...]] = ("events",)

    def __init__(self, classify: bool = True, threads: int = 1) -> None:
        self.classify = classify
        self.threads = threads

    def __call__(self, document: Document, parsed: Doc) -> Document:
        lex = lexicon()
        index = ActorIndex(document)
        quoted = [(q.start, q.end) for q in document.quotes]
        matches = [
            m
            for t in parsed
            if (m := match_trigger(t, lex, index)) and not in_spans(t.idx, t.idx + 1, quoted)
        ]
        taken = {m.token.i for m in matches}
        demands = [
            (m, clause)
            for m, clause in _demands(parsed, lex)
            if m.token.i not in taken and not in_spans(m.token.idx, m.token.idx + 1, quoted)
        ]
        demanded = {i for _, clause in demands for i in _clause_indices(clause)}  # not (yet) events
        observations = observed_fire(parsed, lex)
        observed = {t.i for _, words in observations for t in words}  # "observed 42 explosions"
        matches = [m for m in matches if m.token.i not in demanded | observed]
        matches += [m for m, _ in demands] + [m for m, _ in observations]
        triggered = {m.token.i: m for m in matches}
        weapons = _weapon_adoptions(matches, triggered)
        types = (
            SentenceTypes(_classifiable(parsed, quoted, matches), threads=self.threads)
            if self.classify
            else None
        )
        drafts: dict[int, _Draft] = {}
        for m in matches:
            if m.token.i in weapons.values() or _is_content_of_other(m.token, triggered):
                continue
            draft = _draft(m, lex, index, weapons.get(m.token.i), types)
            if draft is not None:
                drafts[m.token.i] = draft
        if types is not None:
            drafts |= _discovered(parsed, drafts, types, lex, index)
        _add_tolls(drafts, matches, triggered, lex, index, types)
        anchors = Anchors(document)
        claims = find_claims(document, parsed)
        violent = any(d.cls.id in _VIOLENT for d in drafts.values())
        events = [_event(d, anchors, claims, document, violent) for d in drafts.values()]
        return replace(document, events=tuple(_merge(e for e in events if e is not None)))


def _classifiable(parsed: Doc, quoted: list[tuple[int, int]], matches: list[TriggerMatch]) -> list[Span_]:
    """Sentences worth classifying: outside direct quotes, with a verb and a few words, and either a
    trigger of a class the classifier can change or a cue word of an event it may find on its own."""
    classifier, rules = load_classifier(), policy()
    triggered = {m.token.sent.start for m in matches if rules.label(m.trigger.event_class) in rules.revisable}
    return [
        s
        for s in parsed.sents
        if len(s) >= _MIN_SENTENCE_TOKENS
        and not in_spans(s.start_char, s.start_char + 1, quoted)
        and any(t.pos_ in {"VERB", "AUX"} for t in s)
        and (s.start in triggered or discovery_candidate(s, classifier, rules))
    ]


def _discovered(
    parsed: Doc, drafts: dict[int, _Draft], types: SentenceTypes, lex: Lexicon, index: ActorIndex
) -> dict[int, _Draft]:
    """Events of sentences no trigger caught, typed by the classifier; the trigger is the main verb."""
    taken = {d.token.sent.start for d in drafts.values()}
    found: dict[int, _Draft] = {}
    for sent in parsed.sents:
        if sent.start in taken or (event_class := types.discovered(sent)) is None:
            continue
        root = sent.root
        if root.pos_ not in {"VERB", "NOUN"}:
            continue
        match = TriggerMatch(token=root, trigger=Trigger_(root.lemma_.lower(), root.pos_, event_class))
        draft = _draft(match, lex, index, types=types)
        if draft is not None:
            found[root.i] = draft
    return found


_DEMAND = Trigger_("must", "VERB", "request")
_OBLIGATION = frozenset({"must", "should"})
_FIRST_PERSON = frozenset({"i", "we", "us"})


def _demands(parsed: Doc, lex: Lexicon) -> list[tuple[TriggerMatch, Token]]:
    """Reported obligations are demands (PLOVER REQUEST), with the clause of what must be done:
    "Russia said Sudan must return the helicopter", "issued a reminder to Iraq that it must cooperate"."""
    found = []
    for token in parsed:
        speech = token.pos_ == "VERB" and token.lemma_.lower() in lex.speech
        noun = token.pos_ == "NOUN" and token.lemma_.lower() in lex.groups["demand_nouns"]
        if (speech or noun) and (clause := _demand_clause(token)) is not None:
            found.append((TriggerMatch(token=token, trigger=_DEMAND), clause))
    return found


def _demand_clause(token: Token) -> Token | None:
    """The clause of what someone else must do, under a speech verb or a noun like "reminder"; not a
    speaker's own obligation ("we must defend ourselves")."""
    deps = {"ccomp"} if token.pos_ == "VERB" else {"acl", "ccomp"}
    speaker = subject_of(token) if token.pos_ == "VERB" else None
    for clause in (c for c in token.children if c.dep_ in deps):
        if not any(a.dep_ == "aux" and a.lower_ in _OBLIGATION for a in clause.children):
            continue
        subject = subject_of(clause)
        if subject is None or (subject.pos_ == "PRON" and subject.lower_ in _FIRST_PERSON):
            continue
        if speaker is not None and subject.lemma_.lower() == speaker.lemma_.lower():
            continue
        return clause
    return None


def _weapon_adoptions(matches: list[TriggerMatch], triggered: dict[int, TriggerMatch]) -> dict[int, int]:
    """Generic violence verbs that name their weapon ("fired mortars at", "airstrikes targeted",
    "shells ... killed") take the weapon's event class; returns verb index -> weapon-noun index."""
    adopted: dict[int, int] = {}
    for match in matches:
        token = match.token
        if match.trigger.event_class not in _ADOPTERS or token.pos_ != "VERB":
            continue
        if _cause_of(token, triggered) is not None:
            continue  # "were killed in a car bombing": the bombing is the event, the deaths its toll
        related = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
        related += [
            g for c in token.children if c.dep_ in {"prep", "agent"} for g in c.children if g.dep_ == "pobj"
        ]
        for word in related:
            for candidate in [word, *word.conjuncts]:
                noun = triggered.get(candidate.i)
                if noun is not None and noun.trigger.event_class in _REMOTE:
                    adopted[token.i] = candidate.i
                    break
            if token.i in adopted:
                break
    return adopted


def _add_tolls(
    drafts: dict[int, _Draft],
    matches: list[TriggerMatch],
    triggered: dict[int, TriggerMatch],
    lex: Lexicon,
    index: ActorIndex,
    types: SentenceTypes | None,
) -> None:
    """Give a violent event the victims of its toll: "shelled the town, killing four civilians". When the
    cause made no event ("wounded two soldiers in a bomb attack" names no bomber), the toll is the event."""
    for m in matches:
        if (cause_at := _cause_of(m.token, triggered)) is None:
            continue
        cause = drafts.get(cause_at)
        if cause is None:  # the toll takes the cause's weapon: "wounded ... in a bomb attack" is a bombing
            if (own := _draft(m, lex, index, weapon=cause_at, types=types)) is not None:
                drafts[m.token.i] = own
            continue
        toll = _draft(m, lex, index)
        if toll is not None:
            victims = [a for a in toll.actors if a.role is ActorRole.TARGET]
            cause.actors = _dedupe(cause.actors + victims)


def _cause_of(token: Token, triggered: dict[int, TriggerMatch]) -> int | None:
    """For a killing that is the outcome of another violent event, the index of that event's trigger:
    "shelled the town, killing four", "were killed in an air strike" (the shelling or strike is the
    event; the deaths are its toll)."""
    if triggered[token.i].trigger.event_class not in _OUTCOMES:
        return None
    head = triggered.get(token.head.i)
    if token.dep_ in {"advcl", "conj", "xcomp"} and head is not None and head.trigger.event_class in _VIOLENT:
        # "attacked a checkpoint, killing nine and injuring seven": the injuries are the attack's too
        return _cause_of(head.token, triggered) or head.token.i
    tolls = [token, *(c for c in token.conjuncts if c.pos_ in {"VERB", "AUX"})]  # "killed and wounded in"
    tolls += [  # "six were killed and 23 others injured in": the parse hangs "injured" on "others"
        a
        for c in token.conjuncts
        if c.pos_ == "NOUN"
        for a in c.children
        if a.dep_ == "acl" and a.tag_ == "VBN"
    ]
    causes = {"in", "by", "during"}
    for prep in (c for t in tolls for c in t.children if c.dep_ in {"prep", "agent"} and c.lower_ in causes):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            cause = triggered.get(obj.i)
            if cause is not None and cause.trigger.event_class in _REMOTE:
                return obj.i
    return None


def _is_content_of_other(token: Token, triggered: dict[int, TriggerMatch]) -> bool:
    """True for an event that is what another event requests/rejects/agrees ("called on X to leave"),
    or the object that names another event's act ("signed a treaty", "lodged a protest")."""
    if _cause_of(token, triggered) is not None or _object_of_trigger(token, triggered):
        return True
    if (
        token.dep_ == "relcl"
        and (head := triggered.get(token.head.i))
        and head.trigger.event_class in _VIOLENT
    ):
        return True  # "grenade attacks that targeted bars": the attacks, told again
    current = token
    while current.dep_ == "conj" and current.head.i != current.i:
        current = current.head
    if (
        current.dep_ in {"xcomp", "ccomp", "acl", "relcl", "pcomp"}
        or current.dep_ == "advcl"
        and current.tag_ == "VB"
    ):
        head = triggered.get(current.head.i)
        if head is not None and head.trigger.event_class in _CONTENT_CLASSES:
            return True
    if token.dep_ == "xcomp" and token.head.i in triggered:
        return triggered[token.head.i].trigger.event_class == triggered[token.i].trigger.event_class
    return (
        token.dep_ == "acl"
        and token.tag_ == "VBN"
        and triggered[token.i].trigger.event_class in {"support", "military_aid"}
    )


def _object_of_trigger(token: Token, triggered: dict[int, TriggerMatch]) -> bool:
    """An event noun that is the direct object of a trigger verb of its own category, or of one that
    asks for such an object: one act, not two ("signed a treaty", "lodged a protest")."""
    verb = triggered.get(token.head.i) if token.pos_ == "NOUN" and token.dep_ == "dobj" else None
    if verb is None or verb.token.pos_ != "VERB":
        return False
    classes = lexicon().classes
    own = triggered[token.i].trigger.event_class
    return (
        verb.trigger.object is not None or classes[own].category is classes[verb.trigger.event_class].category
    )


def _role_actors(head: Token, role: ActorRole, index: ActorIndex) -> list[EventActor]:
    """Actors of the phrase at ``head``; an unknown noun phrase ("medical interns") is kept by name."""
    found = [_event_actor(a, role) for a in index.for_phrase(head)]
    if not found and (counted := counted_noun(head)) is not head:  # "hundreds of thousands of people"
        return _role_actors(counted, role, index)
    if not found and (speaker := _reported_speaker(head)) is not None:  # "Syria says it is willing"
        return _role_actors(speaker, role, index)
    if not found:  # "Kenzo Oshima, the UN relief coordinator, demanded": the appositive says who
        found = [
            _event_actor(a, role) for c in head.children if c.dep_ == "appos" for a in index.for_phrase(c)
        ]
    if not found and head.lemma_.lower() in _MEMBERS:  # "a QSD member", "members of the police"
        groups = [c for c in head.children if c.dep_ in {"compound", "poss", "nmod"}]
        groups += [o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
        found = [_event_actor(a, role) for g in groups for a in index.for_phrase(g) if a.kind in _MEMBERSHIPS]
        found = found[:1]
    if found or head.pos_ not in {"NOUN", "PROPN"} or head.ent_type_ in _NOT_ACTOR_ENTS:
        return found
    lex = lexicon()
    lemma = head.lemma_.lower()
    if lemma in lex.groups["territory"] | lex.groups["buildings"] | lex.groups["munitions"]:
        return []  # places and things, not participants
    if (lemma, "NOUN") in lex.triggers:
        return []  # an event ("Russian calls", "a ceasefire"), not a participant
    return [EventActor(role=role, name=core_np(head).text)]


_PERSONAL = {"he": True, "she": True, "it": False, "they": None, "we": None}


def _reported_speaker(pronoun: Token) -> Token | None:
    """The speaker a pronoun subject of reported speech stands for: "Syria says it is willing",
    "Annan announced that he will withdraw". He/she must be a person and "it" must not be."""
    if pronoun.tag_ != "PRP" or pronoun.lower_ not in _PERSONAL:
        return None
    personal = _PERSONAL[pronoun.lower_]
    clause, hops = pronoun.head, 0
    while clause.dep_ in {"xcomp", "conj"} and hops < 3:
        clause, hops = clause.head, hops + 1
    verb = clause.head
    if clause.dep_ != "ccomp" or verb.lemma_.lower() not in lexicon().speech:
        return None
    speaker = subject_of(verb)
    if speaker is None or speaker.tag_ == "PRP":
        return None
    if personal is not None and (speaker.ent_type_ == "PERSON") != personal:
        return None
    return speaker


def _event_actor(actor: Actor, role: ActorRole) -> EventActor:
    return EventActor(role=role, name=actor.name, actor_id=actor.id, kind=actor.kind, country=actor.country)


def _prep_objects(token: Token, preps: set[str]) -> list[Token]:
    out = []
    for prep in (c for c in token.children if c.dep_ in {"prep", "agent"} and c.lower_ in preps):
        out += [c for c in prep.children if c.dep_ == "pobj"]
    return out


def _verb_roles(
    token: Token, index: ActorIndex, symmetric: bool, places_as_objects: bool
) -> list[EventActor]:
    actors: list[EventActor] = []
    passive = _passive_voice(token) or (token.dep_ == "acl" and token.tag_ == "VBN")
    agents = _prep_objects(token, {"by"}) if passive else []
    subject = subject_of(token) if not passive else None
    for head in agents + ([subject] if subject is not None else []):
        actors += _role_actors(head, ActorRole.ACTOR1, index)
    for obj in (objects_of(token) or shared_objects(token)) if not places_as_objects else []:
        actors += _role_actors(obj, ActorRole.TARGET, index)
    for head in _prep_objects(token, {"on", "against", "at"}):
        actors += _role_actors(head, ActorRole.TARGET, index)
    for head in _prep_objects(token, {"with", "between"}):
        actors += _role_actors(head, ActorRole.ACTOR2 if symmetric else ActorRole.ASSOC, index)
    return actors


def _noun_roles(token: Token, index: ActorIndex, symmetric: bool) -> list[EventActor]:
    actors: list[EventActor] = []
    for child in token.children:
        if child.dep_ in {"poss", "compound", "amod", "nmod"}:  # named or known actors: not "suicide", "car"
            if child.ent_type_ in _ACTOR_ENTS:
                actors += _role_actors(child, ActorRole.ACTOR1, index)
            else:
                actors += [_event_actor(a, ActorRole.ACTOR1) for a in index.for_phrase(child)]
    occurs = _occurs(token) or (token.dep_ == "nsubjpass" and token.head.lemma_.lower() in _REPORTED_VERBS)
    for word in (token, token.head) if occurs else (token,):
        for head in _prep_objects(word, {"by", "from"} if word is token else set()):
            actors += _role_actors(head, ActorRole.ACTOR1, index)
        for head in _prep_objects(word, {"of", "on", "against"} if word is token else {"against"}):
            actors += _role_actors(head, ActorRole.ACTOR2 if symmetric else ActorRole.TARGET, index)
        for head in _prep_objects(word, {"with"}):
            actors += _role_actors(head, ActorRole.ACTOR2 if symmetric else ActorRole.ASSOC, index)
        for head in _prep_objects(word, {"between"}):
            parties = _role_actors(head, ActorRole.ACTOR2 if symmetric else ActorRole.ASSOC, index)
            if symmetric and parties and not any(a.role is ActorRole.ACTOR1 for a in actors):
                parties[0] = replace(parties[0], role=ActorRole.ACTOR1)  # "between A and B": A, then B
            actors += parties
    errand = token.head if token.dep_ == "pobj" and token.head.lower_ in ("on", "for") else None
    if (
        errand is not None
        and errand.head.lemma_.lower() in _TRAVEL_VERBS
        and not any(a.role is ActorRole.ACTOR1 for a in actors)
    ):
        subject = subject_of(errand.head)  # "Saddam arrived in Amman on a visit": the visitor
        if subject is not None:
            actors += _role_actors(subject, ActorRole.ACTOR1, index)
    under = token.head if token.dep_ == "pobj" and token.head.lower_ == "under" else None
    if under is not None and under.head.lemma_.lower() in ("come", "be"):
        subject = subject_of(under.head)  # "rebels came under mortar fire": they were its target
        if subject is not None:
            actors += _role_actors(subject, ActorRole.TARGET, index)
    if (
        not any(a.role is ActorRole.ACTOR1 for a in actors)
        and token.dep_ in {"dobj", "attr"}
        and token.head.lemma_.lower() in _LIGHT_VERBS
    ):
        subject = subject_of(token.head)
        if subject is not None:
            actors += _role_actors(subject, ActorRole.ACTOR1, index)
    return actors


def _held_by(token: Token, document_actors: list[Actor]) -> list[EventActor]:
    """The losing side named by ``rebel-held``/``opposition-held`` on the captured ground."""
    out = []
    for obj in objects_of(token):
        for word in obj.subtree:
            lower = word.lower_
            if any(lower.endswith(s) for s in _HELD) or (
                word.i + 2 < len(word.doc)
                and word.nbor(1).text == "-"
                and word.nbor(2).lower_ in {"held", "controlled", "run"}
            ):
                stem = lower.split("-")[0]
                kind = ActorKind.REBEL if stem in {"rebel", "opposition", "insurgent", "militant"} else None
                kind = kind or (ActorKind.MILITARY if stem in {"government", "regime", "army"} else None)
                match = next(
                    (a for a in document_actors if kind and a.kind is kind and a.label == "NP"), None
                )
                if match is not None:
                    out.append(_event_actor(match, ActorRole.ACTOR2))
    return out


def _dedupe(actors: list[EventActor]) -> list[EventActor]:
    seen: dict[tuple[str | None, str], EventActor] = {}
    for actor in actors:
        key = (actor.actor_id, actor.name) if actor.actor_id is None else (actor.actor_id, "")
        if key not in seen:
            seen[key] = actor
    return list(seen.values())


def _draft(
    match: TriggerMatch,
    lex: Lexicon,
    index: ActorIndex,
    weapon: int | None = None,
    types: SentenceTypes | None = None,
) -> _Draft | None:
    event_class = match.trigger.event_class
    token = match.token
    if weapon is not None and event_class in _OUTCOMES | _DELIBERATE:  # "fired mortars" is a shelling
        event_class = _class_at(token.doc[weapon], lex, index) or event_class
    if event_class == "protest":
        event_class = _protest_kind(token)
    elif event_class == "obstruct" and (kind := _protest_kind(token, with_trigger=False)) != "protest":
        event_class = kind  # "blocked the road with burning tyres" is a riot; "barricaded" alone is not
    elif event_class == "protest_intervention" and _force_against_protest(token):
        event_class = "protest_force"  # "fired live rounds to disperse", "used excessive force to disperse"
    if types is not None:
        refined = types.refine(event_class, token.sent, _by_state_agent(token, index))
        if refined is None:
            return None  # a violent reading of an accident, a disaster or a crime
        if match.trigger not in OBSERVED:  # what was observed is named by the observer's words
            switched = refined != event_class
            event_class = refined
            if switched and event_class == "protest":  # "workers clashed with police" read as a protest
                event_class = _protest_kind(token)
    if event_class in _REMOTE and _fires_direct(token, lex):  # "fired mortars and small arms at"
        event_class = "attack"
    if event_class in _CHANGE_OF_HANDS and _peaceful(token, lex):  # "entered the town without resistance"
        event_class = "territory_transfer"
    cls = lex.classes[event_class]
    symmetric = cls.id in _SYMMETRIC
    if token.pos_ == "VERB":  # what people flee or return to is a place, not a target
        roles = _verb_roles(token, index, symmetric, places_as_objects=cls.category is Category.DISPLACEMENT)
    else:
        roles = _noun_roles(token, index, symmetric)
    if cls.id == "capture":
        roles += _held_by(token, list(index.by_id.values()))
    if match.trigger is _DEMAND and (clause := _demand_clause(token)) is not None:
        roles += [  # the one who must act is the target of the demand
            replace(a, role=ActorRole.TARGET)
            for s in (subject_of(clause),)
            if s
            for a in _role_actors(s, ActorRole.TARGET, index)
        ]
    actors = _dedupe(roles)
    if (crowd := _crowd_violence(cls, actors, token)) is not None:
        cls = lex.classes[crowd]
    support = types.probability(token.sent, cls.id) if types is not None else None
    if (
        cls.category.value in _NEEDS_ACTOR
        and not any(a.role is ActorRole.ACTOR1 or (symmetric and a.role is ActorRole.ACTOR2) for a in actors)
        and not _passive_verbal(token, cls, actors)
        and match.trigger not in OBSERVED  # fire seen or heard: who fired is not known
        and not (cls.category is not Category.DIPLOMACY and _happens(token))
        and not _passive_with_named_object(match)
        and (
            support is None
            or support < _ACTORLESS_SUPPORT
            or cls.category is Category.DIPLOMACY
            # "clashes erupted" reports one; "a protest against the arrest of ..." is background
            or (token.pos_ != "VERB" and token.dep_ not in {"nsubj", "nsubjpass", "ROOT"})
        )
    ):
        return None  # a fight or a talk needs someone doing it, unless a verb clearly reports one
    return _Draft(
        match=match,
        cls=_by_state(cls, actors),
        actors=actors,
        armed_target=_armed_target(token, lex),
        support=support,
    )


def _crowd_violence(cls: EventClass, actors: list[EventActor], token: Token) -> str | None:
    """Violence by crowds rather than armed groups (ACLED Riots): a fight between villagers, party
    supporters or a mob and the police is mob violence, or a riot when it is a demonstration; what
    rioters do is a riot; what armed men do is not mob violence."""
    parties = [a for a in actors if a.role in {ActorRole.ACTOR1, ActorRole.ACTOR2}]
    if cls.id in _RIOTABLE and any(_RIOTER in a.name.lower() for a in parties if a.role is ActorRole.ACTOR1):
        return "riot"
    if cls.id == "mob_violence" and any(a.kind in _ARMED for a in parties if a.role is ActorRole.ACTOR1):
        return "beating"  # soldiers, police or militiamen beating people are no mob
    mobs = lexicon().groups["mob"]

    def crowd(a: EventActor) -> bool:
        words = a.name.lower().split()
        if "armed" in words:
            return False  # "armed pastoralists", "armed families"
        return a.kind in _CROWDS or any(w in mobs or w[:-1] in mobs or f"{w[:-3]}y" in mobs for w in words)

    armed = any(c.lower_ == "armed" for c in token.children)  # "armed clashes between tribesmen"
    if cls.id != "armed_clash" or armed or not any(crowd(a) for a in parties):
        return None
    if any(a.kind in _ARMED_PARTIES and not crowd(a) for a in parties):
        return None
    lemmas = {t.lemma_.lower() for t in token.sent}
    return "riot" if lemmas & _cues()["demonstration"] else "mob_violence"


def _occurs(token: Token) -> bool:
    """An event noun that is the subject of a verb of happening ("clashes took place / erupted")."""
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in _OCCURRENCE_VERBS


def _happens(token: Token) -> bool:
    """An event noun reported as happening: "a shoot-out took place", "clashes broke out", "there
    was a firefight"."""
    head = token.head
    there_was = token.dep_ == "attr" and head.lemma_ == "be" and any(c.dep_ == "expl" for c in head.children)
    return _occurs(token) or there_was


def _passive_verbal(token: Token, cls: EventClass, actors: list[EventActor]) -> bool:
    """A passive verbal or legal act with a known target and no agent: "X has been accused of
    corruption", "Y was indicted". Who accuses is unsaid, but the act is reported."""
    return (
        cls.category in (Category.DIPLOMACY, Category.OTHER)
        and token.pos_ == "VERB"
        and _passive_voice(token)
        and any(a.role is ActorRole.TARGET for a in actors)
    )


def _passive_with_named_object(match: TriggerMatch) -> bool:
    """A passive act on what its trigger names ("two explosive devices were found", "50 shops were
    destroyed"): reported although who did it is unsaid."""
    return match.token.pos_ == "VERB" and match.trigger.object is not None and _passive_voice(match.token)


def _peaceful(token: Token, lex: Lexicon) -> bool:
    """The sentence says the place changed hands without a fight."""
    text = token.sent.text.lower()
    return any(phrase in text for phrase in lex.groups["peaceful_transfer"])


def _passive_voice(token: Token) -> bool:
    """The verb has a passive subject or auxiliary ("was indicted", "were killed")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)


def _protest_words(token: Token, with_trigger: bool = True) -> set[str]:
    """Words of the sentence that describe the protest itself: not its grievance ("protested against
    the attack", "demanding the arrest of those who set fire", "the detention of activists accused of
    looting"), not a clause about something else, and not a name ("the National Torch Movement")."""
    cues = _cues()
    words: set[str] = set()
    for t in token.sent:
        if t.i == token.i and not with_trigger:
            continue  # the act itself ("barricaded the road") is not how it went
        if t.ent_type_ in _NAME_ENTS or any(
            a.i != token.i and (
                (a.dep_ == "prep" and a.lower_ in cues["grievance_preps"])
                or a.lemma_.lower() in cues["grievance_verbs"] or a.dep_ in ("relcl", "acl")
            )
            for a in _ancestors_below(t, token.sent.root)
        ):  # fmt: skip
            continue
        if t.lemma_.lower() == "set" and any(c.dep_ == "prt" for c in t.children):
            continue  # "set up tents" is not "set fire"
        words |= {t.lemma_.lower(), t.lower_}
        if t.dep_ in ("amod", "compound"):
            words.add(f"{t.lower_} {t.head.lower_}")  # "live rounds", "excessive force"
    return words


def _ancestors_below(token: Token, root: Token) -> Iterator[Token]:
    """The token and its ancestors up to (not including) the sentence root."""
    while token.i not in (root.i, token.head.i):
        yield token
        token = token.head


def _force_against_protest(token: Token, words: set[str] | None = None) -> bool:
    """Security forces using lethal or disproportionate force, by the words of the sentence."""
    cues, words = _cues(), words if words is not None else _protest_words(token)
    return bool(words & cues["force"] and words & cues["security"])


def _protest_kind(token: Token, with_trigger: bool = True) -> str:
    """A protest turns into a riot, or a protest met with intervention or force, by what its sentence says."""
    cues = _cues()
    lemmas = _protest_words(token, with_trigger)
    if _force_against_protest(token, lemmas):
        return "protest_force"
    if lemmas & cues["riot"]:
        return "riot"
    if lemmas & cues["intervention"] and lemmas & cues["security"]:
        return "protest_intervention"
    return "protest"


@cache
def _cues() -> dict[str, frozenset[str]]:
    raw = tomllib.loads(
        resources.files("dateline.data.events").joinpath("protest_cues.toml").read_text("utf-8")
    )
    return {k: frozenset(v) for k, v in raw.items()}


def _class_at(token: Token, lex: Lexicon, index: ActorIndex) -> str | None:
    found = match_trigger(token, lex, index)
    return found.trigger.event_class if found else None


def _by_state_agent(token: Token, index: ActorIndex) -> bool:
    """Soldiers, police or other armed agents of a state take part: the clause's subject, or a
    party of an event noun ("a shootout between police and gang members")."""
    if token.pos_ == "VERB":
        subject = subject_of(token)
        agents = _role_actors(subject, ActorRole.ACTOR1, index) if subject is not None else []
    else:
        agents = _noun_roles(token, index, symmetric=True)
    return any(a.kind in (ActorKind.MILITARY, ActorKind.POLICE) for a in agents)


def _fires_direct(token: Token, lex: Lexicon) -> bool:
    """A firing verb whose weapons include small arms ("fired mortars, grenade launchers and small
    arms at"): the target could fire back, so the event is a clash or an attack. Heavy machine guns
    do not count."""
    if token.pos_ != "VERB":
        return False
    return any(is_small_arm(w, lex) for o in objects_of(token) for w in (o, *o.conjuncts))


def _armed_target(token: Token, lex: Lexicon) -> bool:
    """True when the attack is on military positions, bases or patrols ("fired at the positions of",
    "fired mortars at the army's positions"): its object, or an on/at/against object anywhere under it
    (the parser may hang "at" on the weapon or on a misparsed coordination)."""
    targets = lex.groups["bases"] | _MILITARY_TARGETS

    def armed(t: Token) -> bool:  # "a checkpoint", "a check point", "a police station", "an army truck"
        modifiers = {c.lemma_.lower() for c in t.children if c.dep_ in {"compound", "amod"}}
        return (
            t.lemma_.lower() in targets
            or f"{t.doc[t.i - 1].lower_}{t.lemma_.lower()}" in targets
            or bool(modifiers & _ARMED_OWNERS)
        )

    if any(armed(t) for t in objects_of(token)):
        return True
    preps = ("on", "at", "against") if token.lemma_.lower() in _FIRING else ("on", "against")
    return any(t.dep_ == "pobj" and t.head.lower_ in preps and armed(t) for t in token.subtree)


def _acled(cls: EventClass, actors: list[EventActor], armed_target: bool = False) -> AcledType | None:
    actor1 = next((a for a in actors if a.role is ActorRole.ACTOR1), None)
    if cls.id in _DELIBERATE and actor1 is None:
        return None  # damage nobody is said to have done is a consequence, not property destruction
    targets = [a for a in actors if a.role in {ActorRole.TARGET, ActorRole.ACTOR2}]
    pair = cls.acled
    if cls.acled_nonstate and actor1 is not None and actor1.kind in _NONSTATE:
        pair = cls.acled_nonstate
    if cls.acled_armed and (armed_target or (targets and all(t.kind in _ARMED for t in targets))):
        pair = cls.acled_armed
    return AcledType(event_type=pair[0], sub_event_type=pair[1]) if pair else None


def _by_state(cls: EventClass, actors: list[EventActor]) -> EventClass:
    """A protest by a government or IGO is a diplomatic protest (ACCUSE), not a demonstration."""
    actor1 = next((a for a in actors if a.role is ActorRole.ACTOR1), None)
    if cls.state_protest and actor1 is not None and (actor1.kind in _STATE or actor1.kind is ActorKind.IGO):
        return replace(cls, category=Category.DIPLOMACY, plover=cls.state_protest, mode="disapprove",
                       context=("diplomatic",), acled=None)  # fmt: skip
    return cls


def _plover(cls: EventClass, stance: Stance | None, lex: Lexicon) -> Plover | None:
    """PLOVER type. An actor speaking of its own future action makes a verbal event of it: a promise
    to cooperate ("ready to negotiate", "will allow") is AGREE, a refusal ("will not accept") REJECT,
    an announced hostile action ("would blockade") or any threat THREATEN."""
    if cls.plover is None:
        return None
    if stance is Stance.THREAT or (stance is Stance.PROMISE and cls.plover in lex.hostile):
        return Plover(type="THREATEN", mode=lex.hostile.get(cls.plover), context=cls.context)
    if stance is Stance.PROMISE and cls.plover in lex.cooperative:
        return Plover(type="AGREE", mode=None, context=cls.context)
    if stance is Stance.REFUSAL and cls.plover in lex.cooperative:
        return Plover(type="REJECT", mode=None, context=cls.context)
    return Plover(type=cls.plover, mode=cls.mode, context=cls.context)


def _clause_indices(token: Token) -> set[int]:
    """Token indices of ``token``'s subtree without embedded clauses."""
    keep = {token.i}
    for child in token.children:
        if child.dep_ not in {"relcl", "ccomp", "advcl", "parataxis", "conj", "cc", "punct"}:
            keep |= {t.i for t in child.subtree}
    return keep


def _summary(token: Token) -> str:
    """The trigger's clause (with its subject), without embedded clauses: a short readable summary."""
    keep = _clause_indices(token)
    subject = subject_of(token) if token.pos_ == "VERB" else None
    if subject is not None and subject.i not in keep:
        keep |= _clause_indices(subject)
    doc = token.doc
    order = sorted(keep)
    gaps = {i for j, i in enumerate(order[:-1]) if order[j + 1] != i + 1}  # dropped tokens: keep a space
    words = [doc[i].text + (" " if doc[i].whitespace_ or i in gaps else "") for i in order]
    return " ".join("".join(words).split())[:240]


def _confidence(draft: _Draft, has_location: bool, modality: Modality, violent: bool = False) -> float:
    token = draft.token
    reported = token.pos_ == "VERB" or (token.dep_ == "dobj" and token.head.lemma_.lower() in _LIGHT_VERBS)
    score = 0.55 if reported else 0.45  # a verb, or a noun a light verb reports ("held a protest")
    score += 0.15 if any(a.role is ActorRole.ACTOR1 for a in draft.actors) else 0.0
    score += 0.1 if has_location else 0.0
    score += 0.1 if draft.match.trigger.specificity else 0.0
    score -= 0.1 if modality in {Modality.HYPOTHETICAL, Modality.HOPED} else 0.0
    score += _SUPPORT_WEIGHT * (draft.support - 0.5) if draft.support is not None else 0.0
    score -= _BACKGROUND_PENALTY if _in_background_clause(draft.token) else 0.0
    score -= _SUBSIDIARY_PENALTY if violent and draft.cls.category is Category.DAMAGE else 0.0
    return round(min(max(score, 0.05), 0.95), 2)


def _in_background_clause(token: Token) -> bool:
    """True inside a relative or noun-modifying clause ("X, who was arrested in March, ..."): such
    clauses explain a participant; the sentence reports something else."""
    current, hops = token, 0
    while current.head.i != current.i and hops < 6:
        if current.dep_ in {"relcl", "acl"}:
            return True
        if current.dep_ in {"ccomp", "advcl", "xcomp", "conj"} and current.pos_ == "VERB":
            return False  # a clause of its own: stop before the main verb
        current, hops = current.head, hops + 1
    return False


def _event(
    draft: _Draft, anchors: Anchors, claims: list[Claim], document: Document, violent: bool = False
) -> Event | None:
    token = draft.token
    anchored = anchors.anchor(token)
    modality = modality_of(token)
    actor1 = any(a.role is ActorRole.ACTOR1 for a in draft.actors)
    stance = stance_of(token) if actor1 else None  # a stance needs the actor who takes it
    sent = token.sent
    acled = _acled(draft.cls, draft.actors, draft.armed_target)
    battle = acled is not None and acled.event_type == "Battles"  # an attack on armed men is a clash
    return Event(
        id="",
        category=Category.CONFLICT if battle else draft.cls.category,
        plover=_plover(draft.cls, stance, lexicon()),
        acled=acled,
        summary=_summary(token),
        trigger=Trigger(text=token.text, start=token.idx, end=token.idx + len(token.text)),
        actors=tuple(draft.actors),
        location=anchored.location,
        time=anchored.time,
        modality=modality,
        attribution=attributions_for(claims, token.idx, token.idx + len(token.text)),
        evidence=(Span(sent.start_char, sent.end_char),),
        confidence=_confidence(draft, anchored.location is not None, modality, violent),
    )


def _merge_key(event: Event) -> tuple:
    actor_ids = tuple(sorted(a.actor_id or a.name for a in event.actors if a.role is ActorRole.ACTOR1))
    where = event.location.geonames_id if event.location else None
    when = (event.time.start, event.time.end) if event.time else None
    plover = event.plover.type if event.plover else None
    acled = event.acled.sub_event_type if event.acled else None
    # without a named actor only mentions in the same sentence can be told to be one event
    sentence = None if actor_ids else event.evidence[0].start
    return (event.category, plover, acled, actor_ids, where, when, event.modality, sentence)


def _merge(events) -> list[Event]:  # type: ignore[no-untyped-def]
    """Merge repeated mentions of the same event (same type, actors, place, time, modality)."""
    merged: dict[tuple, Event] = {}
    for event in events:
        key = _merge_key(event)
        if key in merged:
            kept = merged[key]
            actors = {(a.role, a.actor_id, a.name): a for a in (*kept.actors, *event.actors)}
            merged[key] = replace(
                kept,
                evidence=tuple(dict.fromkeys((*kept.evidence, *event.evidence))),
                attribution=tuple(dict.fromkeys((*kept.attribution, *event.attribution))),
                actors=tuple(actors.values()),
                confidence=max(kept.confidence, event.confidence),
            )
        else:
            merged[key] = event
    return [replace(e, id=f"e{i}") for i, e in enumerate(merged.values(), start=1)]
