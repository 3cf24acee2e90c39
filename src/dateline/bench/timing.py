"""Run the real batch runner with a stopwatch on spaCy and on every stage.

The pipeline is copied with its ``nlp`` and its stages wrapped, so the timed run goes through
``Pipeline.run`` itself (batching, error handling) and measures exactly what users get.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..pipeline import Pipeline
from ..schema import Article, Document

__all__ = ["SPACY", "StageTimes", "timed_run"]

SPACY = "spaCy parse"


class _Clock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds


class _TimedNlp:
    """A spaCy Language whose ``pipe`` counts the time spent inside it."""

    def __init__(self, nlp: Any, clock: _Clock) -> None:
        self._nlp, self._clock = nlp, clock

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)

    def pipe(self, texts: Iterable[str], **kwargs: Any) -> Iterator[Any]:
        docs = iter(self._nlp.pipe(texts, **kwargs))
        while True:
            start = time.perf_counter()
            try:
                doc = next(docs)
            except StopIteration:
                self._clock.add(SPACY, time.perf_counter() - start)
                return
            self._clock.add(SPACY, time.perf_counter() - start)
            yield doc


class _TimedStage:
    def __init__(self, stage: Any, clock: _Clock) -> None:
        self._stage, self._clock = stage, clock
        self.name, self.requires, self.assigns = stage.name, stage.requires, stage.assigns

    def __call__(self, document: Document, parsed: Any) -> Document:
        start = time.perf_counter()
        try:
            return self._stage(document, parsed)
        finally:
            self._clock.add(self.name, time.perf_counter() - start)


@dataclasses.dataclass(frozen=True, slots=True)
class StageTimes:
    """Wall time of one timed run: total, spaCy, each stage (in order), documents and failures.

    ``cpu`` is the CPU time the process got meanwhile (all its threads): on a machine shared
    with other jobs, ``cpu / total`` is the share of a core it actually had.
    """

    total: float
    parts: dict[str, float]
    documents: int
    failures: int
    cpu: float = 0.0

    def __add__(self, other: StageTimes) -> StageTimes:
        parts = dict(self.parts)
        for name, seconds in other.parts.items():
            parts[name] = parts.get(name, 0.0) + seconds
        return StageTimes(
            total=self.total + other.total,
            parts=parts,
            documents=self.documents + other.documents,
            failures=self.failures + other.failures,
            cpu=self.cpu + other.cpu,
        )

    @property
    def overhead(self) -> float:
        """Runner time outside spaCy and the stages (document assembly, batching)."""
        return max(0.0, self.total - sum(self.parts.values()))


def timed_run(pipeline: Pipeline, articles: Sequence[Article]) -> StageTimes:
    """Extract ``articles`` through ``Pipeline.run`` and return where the time went."""
    clock = _Clock()
    timed = dataclasses.replace(
        pipeline,
        nlp=_TimedNlp(pipeline.nlp, clock),  # type: ignore[arg-type]
        stages=[_TimedStage(s, clock) for s in pipeline.stages],  # type: ignore[misc]
    )
    documents = failures = 0
    start, cpu = time.perf_counter(), time.process_time()
    for item in timed.run(articles):
        if isinstance(item, Document):
            documents += 1
        else:
            failures += 1
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    parts = {SPACY: clock.seconds.get(SPACY, 0.0)}
    parts.update({s.name: clock.seconds.get(s.name, 0.0) for s in pipeline.stages})
    return StageTimes(total=total, parts=parts, documents=documents, failures=failures, cpu=cpu)
