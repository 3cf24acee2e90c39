"""Texts to benchmark on: the Guardian Syria articles when ``../shared`` is there, else a bundled sample."""

from __future__ import annotations

import csv
import itertools
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusUnavailable

__all__ = ["GUARDIAN", "SAMPLE", "BenchCorpus", "BenchText", "load_bench_texts"]

GUARDIAN = Path("guardian-syria-sdf-ngec") / "Guardian_SDF_sample.csv"
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "bench" / "sample_articles.jsonl"


@dataclass(frozen=True, slots=True)
class BenchText:
    key: str
    text: str
    published: str | None


@dataclass(frozen=True, slots=True)
class BenchCorpus:
    """The texts, where they came from, and how many distinct ones there are (the sample repeats)."""

    texts: tuple[BenchText, ...]
    source: str
    distinct: int


def _guardian(path: Path) -> list[BenchText]:
    csv.field_size_limit(1 << 28)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [
        BenchText(f"guardian-{i}", r["text"], r.get("date") or None)
        for i, r in enumerate(rows)
        if r.get("text")
    ]


def _sample() -> list[BenchText]:
    with SAMPLE.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    return [BenchText(r["id"], r["text"], r.get("published")) for r in records]


def load_bench_texts(n: int, data_dir: Path | None) -> BenchCorpus:
    """``n`` texts: the first ``n`` Guardian articles, or the bundled sample repeated to ``n``."""
    path = data_dir / GUARDIAN if data_dir else None
    if path is not None and path.is_file():
        texts = _guardian(path)
        source = f"Guardian Syria/SDF articles, {GUARDIAN.parent}"
    else:
        texts = _sample()
        source = f"bundled synthetic sample ({SAMPLE.name}; ../shared absent)"
    if not texts:
        raise CorpusUnavailable(f"no article text in {path or SAMPLE}")
    chosen = [
        BenchText(f"{t.key}#{i // len(texts)}" if i >= len(texts) else t.key, t.text, t.published)
        for i, t in enumerate(itertools.islice(itertools.cycle(texts), n))
    ]
    return BenchCorpus(tuple(chosen), source, min(n, len(texts)))
