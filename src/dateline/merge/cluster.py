"""Greedy, order-stable clustering of event reports into events.

Reports are taken in ingest order (article sequence, then position in the article). Each one
joins the existing event whose *every* report it is compatible with (complete linkage, so
chains of "almost the same" never drift), choosing the closest if several qualify; otherwise it
starts a new event. The same function serves both incremental ingest (the store supplies the
candidate events from SQL) and a full rebuild (:func:`cluster_reports`), so rebuilding with
the same parameters reproduces the clusters ingest built.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from .params import MergeParams
from .rules import PairCheck, ReportKey, check_pair

__all__ = ["Assignment", "choose_event", "cluster_reports", "new_event_id"]

_MAX_REJECTIONS = 3


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one report goes: an existing ``event_id`` or a new one, with the explanation."""

    report_id: str
    event_id: str
    merged: bool
    anchor: str | None
    explanation: dict[str, Any] = field(default_factory=dict)


def new_event_id(report_id: str) -> str:
    """The id of an event started by ``report_id`` (stable across rebuilds)."""
    return "ev-" + hashlib.sha256(report_id.encode("utf-8")).hexdigest()[:12]


def _cluster_check(report: ReportKey, members: Sequence[ReportKey], params: MergeParams) -> tuple[
    PairCheck, ReportKey
]:  # fmt: skip
    """The verdict against a whole cluster: the first failing pair, else the closest member."""
    best: tuple[PairCheck, ReportKey] | None = None
    for member in sorted(members, key=lambda m: m.order):
        verdict = check_pair(report, member, params)
        if not verdict.ok:
            return verdict, member
        if best is None or verdict.cost < best[0].cost:
            best = (verdict, member)
    assert best is not None
    return best


def choose_event(
    report: ReportKey, candidates: Mapping[str, Sequence[ReportKey]], params: MergeParams
) -> Assignment:
    """Assign ``report`` to one of ``candidates`` (event id -> its reports) or to a new event."""
    if not report.mergeable:
        why = "no resolved place" if not report.has_place else "no time (and no publication date)"
        explanation = {"decision": "new", "reason": f"not mergeable: {why}"}
        return Assignment(report.report_id, new_event_id(report.report_id), False, None, explanation)
    accepted: list[tuple[float, tuple[int, int], str, PairCheck, ReportKey]] = []
    rejected: list[tuple[float, dict[str, Any]]] = []
    for event_id, members in candidates.items():
        if not members:
            continue
        verdict, member = _cluster_check(report, members, params)
        first = min(m.order for m in members)
        if verdict.ok:
            accepted.append((verdict.cost, first, event_id, verdict, member))
        else:
            rank = len(verdict.reasons)  # more checks passed = nearer miss
            rejected.append(
                (-rank, {"event_id": event_id, "report_id": member.report_id, "failed": verdict.failed,
                         "reason": verdict.reasons.get(verdict.failed or "", "")})
            )  # fmt: skip
    rejected.sort(key=lambda r: (r[0], r[1]["event_id"]))
    near_misses = [r for _, r in rejected[:_MAX_REJECTIONS]]
    if not accepted:
        explanation = {"decision": "new", "reason": "no compatible event", "checked_events": len(candidates)}
        if near_misses:
            explanation["rejected"] = near_misses
        return Assignment(report.report_id, new_event_id(report.report_id), False, None, explanation)
    cost, _, event_id, verdict, anchor = min(accepted, key=lambda a: (a[0], a[1], a[2]))
    explanation = {
        "decision": "merged",
        "anchor": anchor.report_id,
        "checks": verdict.reasons,
        "cost": None if math.isinf(cost) else round(cost, 4),
        "checked_events": len(candidates),
        "compatible_events": len(accepted),
    }
    return Assignment(report.report_id, event_id, True, anchor.report_id, explanation)


class _DayIndex:
    """Events by (modality group, day) so candidates are found without scanning everything."""

    def __init__(self, params: MergeParams) -> None:
        self.params = params
        self.slack = max(params.time_tolerance_days.values(), default=0)
        self.by_day: dict[tuple[str, int], set[str]] = defaultdict(set)

    def _days(self, report: ReportKey, slack: int) -> range:
        assert report.date_start and report.date_end
        start = (report.date_start - timedelta(days=slack)).toordinal()
        end = (report.date_end + timedelta(days=slack)).toordinal()
        return range(start, min(end, start + self.params.max_interval_days + 2 * slack + 1) + 1)

    def add(self, report: ReportKey, event_id: str) -> None:
        if report.mergeable:
            for day in self._days(report, 0):
                self.by_day[(report.modality_group, day)].add(event_id)

    def candidates(self, report: ReportKey) -> set[str]:
        found: set[str] = set()
        if report.mergeable:
            for day in self._days(report, self.slack):
                found |= self.by_day.get((report.modality_group, day), set())
        return found


def cluster_reports(reports: Iterable[ReportKey], params: MergeParams) -> list[Assignment]:
    """Cluster all ``reports`` from scratch, in ingest order; one Assignment per report."""
    members: dict[str, list[ReportKey]] = {}
    index = _DayIndex(params)
    out: list[Assignment] = []
    for report in sorted(reports, key=lambda r: r.order):
        candidates = {eid: members[eid] for eid in sorted(index.candidates(report))}
        assignment = choose_event(report, candidates, params)
        members.setdefault(assignment.event_id, []).append(report)
        index.add(report, assignment.event_id)
        out.append(assignment)
    return out
