"""Loading of the event and reporting lexicons from ``data/events`` and ``data/taxonomy``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ..errors import ConfigError
from ..schema import AttributionRelation, Category

__all__ = ["EventClass", "Lexicon", "Trigger", "lexicon"]


@dataclass(frozen=True, slots=True)
class EventClass:
    """What a trigger evokes (``data/events/classes.toml``)."""

    id: str
    category: Category
    plover: str | None = None
    mode: str | None = None
    context: tuple[str, ...] = ()
    acled: tuple[str, str] | None = None
    acled_nonstate: tuple[str, str] | None = None
    acled_armed: tuple[str, str] | None = None
    state_protest: str | None = None


@dataclass(frozen=True, slots=True)
class Trigger:
    """A lemma (with constraints) that evokes an event class (``data/events/triggers.toml``)."""

    lemma: str
    pos: str
    event_class: str
    object: str | None = None
    prt: str | None = None
    prep: tuple[str, ...] = ()
    prep_object: str | None = None  # word group the required preposition's object must belong to
    modifier: frozenset[str] = frozenset()
    not_modifier: frozenset[str] = frozenset()
    subject: str | None = None
    not_object: str | None = None  # word group of objects that make the verb figurative
    purpose: str | None = None  # word group of the verbs of a purpose clause ("gathered to demand")
    complement: str | None = None  # word group of the verb's predicate complement ("found dead")

    @property
    def specificity(self) -> int:
        constraints = (self.object, self.prt, self.prep, self.modifier, self.subject, self.purpose)
        return sum(bool(x) for x in (*constraints, self.complement))

    @property
    def precedence(self) -> tuple[int, bool]:
        """Sort key: more constraints first; on a tie, a constraint on who acts ("rioters set fire"
        is a riot, not arson); then the order of triggers.toml (sorting is stable)."""
        return (-self.specificity, self.subject is None)


@dataclass(frozen=True)
class Lexicon:
    """Event classes, triggers by (lemma, pos), word groups, reporting relations and speech verbs."""

    classes: dict[str, EventClass]
    triggers: dict[tuple[str, str], tuple[Trigger, ...]]
    groups: dict[str, frozenset[str]]
    relations: dict[str, AttributionRelation]
    speech: frozenset[str]
    plover_types: dict[str, tuple[str, ...]] = field(default_factory=dict)
    acled_types: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cooperative: frozenset[str] = frozenset()  # PLOVER types a promise makes AGREE, a refusal REJECT
    hostile: dict[str, str] = field(default_factory=dict)  # PLOVER type -> THREATEN mode when announced


def _toml(package: str, name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files(package).joinpath(name).read_text("utf-8"))


def _pair(value: list[str] | None) -> tuple[str, str] | None:
    return (value[0], value[1]) if value else None


def _classes(raw: dict[str, Any]) -> dict[str, EventClass]:
    out = {}
    for cid, spec in raw["classes"].items():
        out[cid] = EventClass(
            id=cid, category=Category(spec["category"]), plover=spec.get("plover"), mode=spec.get("mode"),
            context=tuple(spec.get("context", ())), acled=_pair(spec.get("acled")),
            acled_nonstate=_pair(spec.get("acled_nonstate")), acled_armed=_pair(spec.get("acled_armed")),
            state_protest=spec.get("state_protest"),
        )  # fmt: skip
    return out


def _triggers(
    raw: dict[str, Any], classes: dict[str, EventClass]
) -> dict[tuple[str, str], tuple[Trigger, ...]]:
    index: dict[tuple[str, str], list[Trigger]] = {}
    for spec in raw["trigger"]:
        if spec["class"] not in classes:
            raise ConfigError(f"triggers.toml: unknown event class {spec['class']!r}")
        lemmas = spec["lemma"] if isinstance(spec["lemma"], list) else [spec["lemma"]]
        poses = spec["pos"] if isinstance(spec["pos"], list) else [spec["pos"]]
        prep = spec.get("prep", [])
        for lemma in lemmas:
            for pos in poses:
                trigger = Trigger(
                    lemma=lemma,
                    pos=pos,
                    event_class=spec["class"],
                    object=spec.get("object"),
                    prt=spec.get("prt"),
                    prep=tuple(prep if isinstance(prep, list) else [prep]),
                    prep_object=spec.get("prep_object"),
                    modifier=frozenset(spec.get("modifier", ())),
                    not_modifier=frozenset(spec.get("not_modifier", ())),
                    subject=spec.get("subject"),
                    not_object=spec.get("not_object"),
                    purpose=spec.get("purpose"),
                    complement=spec.get("complement"),
                )
                index.setdefault((lemma, pos), []).append(trigger)
    return {k: tuple(sorted(v, key=lambda t: t.precedence)) for k, v in index.items()}


@cache
def lexicon() -> Lexicon:
    """The packaged lexicons, loaded and checked once."""
    classes = _classes(_toml("dateline.data.events", "classes.toml"))
    raw_triggers = _toml("dateline.data.events", "triggers.toml")
    reporting = _toml("dateline.data.events", "reporting.toml")
    plover = _toml("dateline.data.taxonomy", "plover.toml")
    acled = _toml("dateline.data.taxonomy", "acled.toml")
    plover_types = {k: tuple(v["modes"]) for k, v in plover["types"].items()}
    acled_types = {k: tuple(v["sub_event_types"]) for k, v in acled["types"].items()}
    for cls in classes.values():
        if cls.plover and cls.plover not in plover_types:
            raise ConfigError(f"classes.toml: {cls.id} has unknown PLOVER type {cls.plover}")
        for pair in (cls.acled, cls.acled_nonstate, cls.acled_armed):
            if pair and pair[1] not in acled_types.get(pair[0], ()):
                raise ConfigError(f"classes.toml: {cls.id} has unknown ACLED pair {pair}")
    stance = plover["stance"]
    for ptype, mode in stance["hostile"].items():
        if ptype not in plover_types or mode not in plover_types["THREATEN"]:
            raise ConfigError(f"plover.toml: bad [stance.hostile] entry {ptype} = {mode!r}")
    return Lexicon(
        classes=classes,
        triggers=_triggers(raw_triggers, classes),
        groups={k: frozenset(v) for k, v in raw_triggers["groups"].items()},
        relations={k: AttributionRelation(v) for k, v in reporting["relations"].items()},
        speech=frozenset(reporting["speech"]["verbs"]) | frozenset(reporting["relations"]),
        plover_types=plover_types,
        acled_types=acled_types,
        cooperative=frozenset(stance["cooperative"]),
        hostile=dict(stance["hostile"]),
    )
