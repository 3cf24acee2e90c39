"""A ``dateline/1`` Document flattened into the store's rows (pure functions, no I/O)."""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..merge.params import MergeParams
from ..merge.rules import ActorKey, ReportKey
from ..schema import Document, Event, Figure, Location, TimeRef
from .countries import iso2

__all__ = ["ReportData", "article_row", "figure_rows", "interval", "report_data", "version_key"]

PRINCIPAL_ROLES = ("actor1", "actor2", "target")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def version_key(doc: Document) -> str | None:
    """What identifies "the same article" across versions: its URL, else the input's own id."""
    article = doc.article
    if article.url:
        return "url:" + article.url.strip().split("#", 1)[0]
    if article.id and article.id != article.content_hash:
        return "id:" + article.id
    return None


def source_label(doc: Document) -> str:
    """How the article's input is named in failures and logs (as the ingest readers name it)."""
    article, src = doc.article, doc.article.source
    label = article.url or (src.path if src else None) or article.id
    if src and src.record:
        label = f"{label}#{src.record}"
    return label


def article_row(doc: Document, document: dict[str, Any], seq: int, now: str) -> dict[str, Any]:
    a, src = doc.article, doc.article.source
    return {
        "content_hash": a.content_hash, "seq": seq, "article_id": a.id, "version_key": version_key(doc),
        "superseded_by": None, "url": a.url, "title": a.title, "publisher": a.publisher,
        "byline": a.byline, "published": a.published, "language": a.language,
        "source_path": src.path if src else None, "source_format": src.format if src else None,
        "source_record": src.record if src else None, "source_label": source_label(doc),
        "n_events": len(doc.events), "n_figures": len(doc.figures), "n_quotes": len(doc.quotes),
        "ingested_at": now, "document": _json(document),
    }  # fmt: skip


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _expand(start: date, precision: str | None) -> date:
    if precision == "week":
        return start + timedelta(days=6)
    if precision == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if precision == "season":
        return start + timedelta(days=91)
    if precision == "year":
        return start.replace(month=12, day=31)
    return start


@dataclass(frozen=True, slots=True)
class Interval:
    start: date | None
    end: date | None
    precision: str | None
    source: str | None


def interval(time: TimeRef | None, published: str | None, params: MergeParams) -> Interval:
    """The calendar days an event covers; from the publication date when its time is unresolved."""
    start = _date(time.start) if time else None
    if start is not None:
        precision = str(time.precision) if time and time.precision else "day"
        end = _date(time.end) if time and time.end else None
        return Interval(start, max(end or _expand(start, precision), start), precision, "event")
    pub = _date(published)
    if pub is not None:
        return Interval(pub - timedelta(days=params.undated_window_days), pub, "undated", "published")
    return Interval(None, None, None, None)


def _killed(doc: Document, event: Event) -> float | None:
    """The largest 'killed' number this report gives for its event (None when it gives none)."""
    values = [
        v for f in doc.figures
        if f.kind == "killed" and (f.event_id == event.id or f.id in event.figures)
        and (v := _figure_number(f)) is not None
    ]  # fmt: skip
    return max(values) if values else None


def _figure_number(f: Figure) -> float | None:
    return next((v for v in (f.value, f.low, f.high) if v is not None), None)


def _location_fields(loc: Location | None) -> dict[str, Any]:
    if loc is None:
        return dict.fromkeys(
            ("location_name", "geonames_id", "lat", "lon", "country", "admin1", "geo_precision")
        )
    return {
        "location_name": loc.name, "geonames_id": loc.geonames_id, "lat": loc.lat, "lon": loc.lon,
        "country": iso2(loc.country), "admin1": loc.admin1,
        "geo_precision": str(loc.precision) if loc.precision else None,
    }  # fmt: skip


@dataclass(frozen=True, slots=True)
class ReportData:
    """One event of one article: its merge key, its ``reports`` row and its actor rows."""

    key: ReportKey
    row: dict[str, Any]
    actors: tuple[dict[str, Any], ...]


def report_id(content_hash: str, local_id: str) -> str:
    return f"{content_hash}/{local_id}"


def report_data(doc: Document, document: dict[str, Any], seq: int, params: MergeParams) -> list[ReportData]:
    """The reports of one document, in document order."""
    canon = {a.id: a.canonical for a in doc.actors}
    out = []
    for position, (event, event_json) in enumerate(zip(doc.events, document["events"], strict=True)):
        rid = report_id(doc.article.content_hash, event.id)
        span = interval(event.time, doc.article.published, params)
        group = params.modality_groups.get(str(event.modality), str(event.modality))
        sources = [doc.article.publisher or ""] + [a.source for a in event.attribution]
        sources += [a.via for a in event.attribution if a.via]
        row = {
            "report_id": rid, "content_hash": doc.article.content_hash, "local_id": event.id, "seq": seq,
            "position": position, "event_id": None, "merge_anchor": None, "merge_reason": None,
            "category": str(event.category), "plover_type": event.plover.type if event.plover else None,
            "acled_event_type": event.acled.event_type if event.acled else None,
            "acled_sub_event_type": event.acled.sub_event_type if event.acled else None,
            "summary": event.summary, "trigger_text": event.trigger.text if event.trigger else None,
            "modality": str(event.modality), "modality_group": group,
            "date_start": span.start, "date_end": span.end, "time_precision": span.precision,
            "time_text": event.time.text if event.time else None, "time_source": span.source,
            **_location_fields(event.location),
            "confidence": event.confidence, "killed": _killed(doc, event),
            "sources": "; ".join(dict.fromkeys(s for s in sources if s)), "event_json": _json(event_json),
        }  # fmt: skip
        actors = tuple(
            {
                "report_id": rid,
                "position": i,
                "role": str(a.role),
                "name": a.name,
                "actor_id": a.actor_id,
                "canonical": canon.get(a.actor_id or ""),
                "kind": str(a.kind) if a.kind else None,
                "country": a.country,
            }  # fmt: skip
            for i, a in enumerate(event.actors)
        )
        out.append(ReportData(key=key_from_row(row, actors), row=row, actors=actors))
    return out


def key_from_row(row: dict[str, Any], actors: tuple[dict[str, Any], ...] | list[dict[str, Any]]) -> ReportKey:
    """The merge key of a ``reports`` row and its ``report_actors`` rows."""
    return ReportKey(
        report_id=row["report_id"], article=row["content_hash"], seq=int(row["seq"]),
        position=int(row["position"]), category=row["category"], modality_group=row["modality_group"],
        date_start=row["date_start"], date_end=row["date_end"], time_precision=row["time_precision"],
        lat=row["lat"], lon=row["lon"], country=row["country"], geo_precision=row["geo_precision"],
        acled_event_type=row["acled_event_type"], acled_sub_event_type=row["acled_sub_event_type"],
        plover_type=row["plover_type"],
        actors=tuple(
            ActorKey(a["role"], a["name"], canonical=a["canonical"], kind=a["kind"], country=a["country"])
            for a in sorted(actors, key=lambda a: a["position"]) if a["role"] in PRINCIPAL_ROLES
        ),
    )  # fmt: skip


def figure_rows(doc: Document, document: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per figure (a claim), linked to its event's report when it has one."""
    owner = {fid: e.id for e in doc.events for fid in e.figures}
    events = {e.id for e in doc.events}
    rows = []
    for f, fj in zip(doc.figures, document["figures"], strict=True):
        local = f.event_id if f.event_id in events else owner.get(f.id)
        sources = "; ".join(dict.fromkeys(a.source for a in f.attribution))
        rows.append({
            "content_hash": doc.article.content_hash, "figure_id": f.id,
            "report_id": report_id(doc.article.content_hash, local) if local else None,
            "kind": f.kind, "value": f.value, "low": f.low, "high": f.high, "unit": f.unit,
            "qualifier": str(f.qualifier), "hedged": f.hedged,
            "subject_text": f.subject.text if f.subject else None,
            "subject_kind": f.subject.kind if f.subject else None,
            "text": f.text, "span_start": f.start, "span_end": f.end, "sources": sources or None,
            "attribution": _json(fj["attribution"]), "location": _json(fj["location"]),
            "time": _json(fj["time"]),
        })  # fmt: skip
    return rows


def actor_rows(doc: Document, document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "content_hash": doc.article.content_hash,
            "actor_id": a.id,
            "name": a.name,
            "canonical": a.canonical,
            "kind": str(a.kind) if a.kind else None,
            "country": a.country,
            "label": a.label,
            "aliases": _json(aj["aliases"]),
            "mentions": _json(aj["mentions"]),
        }  # fmt: skip
        for a, aj in zip(doc.actors, document["actors"], strict=True)
    ]


def place_rows(doc: Document, document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "content_hash": doc.article.content_hash,
            "place_id": p.id,
            "text": p.text,
            "geonames_id": p.geonames_id,
            "name": p.name,
            "lat": p.lat,
            "lon": p.lon,
            "country": p.country,
            "admin1": p.admin1,
            "feature": p.feature,
            "precision": str(p.precision) if p.precision else None,
            "label": p.label,
            "mentions": _json(pj["mentions"]),
        }  # fmt: skip
        for p, pj in zip(doc.places, document["places"], strict=True)
    ]


def quote_rows(doc: Document, document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "content_hash": doc.article.content_hash,
            "quote_id": q.id,
            "text": q.text,
            "span_start": q.start,
            "span_end": q.end,
            "speaker": q.speaker,
            "speaker_actor_id": q.speaker_actor_id,
            "speaker_description": q.speaker_description,
            "via": q.via,
            "direct": q.direct,
            "time": _json(qj["time"]),
        }  # fmt: skip
        for q, qj in zip(doc.quotes, document["quotes"], strict=True)
    ]
