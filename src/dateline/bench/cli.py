"""``dateline bench``: registered on the main group at the end of ``dateline/cli.py``."""

from __future__ import annotations

import json
from pathlib import Path

import click

__all__ = ["bench_command"]


@click.command("bench")
@click.option(
    "--articles", type=click.IntRange(1), default=100, show_default=True, help="Articles to extract."
)
@click.option(
    "--workers", type=click.IntRange(1), default=1, show_default=True,
    help="Also run extraction in N processes (each loads the model once) and report the scaling.",
)  # fmt: skip
@click.option("--batch-size", type=click.IntRange(1), help="Articles per nlp.pipe batch.  [default: 32]")
@click.option("--model", help="spaCy pipeline package or path (dateline and the baseline both use it).")
@click.option(
    "--data", type=click.Path(file_okay=False, path_type=Path),
    help="Corpora directory holding guardian-syria-sdf-ngec.  [default: ../shared/data beside the "
    "repository; the bundled sample when absent]",
)  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a report.")
@click.option(
    "--write-docs", type=click.Path(dir_okay=False, path_type=Path),
    help="Write the tables into this markdown file (docs/performance.md) between <!-- bench:start --> "
    "and <!-- bench:end -->.",
)  # fmt: skip
@click.pass_context
def bench_command(ctx: click.Context, articles: int, workers: int, batch_size: int | None, model: str | None,
                  data: Path | None, as_json: bool, write_docs: Path | None) -> None:  # fmt: skip
    """Throughput, time per stage and peak memory of extraction, against bare spaCy on the same texts."""
    from ..cli import _guard  # noqa: PLC0415 - the main CLI module imports this one
    from ..settings import Settings  # noqa: PLC0415
    from .report import bench_json, render_bench  # noqa: PLC0415
    from .session import bench_session  # noqa: PLC0415

    settings = Settings().with_overrides(model=model, batch_size=batch_size)
    command = ["bench", "--articles", str(articles), *(["--workers", str(workers)] if workers > 1 else [])]
    result = _guard(ctx, lambda: bench_session(
        articles=articles, workers=workers, data_dir=data, settings=settings, write_docs=write_docs,
        command=command,
    ))  # fmt: skip
    click.echo(json.dumps(bench_json(result), indent=2) if as_json else render_bench(result))
