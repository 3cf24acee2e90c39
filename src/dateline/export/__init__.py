"""Export stored events: JSON Lines, CSV, ACLED CSV, GeoJSON and Parquet."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import ConfigError
from ..store import EventFilter, Store
from ..store.query import REALIS
from .acled import ACLED_COLUMNS, acled_row
from .formats import FLAT_COLUMNS, flat_row, write_csv, write_geojson, write_jsonl, write_parquet

__all__ = ["FORMATS", "ExportResult", "export_events"]

log = logging.getLogger(__name__)

FORMATS = ("jsonl", "csv", "acled", "geojson", "parquet")


@dataclass(frozen=True, slots=True)
class ExportResult:
    """Rows written, and events left out (with why)."""

    written: int
    left_out: int
    reason: str | None
    path: str


def export_events(
    db: str | None, fmt: str, output: str, where: EventFilter | None = None, *, all_modalities: bool = False
) -> ExportResult:
    """Write the events of ``db`` matching ``where`` to ``output`` in ``fmt``.

    The ``acled`` format keeps only asserted/ongoing events (not negated, planned, hypothetical,
    intended or hoped) unless ``all_modalities``, and only events with an ACLED type. The file is
    written beside ``output`` and renamed into place, so a failed export never leaves half a file.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    where = where or EventFilter()
    if fmt == "acled" and not all_modalities and where.modalities is None:
        where = replace(where, modalities=REALIS)
    path = Path(output)
    tmp = path.with_name(f".{path.name}.partial")
    left_out, reason = 0, None
    with Store.open(db, create=False) as store:
        events = store.iter_events(where)
        if fmt == "parquet":
            written = write_parquet(events, tmp)
        else:
            with open(tmp, "w", encoding="utf-8", newline="") as out:
                if fmt == "jsonl":
                    written = write_jsonl(events, out)
                elif fmt == "csv":
                    written = write_csv((flat_row(e) for e in events), FLAT_COLUMNS, out)
                elif fmt == "geojson":
                    written, left_out = write_geojson(events, out)
                    reason = "no coordinates"
                else:
                    counter = _Counter()
                    rows = (r for e in events if (r := counter.keep(acled_row(e))) is not None)
                    written = write_csv(rows, ACLED_COLUMNS, out)
                    left_out, reason = counter.dropped, "no ACLED event type"
    os.replace(tmp, path)
    if left_out:
        log.warning("%d events left out of the %s export: %s", left_out, fmt, reason)
    return ExportResult(written, left_out, reason if left_out else None, str(path))


class _Counter:
    def __init__(self) -> None:
        self.dropped = 0

    def keep(self, row: dict | None) -> dict | None:  # type: ignore[type-arg]
        if row is None:
            self.dropped += 1
        return row
