"""IndiaPoliceEvents: Times of India, Gujarat, March 2002; every sentence labelled with police actions.

Whole articles are extracted (with their publication date) after repairing the scrape's
mojibake (gold sentences are located in the raw text, where they split some mangled
characters, and their offsets mapped through the repair); an event belongs to the sentence
holding the start of its trigger (else of its first evidence span).

A sentence is predicted as

* ``KILL`` (police killed someone) when it holds an event with a police ``actor1`` and a
  ``killed`` figure, linked to that event or in the same sentence;
* ``ARREST`` when it holds an event coded ACLED "Arrests", or PLOVER COERCE with mode
  ``arrest``.

Scores are sentence-level precision/recall/F1 per label over all sentences of the sampled
articles (``--limit`` counts articles).
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ...schema import Document, Event
from ..suite import MetricRow, SuiteContext, TextItem
from .common import Counts, repair_with_offsets

__all__ = ["IndiaPolice", "predicted_labels"]

_DIR = "india-police-events"
LABELS = ("KILL", "ARREST")
_POLICE = "police"
_KILLED = "killed"


@dataclass(frozen=True, slots=True)
class PoliceDoc:
    key: str
    text: str
    published: str | None
    sentences: tuple[tuple[int, int], ...]  # character spans of the gold sentences in ``text``
    labels: tuple[frozenset[str], ...]


def _read_jsonl(path: Path) -> list[dict]:  # type: ignore[type-arg]
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _docs(data_dir: Path) -> list[PoliceDoc]:
    base = data_dir / _DIR
    dates = {m["doc_id"]: m.get("date") for m in _read_jsonl(base / "metadata_no_fulltext.jsonl")}
    sentences: dict[int, list[dict]] = defaultdict(list)  # type: ignore[type-arg]
    for sent in _read_jsonl(base / "sents.jsonl"):
        sentences[sent["doc_id"]].append(sent)
    out = []
    for doc in _read_jsonl(base / "docs.jsonl"):
        raw = doc["doc_text"]
        text, offsets = repair_with_offsets(raw)
        spans, labels, cursor = [], [], 0
        for sent in sorted(sentences[doc["doc_id"]], key=lambda s: s["sent_id"]):
            needle = sent["sent_text"]
            found = raw.find(needle, cursor) if needle.strip() else -1
            if found < 0:
                continue  # not found verbatim: left out of the score
            cursor = found + len(needle)
            start, end = offsets[found], offsets[cursor]
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            spans.append((start, end))
            labels.append(frozenset(sent["sent_labels"]))
        out.append(PoliceDoc(str(doc["doc_id"]), text, dates.get(doc["doc_id"]), tuple(spans), tuple(labels)))
    return out


def _sentence_of(starts: list[int], ends: list[int], offset: int) -> int | None:
    i = bisect_right(starts, offset) - 1
    return i if i >= 0 and offset < ends[i] else None


def _anchor(event: Event) -> int | None:
    if event.trigger:
        return event.trigger.start
    return event.evidence[0].start if event.evidence else None


def predicted_labels(doc: Document, sentences: tuple[tuple[int, int], ...]) -> list[set[str]]:
    """The labels the document's events give each sentence."""
    starts, ends = [s for s, _ in sentences], [e for _, e in sentences]
    out: list[set[str]] = [set() for _ in sentences]
    killed_in: dict[int, bool] = {}
    for figure in doc.figures:
        i = _sentence_of(starts, ends, figure.start)
        if figure.kind == _KILLED and i is not None:
            killed_in[i] = True
    for event in doc.events:
        anchor = _anchor(event)
        i = _sentence_of(starts, ends, anchor) if anchor is not None else None
        if i is None:
            continue
        police = any(a.role == "actor1" and a.kind == _POLICE for a in event.actors)
        linked_killed = any(f.kind == _KILLED and f.event_id == event.id for f in doc.figures)
        if police and (linked_killed or killed_in.get(i)):
            out[i].add("KILL")
        acled_arrest = bool(event.acled and event.acled.sub_event_type == "Arrests")
        plover_arrest = bool(event.plover and event.plover.type == "COERCE" and event.plover.mode == "arrest")
        if acled_arrest or plover_arrest:
            out[i].add("ARREST")
    return out


class IndiaPolice:
    name = "india-police"
    corpora = (_DIR,)

    def available(self, data_dir: Path) -> str | None:
        missing = [
            f
            for f in ("docs.jsonl", "sents.jsonl", "metadata_no_fulltext.jsonl")
            if not (data_dir / _DIR / f).is_file()
        ]
        return f"{data_dir / _DIR}: {', '.join(missing)} not found" if missing else None

    def run(self, ctx: SuiteContext) -> list[MetricRow]:
        docs = ctx.take(_docs(ctx.data_dir))
        extracted = ctx.extract([TextItem(d.key, d.text, d.published) for d in docs], desc=self.name)
        counts = {label: Counts() for label in LABELS}
        n_sentences = 0
        for gold in docs:
            doc = extracted.get(gold.key)
            predicted = predicted_labels(doc, gold.sentences) if doc else [set() for _ in gold.sentences]
            for labels, pred in zip(gold.labels, predicted, strict=True):
                n_sentences += 1
                for label in LABELS:
                    c = counts[label]
                    c.tp += label in labels and label in pred
                    c.fp += label not in labels and label in pred
                    c.fn += label in labels and label not in pred
        rows = []
        for label in LABELS:
            c = counts[label]
            note = f"{c.tp + c.fn} gold sentences of {n_sentences}; P={c.precision:.3f} R={c.recall:.3f}"
            rows.append(MetricRow(self.name, f"{label} sentence F1", c.f1, n=c.tp + c.fn, note=note))
        return rows
