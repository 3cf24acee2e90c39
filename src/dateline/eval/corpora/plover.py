"""PLOVER gold-standard records: 322 edited news sentences coded with a PLOVER event and its dyad.

Each sentence is extracted on its own. The scored event is the one whose trigger lies inside
the gold event words (``eventText``), else the most confident event with a PLOVER type.
Gold categories of the older drafts are mapped to the current ones with
``data/eval/plover_legacy.tsv`` (DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, ...).

* event type accuracy: over all records; no event counts as a miss;
* source / target country: over the records whose gold source (target) lists a country code;
  correct when an actor1 (an actor2 or target) of the scored event has one of those countries.
  CAMEO codes that are not ISO3 are mapped with ``data/eval/cameo_country_codes.tsv``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ...schema import Document, Event
from ..suite import MetricRow, SuiteContext, TextItem
from .common import actor_country, primary_event, read_tsv

__all__ = ["PloverGsr", "PloverRecord", "current_category"]

_DIR, _FILE = "plover-gsr", "PLOVER_GSR_CAMEO.txt"
_ISO3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class PloverRecord:
    key: str
    text: str
    event: str
    event_text: str
    source_countries: frozenset[str]
    target_countries: frozenset[str]


@cache
def _legacy() -> dict[str, str]:
    return dict((old, new) for old, new in read_tsv("plover_legacy.tsv"))


@cache
def _cameo() -> dict[str, str]:
    return dict((code, iso3) for code, iso3 in read_tsv("cameo_country_codes.tsv"))


def current_category(category: str) -> str:
    """The current PLOVER category of a category of an older draft."""
    return _legacy().get(category, category)


def _countries(actors: Any) -> frozenset[str]:
    codes = (
        [str(a.get("code") or "") for a in actors if isinstance(a, dict)] if isinstance(actors, list) else []
    )
    mapped = (_cameo().get(code, code) for code in codes)
    return frozenset(c for c in mapped if _ISO3.match(c))


def _records(path: Path) -> list[PloverRecord]:
    records = json.loads(path.read_text(encoding="utf-8"))
    return [
        PloverRecord(
            key=r["id"],
            text=r["text"],
            event=current_category(r["event"]),
            event_text=r.get("eventText") or "",
            source_countries=_countries(r.get("source")),
            target_countries=_countries(r.get("target")),
        )
        for r in records
        if r.get("event") != "DOCUMENT" and r.get("text")
    ]


def _scored_event(doc: Document | None, record: PloverRecord) -> Event | None:
    words = set(record.event_text.lower().split())

    def in_event_words(e: Event) -> bool:
        return bool(e.plover and e.trigger and set(e.trigger.text.lower().split()) <= words)

    return primary_event(doc, in_event_words) or primary_event(doc, lambda e: e.plover is not None)


class PloverGsr:
    name = "plover-gsr"
    corpora = (_DIR,)

    def available(self, data_dir: Path) -> str | None:
        path = data_dir / _DIR / _FILE
        return None if path.is_file() else f"{path} not found"

    def run(self, ctx: SuiteContext) -> list[MetricRow]:
        records = ctx.take(_records(ctx.data_dir / _DIR / _FILE))
        docs = ctx.extract([TextItem(r.key, r.text) for r in records], desc=self.name)
        typed = source_ok = source_n = target_ok = target_n = 0
        for record in records:
            doc = docs.get(record.key)
            event = _scored_event(doc, record)
            typed += bool(event and event.plover and event.plover.type == record.event)
            actors = [(a.role, actor_country(doc, a)) for a in event.actors] if doc and event else []
            if record.source_countries:
                source_n += 1
                source_ok += any(r == "actor1" and c in record.source_countries for r, c in actors)
            if record.target_countries:
                target_n += 1
                target_ok += any(
                    r in ("actor2", "target") and c in record.target_countries for r, c in actors
                )
        return [
            MetricRow(
                self.name, "event type accuracy", typed / len(records) if records else None, n=len(records)
            ),
            MetricRow(self.name, "source country", source_ok / source_n if source_n else None, n=source_n),
            MetricRow(self.name, "target country", target_ok / target_n if target_n else None, n=target_n),
        ]
