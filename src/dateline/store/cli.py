"""CLI commands over the store: ``ingest``, ``events`` (+ ``events show``), ``export``, ``merge``.

Registered in ``dateline.cli``; heavy imports happen inside the commands.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

import click

from ..settings import Settings

__all__ = ["events", "export", "ingest", "merge"]

_DB_HELP = "DuckDB file or postgresql:// URL.  [default: dateline.duckdb]"


def _guard(ctx: click.Context, run: Callable[[], Any]) -> Any:
    from ..cli import _guard as guard  # noqa: PLC0415 - the main CLI's error policy

    return guard(ctx, run)


def _db_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", envvar="DATELINE_DB", help=_DB_HELP)(f)


def _filters(f: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--since", type=click.DateTime(["%Y-%m-%d"]), help="Events ending on or after this day."
        ),
        click.option(
            "--until", type=click.DateTime(["%Y-%m-%d"]), help="Events starting on or before this day."
        ),
        click.option("--country", help="ISO 3166 code (SY, SYR) or English name."),
        click.option("--near", metavar="LAT,LON,KM", help='Within KM of a point, e.g. "36.2,37.16,50".'),
        click.option("--type", "type_", help="Category, PLOVER, ACLED event or sub-event type."),
        click.option("--actor", help="Substring of an actor's name or canonical name."),
        click.option("--source", help="Substring of a source, publisher or article URL."),
        click.option(
            "--min-fatalities", type=click.IntRange(0), help="At least this many (conservative count)."
        ),
        click.option("--limit", type=click.IntRange(1), help="At most this many events."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _where(opts: dict[str, Any]) -> Any:
    from . import EventFilter, parse_near  # noqa: PLC0415

    def day(value: Any) -> date | None:
        return value.date() if value else None

    return EventFilter(
        since=day(opts["since"]), until=day(opts["until"]), country=opts["country"],
        near=parse_near(opts["near"]) if opts["near"] else None, type=opts["type_"], actor=opts["actor"],
        source=opts["source"], min_fatalities=opts["min_fatalities"], limit=opts["limit"],
    )  # fmt: skip


@click.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option("--documents", is_flag=True, help="PATHS are dateline/1 JSON Lines (from `dateline extract`).")
@click.option("--model", help="spaCy pipeline package or path.")
@click.option("--batch-size", type=click.IntRange(1), help="Articles per nlp.pipe batch.  [default: 32]")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal).")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], db: str | None, documents: bool, model: str | None,
           batch_size: int | None, progress: bool | None) -> None:  # fmt: skip
    """Extract the articles under PATHS and add them to the event store.

    Idempotent: an article whose text is already stored is skipped; the same URL with new text
    replaces the earlier version's reports. Each article is committed on its own, so an
    interrupted run can simply be started again.
    """
    from .ingest import ingest_paths  # noqa: PLC0415

    settings = Settings().with_overrides(model=model, batch_size=batch_size)
    show = sys.stderr.isatty() if progress is None else progress
    report = _guard(ctx, lambda: ingest_paths(paths, settings, db=db, documents=documents, progress=show))
    for failure in report.failed + report.skipped:
        click.echo(f"dateline: {'skipped' if failure.skipped else 'failed'}: {failure}", err=True)
    click.echo(f"dateline: {report.summary()}", err=True)
    ctx.exit(1 if report.failed else 0)


_TABLE = (("event_id", 15), ("date_start", 10), ("type", 28), ("location", 22), ("cc", 2), ("dead", 4),
          ("rep", 3), ("summary", 40))  # fmt: skip


def _table(events: list[Any]) -> str:
    def cells(e: Any) -> list[str]:
        kind = e.acled_sub_event_type or e.acled_event_type or e.plover_type or e.category or ""
        return [
            e.event_id, str(e.date_start or ""), kind, e.location_name or "", e.country or "",
            "" if e.fatalities is None else str(e.fatalities), str(e.n_reports),
            (e.summary or "").replace("\n", " "),
        ]  # fmt: skip

    lines = ["  ".join(name.ljust(width) for name, width in _TABLE)]
    for e in events:
        lines.append("  ".join(c[:w].ljust(w) for c, (_, w) in zip(cells(e), _TABLE, strict=True)).rstrip())
    lines.append(f"({len(events)} events)")
    return "\n".join(lines)


@click.group(invoke_without_command=True)
@_db_option
@_filters
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)
@click.pass_context
def events(ctx: click.Context, db: str | None, fmt: str, **opts: Any) -> None:
    """List stored events matching the filters (all given filters must hold).

    `dateline events show ID` explains one event: its reports and why they were merged.
    """
    ctx.obj = dict(ctx.obj or {}, db=db)
    if ctx.invoked_subcommand:
        return
    from ..export.formats import FLAT_COLUMNS, event_to_dict, flat_row, write_csv  # noqa: PLC0415
    from . import Store  # noqa: PLC0415

    def run() -> list[Any]:
        with Store.open(db, create=False) as store:
            return store.events(_where(opts))

    found = _guard(ctx, run)
    if fmt == "json":
        click.echo(json.dumps([event_to_dict(e) for e in found], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        write_csv((flat_row(e) for e in found), FLAT_COLUMNS, sys.stdout)
    else:
        click.echo(_table(found))


def _explain(event: Any) -> str:
    loc = ", ".join(str(x) for x in (event.location_name, event.country) if x) or "no place"
    kind = " / ".join(x for x in (event.category, event.acled_event_type, event.acled_sub_event_type) if x)
    span = f"{event.date_start}" + (f"..{event.date_end}" if event.date_end != event.date_start else "")
    lines = [
        f"event {event.event_id}: {event.summary}",
        f"  type: {kind}; modality: {event.modality}",
        f"  when: {span} ({event.time_precision}); where: {loc} ({event.geo_precision})",
        f"  fatalities (lowest claim): {event.fatalities if event.fatalities is not None else '-'}",
        f"  {event.n_reports} report(s) from {event.n_articles} article(s):",
    ]
    for i, r in enumerate(event.reports, start=1):
        a = r.article
        lines.append(
            f"  [{i}] {r.report_id}  {a.publisher or '?'}, {a.published or '?'}: {a.title or a.url or ''}"
        )
        lines.append(f"      says: {r.event.get('summary', '')}  (sources: {r.sources or '-'})")
        for f in r.figures:
            lines.append(f"      claim: {f.kind} {f.text!r} (by {f.sources or 'unattributed'})")
        reason = r.merge_reason
        if reason.get("decision") == "merged":
            lines.append(f"      merged with {reason.get('anchor')} because:")
            lines += [f"        {check}: {why}" for check, why in reason.get("checks", {}).items()]
        else:
            lines.append(f"      started this event: {reason.get('reason', '')}")
            for miss in reason.get("rejected", []):
                lines.append(f"        not {miss['event_id']} ({miss['failed']}: {miss['reason']})")
    return "\n".join(lines)


@events.command()
@click.argument("event_id")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def show(ctx: click.Context, event_id: str, db: str | None, fmt: str) -> None:
    """One event with every report, its claims, and why each report was merged."""
    from ..export.formats import event_to_dict  # noqa: PLC0415
    from . import Store  # noqa: PLC0415

    def run() -> Any:
        with Store.open(db or ctx.obj.get("db"), create=False) as store:
            return store.event(event_id)

    event = _guard(ctx, run)
    click.echo(
        json.dumps(event_to_dict(event), ensure_ascii=False, indent=2) if fmt == "json" else _explain(event)
    )


@click.command()
@_db_option
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv", "acled", "geojson", "parquet"]), required=True
)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option("--all-modalities", is_flag=True, help="acled: keep negated/planned/hypothetical events too.")
@_filters
@click.pass_context
def export(
    ctx: click.Context, db: str | None, fmt: str, output: str, all_modalities: bool, **opts: Any
) -> None:
    """Export the events matching the filters to a file."""
    from ..export import export_events  # noqa: PLC0415

    result = _guard(ctx, lambda: export_events(db, fmt, output, _where(opts), all_modalities=all_modalities))
    note = f" ({result.left_out} left out: {result.reason})" if result.left_out else ""
    click.echo(f"dateline: wrote {result.written} events to {result.path}{note}", err=True)


@click.command()
@_db_option
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="KEY=VALUE",
    help="Override a threshold, e.g. radius_km.city=10 or time_tolerance_days.day=0 (repeatable).",
)
@click.option(
    "--defaults", is_flag=True, help="Start from the packaged thresholds, not the store's current ones."
)
@click.pass_context
def merge(ctx: click.Context, db: str | None, assignments: tuple[str, ...], defaults: bool) -> None:
    """Re-cluster every stored report into events (reversible: run again with other thresholds)."""
    from ..errors import ConfigError  # noqa: PLC0415
    from ..merge.params import default_params  # noqa: PLC0415
    from . import Store  # noqa: PLC0415

    def run() -> Any:
        pairs = dict(a.split("=", 1) for a in assignments if "=" in a)
        if len(pairs) != len(assignments):
            raise ConfigError("--set needs KEY=VALUE")
        with Store.open(db, create=False) as store:
            base = default_params() if defaults else store.params
            return store.rebuild(base.with_overrides(pairs))

    r = _guard(ctx, run)
    click.echo(
        f"dateline: {r.reports} reports -> {r.events_after} events (was {r.events_before}); "
        f"{r.merged_reports} reports merged into another's event",
        err=True,
    )
