"""One library call for ``dateline bench``: run, then (optionally) write docs/performance.md."""

from __future__ import annotations

from pathlib import Path

from ..eval.markdown import write_block
from ..eval.suite import DEFAULT_DATA_DIR
from ..settings import Settings
from .report import DOCS_BLOCK, bench_markdown
from .run import BenchResult, run_bench

__all__ = ["bench_session"]


def bench_session(
    *,
    articles: int,
    workers: int,
    data_dir: Path | None,
    settings: Settings,
    write_docs: Path | None,
    command: list[str],
) -> BenchResult:
    """Run the bench on ``data_dir`` (default ``../shared/data``) and write its block into ``write_docs``."""
    result = run_bench(
        articles=articles, workers=workers, data_dir=data_dir or DEFAULT_DATA_DIR, settings=settings
    )
    if write_docs is not None:
        write_block(write_docs, DOCS_BLOCK, bench_markdown(result, command=command), title="Performance")
    return result
