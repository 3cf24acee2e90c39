"""``dateline eval --suite dev``: run the development suite, print it, optionally write docs/quality.md."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from ..errors import CorpusUnavailable
from ..settings import Settings
from .markdown import suite_markdown, write_block
from .suite import DEFAULT_DATA_DIR, SuiteContext, SuiteRun, format_value, run_suite

__all__ = ["DOCS_BLOCK", "render_suite", "run_dev_suite"]

DOCS_BLOCK = "eval-suite"


def run_dev_suite(
    *,
    data_dir: Path | None = None,
    limit: int | None = None,
    names: Sequence[str] | None = None,
    settings: Settings | None = None,
    progress: bool = False,
    write_docs: Path | None = None,
    command: Sequence[str] = (),
) -> SuiteRun:
    """Run the suite over ``data_dir`` (default ``../shared/data``); write its table into ``write_docs``."""
    data_dir = Path(data_dir or DEFAULT_DATA_DIR)
    if not data_dir.is_dir():
        raise CorpusUnavailable(f"no development corpora at {data_dir} (pass --data DIR)")
    ctx = SuiteContext(data_dir=data_dir, limit=limit, settings=settings or Settings(), progress=progress)
    run = run_suite(ctx, names)
    if write_docs is not None:
        model = ctx.settings.model
        provenance = f"dateline {__version__}, spaCy pipeline {model}"
        table = suite_markdown(run, command=shlex.join(["dateline", *command]), provenance=provenance)
        write_block(write_docs, DOCS_BLOCK, table, title="Quality")
    return run


def render_suite(run: SuiteRun) -> str:
    """A terminal table of the suite's rows, then seconds per corpus."""
    width = max((len(r.key) for r in run.rows), default=10)
    lines = [f"{'corpus / metric':{width}s} {'value':>14s} {'n':>6s}  note"]
    for r in run.rows:
        lines.append(f"{r.key:{width}s} {format_value(r):>14s} {r.n or '':>6}  {r.note}")
    lines.append("")
    lines.append(
        "seconds: "
        + ", ".join(f"{k} {v:.1f}" for k, v in run.seconds.items())
        + f" (total {run.total_seconds:.1f})"
    )
    return "\n".join(lines)
