"""The event store: DuckDB by default, PostgreSQL for teams; idempotent ingest and merged events.

>>> from dateline.store import Store, EventFilter  # doctest: +SKIP
>>> with Store.open("dateline.duckdb") as store:  # doctest: +SKIP
...     store.add(document)
...     events = store.events(EventFilter(country="SY"))
"""

from __future__ import annotations

from .backend import DEFAULT_DB, is_postgres_url
from .query import EventFilter, Near, StoredEvent, StoredReport, parse_near
from .store import AddResult, AddStatus, Store

__all__ = [
    "DEFAULT_DB",
    "AddResult",
    "AddStatus",
    "EventFilter",
    "Near",
    "Store",
    "StoredEvent",
    "StoredReport",
    "is_postgres_url",
    "parse_near",
]
