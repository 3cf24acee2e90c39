"""Database back ends: one small connection interface over DuckDB and PostgreSQL (psycopg 3).

SQL in the store is written once, with ``?`` placeholders and portable types; the back end
translates placeholders and the few type names that differ (``{json}``). Rows come back as
dicts, JSON columns as Python values on both back ends.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import StoreError

__all__ = ["Backend", "DuckDBBackend", "PostgresBackend", "connect", "is_postgres_url"]

log = logging.getLogger(__name__)

DEFAULT_DB = "dateline.duckdb"
_PG_PREFIXES = ("postgresql://", "postgres://")
# one advisory lock serialises writers on a shared PostgreSQL database (any 64-bit constant)
_WRITE_LOCK = 7_151_009_314


def is_postgres_url(db: str) -> bool:
    return db.startswith(_PG_PREFIXES)


class Backend:
    """A connection with transactions, ``?`` parameters and dict rows."""

    name = "base"
    types: dict[str, str] = {}

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self.query(sql, params)
        return next(iter(rows[0].values())) if rows else None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        raise NotImplementedError
        yield  # pragma: no cover

    def close(self) -> None:
        raise NotImplementedError

    def ddl(self, sql: str) -> str:
        """A CREATE statement with the back end's type names filled in."""
        return sql.format(**self.types)

    def table_exists(self, name: str) -> bool:
        raise NotImplementedError


def _load_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


_VALUES = re.compile(r"\s+VALUES\s*(\((?:\?,\s*)*\?\))\s*$", re.IGNORECASE)
_BATCH = 200


class DuckDBBackend(Backend):
    """A DuckDB file (one writer process at a time; DuckDB locks the file)."""

    name = "duckdb"
    types = {"json": "JSON"}

    def __init__(self, path: str) -> None:
        import duckdb  # noqa: PLC0415 - only when a DuckDB store is opened

        self.path = path
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = duckdb.connect(path)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open DuckDB database: {exc}", source=path) from exc
        self._json_columns: dict[str, bool] = {}

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(sql, list(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        values = _VALUES.search(sql)
        if values is None:
            self.conn.executemany(sql, [list(r) for r in rows])
            return
        # one multi-row INSERT per batch: several times faster than DuckDB's executemany
        head, group = sql[: values.start()], values.group(1)
        for i in range(0, len(rows), _BATCH):
            part = rows[i : i + _BATCH]
            self.conn.execute(f"{head} VALUES {', '.join([group] * len(part))}", [v for r in part for v in r])

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        json_cols = [i for i, d in enumerate(cursor.description) if str(d[1]) == "JSON"]
        rows = []
        for raw in cursor.fetchall():
            row = list(raw)
            for i in json_cols:
                row[i] = _load_json(row[i])
            rows.append(dict(zip(names, row, strict=True)))
        return rows

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def table_exists(self, name: str) -> bool:
        return bool(
            self.scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name])
        )

    def close(self) -> None:
        self.conn.close()


_PLACEHOLDER = re.compile(r"\?")


class PostgresBackend(Backend):
    """A PostgreSQL database (psycopg 3); writers are serialised with an advisory lock."""

    name = "postgresql"
    types = {"json": "JSONB"}

    def __init__(self, url: str) -> None:
        import psycopg  # noqa: PLC0415 - only when a PostgreSQL store is opened
        from psycopg.rows import dict_row  # noqa: PLC0415

        self.url = url
        try:
            self.conn = psycopg.connect(url, row_factory=dict_row, connect_timeout=10, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {_first_line(exc)}", source=_safe(url)) from exc

    @staticmethod
    def _sql(sql: str) -> str:
        return _PLACEHOLDER.sub("%s", sql.replace("%", "%%"))

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(self._sql(sql), list(params))  # type: ignore[arg-type]

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.conn.cursor() as cur:
                cur.executemany(self._sql(sql), [list(r) for r in rows])  # type: ignore[arg-type]

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        rows = self.conn.execute(self._sql(sql), list(params)).fetchall()  # type: ignore[arg-type]
        return list(rows)  # type: ignore[arg-type]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", [_WRITE_LOCK])
            yield

    def table_exists(self, name: str) -> bool:
        return bool(self.scalar("SELECT to_regclass(?) IS NOT NULL AS present", [name]))

    def close(self) -> None:
        self.conn.close()


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


def connect(db: str | None) -> Backend:
    """Open ``db``: a ``postgresql://`` URL, or a DuckDB file path (default ``dateline.duckdb``)."""
    db = db or DEFAULT_DB
    if is_postgres_url(db):
        return PostgresBackend(db)
    return DuckDBBackend(db)
