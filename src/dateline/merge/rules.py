"""Whether two event reports describe the same real-world event, and why (or why not).

Four checks, all of which must pass (each returns a human-readable reason):

- **type**: the most specific type both reports have (ACLED sub-event type, ACLED event type,
  PLOVER type, else dateline category) is equal or in one compatible set of ``merge.toml``;
- **time**: the intervals overlap once widened by the precision's tolerance;
- **place**: both have coordinates, no further apart than the coarser precision's radius when
  the precisions differ (a town inside a district), or than ``same_place_km`` when they are equal
  (two district centroids 20 km apart are two districts); for country/region precision, the same
  country; reports without a place never merge;
- **actors**: when both name principal actors (actor1/actor2/target), one of them is the same
  actor in both (same canonical name, names sharing a non-generic word, or same kind and
  country), and when both name two or more, two of them are (both sides of a clash);
  when either place is coarse (``actor_match_required_for``, e.g. only "Syria"), such a pair is
  required.

Reports of the same article never merge (the extractor already decided they differ), nor do
reports of different modality groups (a planned strike is not the strike).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from ..resolve.geo.store import haversine_km
from .params import MergeParams

__all__ = ["ActorKey", "PairCheck", "ReportKey", "check_pair"]

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class ActorKey:
    role: str
    name: str
    canonical: str | None = None
    kind: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class ReportKey:
    """What merging needs to know about one event report (one event of one article)."""

    report_id: str
    article: str
    seq: int
    position: int
    category: str | None
    modality_group: str
    date_start: date | None = None
    date_end: date | None = None
    time_precision: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    geo_precision: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    plover_type: str | None = None
    actors: tuple[ActorKey, ...] = ()

    @property
    def order(self) -> tuple[int, int]:
        return (self.seq, self.position)

    @property
    def mergeable(self) -> bool:
        return self.date_start is not None and self.date_end is not None and self.has_place

    @property
    def has_place(self) -> bool:
        return (self.lat is not None and self.lon is not None) or (
            self.country is not None and self.geo_precision in ("country", "region")
        )


@dataclass(frozen=True, slots=True)
class PairCheck:
    """The verdict on one pair: ``ok``, a ``cost`` (lower = closer) and a reason per check."""

    ok: bool
    cost: float
    reasons: dict[str, str]
    failed: str | None = None


def _same_or_compatible(level: str, a: str, b: str, params: MergeParams) -> bool:
    if a.casefold() == b.casefold():
        return True
    return any(a in group and b in group for group in params.compatible.get(level, ()))


def _type(a: ReportKey, b: ReportKey, params: MergeParams) -> tuple[bool, str]:
    if a.category and b.category and not _same_or_compatible("category", a.category, b.category, params):
        return False, f"categories differ ({a.category} vs {b.category})"
    levels = (
        ("acled_sub_event_type", a.acled_sub_event_type, b.acled_sub_event_type),
        ("acled_event_type", a.acled_event_type, b.acled_event_type),
        ("plover", a.plover_type, b.plover_type),
    )
    for level, x, y in levels:
        if x and y:
            ok = _same_or_compatible(level, x, y, params)
            verdict = "same" if x.casefold() == y.casefold() else "compatible" if ok else "different"
            return ok, f"{verdict} {level.replace('_', ' ')} ({x}" + ("" if x == y else f" / {y}") + ")"
    return True, f"compatible category ({a.category} / {b.category})"


def _time(a: ReportKey, b: ReportKey, params: MergeParams) -> tuple[bool, str, float]:
    assert a.date_start and a.date_end and b.date_start and b.date_end
    tol = max(
        params.time_tolerance_days.get(a.time_precision or "day", 0),
        params.time_tolerance_days.get(b.time_precision or "day", 0),
    )
    for key in (a, b):
        if (key.date_end - key.date_start).days > params.max_interval_days:  # type: ignore[operator]
            return False, f"{key.report_id} spans more than {params.max_interval_days} days", 0.0
    gap = max((a.date_start - b.date_end).days, (b.date_start - a.date_end).days, 0)  # type: ignore[operator]
    where = f"{_interval(a)} ({a.time_precision}) vs {_interval(b)} ({b.time_precision})"
    if gap > tol:
        return False, f"{gap} days apart, tolerance {tol}: {where}", 0.0
    return True, ("overlapping" if gap == 0 else f"{gap} day(s) apart, within {tol}") + f": {where}", gap


def _interval(k: ReportKey) -> str:
    return str(k.date_start) if k.date_start == k.date_end else f"{k.date_start}..{k.date_end}"


def _place(a: ReportKey, b: ReportKey, params: MergeParams) -> tuple[bool, str, float]:
    if a.country and b.country and a.country.upper() != b.country.upper():
        return False, f"different countries ({a.country} vs {b.country})", 0.0
    pa, pb = a.geo_precision or "city", b.geo_precision or "city"
    if pa not in params.radius_km or pb not in params.radius_km:
        same = bool(a.country and b.country)
        reason = f"same country {a.country} (country/region precision)" if same else "no common country"
        return same, reason, 0.5
    if pa == pb:
        limit = params.same_place_km.get(pa, params.radius_km[pa])
    else:
        limit = max(params.radius_km[pa], params.radius_km[pb])
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False, "a place without coordinates", 0.0
    km = haversine_km(a.lat, a.lon, b.lat, b.lon)
    ok = km <= limit
    reason = f"{km:.1f} km apart, limit {limit:g} km ({a.geo_precision}/{b.geo_precision})"
    return ok, reason, km / limit if limit else 0.0


def _words(name: str | None, generic: frozenset[str]) -> frozenset[str]:
    if not name:
        return frozenset()
    return frozenset(w for w in _WORD.findall(name.casefold()) if w not in generic)


def _actor_match(x: ActorKey, y: ActorKey, params: MergeParams) -> str | None:
    if x.canonical and y.canonical:
        return (
            f"same canonical actor {x.canonical!r}"
            if x.canonical.casefold() == y.canonical.casefold()
            else None
        )
    wx = _words(x.name, params.generic_words) | _words(x.canonical, params.generic_words)
    wy = _words(y.name, params.generic_words) | _words(y.canonical, params.generic_words)
    shared = wx & wy
    if shared:
        return f"{x.name!r} ~ {y.name!r} (share {', '.join(sorted(shared))})"
    if x.kind and y.kind and x.kind == y.kind and x.country and x.country == y.country:
        return f"{x.name!r} ~ {y.name!r} (both {x.kind}, {x.country})"
    return None


def _actors(a: ReportKey, b: ReportKey, params: MergeParams) -> tuple[bool, str, float]:
    coarse = {a.geo_precision, b.geo_precision} & params.actor_match_required_for
    if not a.actors or not b.actors:
        if coarse:
            return False, f"no common actor named, required at {'/'.join(sorted(coarse))} precision", 0.0
        return True, "no actors to compare", 0.0
    small, large = sorted((_distinct(a.actors), _distinct(b.actors)), key=len)
    found = [
        why for x in small if (why := next((w for y in large if (w := _actor_match(x, y, params))), None))
    ]
    need = min(2, len(small))  # two named sides on both: both sides must be the same
    if len(found) >= need:
        return True, "; ".join(found), -0.25
    names = lambda k: ", ".join(sorted({x.name for x in k.actors}))  # noqa: E731
    if found:
        return False, f"only one side in common ({found[0]}): {names(a)} vs {names(b)}", 0.0
    return False, f"no common actor ({names(a)} vs {names(b)})", 0.0


def _distinct(actors: tuple[ActorKey, ...]) -> list[ActorKey]:
    seen: dict[str, ActorKey] = {}
    for actor in actors:
        seen.setdefault((actor.canonical or actor.name).casefold(), actor)
    return list(seen.values())


def check_pair(a: ReportKey, b: ReportKey, params: MergeParams) -> PairCheck:
    """Run every check on ``a`` and ``b``; stop at the first that fails."""
    reasons: dict[str, str] = {}
    if a.article == b.article:
        return PairCheck(False, math.inf, {"article": "same article"}, "article")
    if a.modality_group != b.modality_group:
        why = f"modalities differ ({a.modality_group} vs {b.modality_group})"
        return PairCheck(False, math.inf, {"modality": why}, "modality")
    if not (a.mergeable and b.mergeable):
        return PairCheck(False, math.inf, {"data": "a report without a time or place"}, "data")
    ok, reasons["type"] = _type(a, b, params)
    if not ok:
        return PairCheck(False, math.inf, reasons, "type")
    ok, reasons["time"], gap = _time(a, b, params)
    if not ok:
        return PairCheck(False, math.inf, reasons, "time")
    ok, reasons["place"], distance = _place(a, b, params)
    if not ok:
        return PairCheck(False, math.inf, reasons, "place")
    ok, reasons["actors"], bonus = _actors(a, b, params)
    if not ok:
        return PairCheck(False, math.inf, reasons, "actors")
    return PairCheck(True, distance + 0.5 * gap + bonus, reasons)
