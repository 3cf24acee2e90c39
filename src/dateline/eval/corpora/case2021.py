"""CASE 2021 Task 2: fine-grained (ACLED sub-type) classification of 1,019 news snippets.

Each snippet is extracted on its own; its predicted label is the ACLED sub-event type of
the most confident event that has one, mapped to the task's label with
``data/eval/case2021_subtypes.tsv``. A snippet with no such event has no prediction (a
false negative for its gold label). Only the 25 ACLED-derived labels are scored (the task's
subtask-1 setting); snippets of the five "unseen" labels (ORG_CRIME, NATURAL_DISASTER,
MAN_MADE_DISASTER, DIPLO, ATTRIB) are counted as false positives when an ACLED sub-type is
predicted for them, since none applies.

Micro F1 is over all scored snippets; macro F1 is the mean per-label F1 over the labels
present in the gold sample.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..suite import MetricRow, SuiteContext, TextItem
from .common import Counts, primary_event, read_tsv

__all__ = ["Case2021", "Snippet", "case_label"]

_DIR, _FILE = "case2021-task2-event-types", "test_set_final_release_with_labels.tsv"


@dataclass(frozen=True, slots=True)
class Snippet:
    key: str
    text: str
    label: str


@cache
def _labels() -> dict[str, str]:
    """ACLED sub-event type -> CASE label."""
    return {acled: case for case, acled in read_tsv("case2021_subtypes.tsv")}


def case_label(sub_event_type: str | None) -> str | None:
    """The CASE 2021 label of an ACLED sub-event type (None for None or an unknown type)."""
    return _labels().get(sub_event_type) if sub_event_type else None


def _snippets(path: Path) -> list[Snippet]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Snippet(row["id"], row["EventSnippet"], row["SubType"].strip()) for row in reader]


def score_labels(pairs: list[tuple[str, str | None]], labels: set[str]) -> tuple[Counts, dict[str, Counts]]:
    """Micro counts and per-label counts of (gold, predicted) pairs; gold outside ``labels`` has no FN."""
    micro = Counts()
    per: dict[str, Counts] = {}
    for gold, pred in pairs:
        for label in {gold, pred} - {None}:
            per.setdefault(label, Counts())  # type: ignore[arg-type]
        if pred is not None and pred == gold:
            micro.tp += 1
            per[gold].tp += 1
            continue
        if pred is not None:
            micro.fp += 1
            per[pred].fp += 1
        if gold in labels:
            micro.fn += 1
            per[gold].fn += 1
    return micro, per


class Case2021:
    name = "case2021"
    corpora = (_DIR,)

    def available(self, data_dir: Path) -> str | None:
        path = data_dir / _DIR / _FILE
        return None if path.is_file() else f"{path} not found"

    def run(self, ctx: SuiteContext) -> list[MetricRow]:
        labels = set(_labels().values())
        snippets = ctx.take(_snippets(ctx.data_dir / _DIR / _FILE))
        docs = ctx.extract([TextItem(s.key, s.text) for s in snippets], desc=self.name)
        pairs = []
        for s in snippets:
            event = primary_event(docs.get(s.key), lambda e: bool(e.acled and e.acled.sub_event_type))
            pairs.append((s.label, case_label(event.acled.sub_event_type) if event and event.acled else None))
        micro, per = score_labels(pairs, labels)
        gold_labels = sorted({g for g, _ in pairs if g in labels})
        macro = sum(per[label].f1 for label in gold_labels) / len(gold_labels) if gold_labels else None
        seen = sum(1 for g, _ in pairs if g in labels)
        predicted = sum(1 for _, p in pairs if p is not None)
        unseen = Counter(g for g, _ in pairs if g not in labels)
        note = f"{seen} snippets of the 25 ACLED labels; {sum(unseen.values())} of unseen labels"
        return [
            MetricRow(self.name, "sub-type micro F1", micro.f1, n=seen, note=note),
            MetricRow(
                self.name, "sub-type micro precision", micro.precision if predicted else None, n=predicted
            ),
            MetricRow(self.name, "sub-type micro recall", micro.recall, n=seen),
            MetricRow(
                self.name, "sub-type macro F1", macro, n=len(gold_labels), note="mean over gold labels"
            ),
        ]
