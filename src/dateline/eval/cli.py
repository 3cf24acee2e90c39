"""``dateline eval``: score against a gold file, or run the development suite.

Registered on the main group at the end of ``dateline/cli.py``; heavy imports happen inside
the command.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

__all__ = ["eval_command"]


@click.command("eval")
@click.argument("gold", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--pred", type=click.Path(dir_okay=False, path_type=Path),
    help="Score this dateline/1 document (first of a JSON/JSONL file) instead of extracting the gold's "
    "article.",
)  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--suite", type=click.Choice(["dev"]), help="Run the development-corpus suite instead of GOLD.")
@click.option(
    "--only", multiple=True, help="With --suite: run only this adapter (repeatable), e.g. --only case2021."
)
@click.option("--limit", type=click.IntRange(1), help="With --suite: items per corpus, evenly spaced.")
@click.option(
    "--data", type=click.Path(file_okay=False, path_type=Path),
    help="With --suite: the corpora directory.  [default: ../shared/data beside the repository]",
)  # fmt: skip
@click.option(
    "--write-docs", type=click.Path(dir_okay=False, path_type=Path),
    help="With --suite: write the table into this markdown file (e.g. docs/quality.md) between "
    "<!-- eval-suite:start --> and <!-- eval-suite:end -->.",
)  # fmt: skip
@click.option("--model", help="spaCy pipeline package or path.")
@click.option(
    "--progress/--no-progress", default=None, help="Progress bars (default: on when stderr is a terminal)."
)
@click.pass_context
def eval_command(ctx: click.Context, gold: Path | None, pred: Path | None, as_json: bool, suite: str | None,
                 only: tuple[str, ...], limit: int | None, data: Path | None, write_docs: Path | None,
                 model: str | None, progress: bool | None) -> None:  # fmt: skip
    """Score extraction against GOLD (a dateline-gold/1 file), or run --suite dev.

    \b
    dateline eval ../shared/seed/expected.json            extract the gold's article and score it
    dateline eval GOLD --pred doc.json --json             score a saved extraction
    dateline eval --suite dev --limit 200 --write-docs docs/quality.md
    """
    from ..cli import _guard  # noqa: PLC0415 - the main CLI module imports this one
    from ..settings import Settings  # noqa: PLC0415

    settings = Settings().with_overrides(model=model)
    if suite:
        if gold or pred:
            raise click.UsageError("--suite runs without GOLD or --pred")
        from .dev import render_suite, run_dev_suite  # noqa: PLC0415
        from .suite import rows_as_json  # noqa: PLC0415

        show = sys.stderr.isatty() if progress is None else progress
        command = ["eval", "--suite", suite, *(["--limit", str(limit)] if limit else [])]
        command += [arg for name in only for arg in ("--only", name)]
        command += ["--write-docs", str(write_docs)] if write_docs else []
        run = _guard(ctx, lambda: run_dev_suite(
            data_dir=data, limit=limit, names=only or None, settings=settings, progress=show,
            write_docs=write_docs, command=command,
        ))  # fmt: skip
        click.echo(json.dumps(rows_as_json(run), indent=2) if as_json else render_suite(run))
        return
    if gold is None:
        raise click.UsageError("give a GOLD file, or --suite dev")
    from .gold_run import evaluate_gold, render_gold  # noqa: PLC0415

    result = _guard(ctx, lambda: evaluate_gold(gold, pred, settings))
    click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False) if as_json else render_gold(result))
