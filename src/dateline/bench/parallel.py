"""``--workers N``: the same timed extraction in N processes, each loading the model once.

Workers are started with ``spawn`` (a fresh interpreter each, so every worker really loads
its own pipeline), load it, warm it up on one article and report ready; the clock starts
when all are ready and stops when the last one has finished its share. Articles are dealt
out longest first to the least-loaded worker so that shares take about the same time.
"""

from __future__ import annotations

import heapq
import multiprocessing as mp
import queue
import resource
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import EvalError
from ..schema import Article
from ..settings import Settings
from .timing import StageTimes

__all__ = ["ParallelRun", "run_workers", "shares"]


@dataclass(frozen=True, slots=True)
class ParallelRun:
    workers: int
    seconds: float
    load_seconds: float
    times: tuple[StageTimes, ...]
    peak_rss_mb: tuple[float, ...]


def shares(articles: Sequence[Article], n: int) -> list[list[Article]]:
    """Split articles into ``n`` shares of about equal text length (longest-first greedy)."""
    heap = [(0, i) for i in range(n)]
    out: list[list[Article]] = [[] for _ in range(n)]
    for article in sorted(articles, key=lambda a: len(a.text), reverse=True):
        load, i = heapq.heappop(heap)
        out[i].append(article)
        heapq.heappush(heap, (load + len(article.text), i))
    return out


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker(
    settings: Settings, articles: list[Article], warmup: Article, ready: Any, go: Any, out: Any
) -> None:
    from ..pipeline import Pipeline  # noqa: PLC0415 - imported in the child
    from .timing import timed_run  # noqa: PLC0415

    pipeline = Pipeline.load(settings)
    pipeline.extract(warmup)
    ready.release()
    go.wait()
    times = timed_run(pipeline, articles)
    out.put((times, peak_rss_mb()))


def _check_alive(procs: list[Any]) -> None:
    dead = [p for p in procs if not p.is_alive() and p.exitcode not in (None, 0)]
    if dead:
        for proc in procs:
            proc.kill()
        raise EvalError(
            f"a bench worker died (exit code {dead[0].exitcode}); run with --workers 1 to see why"
        )


def run_workers(settings: Settings, articles: Sequence[Article], n: int) -> ParallelRun:
    """Extract ``articles`` with ``n`` worker processes; wall time from all-ready to all-done."""
    ctx = mp.get_context("spawn")
    settings = settings.with_overrides(threads=1)  # the processes share the cores
    ready, go, out = ctx.Semaphore(0), ctx.Event(), ctx.Queue()
    start = time.perf_counter()
    procs = [
        ctx.Process(target=_worker, args=(settings, share, articles[0], ready, go, out), daemon=True)
        for share in shares(articles, n)
    ]
    for proc in procs:
        proc.start()
    for _ in procs:
        while not ready.acquire(timeout=1.0):
            _check_alive(procs)
    load_seconds = time.perf_counter() - start
    start = time.perf_counter()
    go.set()
    results = []
    while len(results) < len(procs):
        try:
            results.append(out.get(timeout=1.0))
        except queue.Empty:
            _check_alive(procs)
    seconds = time.perf_counter() - start
    for proc in procs:
        proc.join()
    return ParallelRun(
        workers=n,
        seconds=seconds,
        load_seconds=load_seconds,
        times=tuple(r[0] for r in results),
        peak_rss_mb=tuple(r[1] for r in results),
    )
