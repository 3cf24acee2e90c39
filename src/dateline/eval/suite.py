"""The development suite: one adapter per corpus under ``../shared/data``, one row per metric.

An adapter turns a corpus into gold, runs the pipeline on its texts and returns
:class:`MetricRow` records. Adapters are listed explicitly in :data:`REGISTRY` and imported
only when run; one whose corpus or module is missing yields rows that say so instead of a
number, and one that crashes yields an ``error`` row without stopping the others.

>>> rows = run_suite(SuiteContext(data_dir=Path("../shared/data"), limit=20))  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import logging
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from tqdm import tqdm

from ..errors import EvalError
from ..settings import Settings

if TYPE_CHECKING:
    from ..pipeline import Pipeline
    from ..schema import Document

__all__ = [
    "DEFAULT_DATA_DIR",
    "REGISTRY",
    "Adapter",
    "MetricRow",
    "SuiteContext",
    "SuiteRun",
    "TextItem",
    "load_adapters",
    "run_suite",
]

log = logging.getLogger(__name__)
T = TypeVar("T")

_REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DATA_DIR = _REPO_ROOT.parent / "shared" / "data"
"""``../shared/data`` beside the repository (a source checkout); ``--data`` overrides it."""

OK, UNAVAILABLE, ABSENT, ERROR = "ok", "not available", "absent", "error"

REGISTRY: tuple[tuple[str, str], ...] = (
    ("case2021", "dateline.eval.corpora.case2021:Case2021"),
    ("acled-2020", "dateline.eval.corpora.acled:Acled2020"),
    ("acled-2016", "dateline.eval.corpora.acled:Acled2016"),
    ("acled-notes", "dateline.eval.corpora.external:AcledNotes"),
    ("plover-gsr", "dateline.eval.corpora.plover:PloverGsr"),
    ("geoparsing", "dateline.eval.corpora.external:Geoparsing"),
    ("event-location", "dateline.eval.corpora.external:EventLocation"),
    ("rams", "dateline.eval.corpora.rams:Rams"),
    ("india-police", "dateline.eval.corpora.india_police:IndiaPolice"),
    ("scrapinghub", "dateline.eval.corpora.external:ScrapingHub"),
)
"""Suite name -> ``module:class`` of its adapter, in report order."""


@dataclass(frozen=True, slots=True)
class MetricRow:
    """One number of the suite. ``value`` is None when it cannot be computed (``status`` says why).

    ``corpus`` is the adapter's name, or ``adapter/part`` when an adapter scores several files.
    """

    corpus: str
    metric: str
    value: float | None
    n: int = 0
    status: str = OK
    note: str = ""
    higher_is_better: bool = True
    unit: str = ""

    @property
    def key(self) -> str:
        return f"{self.corpus} / {self.metric}"


@dataclass(frozen=True, slots=True)
class TextItem:
    """One text for the pipeline: a key to find its document again, the text, its publication date."""

    key: str
    text: str
    published: str | None = None


@dataclass
class SuiteContext:
    """What an adapter gets: where the corpora are, the item limit, and the pipeline (loaded on first use)."""

    data_dir: Path = DEFAULT_DATA_DIR
    limit: int | None = None
    settings: Settings = field(default_factory=Settings)
    progress: bool = False
    _pipeline: Pipeline | None = field(default=None, repr=False)

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            from ..pipeline import Pipeline  # noqa: PLC0415 - loads spaCy

            self._pipeline = Pipeline.load(self.settings)
        return self._pipeline

    def take(self, items: Iterable[T]) -> list[T]:
        """``limit`` items spread evenly over the corpus, in corpus order (all when no limit).

        Corpus files are often sorted (by date, country or label), so the first N would be a
        biased sample; every k-th item is not, and it is the same sample on every run.
        """
        pool = list(items)
        if self.limit is None or self.limit >= len(pool):
            return pool
        if self.limit <= 0:
            return []
        return [pool[i * len(pool) // self.limit] for i in range(self.limit)]

    def bar(self, items: Iterable[T], desc: str, total: int | None = None) -> Iterator[T]:
        """A progress bar on stderr when ``progress`` is on."""
        yield from tqdm(
            items, desc=desc, total=total, disable=not self.progress, file=sys.stderr, leave=False
        )

    def extract(self, items: Sequence[TextItem], desc: str) -> dict[str, Document | None]:
        """Run the pipeline over ``items``; a text that fails maps to None (and is logged)."""
        from .corpora.common import extract_texts  # noqa: PLC0415

        return extract_texts(self.pipeline, items, bar=lambda it: self.bar(it, desc, len(items)))


class Adapter(Protocol):
    """A development corpus turned into gold and scored.

    ``available`` returns None when the adapter can run on ``data_dir``, else the reason it
    cannot; ``corpora`` lists the directories under ``data_dir`` it reads (for the gate's
    corpus hash).
    """

    name: str
    corpora: tuple[str, ...]

    def available(self, data_dir: Path) -> str | None: ...

    def run(self, ctx: SuiteContext) -> list[MetricRow]: ...


@dataclass(frozen=True, slots=True)
class SuiteRun:
    """Rows of one suite run, with how long each adapter took."""

    rows: tuple[MetricRow, ...]
    seconds: dict[str, float]
    limit: int | None

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


def load_adapters(names: Sequence[str] | None = None) -> list[Adapter]:
    """Instantiate the registered adapters (all, or those named, in registry order)."""
    known = dict(REGISTRY)
    unknown = [n for n in names or () if n not in known]
    if unknown:
        raise EvalError(f"unknown suite adapter(s): {', '.join(unknown)} (known: {', '.join(known)})")
    chosen = [name for name, _ in REGISTRY if not names or name in names]
    adapters = []
    for name in chosen:
        module, _, cls = known[name].partition(":")
        adapters.append(getattr(importlib.import_module(module), cls)())
    return adapters


def _run_one(adapter: Adapter, ctx: SuiteContext) -> list[MetricRow]:
    reason = adapter.available(ctx.data_dir)
    if reason is not None:
        return [MetricRow(adapter.name, "*", None, status=ABSENT, note=reason)]
    try:
        return adapter.run(ctx)
    except Exception as exc:  # noqa: BLE001 - one broken adapter must not hide the other corpora's numbers
        log.warning("adapter %s failed: %s: %s", adapter.name, type(exc).__name__, exc, exc_info=True)
        return [MetricRow(adapter.name, "*", None, status=ERROR, note=f"{type(exc).__name__}: {exc}")]


def run_suite(ctx: SuiteContext, names: Sequence[str] | None = None) -> SuiteRun:
    """Run every registered adapter (or those named) and collect their rows."""
    rows: list[MetricRow] = []
    seconds: dict[str, float] = {}
    for adapter in load_adapters(names):
        start = time.perf_counter()
        rows += _run_one(adapter, ctx)
        seconds[adapter.name] = time.perf_counter() - start
        log.info("suite: %s done in %.1f s", adapter.name, seconds[adapter.name])
    return SuiteRun(rows=tuple(rows), seconds=seconds, limit=ctx.limit)


def format_value(row: MetricRow) -> str:
    """A row's value as printed: 3 decimals for ratios, 1 with a unit (km), or its status."""
    if row.value is None:
        return row.status if row.status != OK else "n/a"
    return f"{row.value:.1f} {row.unit}" if row.unit else f"{row.value:.3f}"


def rows_as_json(run: SuiteRun) -> dict[str, Any]:
    """JSON-ready suite result."""
    return {
        "limit": run.limit,
        "seconds": {k: round(v, 2) for k, v in run.seconds.items()},
        "rows": [
            {
                "corpus": r.corpus,
                "metric": r.metric,
                "value": r.value,
                "n": r.n,
                "status": r.status,
                "note": r.note,
                "higher_is_better": r.higher_is_better,
                "unit": r.unit,
            }
            for r in run.rows
        ],
    }
