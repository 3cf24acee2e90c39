"""Score :func:`dateline.ingest.html.extract_html` on the ScrapingHub article-extraction benchmark.

The benchmark (https://github.com/scrapinghub/article-extraction-benchmark) holds 181 gzip HTML
news pages and a hand-checked ``articleBody`` per page in ``ground-truth.json``.

Two scores are reported:

* the primary one: per page, precision/recall/F1 of the multiset overlap between the
  whitespace-split tokens of the predicted body and of the gold ``articleBody``; then the
  plain mean of each over all pages (an empty prediction scores 0 unless the gold is empty too);
* ``benchmark_*``: the upstream ``evaluate.py`` score, recomputed (``\\w+`` tokens, 4-token
  shingles, per-page scores averaged, F1 = harmonic mean of mean precision and mean recall).
  This is the number published for other extractors (trafilatura about 0.958).

Usage::

    python -m dateline.eval.scrapinghub [--data DIR] [--limit N] [--json] [--baseline]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from dateline.ingest.html import extract_html

__all__ = [
    "DEFAULT_DATA_DIR",
    "PageScore",
    "ScrapingHubResult",
    "benchmark_counts",
    "dateline_body",
    "evaluate",
    "main",
    "token_scores",
    "trafilatura_body",
]

logger = logging.getLogger(__name__)

_REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DATA_DIR = _REPO_ROOT / ".." / "shared" / "data" / "scrapinghub-article-extraction-benchmark"
"""Benchmark location: ``../shared/data/...`` next to the repository root (source checkout)."""

_WORD_RE = re.compile(r"\w+")
_SHINGLE_SIZE = 4

Extractor = Callable[[bytes, str | None], str]
"""Maps raw page bytes and the page URL to the predicted article body."""


@dataclass(frozen=True, slots=True)
class PageScore:
    """Scores of one benchmark page."""

    page_id: str
    url: str | None
    precision: float
    recall: float
    f1: float
    pred_tokens: int
    gold_tokens: int
    seconds: float
    benchmark_counts: tuple[float, float, float]  # normalised shingle (tp, fp, fn)


@dataclass(frozen=True, slots=True)
class ScrapingHubResult:
    """Mean scores over the evaluated pages."""

    n_pages: int
    mean_precision: float
    mean_recall: float
    mean_f1: float
    seconds: float
    benchmark_precision: float
    benchmark_recall: float
    benchmark_f1: float
    rows: tuple[PageScore, ...] = field(repr=False)

    def summary(self) -> str:
        """One human-readable line."""
        return (
            f"pages={self.n_pages} token P={self.mean_precision:.4f} R={self.mean_recall:.4f} "
            f"F1={self.mean_f1:.4f} | benchmark shingle P={self.benchmark_precision:.4f} "
            f"R={self.benchmark_recall:.4f} F1={self.benchmark_f1:.4f} | {self.seconds:.1f}s"
        )


def _ratio(hits: float, other: float, total: float) -> float:
    """Precision- or recall-style ratio with the benchmark's conventions for empty sides."""
    if total == 0:
        return 1.0 if other == 0 else 0.0
    return hits / total


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


def token_scores(pred: str, gold: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the multiset overlap of whitespace-split tokens."""
    pred_counts, gold_counts = Counter(pred.split()), Counter(gold.split())
    n_pred, n_gold = pred_counts.total(), gold_counts.total()
    if n_pred == 0 and n_gold == 0:
        return 1.0, 1.0, 1.0
    common = (pred_counts & gold_counts).total()
    precision = _ratio(common, n_gold, n_pred)
    recall = _ratio(common, n_pred, n_gold)
    return precision, recall, _f1(precision, recall)


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _WORD_RE.findall(text)
    n_windows = max(1, len(tokens) - _SHINGLE_SIZE + 1)
    return Counter(tuple(tokens[i : i + _SHINGLE_SIZE]) for i in range(n_windows) if tokens[i:])


def benchmark_counts(pred: str, gold: str) -> tuple[float, float, float]:
    """Upstream per-page (tp, fp, fn) over 4-token shingles, normalised to sum to 1."""
    pred_sh, gold_sh = _shingles(pred), _shingles(gold)
    tp = float((pred_sh & gold_sh).total())
    fp = float((pred_sh - gold_sh).total())
    fn = float((gold_sh - pred_sh).total())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _benchmark_ratio(hits: float, wrong: float, other: float) -> float:
    if wrong == other == 0:
        return 1.0
    return hits / (hits + wrong) if hits + wrong else 0.0


def _benchmark_means(counts: Sequence[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Upstream aggregation: mean precision, mean recall, F1 of the two means."""
    precisions = [_benchmark_ratio(tp, fp, fn) for tp, fp, fn in counts if tp + fp > 0]
    recalls = [_benchmark_ratio(tp, fn, fp) for tp, fp, fn in counts if tp + fn > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    return precision, recall, _f1(precision, recall)


def dateline_body(html: bytes, url: str | None) -> str:
    """Article body as predicted by :func:`extract_html` (paragraphs joined by blank lines)."""
    return "\n\n".join(extract_html(html, url=url).paragraphs)


def trafilatura_body(html: bytes, url: str | None) -> str:
    """Plain-trafilatura baseline, called the way the benchmark repository calls it."""
    import trafilatura  # noqa: PLC0415 - only needed for the baseline

    del url  # the upstream runner passes no URL
    return trafilatura.extract(html.decode("utf-8"), include_comments=False) or ""


def _iter_pages(data_dir: Path, limit: int | None) -> Iterator[tuple[str, bytes, dict[str, str]]]:
    """Yield ``(page_id, html_bytes, gold_record)`` in sorted page-id order."""
    gold = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    page_ids = sorted(gold)
    if limit is not None:
        page_ids = page_ids[: max(limit, 0)]
    for page_id in page_ids:
        html = gzip.decompress((data_dir / "html" / f"{page_id}.html.gz").read_bytes())
        yield page_id, html, gold[page_id]


def _score_page(page_id: str, html: bytes, record: dict[str, str], extractor: Extractor) -> PageScore:
    url, gold = record.get("url"), record.get("articleBody") or ""
    start = time.perf_counter()
    pred = extractor(html, url)
    seconds = time.perf_counter() - start
    precision, recall, f1 = token_scores(pred, gold)
    return PageScore(
        page_id=page_id,
        url=url,
        precision=precision,
        recall=recall,
        f1=f1,
        pred_tokens=len(pred.split()),
        gold_tokens=len(gold.split()),
        seconds=seconds,
        benchmark_counts=benchmark_counts(pred, gold),
    )


def evaluate(
    data_dir: Path, limit: int | None = None, *, extractor: Extractor | None = None
) -> ScrapingHubResult:
    """Score ``extractor`` (default: :func:`dateline_body`) on the first ``limit`` pages (all if None)."""
    extract = extractor or dateline_body
    start = time.perf_counter()
    pages = _iter_pages(Path(data_dir), limit)
    rows = tuple(_score_page(page_id, html, record, extract) for page_id, html, record in pages)
    seconds = time.perf_counter() - start
    if not rows:
        raise ValueError(f"no benchmark pages found under {data_dir}")
    bench_p, bench_r, bench_f1 = _benchmark_means([row.benchmark_counts for row in rows])
    return ScrapingHubResult(
        n_pages=len(rows),
        mean_precision=statistics.fmean(row.precision for row in rows),
        mean_recall=statistics.fmean(row.recall for row in rows),
        mean_f1=statistics.fmean(row.f1 for row in rows),
        seconds=seconds,
        benchmark_precision=bench_p,
        benchmark_recall=bench_r,
        benchmark_f1=bench_f1,
        rows=rows,
    )


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m dateline.eval.scrapinghub",
        description="Score dateline's HTML reader on the ScrapingHub article-extraction benchmark.",
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="benchmark directory")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    parser.add_argument("--json", action="store_true", help="print the full result, per-page rows included")
    parser.add_argument("--baseline", action="store_true", help="score plain trafilatura instead")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    args = _parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        sys.stderr.write(f"benchmark not found: {args.data}\n")
        return 2
    result = evaluate(args.data, args.limit, extractor=trafilatura_body if args.baseline else None)
    output = json.dumps(asdict(result), indent=2) if args.json else result.summary()
    sys.stdout.write(output + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
