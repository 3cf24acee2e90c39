"""The event store: documents in, events out; one transaction per article.

Identity rule (idempotent ingest):

- an article whose ``content_hash`` (hash of its normalised text) is already stored is a
  **duplicate** and is skipped, whatever its URL or file;
- an article with a new hash but the same **version key** as a stored one (its URL without
  fragment, else the input's own id when it has one) is a **new version**: the previous version
  is kept, marked ``superseded_by``, and its reports, figures, quotes, actors and places are
  replaced by the new version's; the events they belonged to are recomputed;
- anything else is a new article.

Everything one article adds (article, document JSON, mentions, reports, merge decisions, event
rows) is written in a single transaction, so a crash or ``kill -9`` loses at most the article
in flight and never leaves half of one.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..ingest import Failure
from ..merge.cluster import choose_event
from ..merge.params import MergeParams, default_params
from ..merge.rules import ReportKey
from ..schema import Document, document_to_dict
from .backend import DEFAULT_DB, Backend, connect, is_postgres_url
from .events import RebuildResult, candidates_for_many, rebuild, refresh_events
from .migrations import migrate
from .query import EventFilter, StoredEvent, find_event_ids, load_event, load_events
from .rows import (
    ReportData,
    actor_rows,
    article_row,
    figure_rows,
    place_rows,
    quote_rows,
    report_data,
    source_label,
    version_key,
)

__all__ = ["AddResult", "AddStatus", "Store"]

log = logging.getLogger(__name__)

TABLES = (
    "articles", "events", "reports", "report_actors", "actors", "places", "figures", "quotes", "failures",
)  # fmt: skip
_PER_ARTICLE = ("actors", "places", "figures", "quotes")


class AddStatus(StrEnum):
    INGESTED = "ingested"
    REPLACED = "replaced"
    DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class AddResult:
    """What storing one document did."""

    status: AddStatus
    content_hash: str
    reports: int = 0
    merged: int = 0
    superseded: str | None = None


def _insert(db: Backend, table: str, rows: list[dict[str, Any]]) -> None:
    if rows:
        cols = list(rows[0])
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        db.executemany(sql, [[r[c] for c in cols] for r in rows])


class Store:
    """A DuckDB file or PostgreSQL database holding documents, reports and merged events."""

    def __init__(self, db: Backend, params: MergeParams | None = None) -> None:
        self.db = db
        migrate(db)
        stored = db.scalar("SELECT value FROM meta WHERE key = 'merge_params'")
        self.params = params or (MergeParams.from_json(stored) if stored else default_params())
        if stored is None:
            with db.transaction():
                db.execute("INSERT INTO meta VALUES ('merge_params', ?)", [self.params.to_json()])

    @classmethod
    def open(cls, url: str | None = None, *, create: bool = True) -> Store:
        """Open (creating and migrating) ``url``: a DuckDB path or a ``postgresql://`` URL.

        With ``create=False`` a missing DuckDB file is a StoreError instead of a new empty store.
        """
        path = url or DEFAULT_DB
        if not create and not is_postgres_url(path) and path != ":memory:" and not Path(path).exists():
            raise StoreError(
                f"no store here (create one with `dateline ingest ... --db {path}`)", source=path
            )
        db = connect(url)
        try:
            return cls(db)
        except BaseException:
            db.close()
            raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def backend(self) -> str:
        return self.db.name

    def has_article(self, content_hash: str) -> bool:
        return bool(
            self.db.scalar("SELECT count(*) AS n FROM articles WHERE content_hash = ?", [content_hash])
        )

    def counts(self) -> dict[str, int]:
        """Rows per table (for summaries and tests)."""
        return {t: int(self.db.scalar(f"SELECT count(*) AS n FROM {t}") or 0) for t in TABLES}

    def add(self, doc: Document) -> AddResult:
        """Store one document atomically (see the module docstring for the identity rule)."""
        h = doc.article.content_hash
        with self.db.transaction():
            if self.has_article(h):
                return AddResult(AddStatus.DUPLICATE, h)
            now = datetime.now(UTC).isoformat(timespec="seconds")
            key = version_key(doc)
            old = None
            if key:
                old = self.db.scalar(
                    "SELECT content_hash FROM articles WHERE version_key = ? AND superseded_by IS NULL", [key]
                )
            touched = self._retract(old, h) if old else set()
            seq = int(self.db.scalar("SELECT coalesce(max(seq), 0) AS s FROM articles") or 0) + 1
            data = document_to_dict(doc)
            _insert(self.db, "articles", [article_row(doc, data, seq, now)])
            _insert(self.db, "actors", actor_rows(doc, data))
            _insert(self.db, "places", place_rows(doc, data))
            _insert(self.db, "quotes", quote_rows(doc, data))
            reports = report_data(doc, data, seq, self.params)
            rows, merged = self._assign(reports, touched)
            _insert(self.db, "reports", rows)
            _insert(self.db, "report_actors", [a for r in reports for a in r.actors])
            _insert(self.db, "figures", figure_rows(doc, data))
            refresh_events(self.db, touched)
            self.db.execute("DELETE FROM failures WHERE source = ?", [source_label(doc)])
        status = AddStatus.REPLACED if old else AddStatus.INGESTED
        log.info("stored %s %s (%d reports, %d merged)", status, h, len(reports), merged)
        return AddResult(status, h, len(reports), merged, old)

    def _assign(self, reports: list[ReportData], touched: set[str]) -> tuple[list[dict[str, Any]], int]:
        """Choose an event for each report of one article, in order; returns rows and merges."""
        rows, merged = [], 0
        pending: list[tuple[str, ReportKey]] = []
        found = candidates_for_many(self.db, [r.key for r in reports], self.params)
        for report, candidates in zip(reports, found, strict=True):
            for event_id, key in pending:  # this article's earlier reports (not written yet)
                if event_id in candidates:
                    candidates[event_id].append(key)
            assignment = choose_event(report.key, candidates, self.params)
            pending.append((assignment.event_id, report.key))
            row = dict(report.row, event_id=assignment.event_id, merge_anchor=assignment.anchor)
            row["merge_reason"] = json.dumps(assignment.explanation)
            rows.append(row)
            touched.add(assignment.event_id)
            merged += assignment.merged
        return rows, merged

    def _retract(self, old: str, new: str) -> set[str]:
        """Remove the per-article rows of the superseded version ``old``; return its events."""
        events = {
            r["event_id"]
            for r in self.db.query("SELECT DISTINCT event_id FROM reports WHERE content_hash = ?", [old])
        }
        self.db.execute(
            "DELETE FROM report_actors "
            "WHERE report_id IN (SELECT report_id FROM reports WHERE content_hash = ?)",
            [old],
        )
        self.db.execute("DELETE FROM reports WHERE content_hash = ?", [old])
        for table in _PER_ARTICLE:
            self.db.execute(f"DELETE FROM {table} WHERE content_hash = ?", [old])
        self.db.execute("UPDATE articles SET superseded_by = ? WHERE content_hash = ?", [new, old])
        log.info("article %s supersedes %s", new, old)
        return events

    def record_failure(self, failure: Failure) -> None:
        """Store (or update) why ``failure.source`` produced no document."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.db.transaction():
            seen = self.db.query(
                "SELECT attempts, first_seen FROM failures WHERE source = ?", [failure.source]
            )
            self.db.execute("DELETE FROM failures WHERE source = ?", [failure.source])
            attempts = seen[0]["attempts"] + 1 if seen else 1
            first = seen[0]["first_seen"] if seen else now
            self.db.execute(
                "INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [failure.source, failure.code, failure.error.message, failure.stage, failure.skipped,
                 attempts, first, now],
            )  # fmt: skip

    def failures(self) -> list[dict[str, Any]]:
        return self.db.query("SELECT * FROM failures ORDER BY source")

    def rebuild(self, params: MergeParams | None = None) -> RebuildResult:
        """Re-cluster every report with ``params`` (default: the store's current ones) and keep them."""
        self.params = params or self.params
        return rebuild(self.db, self.params)

    def events(self, where: EventFilter | None = None) -> list[StoredEvent]:
        """The events matching ``where``, with their reports and figure claims."""
        return list(self.iter_events(where))

    def iter_events(self, where: EventFilter | None = None, chunk: int = 500) -> Iterator[StoredEvent]:
        """Like :meth:`events`, loading ``chunk`` events at a time (for large exports)."""
        ids = find_event_ids(self.db, where or EventFilter())
        for i in range(0, len(ids), chunk):
            yield from load_events(self.db, ids[i : i + chunk])

    def event(self, event_id: str) -> StoredEvent:
        """One event by id or unique id prefix (NotFound otherwise)."""
        return load_event(self.db, event_id)
