"""Finding events (filters -> SQL) and loading them with their reports and figure claims."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import ConfigError, NotFound
from .backend import Backend
from .countries import country as lookup_country

__all__ = [
    "ArticleRef",
    "EventFilter",
    "FigureClaim",
    "Near",
    "StoredEvent",
    "StoredReport",
    "find_event_ids",
    "load_event",
    "load_events",
    "parse_near",
]

_EARTH_KM = 6371.0088
_CHUNK = 500
REALIS = ("asserted", "ongoing")


@dataclass(frozen=True, slots=True)
class Near:
    lat: float
    lon: float
    km: float


def parse_near(text: str) -> Near:
    """``"lat,lon,km"`` -> Near (ConfigError when malformed or out of range)."""
    try:
        lat, lon, km = (float(p) for p in text.split(","))
    except ValueError as exc:
        raise ConfigError(f'--near needs "lat,lon,km" (e.g. "36.2,37.16,50"), got {text!r}') from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise ConfigError(f"--near out of range: lat {lat}, lon {lon}, km {km}")
    return Near(lat, lon, km)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to return; every given condition must hold (``None`` = no condition).

    ``since``/``until`` keep events whose interval overlaps them; ``type`` matches the
    category, PLOVER, ACLED event or sub-event type; ``actor`` and ``source`` are substrings
    (actor name or canonical; report source, publisher or article URL); ``modalities``
    restricts the modality of the event's reports.
    """

    since: date | None = None
    until: date | None = None
    country: str | None = None
    near: Near | None = None
    type: str | None = None
    actor: str | None = None
    source: str | None = None
    min_fatalities: int | None = None
    modalities: tuple[str, ...] | None = None
    limit: int | None = None


def _country_code(text: str) -> str:
    found = lookup_country(text)
    if found is None:
        raise ConfigError(f"unknown country {text!r} (use an ISO 3166 code such as SY or SYR, or a name)")
    return found.iso2


def _where(f: EventFilter) -> tuple[str, list[Any]]:
    conds: list[str] = []
    args: list[Any] = []
    if f.since:
        conds.append("e.date_end >= ?")
        args.append(f.since)
    if f.until:
        conds.append("e.date_start <= ?")
        args.append(f.until)
    if f.country:
        conds.append("e.country = ?")
        args.append(_country_code(f.country))
    if f.near:
        dlat = f.near.km / 111.2
        conds.append(
            "e.lat BETWEEN ? AND ? AND 2 * ? * asin(least(1.0, sqrt(power(sin(radians(e.lat - ?) / 2), 2) + "
            "cos(radians(?)) * cos(radians(e.lat)) * power(sin(radians(e.lon - ?) / 2), 2)))) <= ?"
        )
        args += [
            f.near.lat - dlat,
            f.near.lat + dlat,
            _EARTH_KM,
            f.near.lat,
            f.near.lat,
            f.near.lon,
            f.near.km,
        ]
    if f.type:
        conds.append(
            "(lower(e.category) = ? OR lower(e.plover_type) = ? OR lower(e.acled_event_type) = ? "
            "OR lower(e.acled_sub_event_type) = ?)"
        )
        args += [f.type.casefold()] * 4
    if f.actor:
        conds.append(
            "EXISTS (SELECT 1 FROM reports r JOIN report_actors ra ON ra.report_id = r.report_id "
            "WHERE r.event_id = e.event_id "
            "AND (lower(ra.name) LIKE ? OR lower(coalesce(ra.canonical, '')) LIKE ?))"
        )
        args += [f"%{f.actor.casefold()}%"] * 2
    if f.source:
        conds.append(
            "EXISTS (SELECT 1 FROM reports r JOIN articles a ON a.content_hash = r.content_hash "
            "WHERE r.event_id = e.event_id AND (lower(coalesce(r.sources, '')) LIKE ? "
            "OR lower(coalesce(a.url, '')) LIKE ?))"
        )
        args += [f"%{f.source.casefold()}%"] * 2
    if f.min_fatalities is not None:
        conds.append("e.fatalities >= ?")
        args.append(f.min_fatalities)
    if f.modalities is not None:
        conds.append(f"e.modality IN ({', '.join('?' * len(f.modalities))})" if f.modalities else "FALSE")
        args += list(f.modalities)
    return (" AND ".join(conds) or "TRUE"), args


def find_event_ids(db: Backend, f: EventFilter) -> list[str]:
    """Ids of the matching events, by start date then id."""
    where, args = _where(f)
    limit = f" LIMIT {int(f.limit)}" if f.limit else ""
    rows = db.query(
        f"SELECT e.event_id FROM events e WHERE {where} ORDER BY e.date_start NULLS LAST, e.event_id{limit}",
        args,
    )
    return [r["event_id"] for r in rows]


@dataclass(frozen=True, slots=True)
class ArticleRef:
    content_hash: str
    article_id: str
    url: str | None
    title: str | None
    publisher: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class FigureClaim:
    """One number as one source gave it (never averaged with the others)."""

    figure_id: str
    kind: str
    text: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    qualifier: str | None
    hedged: bool
    subject: str | None
    sources: str | None
    publisher: str | None


@dataclass(frozen=True, slots=True)
class StoredReport:
    """One article's report of an event: its ``dateline/1`` event, article and merge decision."""

    report_id: str
    article: ArticleRef
    event: dict[str, Any]
    merge_anchor: str | None
    merge_reason: dict[str, Any]
    sources: str | None
    figures: tuple[FigureClaim, ...] = ()


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """A real-world event: the merged fields plus every report of it."""

    event_id: str
    category: str | None
    plover_type: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    summary: str | None
    modality: str | None
    date_start: date | None
    date_end: date | None
    time_precision: str | None
    location_name: str | None
    geonames_id: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    geo_precision: str | None
    fatalities: int | None
    n_reports: int
    n_articles: int
    updated_at: str
    reports: tuple[StoredReport, ...] = field(default=())

    @property
    def actors(self) -> list[dict[str, Any]]:
        """The reports' actors, de-duplicated by (role, name), first seen first."""
        seen: dict[tuple[str, str], dict[str, Any]] = {}
        for report in self.reports:
            for actor in report.event.get("actors", []):
                seen.setdefault((actor["role"], actor["name"].casefold()), actor)
        return list(seen.values())

    @property
    def sources(self) -> list[str]:
        out: dict[str, None] = {}
        for report in self.reports:
            out.update(dict.fromkeys(s for s in (report.sources or "").split("; ") if s))
        return list(out)


_EVENT_FIELDS = tuple(f for f in StoredEvent.__dataclass_fields__ if f != "reports")


def _chunks(ids: list[str]) -> list[tuple[list[str], str]]:
    return [
        (ids[i : i + _CHUNK], ", ".join("?" * len(ids[i : i + _CHUNK]))) for i in range(0, len(ids), _CHUNK)
    ]


def _claims(rows: list[dict[str, Any]], publisher: dict[str, str | None]) -> dict[str, list[FigureClaim]]:
    out: dict[str, list[FigureClaim]] = {}
    for f in rows:
        out.setdefault(f["report_id"], []).append(
            FigureClaim(
                figure_id=f["figure_id"],
                kind=f["kind"],
                text=f["text"],
                value=f["value"],
                low=f["low"],
                high=f["high"],
                unit=f["unit"],
                qualifier=f["qualifier"],
                hedged=bool(f["hedged"]),
                subject=f["subject_text"],
                sources=f["sources"],
                publisher=publisher.get(f["report_id"]),
            )  # fmt: skip
        )
    return out


def load_events(db: Backend, ids: list[str]) -> list[StoredEvent]:
    """The events ``ids`` (in that order) with their reports and figure claims."""
    events: dict[str, dict[str, Any]] = {}
    reports: dict[str, list[dict[str, Any]]] = {}
    for part, marks in _chunks(ids):
        for row in db.query(f"SELECT * FROM events WHERE event_id IN ({marks})", part):
            events[row["event_id"]] = row
        for row in db.query(
            "SELECT r.report_id, r.event_id, r.merge_anchor, r.merge_reason, r.sources, r.event_json, "
            "a.content_hash, a.article_id, a.url, a.title, a.publisher, a.published FROM reports r "
            f"JOIN articles a ON a.content_hash = r.content_hash WHERE r.event_id IN ({marks}) "
            "ORDER BY r.seq, r.position",
            part,
        ):
            reports.setdefault(row["event_id"], []).append(row)
    report_ids = [r["report_id"] for rows in reports.values() for r in rows]
    publisher = {r["report_id"]: r["publisher"] for rows in reports.values() for r in rows}
    figure_rows: list[dict[str, Any]] = []
    for part, marks in _chunks(report_ids):
        figure_rows += db.query(
            f"SELECT * FROM figures WHERE report_id IN ({marks}) ORDER BY content_hash, span_start", part
        )
    claims = _claims(figure_rows, publisher)
    out = []
    for event_id in ids:
        if event_id not in events:
            continue
        row = events[event_id]
        stored = tuple(
            StoredReport(
                report_id=r["report_id"],
                article=ArticleRef(
                    r["content_hash"], r["article_id"], r["url"], r["title"], r["publisher"], r["published"]
                ),
                event=r["event_json"],
                merge_anchor=r["merge_anchor"],
                merge_reason=r["merge_reason"] or {},
                sources=r["sources"],
                figures=tuple(claims.get(r["report_id"], [])),
            )  # fmt: skip
            for r in reports.get(event_id, [])
        )
        out.append(StoredEvent(**{k: row[k] for k in _EVENT_FIELDS}, reports=stored))
    return out


def load_event(db: Backend, event_id: str) -> StoredEvent:
    """One event by id, or by a unique id prefix (NotFound otherwise)."""
    found = load_events(db, [event_id])
    if found:
        return found[0]
    like = [
        r["event_id"] for r in db.query("SELECT event_id FROM events WHERE event_id LIKE ?", [event_id + "%"])
    ]
    if len(like) == 1:
        return load_events(db, like)[0]
    if like:
        raise NotFound(f"{len(like)} events start with {event_id!r}; give more of the id")
    raise NotFound(f"no event {event_id!r} in this store (list them with `dateline events`)")
