"""RAMS 1.0 test split: event arguments across a 5-sentence window of real news (871 examples).

Each window (tokens re-joined into text, offsets kept) is extracted. The gold event is the
annotated trigger; the dateline event aligned to it is the most confident event whose trigger
or evidence overlaps it. Only the roles dateline produces are scored, mapped with
``data/eval/rams_roles.tsv`` to ``actor1``, ``target`` (actor2 or target), ``participant``
(either) or ``place`` (event location).

An extracted argument matches a gold argument of a compatible slot when one of its mentions
overlaps the gold span (actors through their ``actor_id`` mentions, else the occurrences of
their name; the location through the places with its GeoNames id, else its name). Other
events in the window are not annotated in RAMS, so only the aligned event's arguments count.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ...schema import Document, Event
from ..suite import MetricRow, SuiteContext, TextItem
from .common import Counts, event_text_overlaps, overlaps, primary_event, read_tsv

__all__ = ["Rams", "RamsExample", "detokenize"]

_DIR, _FILE = "rams", "rams_test.jsonlines"
_ROLE = re.compile(r"^evt\d+arg\d+")
_NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "]", "}", "%", "'s", "’s", "n't", "'", "’"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "“", "‘"}
_COMPATIBLE = {"actor1": {"actor1", "participant"}, "target": {"target", "participant"}, "place": {"place"}}


@dataclass(frozen=True, slots=True)
class RamsArgument:
    slot: str
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class RamsExample:
    key: str
    text: str
    trigger: tuple[int, int]
    arguments: tuple[RamsArgument, ...]


@cache
def _slots() -> dict[str, str]:
    return dict((role, slot) for role, slot in read_tsv("rams_roles.tsv"))


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text from tokens with English spacing around punctuation, and each token's character span."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    for i, token in enumerate(tokens):
        if i and token not in _NO_SPACE_BEFORE and tokens[i - 1] not in _NO_SPACE_AFTER:
            parts.append(" ")
            length += 1
        spans.append((length, length + len(token)))
        parts.append(token)
        length += len(token)
    return "".join(parts), spans


def _example(record: dict) -> RamsExample:  # type: ignore[type-arg]
    tokens = [t for sentence in record["sentences"] for t in sentence]
    text, spans = detokenize(tokens)

    def chars(start: int, end: int) -> tuple[int, int]:
        return spans[start][0], spans[end][1]

    start, end = record["evt_triggers"][0][:2]
    arguments = []
    for _trigger, (a_start, a_end), role in record["gold_evt_links"]:
        slot = _slots().get(_ROLE.sub("", role))
        if slot:
            arguments.append(RamsArgument(slot, chars(a_start, a_end)))
    return RamsExample(record["doc_key"], text, chars(start, end), tuple(arguments))


def _examples(path: Path) -> list[RamsExample]:
    with path.open(encoding="utf-8") as fh:
        return [_example(json.loads(line)) for line in fh if line.strip()]


def _occurrences(text: str, name: str | None) -> list[tuple[int, int]]:
    if not name:
        return []
    return [(m.start(), m.end()) for m in re.finditer(re.escape(name), text, re.IGNORECASE)]


def predicted_arguments(doc: Document, event: Event) -> list[tuple[str, list[tuple[int, int]]]]:
    """(slot, candidate spans) of the event's actors and location."""
    text = doc.article.text
    out = []
    for actor in event.actors:
        slot = (
            "actor1" if actor.role == "actor1" else "target" if actor.role in ("actor2", "target") else None
        )
        if slot is None:
            continue
        ref = next((a for a in doc.actors if a.id == actor.actor_id), None)
        spans = [(m.start, m.end) for m in ref.mentions] if ref else _occurrences(text, actor.name)
        out.append((slot, spans))
    if event.location:
        loc = event.location
        places = [p for p in doc.places if (loc.geonames_id and p.geonames_id == loc.geonames_id)]
        spans = [(m.start, m.end) for p in places for m in p.mentions] or _occurrences(text, loc.name)
        out.append(("place", spans))
    return out


def score_example(example: RamsExample, doc: Document | None, counts: Counts) -> bool:
    """Add the example's argument counts; return whether an event was aligned with its trigger."""
    event = primary_event(doc, lambda e: event_text_overlaps(e, example.trigger)) if doc else None
    unmatched = list(example.arguments)
    if doc is not None and event is not None:
        for slot, spans in predicted_arguments(doc, event):
            hit = next(
                (
                    g
                    for g in unmatched
                    if g.slot in _COMPATIBLE[slot] and any(overlaps(s, g.span) for s in spans)
                ),
                None,
            )
            if hit is None:
                counts.fp += 1
            else:
                counts.tp += 1
                unmatched.remove(hit)
    counts.fn += len(unmatched)
    return event is not None


class Rams:
    name = "rams"
    corpora = (_DIR,)

    def available(self, data_dir: Path) -> str | None:
        path = data_dir / _DIR / _FILE
        return None if path.is_file() else f"{path} not found"

    def run(self, ctx: SuiteContext) -> list[MetricRow]:
        examples = ctx.take(_examples(ctx.data_dir / _DIR / _FILE))
        docs = ctx.extract([TextItem(e.key, e.text) for e in examples], desc=self.name)
        counts, aligned = Counts(), 0
        for example in examples:
            aligned += score_example(example, docs.get(example.key), counts)
        gold_args = counts.tp + counts.fn
        return [
            MetricRow(
                self.name, "trigger recall", aligned / len(examples) if examples else None, n=len(examples)
            ),
            MetricRow(
                self.name, "argument F1 (our roles)", counts.f1, n=gold_args, note="actor1/target/place slots"
            ),
            MetricRow(
                self.name,
                "argument precision",
                counts.precision if counts.tp + counts.fp else None,
                n=counts.tp + counts.fp,
            ),
            MetricRow(self.name, "argument recall", counts.recall, n=gold_args),
        ]
