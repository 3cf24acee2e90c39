"""Events as rows with ACLED's public column set (mapping in ``data/export/acled.toml``)."""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

from ..store.countries import country as lookup_country
from ..store.query import StoredEvent

__all__ = ["ACLED_COLUMNS", "acled_row", "interaction"]

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
_EXTERNAL = 8
_CIVILIANS = 7


@cache
def _mapping() -> dict[str, Any]:
    text = resources.files("dateline").joinpath("data/export/acled.toml").read_text("utf-8")
    return tomllib.loads(text)


def interaction(inter1: int, inter2: int) -> int:
    """ACLED's joint code: the two inter codes, lower first (``17``); a lone actor is ``10 * code``."""
    low, high = sorted((inter1, inter2))
    return high * 10 if low == 0 else low * 10 + high


def _inter(actor: dict[str, Any] | None, event_type: str, event_iso3: str | None, first: bool) -> int:
    if actor is None:
        return 0
    m = _mapping()
    if first and event_type in m["crowd_inter"]:
        return int(m["crowd_inter"][event_type])
    kind = actor.get("kind") or "other"
    code = int(m["inter_by_kind"].get(kind, 0))
    home = lookup_country(actor.get("country"))
    if kind in m["state_kinds"] and home and event_iso3 and home.iso3 != event_iso3:
        return _EXTERNAL
    return code


def _actors(event: StoredEvent) -> tuple[dict[str, Any] | None, list[str], dict[str, Any] | None, list[str]]:
    ones = [a for a in event.actors if a["role"] == "actor1"]
    twos = [a for a in event.actors if a["role"] == "actor2"] + [
        a for a in event.actors if a["role"] == "target"
    ]
    assoc = [a["name"] for a in event.actors if a["role"] == "assoc"]
    first = ones[0] if ones else None
    second = twos[0] if twos else None
    return first, [a["name"] for a in ones[1:]] + assoc, second, [a["name"] for a in twos[1:]]


def _event_date(event: StoredEvent) -> date | None:
    if event.date_start is None or event.date_end is None:
        return event.date_start
    return event.date_start + (event.date_end - event.date_start) / 2


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _notes(event: StoredEvent, when: date | None) -> str:
    day = f"On {when.day} {when:%B %Y}, " if when else ""
    summary = (event.summary or "").strip().rstrip(".")
    text = f"{day}{summary[:1].lower() + summary[1:] if day else summary}."
    claims = []
    for report in event.reports:
        for f in report.figures:
            number = _fmt(f.value) or "-".join(x for x in (_fmt(f.low), _fmt(f.high)) if x)
            who = " via ".join(x for x in (f.sources, f.publisher) if x) or "unattributed"
            claims.append(f"{f.kind} {number} ({who})")
    if claims:
        text += " Claims: " + "; ".join(claims) + "."
    if event.n_articles > 1:
        text += f" [{event.n_articles} articles]"
    return text


def acled_row(event: StoredEvent) -> dict[str, Any] | None:
    """One ACLED row, or None for an event outside ACLED's scope (no ACLED event type)."""
    m = _mapping()
    event_type = event.acled_event_type or m["event_type_by_category"].get(event.category or "")
    if not event_type:
        return None
    sub_type = event.acled_sub_event_type or ""
    place = lookup_country(event.country)
    iso3 = place.iso3 if place else None
    first, assoc1, second, assoc2 = _actors(event)
    inter1 = _inter(first, event_type, iso3, True)
    inter2 = _inter(second, event_type, iso3, False)
    disorder = m["disorder_type"].get(f"{event_type}/{sub_type}") or m["disorder_type"].get(event_type, "")
    when = _event_date(event)
    publishers = list(dict.fromkeys(r.article.publisher for r in event.reports if r.article.publisher))
    updated = datetime.fromisoformat(event.updated_at)
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}-{event.event_id.removeprefix('ev-')}",
        "event_date": when.isoformat() if when else "",
        "year": when.year if when else None,
        "time_precision": int(m["time_precision"].get(event.time_precision or "undated", 3)),
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": sub_type,
        "actor1": first["name"] if first else "",
        "assoc_actor_1": "; ".join(assoc1),
        "inter1": inter1,
        "actor2": second["name"] if second else "",
        "assoc_actor_2": "; ".join(assoc2),
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting"
        if inter2 == _CIVILIANS and disorder.startswith("Political violence")
        else "",
        "iso": place.numeric if place else None,
        "region": place.region if place else "",
        "country": place.name if place else (event.country or ""),
        "admin1": event.admin1 or "",
        "admin2": "",
        "admin3": "",
        "location": event.location_name or "",
        "latitude": round(event.lat, 4) if event.lat is not None else None,
        "longitude": round(event.lon, 4) if event.lon is not None else None,
        "geo_precision": int(m["geo_precision"].get(event.geo_precision or "region", 3)),
        "source": "; ".join(publishers),
        "source_scale": "",
        "notes": _notes(event, when),
        "fatalities": event.fatalities or 0,
        "tags": "crowd size=no report" if event_type == "Protests" else "",
        "timestamp": int(updated.timestamp()),
    }
