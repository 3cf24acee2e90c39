"""Pairwise precision/recall of merging, measured on an ACLED export.

ACLED rows are already de-duplicated events, and each lists the sources that reported it. Each
(event, source) becomes one *report* carrying ACLED's coding; two reports are the same event
(a gold pair) exactly when they come from the same ACLED row. Distinct ACLED events on the same
day and near each other (many per day in Ukraine, Yemen, Syria...) are the hard negatives.

Two variants:

- ``exact``: every source reports the event as ACLED coded it;
- ``degraded``: every second source of an event reports it more vaguely, as news often does:
  only the province (admin1 precision, at the mean position of that province's events in the
  file), only the week (7 days around the date), and without the second actor.

Run: ``python -m dateline.merge.evaluate [CSV] [--limit N] [--set radius_km.city=10 ...]``.
"""

from __future__ import annotations

import argparse
import csv
import logging
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from math import comb
from pathlib import Path

from ..errors import CorpusUnavailable
from .cluster import cluster_reports
from .params import MergeParams, default_params
from .rules import ActorKey, ReportKey

__all__ = ["PairScores", "acled_reports", "evaluate", "pair_scores"]

log = logging.getLogger(__name__)

DEFAULT_CSV = Path("..", "shared", "data", "acled-2020-05-sample", "acled_2020-05-01_to_09_global.csv")
_CATEGORY = {
    "Battles": "conflict", "Explosions/Remote violence": "remote_violence",
    "Violence against civilians": "violence_against_civilians", "Protests": "protest", "Riots": "protest",
    "Strategic developments": "other",
}  # fmt: skip
_KIND = {"1": "military", "2": "rebel", "3": "militia", "4": "militia", "5": "civilian", "6": "civilian",
         "7": "civilian", "8": "other"}  # fmt: skip
_GEO = {"1": "city", "2": "admin2", "3": "admin1"}


@dataclass(frozen=True, slots=True)
class PairScores:
    reports: int
    events_gold: int
    clusters: int
    gold_pairs: int
    predicted_pairs: int
    true_pairs: int

    @property
    def precision(self) -> float:
        return self.true_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.true_pairs / self.gold_pairs if self.gold_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _date(text: str) -> date:
    for fmt in ("%d-%b-%y", "%d %B %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unknown ACLED date {text!r}")


def _interval(day: date, precision: str) -> tuple[date, date, str]:
    if precision == "2":
        return day - timedelta(days=3), day + timedelta(days=3), "week"
    if precision == "3":
        first = day.replace(day=1)
        return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1), "month"
    return day, day, "day"


def acled_reports(rows: list[dict[str, str]], *, degraded: bool) -> tuple[list[ReportKey], dict[str, str]]:
    """Reports from ACLED rows, and each report's gold event id."""
    centroid: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in rows:
        centroid[(row["country"], row["admin1"])].append((float(row["latitude"]), float(row["longitude"])))
    reports, gold = [], {}
    seq = 0
    for row in rows:
        sources = [s.strip() for s in row["source"].split(";") if s.strip()] or ["unknown"]
        day = _date(row["event_date"])
        for i, _source in enumerate(sources):
            seq += 1
            vague = degraded and i % 2 == 1
            start, end, precision = _interval(day, "2" if vague else row["time_precision"])
            lat, lon, geo = (
                float(row["latitude"]),
                float(row["longitude"]),
                _GEO.get(row["geo_precision"], "city"),
            )
            if vague:
                points = centroid[(row["country"], row["admin1"])]
                lat, lon, geo = (
                    sum(p[0] for p in points) / len(points),
                    sum(p[1] for p in points) / len(points),
                    "admin1",
                )
            actors = [ActorKey("actor1", row["actor1"], kind=_KIND.get(row["inter1"]))]
            if row["actor2"] and not vague:
                actors.append(ActorKey("actor2", row["actor2"], kind=_KIND.get(row["inter2"])))
            rid = f"{row['event_id_cnty']}/{i}"
            reports.append(ReportKey(
                report_id=rid, article=rid, seq=seq, position=0, category=_CATEGORY.get(row["event_type"]),
                modality_group="factual", date_start=start, date_end=end, time_precision=precision, lat=lat,
                lon=lon, country=row["iso3"] or row["country"], geo_precision=geo,
                acled_event_type=row["event_type"], acled_sub_event_type=row["sub_event_type"],
                actors=tuple(actors),
            ))  # fmt: skip
            gold[rid] = row["event_id_cnty"]
    return reports, gold


def pair_scores(clusters: dict[str, str], gold: dict[str, str]) -> PairScores:
    """Pairwise scores of a clustering (report -> cluster) against gold (report -> event)."""
    both = Counter((clusters[r], gold[r]) for r in gold)
    predicted = Counter(clusters[r] for r in gold)
    truth = Counter(gold.values())
    return PairScores(
        reports=len(gold), events_gold=len(truth), clusters=len(predicted),
        gold_pairs=sum(comb(n, 2) for n in truth.values()),
        predicted_pairs=sum(comb(n, 2) for n in predicted.values()),
        true_pairs=sum(comb(n, 2) for n in both.values()),
    )  # fmt: skip


def evaluate(rows: list[dict[str, str]], params: MergeParams, *, degraded: bool) -> PairScores:
    reports, gold = acled_reports(rows, degraded=degraded)
    assignments = cluster_reports(reports, params)
    return pair_scores({a.report_id: a.event_id for a in assignments}, gold)


def _read(path: Path, limit: int | None) -> list[dict[str, str]]:
    if not path.is_file():
        raise CorpusUnavailable(f"no ACLED CSV at {path}", source=str(path))
    with open(path, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r.get("latitude") and r.get("event_date")]
    rows.sort(key=lambda r: (_date(r["event_date"]), r["event_id_cnty"]))
    return rows[:limit] if limit else rows


def _table(results: Iterable[tuple[str, PairScores]]) -> str:
    head = "| variant | reports | gold events | clusters | gold pairs | predicted pairs | P | R | F1 |"
    lines = [head, "|---|---|---|---|---|---|---|---|---|"]
    for name, s in results:
        lines.append(
            f"| {name} | {s.reports} | {s.events_gold} | {s.clusters} | {s.gold_pairs} | {s.predicted_pairs} "
            f"| {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--limit", type=int, help="first N events (by date)")
    parser.add_argument("--set", dest="assignments", action="append", default=[], metavar="KEY=VALUE")
    args = parser.parse_args(argv)
    params = default_params().with_overrides(dict(a.split("=", 1) for a in args.assignments))
    try:
        rows = _read(args.csv, args.limit)
    except CorpusUnavailable as exc:
        sys.stderr.write(f"dateline: {exc}\n")
        return 2
    results = [(v, evaluate(rows, params, degraded=v == "degraded")) for v in ("exact", "degraded")]
    sys.stdout.write(_table(results) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
