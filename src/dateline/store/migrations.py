"""The store's tables, as numbered migrations applied in order and recorded in ``schema_version``.

Add a change as a new :class:`Migration` at the end of :data:`MIGRATIONS`; never edit one that
has shipped. Statements use portable SQL; ``{json}`` becomes JSON (DuckDB) or JSONB
(PostgreSQL). Secondary indexes are created on PostgreSQL only: DuckDB answers the same range
filters from its per-block min/max zone maps, and its ART indexes would only slow the writes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from ..errors import SchemaVersionError
from .backend import Backend

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Migration", "migrate"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]
    postgres_only: tuple[str, ...] = ()


_V1 = (
    """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE articles (
        content_hash TEXT PRIMARY KEY,
        seq BIGINT NOT NULL UNIQUE,
        article_id TEXT NOT NULL,
        version_key TEXT,
        superseded_by TEXT,
        url TEXT, title TEXT, publisher TEXT, byline TEXT, published TEXT, language TEXT,
        source_path TEXT, source_format TEXT, source_record TEXT, source_label TEXT,
        n_events INTEGER NOT NULL, n_figures INTEGER NOT NULL, n_quotes INTEGER NOT NULL,
        ingested_at TEXT NOT NULL,
        document {json} NOT NULL)""",
    """CREATE TABLE events (
        event_id TEXT PRIMARY KEY,
        category TEXT, plover_type TEXT, acled_event_type TEXT, acled_sub_event_type TEXT,
        summary TEXT, modality TEXT,
        date_start DATE, date_end DATE, time_precision TEXT,
        location_name TEXT, geonames_id BIGINT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
        country TEXT, admin1 TEXT, geo_precision TEXT,
        fatalities INTEGER, n_reports INTEGER NOT NULL, n_articles INTEGER NOT NULL,
        first_seq BIGINT NOT NULL, updated_at TEXT NOT NULL)""",
    """CREATE TABLE reports (
        report_id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        local_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        position INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        merge_anchor TEXT,
        merge_reason {json},
        category TEXT, plover_type TEXT, acled_event_type TEXT, acled_sub_event_type TEXT,
        summary TEXT, trigger_text TEXT, modality TEXT, modality_group TEXT,
        date_start DATE, date_end DATE, time_precision TEXT, time_text TEXT, time_source TEXT,
        location_name TEXT, geonames_id BIGINT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
        country TEXT, admin1 TEXT, geo_precision TEXT,
        confidence DOUBLE PRECISION, killed DOUBLE PRECISION, sources TEXT,
        event_json {json} NOT NULL)""",
    """CREATE TABLE report_actors (
        report_id TEXT NOT NULL, position INTEGER NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL,
        actor_id TEXT, canonical TEXT, kind TEXT, country TEXT,
        PRIMARY KEY (report_id, position))""",
    """CREATE TABLE actors (
        content_hash TEXT NOT NULL, actor_id TEXT NOT NULL, name TEXT NOT NULL, canonical TEXT,
        kind TEXT, country TEXT, label TEXT, aliases {json}, mentions {json},
        PRIMARY KEY (content_hash, actor_id))""",
    """CREATE TABLE places (
        content_hash TEXT NOT NULL, place_id TEXT NOT NULL, text TEXT NOT NULL, geonames_id BIGINT,
        name TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION, country TEXT, admin1 TEXT,
        feature TEXT, precision TEXT, label TEXT, mentions {json},
        PRIMARY KEY (content_hash, place_id))""",
    """CREATE TABLE figures (
        content_hash TEXT NOT NULL, figure_id TEXT NOT NULL, report_id TEXT,
        kind TEXT NOT NULL, value DOUBLE PRECISION, low DOUBLE PRECISION, high DOUBLE PRECISION,
        unit TEXT, qualifier TEXT, hedged BOOLEAN, subject_text TEXT, subject_kind TEXT,
        text TEXT NOT NULL, span_start INTEGER, span_end INTEGER, sources TEXT,
        attribution {json}, location {json}, time {json},
        PRIMARY KEY (content_hash, figure_id))""",
    """CREATE TABLE quotes (
        content_hash TEXT NOT NULL, quote_id TEXT NOT NULL, text TEXT NOT NULL,
        span_start INTEGER, span_end INTEGER, speaker TEXT, speaker_actor_id TEXT,
        speaker_description TEXT, via TEXT, direct BOOLEAN, time {json},
        PRIMARY KEY (content_hash, quote_id))""",
    """CREATE TABLE failures (
        source TEXT PRIMARY KEY, code TEXT NOT NULL, message TEXT NOT NULL, stage TEXT NOT NULL,
        skipped BOOLEAN NOT NULL, attempts INTEGER NOT NULL, first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL)""",
)

_V1_PG_INDEXES = (
    "CREATE INDEX articles_version ON articles (version_key)",
    "CREATE INDEX events_time ON events (date_start, date_end)",
    "CREATE INDEX events_geo ON events (lat, lon)",
    "CREATE INDEX events_country ON events (country)",
    "CREATE INDEX reports_event ON reports (event_id)",
    "CREATE INDEX reports_article ON reports (content_hash)",
    "CREATE INDEX reports_time ON reports (modality_group, date_start, date_end)",
    "CREATE INDEX reports_geo ON reports (lat, lon)",
    "CREATE INDEX figures_report ON figures (report_id)",
    "CREATE INDEX report_actors_name ON report_actors (lower(name))",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, events, reports, actors, places, figures, quotes, failures", _V1, _V1_PG_INDEXES),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def _current(db: Backend) -> int:
    if not db.table_exists("schema_version"):
        return 0
    return int(db.scalar("SELECT max(version) AS v FROM schema_version") or 0)


def migrate(db: Backend) -> int:
    """Bring the database to :data:`SCHEMA_VERSION`; return the version it was at."""
    with db.transaction():
        db.execute(
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        before = _current(db)
        if before > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"database schema is version {before}; this dateline knows up to {SCHEMA_VERSION} "
                "(upgrade dateline)"
            )
        for migration in MIGRATIONS:
            if migration.version <= before:
                continue
            log.info("store: applying migration %d (%s)", migration.version, migration.description)
            statements = migration.statements
            if db.name == "postgresql":
                statements += migration.postgres_only
            for sql in statements:
                db.execute(db.ddl(sql))
            db.execute(
                "INSERT INTO schema_version VALUES (?, ?, ?)",
                [migration.version, migration.description, datetime.now(UTC).isoformat(timespec="seconds")],
            )
    return before
