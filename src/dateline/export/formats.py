"""Event records for export: nested (JSON) and flat (CSV, Parquet), and the file writers."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import IO, Any

from ..store.query import StoredEvent

__all__ = [
    "FLAT_COLUMNS",
    "event_to_dict",
    "flat_row",
    "geojson_feature",
    "write_csv",
    "write_geojson",
    "write_jsonl",
    "write_parquet",
]

FLAT_COLUMNS = (
    "event_id", "date_start", "date_end", "time_precision", "category", "plover_type", "acled_event_type",
    "acled_sub_event_type", "modality", "summary", "location_name", "geonames_id", "lat", "lon", "country",
    "admin1", "geo_precision", "fatalities", "n_reports", "n_articles", "actors", "sources", "article_urls",
    "article_ids", "updated_at",
)  # fmt: skip
_PARQUET_TYPES = {
    "date_start": "DATE", "date_end": "DATE", "geonames_id": "BIGINT", "lat": "DOUBLE", "lon": "DOUBLE",
    "fatalities": "INTEGER", "n_reports": "INTEGER", "n_articles": "INTEGER",
}  # fmt: skip


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def event_to_dict(event: StoredEvent) -> dict[str, Any]:
    """The event, its actors and every report (article, dateline/1 event, merge reason, claims)."""
    out = {k: _iso(v) for k, v in asdict(event).items() if k != "reports"}
    out["actors"] = event.actors
    out["sources"] = event.sources
    out["reports"] = [
        {
            "report_id": r.report_id,
            "article": asdict(r.article),
            "event": r.event,
            "merge": {"anchor": r.merge_anchor, "reason": r.merge_reason},
            "figures": [asdict(f) for f in r.figures],
        }
        for r in event.reports
    ]
    return out


def flat_row(event: StoredEvent) -> dict[str, Any]:
    """One flat row per event (lists joined with ``; ``)."""
    row = {k: getattr(event, k) for k in FLAT_COLUMNS if hasattr(event, k) and k not in ("actors", "sources")}
    row["actors"] = "; ".join(f"{a['role']}: {a['name']}" for a in event.actors)
    row["sources"] = "; ".join(event.sources)
    row["article_urls"] = "; ".join(r.article.url for r in event.reports if r.article.url)
    row["article_ids"] = "; ".join(dict.fromkeys(r.article.article_id for r in event.reports))
    return {k: row.get(k) for k in FLAT_COLUMNS}


def write_jsonl(events: Iterable[StoredEvent], out: IO[str]) -> int:
    n = 0
    for n, event in enumerate(events, start=1):  # noqa: B007 - n is the count
        out.write(json.dumps(event_to_dict(event), ensure_ascii=False) + "\n")
    return n


def write_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    n = 0
    for n, row in enumerate(rows, start=1):  # noqa: B007 - n is the count
        writer.writerow({k: "" if v is None else _iso(v) for k, v in row.items()})
    return n


def geojson_feature(event: StoredEvent) -> dict[str, Any] | None:
    """An RFC 7946 Point feature ([lon, lat]); None for an event without coordinates."""
    if event.lat is None or event.lon is None:
        return None
    props = {k: _iso(v) for k, v in flat_row(event).items() if k not in ("lat", "lon")}
    return {
        "type": "Feature",
        "id": event.event_id,
        "geometry": {"type": "Point", "coordinates": [round(event.lon, 6), round(event.lat, 6)]},
        "properties": props,
    }


def write_geojson(events: Iterable[StoredEvent], out: IO[str]) -> tuple[int, int]:
    """A FeatureCollection, streamed; returns (features written, events without coordinates)."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    written = missing = 0
    for event in events:
        feature = geojson_feature(event)
        if feature is None:
            missing += 1
            continue
        out.write((",\n" if written else "") + json.dumps(feature, ensure_ascii=False))
        written += 1
    out.write("\n]}\n")
    return written, missing


def _batches(rows: Iterable[dict[str, Any]], size: int = 1000) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet(events: Iterable[StoredEvent], path: Path) -> int:
    """Flat event columns plus ``reports_json`` (the nested reports), written with DuckDB."""
    import duckdb  # noqa: PLC0415

    columns = (*FLAT_COLUMNS, "reports_json")
    types = [f"{c} {_PARQUET_TYPES.get(c, 'VARCHAR')}" for c in columns]
    rows = (
        dict(flat_row(e), reports_json=json.dumps(event_to_dict(e)["reports"], ensure_ascii=False))
        for e in events
    )
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"CREATE TABLE events ({', '.join(types)})")
        n = 0
        for batch in _batches(rows):
            con.executemany(
                f"INSERT INTO events VALUES ({', '.join('?' * len(columns))})",
                [[r[c] for c in columns] for r in batch],
            )
            n += len(batch)
        target = str(path).replace("'", "''")
        con.execute(f"COPY events TO '{target}' (FORMAT parquet, COMPRESSION zstd)")
    finally:
        con.close()
    return n
