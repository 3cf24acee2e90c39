"""What the sentence classifier says about each sentence, and how that changes an event's class.

Rules in ``data/events/classifier.toml``:

* **switch**: a trigger's class gives way to the classifier's best label of the same family
  ("killed" in a sentence about a drone strike is an air strike);
* **veto**: a violent reading of a sentence about a disaster, an accident or crime is dropped;
* **discover**: a sentence no trigger caught gets the classifier's label when it is confident;
* **support**: the probability of the event's own label, which ranks events.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from .classifier import EventClassifier, load_classifier

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray
    from spacy.tokens import Span

__all__ = ["ClassifierPolicy", "SentenceTypes", "cue_labels", "discovery_candidate", "policy"]


@dataclass(frozen=True)
class ClassifierPolicy:
    """The rules of ``data/events/classifier.toml``."""

    aliases: dict[str, str]
    families: tuple[frozenset[str], ...]
    switch_min: float
    switch_margin: float
    switch_keep: dict[str, frozenset[str]]
    veto_labels: frozenset[str]
    veto_min: float
    veto_not_for_state: frozenset[str]
    veto_classes: frozenset[str]
    discover_min: float
    discover_classes: frozenset[str]

    @property
    def revisable(self) -> frozenset[str]:
        """Labels whose events the classifier may switch, veto or find."""
        return frozenset().union(*self.families, self.veto_classes, self.discover_classes)

    def label(self, event_class: str) -> str:
        """The classifier label that stands for an event class."""
        return self.aliases.get(event_class, event_class)


@cache
def policy() -> ClassifierPolicy:
    raw: dict[str, Any] = tomllib.loads(
        resources.files("dateline.data.events").joinpath("classifier.toml").read_text("utf-8")
    )
    return ClassifierPolicy(
        aliases=dict(raw["aliases"]),
        families=tuple(frozenset(f) for f in raw["switch"]["families"]),
        switch_min=raw["switch"]["min_probability"],
        switch_margin=raw["switch"]["margin"],
        switch_keep={k: frozenset(v) for k, v in raw["switch"].get("keep", {}).items()},
        veto_labels=frozenset(raw["veto"]["labels"]),
        veto_min=raw["veto"]["min_probability"],
        veto_not_for_state=frozenset(raw["veto"]["not_for_state_agents"]),
        veto_classes=frozenset(raw["veto"]["classes"]),
        discover_min=raw["discover"]["min_probability"],
        discover_classes=frozenset(raw["discover"]["classes"]),
    )


class SentenceTypes:
    """Label probabilities of the sentences of one parse, computed in one batch."""

    def __init__(
        self,
        sentences: Iterable[Span],
        classifier: EventClassifier | None = None,
        rules: ClassifierPolicy | None = None,
        threads: int = 1,
    ) -> None:
        self.classifier = classifier or load_classifier()
        self.rules = rules or policy()
        sents = list(sentences)
        rows = self.classifier.probabilities([s.text for s in sents], threads=threads)
        self._rows: dict[int, NDArray[np.float32]] = {
            s.start: row for s, row in zip(sents, rows, strict=True)
        }
        self._index = {label: i for i, label in enumerate(self.classifier.labels)}

    def probability(self, sent: Span, label: str) -> float | None:
        """P(label) for a sentence that was classified (None otherwise)."""
        row = self._rows.get(sent.start)
        i = self._index.get(self.rules.label(label))
        return float(row[i]) if row is not None and i is not None else None

    def best(self, sent: Span, among: Iterable[str] | None = None) -> tuple[str, float] | None:
        """The most probable label of a classified sentence (restricted to ``among``)."""
        row = self._rows.get(sent.start)
        if row is None:
            return None
        labels = self.classifier.labels if among is None else [x for x in among if x in self._index]
        if not labels:
            return None
        label = max(labels, key=lambda x: row[self._index[x]])
        return label, float(row[self._index[label]])

    def refine(self, event_class: str, sent: Span, state_agent: bool = False) -> str | None:
        """The class an event of ``event_class`` in ``sent`` should have; None when vetoed.
        ``state_agent``: soldiers or police do it, so it is never ordinary crime."""
        rules = self.rules
        top = self.best(sent)
        if top is None:
            return event_class
        if rules.label(event_class) in rules.veto_classes:
            label, p = top
            vetoes = rules.veto_labels - rules.veto_not_for_state if state_agent else rules.veto_labels
            if label in vetoes and p >= rules.veto_min:
                return None
        own = rules.label(event_class)
        family = next((f for f in rules.families if own in f), None)
        if family is None:
            return event_class
        found = self.best(sent, family)
        if found is None or found[0] == own:
            return event_class
        label, p = found
        if label in rules.switch_keep.get(event_class, rules.switch_keep.get(own, ())):
            return event_class  # a sub-type or a weapon the sentence's words name is kept
        own_p = self.probability(sent, own) or 0.0
        return label if p >= rules.switch_min and p - own_p >= rules.switch_margin else event_class

    def discovered(self, sent: Span) -> str | None:
        """An event class for a sentence without triggers, when the classifier is confident and the
        sentence holds one of that label's cue words."""
        top = self.best(sent)
        if top is None:
            return None
        label, p = top
        if label not in self.rules.discover_classes or p < self.rules.discover_min:
            return None
        return label if label in cue_labels(sent, self.classifier) else None


def cue_labels(sent: Span, classifier: EventClassifier) -> set[str]:
    """Labels whose cue words (learnt from the training sentences) occur in the sentence."""
    cues = classifier.cues
    return {cues[w] for t in sent for w in (t.lower_, t.lemma_.lower()) if w in cues}


def discovery_candidate(sent: Span, classifier: EventClassifier, rules: ClassifierPolicy) -> bool:
    """True when a trigger-less sentence is worth classifying: it has a cue of a discoverable label."""
    return not cue_labels(sent, classifier).isdisjoint(rules.discover_classes)
