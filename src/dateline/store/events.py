"""Event rows: candidates for a new report, summaries of a cluster, and full re-clustering."""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ..merge.cluster import cluster_reports, new_event_id
from ..merge.params import MergeParams
from ..merge.rules import ReportKey
from .backend import Backend
from .rows import key_from_row

__all__ = [
    "RebuildResult",
    "candidates_for",
    "candidates_for_many",
    "load_keys",
    "rebuild",
    "refresh_events",
    "summarise",
]

TIME_RANK = {p: i for i, p in enumerate(("minute", "day", "week", "month", "season", "year", "undated"))}
GEO_RANK = {
    p: i for i, p in enumerate(("point", "neighborhood", "city", "admin2", "admin1", "country", "region"))
}
_KM_PER_DEGREE = 111.2
_CHUNK = 500
EVENT_COLUMNS = (
    "event_id", "category", "plover_type", "acled_event_type", "acled_sub_event_type", "summary", "modality",
    "date_start", "date_end", "time_precision", "location_name", "geonames_id", "lat", "lon", "country",
    "admin1", "geo_precision", "fatalities", "n_reports", "n_articles", "first_seq", "updated_at",
)  # fmt: skip
_INSERT_EVENT = (
    f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(EVENT_COLUMNS))})"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _chunks(items: Sequence[Any]) -> Iterable[tuple[Sequence[Any], str]]:
    for i in range(0, len(items), _CHUNK):
        part = items[i : i + _CHUNK]
        yield part, ", ".join("?" * len(part))


KEY_COLUMNS = (
    "report_id", "event_id", "content_hash", "seq", "position", "category", "modality_group", "date_start",
    "date_end", "time_precision", "lat", "lon", "country", "geo_precision", "acled_event_type",
    "acled_sub_event_type", "plover_type",
)  # fmt: skip
SUMMARY_COLUMNS = (
    *KEY_COLUMNS,
    "summary",
    "modality",
    "location_name",
    "geonames_id",
    "admin1",
    "killed",
    "time_source",
)


def load_keys(db: Backend, where: str = "TRUE", params: Sequence[Any] = ()) -> list[tuple[str, ReportKey]]:
    """``(event_id, merge key)`` of the reports matching ``where``, in ingest order (two queries)."""
    rows = db.query(
        f"SELECT {', '.join(KEY_COLUMNS)} FROM reports WHERE {where} ORDER BY seq, position", params
    )
    actors: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if rows:
        for a in db.query(
            "SELECT report_id, position, role, name, canonical, kind, country FROM report_actors "
            f"WHERE report_id IN (SELECT report_id FROM reports WHERE {where})",
            params,
        ):
            actors[a["report_id"]].append(a)
    return [(r["event_id"], key_from_row(r, actors[r["report_id"]])) for r in rows]


_COARSE = ("country", "region")


@dataclass(frozen=True, slots=True)
class _Window:
    """Which stored reports could share an event with one new report (the SQL prefilter)."""

    group: str
    low: Any
    high: Any
    country: str | None
    coarse: bool
    box: tuple[float, float, float | None, float | None] | None

    def admits(self, r: dict[str, Any]) -> bool:
        if r["modality_group"] != self.group or r["date_end"] < self.low or r["date_start"] > self.high:
            return False
        if self.country and r["country"] == self.country and (self.coarse or r["geo_precision"] in _COARSE):
            return True
        if self.box is None or r["lat"] is None or r["lon"] is None:
            return False
        lat0, lat1, lon0, lon1 = self.box
        return lat0 <= r["lat"] <= lat1 and (lon0 is None or lon0 <= r["lon"] <= lon1)  # type: ignore[operator]


def _window(key: ReportKey, params: MergeParams) -> _Window | None:
    if not key.mergeable:
        return None
    assert key.date_start and key.date_end
    slack = timedelta(days=max(params.time_tolerance_days.values(), default=0))
    box = None
    if key.lat is not None and key.lon is not None:
        km = max(params.radius_km.values(), default=0.0)
        dlat = km / _KM_PER_DEGREE
        cos = math.cos(math.radians(key.lat))
        dlon = km / (_KM_PER_DEGREE * cos) if cos > 0.05 else 360.0  # noqa: PLR2004 - near a pole
        lon_box = (key.lon - dlon, key.lon + dlon) if abs(key.lon) + dlon < 180 else (None, None)  # noqa: PLR2004
        box = (key.lat - dlat, key.lat + dlat, *lon_box)
    if box is None and not key.country:
        return None
    coarse = key.geo_precision in _COARSE
    return _Window(key.modality_group, key.date_start - slack, key.date_end + slack, key.country, coarse, box)


def candidates_for_many(
    db: Backend, keys: Sequence[ReportKey], params: MergeParams
) -> list[dict[str, list[ReportKey]]]:
    """For each key, the events that could take it, with all their reports (three queries in all:
    the union of the keys' windows, then the reports of every candidate event and their actors)."""
    windows = [_window(k, params) for k in keys]
    live = [w for w in windows if w is not None]
    if not live:
        return [{} for _ in keys]
    groups = sorted({w.group for w in live})
    args: list[Any] = [*groups, min(w.low for w in live), max(w.high for w in live)]
    place = []
    countries = sorted({w.country for w in live if w.country})
    if countries:
        place.append(f"country IN ({', '.join('?' * len(countries))})")
        args += countries
    boxes = [w.box for w in live if w.box]
    if boxes:
        place.append("lat BETWEEN ? AND ?")
        args += [min(b[0] for b in boxes), max(b[1] for b in boxes)]
    rows = db.query(
        "SELECT event_id, modality_group, date_start, date_end, lat, lon, country, geo_precision "
        f"FROM reports WHERE modality_group IN ({', '.join('?' * len(groups))}) "
        f"AND date_end >= ? AND date_start <= ? AND ({' OR '.join(place)})",
        args,
    )
    wanted = [{r["event_id"] for r in rows if w.admits(r)} if w else set() for w in windows]
    every = sorted(set().union(*wanted))
    members: dict[str, list[ReportKey]] = defaultdict(list)
    for part, marks in _chunks(every):
        for event_id, k in load_keys(db, f"event_id IN ({marks})", part):
            members[event_id].append(k)
    return [{e: list(members[e]) for e in sorted(ids)} for ids in wanted]


def candidates_for(db: Backend, key: ReportKey, params: MergeParams) -> dict[str, list[ReportKey]]:
    """Events that could take ``key`` (time window, then bounding box or same country for
    country-level places), with all their reports."""
    return candidates_for_many(db, [key], params)[0]


def _majority(values: Iterable[Any]) -> Any:
    """Most frequent non-null value; ties go to the earliest (values come in ingest order)."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    counts = Counter(present)
    top = max(counts.values())
    return next(v for v in present if counts[v] == top)


def summarise(event_id: str, reports: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The ``events`` row of one cluster from its ``reports`` rows (sorted in ingest order).

    Types by majority; time = the intersection of the reports' intervals (else the most precise
    one); place = the most precise; fatalities = the lowest of the sources' "killed" claims
    (ACLED's conservative rule; every claim stays in ``figures``).
    """
    first = reports[0]
    acled = _majority(
        (r["acled_event_type"], r["acled_sub_event_type"]) for r in reports if r["acled_event_type"]
    )
    timed = [r for r in reports if r["time_source"] == "event"] or list(reports)
    timed = [r for r in timed if r["date_start"] is not None]
    start = max((r["date_start"] for r in timed), default=None)
    end = min((r["date_end"] for r in timed), default=None)
    finest = min(timed, key=lambda r: TIME_RANK.get(r["time_precision"] or "undated", 9), default=None)
    if finest is not None and (start is None or end is None or start > end):
        start, end = finest["date_start"], finest["date_end"]
    placed = [r for r in reports if r["location_name"] or r["lat"] is not None]
    where = min(placed, key=lambda r: GEO_RANK.get(r["geo_precision"] or "region", 9), default=None)
    killed = [r["killed"] for r in reports if r["killed"] is not None]
    return {
        "event_id": event_id,
        "category": _majority(r["category"] for r in reports),
        "plover_type": _majority(r["plover_type"] for r in reports),
        "acled_event_type": acled[0] if acled else None,
        "acled_sub_event_type": acled[1] if acled else None,
        "summary": first["summary"],
        "modality": first["modality"],
        "date_start": start,
        "date_end": end,
        "time_precision": finest["time_precision"] if finest else None,
        **{
            k: where[k] if where else None
            for k in ("location_name", "geonames_id", "lat", "lon", "country", "admin1", "geo_precision")
        },  # fmt: skip
        "fatalities": math.floor(min(killed)) if killed else None,
        "n_reports": len(reports),
        "n_articles": len({r["content_hash"] for r in reports}),
        "first_seq": first["seq"],
        "updated_at": _now(),
    }


def refresh_events(db: Backend, event_ids: Iterable[str]) -> dict[str, str]:
    """Recompute the rows of ``event_ids``; drop empty events; re-key an event whose first report
    left (so ids stay equal to what a rebuild gives). Returns ``{old id: new id}`` for re-keyed ones."""
    ids = sorted(set(event_ids))
    renamed: dict[str, str] = {}
    rows_by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for part, marks in _chunks(ids):
        db.execute(f"DELETE FROM events WHERE event_id IN ({marks})", part)
        columns = ", ".join(SUMMARY_COLUMNS)
        sql = f"SELECT {columns} FROM reports WHERE event_id IN ({marks}) ORDER BY seq, position"
        for row in db.query(sql, part):
            rows_by_event[row["event_id"]].append(row)
    summaries = []
    for event_id, rows in sorted(rows_by_event.items()):
        new_id = new_event_id(rows[0]["report_id"])
        if new_id != event_id:
            db.execute("UPDATE reports SET event_id = ? WHERE event_id = ?", [new_id, event_id])
            db.execute("DELETE FROM events WHERE event_id = ?", [new_id])
            renamed[event_id] = new_id
        summaries.append(summarise(new_id, rows))
    db.executemany(_INSERT_EVENT, [[row[c] for c in EVENT_COLUMNS] for row in summaries])
    return renamed


@dataclass(frozen=True, slots=True)
class RebuildResult:
    """What a re-clustering did."""

    reports: int
    events_before: int
    events_after: int
    merged_reports: int


def rebuild(db: Backend, params: MergeParams) -> RebuildResult:
    """Re-cluster every report from scratch with ``params`` (in one transaction)."""
    with db.transaction():
        before = int(db.scalar("SELECT count(*) AS n FROM events") or 0)
        keys = [k for _, k in load_keys(db)]
        assignments = cluster_reports(keys, params)
        db.execute("DELETE FROM events")
        db.execute("DROP TABLE IF EXISTS merge_assignments")
        db.execute(
            db.ddl("CREATE TEMPORARY TABLE merge_assignments (report_id TEXT PRIMARY KEY, event_id TEXT, "
                   "merge_anchor TEXT, merge_reason {json})")
        )  # fmt: skip
        db.executemany(
            "INSERT INTO merge_assignments VALUES (?, ?, ?, ?)",
            [(a.report_id, a.event_id, a.anchor, json.dumps(a.explanation)) for a in assignments],
        )
        db.execute(
            "UPDATE reports SET event_id = m.event_id, merge_anchor = m.merge_anchor, "
            "merge_reason = m.merge_reason FROM merge_assignments m WHERE reports.report_id = m.report_id"
        )
        db.execute("DROP TABLE merge_assignments")
        by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in db.query(f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM reports ORDER BY seq, position"):
            by_event[row["event_id"]].append(row)
        summaries = [summarise(event_id, rows) for event_id, rows in by_event.items()]
        db.executemany(_INSERT_EVENT, [[s[c] for c in EVENT_COLUMNS] for s in summaries])
        db.execute("DELETE FROM meta WHERE key = 'merge_params'")
        db.execute("INSERT INTO meta VALUES ('merge_params', ?)", [params.to_json()])
    return RebuildResult(len(keys), before, len(summaries), sum(a.merged for a in assignments))
