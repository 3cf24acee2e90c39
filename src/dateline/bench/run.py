"""Measure one bench run: ingest, dateline end to end, bare spaCy on the same texts, workers."""

from __future__ import annotations

import logging
import os
import platform
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EvalError
from ..schema import Article
from ..settings import Settings
from .corpus import BenchCorpus, load_bench_texts
from .parallel import ParallelRun, peak_rss_mb, run_workers
from .timing import StageTimes, timed_run

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["BenchResult", "Machine", "Throughput", "machine", "run_bench"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Machine:
    cpu: str
    cores: int
    memory_gb: float
    python: str
    spacy: str
    model: str
    load_average: float
    """1-minute load average when the run started (other jobs on a shared machine)."""


@dataclass(frozen=True, slots=True)
class Throughput:
    seconds: float
    articles: int
    words: int

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


@dataclass(frozen=True, slots=True)
class BenchResult:
    """One bench run. ``ratio`` = dateline throughput / bare spaCy throughput on the same texts."""

    machine: Machine
    source: str
    distinct_texts: int
    batch_size: int
    load_seconds: float
    ingest_seconds: float
    dateline: Throughput
    stages: StageTimes
    baseline: Throughput
    peak_rss_mb: float
    parallel: ParallelRun | None = None
    parallel_baseline: Throughput | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def ratio(self) -> float:
        return self.dateline.articles_per_s / self.baseline.articles_per_s if self.baseline.seconds else 0.0

    @property
    def parallel_throughput(self) -> Throughput | None:
        if self.parallel is None:
            return None
        return Throughput(self.parallel.seconds, self.dateline.articles, self.dateline.words)

    @property
    def cpu_efficiency(self) -> float | None:
        """CPU seconds per article in 1 process / in the workers (1.0: workers cost nothing extra)."""
        if self.parallel is None:
            return None
        worker_cpu = sum(t.cpu for t in self.parallel.times)
        return self.stages.cpu / worker_cpu if worker_cpu else None

    @property
    def projected_scaling(self) -> float | None:
        """The N-worker speed-up if every worker had a free core: min(N, cores) x CPU efficiency."""
        eff = self.cpu_efficiency
        if eff is None or self.parallel is None:
            return None
        return min(self.parallel.workers, self.machine.cores) * eff

    @property
    def scaling(self) -> float | None:
        """N-worker throughput over the in-process (one worker) throughput."""
        par = self.parallel_throughput
        return par.articles_per_s / self.dateline.articles_per_s if par and self.dateline.seconds else None


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gb() -> float:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    except (ValueError, OSError, AttributeError):
        return 0.0


def machine(model: str) -> Machine:
    """The machine and software the numbers were taken on."""
    import spacy  # noqa: PLC0415

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return Machine(
        cpu=_cpu(),
        cores=cores,
        memory_gb=round(_memory_gb(), 1),
        python=platform.python_version(),
        spacy=spacy.__version__,
        model=model,
        load_average=load,
    )


def _bare_nlp(model: str, warmup: str) -> Any:
    """A freshly loaded, unmodified copy of the spaCy pipeline, warmed up like dateline's."""
    import spacy  # noqa: PLC0415

    nlp = spacy.load(model)
    for _ in nlp.pipe([warmup]):
        pass
    return nlp


def _pipe_seconds(nlp: Any, texts: list[str], batch_size: int, n_process: int = 1) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass
    return time.perf_counter() - start


@dataclass(frozen=True, slots=True)
class _Paired:
    stages: StageTimes
    baseline_seconds: float
    peak_rss_mb: float


def _paired(pipeline: Pipeline, built: list[Article], settings: Settings) -> _Paired:
    """dateline and bare spaCy batch by batch, alternating which goes first, so both see the same load.

    The bare model is loaded after dateline's first batch; the peak RSS is read just before,
    so it is dateline's alone.
    """
    size = settings.batch_size
    batches = [built[i : i + size] for i in range(0, len(built), size)]
    stages: StageTimes | None = None
    bare: Any = None
    baseline = rss = 0.0
    for i, batch in enumerate(batches):
        for which in ("dateline", "bare") if i % 2 == 0 else ("bare", "dateline"):
            if which == "dateline":
                times = timed_run(pipeline, batch)
                stages = times if stages is None else stages + times
                continue
            if bare is None:
                rss = peak_rss_mb()
                bare = _bare_nlp(settings.model, built[0].text)
            baseline += _pipe_seconds(bare, [a.text for a in batch], size)
    if stages is None:
        raise EvalError("no articles to benchmark")
    return _Paired(stages, baseline, rss)


def run_bench(
    *,
    articles: int = 100,
    workers: int = 1,
    data_dir: Path | None = None,
    settings: Settings | None = None,
) -> BenchResult:
    """Benchmark dateline on ``articles`` texts and bare spaCy on the same texts, in this process."""
    from ..ingest import build_article  # noqa: PLC0415
    from ..ingest.convert import raw_from_text  # noqa: PLC0415
    from ..pipeline import Pipeline  # noqa: PLC0415

    settings = settings or Settings()
    host = machine(settings.model)
    corpus: BenchCorpus = load_bench_texts(articles, data_dir)
    start = time.perf_counter()
    pipeline = Pipeline.load(settings)
    load_seconds = time.perf_counter() - start

    start = time.perf_counter()
    built = [
        build_article(raw_from_text(t.text, fmt="text", header=False, published=t.published), settings)
        for t in corpus.texts
    ]
    ingest_seconds = time.perf_counter() - start
    words = sum(len(a.text.split()) for a in built)

    pipeline.extract(built[0])  # warm-up: first-call costs are not throughput
    paired = _paired(pipeline, built, settings)
    stages = paired.stages
    dateline = Throughput(stages.total, len(built), words)
    baseline = Throughput(paired.baseline_seconds, len(built), words)
    log.info(
        "bench: dateline %.1f s, bare spaCy %.1f s for %d articles",
        stages.total,
        baseline.seconds,
        len(built),
    )
    parallel = parallel_baseline = None
    if workers > 1:
        parallel = run_workers(settings, built, workers)
        bare = _bare_nlp(settings.model, built[0].text)
        seconds = _pipe_seconds(bare, [a.text for a in built], settings.batch_size, n_process=workers)
        parallel_baseline = Throughput(seconds, len(built), words)
    notes = [f"1-minute load average {host.load_average:.1f} at the start on {host.cores} cores"]
    if stages.failures:
        notes.append(
            f"{stages.failures} of {len(built)} articles failed in a stage (their time still counts)"
        )
    if corpus.distinct < len(built):
        notes.append(f"{corpus.distinct} distinct texts repeated to {len(built)}")
    return BenchResult(
        machine=host,
        source=corpus.source,
        distinct_texts=corpus.distinct,
        batch_size=settings.batch_size,
        load_seconds=load_seconds,
        ingest_seconds=ingest_seconds,
        dateline=dateline,
        stages=stages,
        baseline=baseline,
        peak_rss_mb=paired.peak_rss_mb,
        parallel=parallel,
        parallel_baseline=parallel_baseline,
        notes=tuple(notes),
    )
