"""The gazetteer index: one SQLite file of places, their names and admin divisions.

Tables (``SCHEMA``): ``place`` (one row per feature; ``id`` is the GeoNames id,
negative for curated rows that have none), ``name`` (folded name key -> place,
with ``kind`` 0 = primary name, 1 = alternate name, 2 = curated alias),
``skel`` (transliteration skeleton -> place), ``admin`` (GeoNames admin code
such as ``SY.09`` -> id and name), ``country`` (ISO2 -> place id, ISO3,
neighbours) and ``meta``. :class:`Gazetteer` reads it; queries are cached.
"""

from __future__ import annotations

import logging
import math
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from ...errors import GazetteerError
from ...schema import PlacePrecision

__all__ = [
    "SCHEMA",
    "SCHEMA_VERSION",
    "Entry",
    "Gazetteer",
    "NameHit",
    "PlaceKind",
    "connect_writable",
    "haversine_km",
]

log = logging.getLogger(__name__)

SCHEMA_VERSION = "1"
SCHEMA = """
CREATE TABLE IF NOT EXISTS place (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, country TEXT,
    admin1 TEXT, admin2 TEXT, feature TEXT NOT NULL, kind TEXT NOT NULL,
    population INTEGER NOT NULL DEFAULT 0, parent INTEGER, source TEXT NOT NULL,
    names INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS name (
    key TEXT NOT NULL, id INTEGER NOT NULL, kind INTEGER NOT NULL, PRIMARY KEY (key, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS skel (
    skel TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (skel, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS admin (code TEXT PRIMARY KEY, id INTEGER, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS country (
    iso2 TEXT PRIMARY KEY, id INTEGER NOT NULL, iso3 TEXT, name TEXT NOT NULL,
    neighbours TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

NAME_PRIMARY, NAME_ALTERNATE, NAME_ALIAS = 0, 1, 2


class PlaceKind(StrEnum):
    """Coarse feature type used for priors and precision."""

    CONTINENT = "continent"
    REGION = "region"
    COUNTRY = "country"
    ADMIN1 = "admin1"
    ADMIN2 = "admin2"
    CITY = "city"
    NEIGHBORHOOD = "neighborhood"
    POINT = "point"


PRECISION = {
    PlaceKind.CONTINENT: PlacePrecision.REGION,
    PlaceKind.REGION: PlacePrecision.REGION,
    PlaceKind.COUNTRY: PlacePrecision.COUNTRY,
    PlaceKind.ADMIN1: PlacePrecision.ADMIN1,
    PlaceKind.ADMIN2: PlacePrecision.ADMIN2,
    PlaceKind.CITY: PlacePrecision.CITY,
    PlaceKind.NEIGHBORHOOD: PlacePrecision.NEIGHBORHOOD,
    PlaceKind.POINT: PlacePrecision.POINT,
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer feature. ``admin1`` is the GeoNames code (``SY.09``), ``admin1_name`` its name;
    ``names`` counts its names in all languages (a prominence signal)."""

    id: int
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    admin1_name: str | None
    admin2: str | None
    feature: str
    kind: PlaceKind
    population: int
    parent: int | None
    source: str
    names: int = 0

    @property
    def geonames_id(self) -> int | None:
        return self.id if self.id > 0 else None

    @property
    def precision(self) -> PlacePrecision:
        return PRECISION[self.kind]


@dataclass(frozen=True, slots=True)
class NameHit:
    """A gazetteer entry found under a name key, and how (primary, alternate, curated alias, skeleton)."""

    entry: Entry
    name_kind: int
    fuzzy: bool = False


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def connect_writable(path: Path) -> sqlite3.Connection:
    """Open (creating) an index file for writing, with the schema in place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    return conn


_COLUMNS = (
    "p.id, p.name, p.lat, p.lon, p.country, p.admin1, a.name, p.admin2, p.feature, p.kind, p.population, "
    "p.parent, p.source, p.names"
)
_ADMIN = "LEFT JOIN admin a ON a.code = p.admin1"


def _entry(row: tuple) -> Entry:
    return Entry(
        id=row[0], name=row[1], lat=row[2], lon=row[3], country=row[4], admin1=row[5], admin1_name=row[6],
        admin2=row[7], feature=row[8], kind=PlaceKind(row[9]), population=row[10] or 0, parent=row[11],
        source=row[12], names=row[13],
    )  # fmt: skip


class Gazetteer:
    """Read access to an index file. Open with :func:`dateline.resolve.geo.load_gazetteer`."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise GazetteerError(f"gazetteer index not found: {self.path}")
        try:
            self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            version = self._conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"cannot read gazetteer index {self.path}: {exc}") from exc
        if not version or version[0] != SCHEMA_VERSION:
            raise GazetteerError(
                f"gazetteer index {self.path} has schema {version}, expected {SCHEMA_VERSION}"
            )
        self._lock = threading.Lock()
        self.lookup = lru_cache(maxsize=65536)(self._lookup)
        self.get = lru_cache(maxsize=65536)(self._get)
        self.fuzzy = lru_cache(maxsize=8192)(self._fuzzy)
        self._countries = self._load_countries()

    def _query(self, sql: str, args: Iterable[object] = ()) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, tuple(args)).fetchall()

    def _load_countries(self) -> dict[str, tuple[int, frozenset[str]]]:
        rows = self._query("SELECT iso2, id, neighbours FROM country")
        return {iso2: (pid, frozenset(filter(None, nb.split(",")))) for iso2, pid, nb in rows}

    def meta(self) -> dict[str, str]:
        return dict(self._query("SELECT key, value FROM meta"))

    def _get(self, place_id: int) -> Entry | None:
        rows = self._query(f"SELECT {_COLUMNS} FROM place p {_ADMIN} WHERE p.id = ?", (place_id,))
        return _entry(rows[0]) if rows else None

    def _lookup(self, key: str) -> tuple[NameHit, ...]:
        """Entries whose folded name is exactly ``key`` (see :func:`normalize.name_key`)."""
        rows = self._query(
            f"SELECT {_COLUMNS}, n.kind FROM name n JOIN place p ON p.id = n.id {_ADMIN} WHERE n.key = ?",
            (key,),
        )
        return tuple(NameHit(_entry(r[:-1]), r[-1]) for r in rows)

    def _fuzzy(self, skel: str) -> tuple[NameHit, ...]:
        """Entries sharing a transliteration skeleton (see :func:`normalize.skeleton`)."""
        rows = self._query(
            f"SELECT {_COLUMNS} FROM skel s JOIN place p ON p.id = s.id {_ADMIN} WHERE s.skel = ?", (skel,)
        )
        return tuple(NameHit(_entry(r), NAME_ALTERNATE, fuzzy=True) for r in rows)

    def has_key(self, key: str) -> bool:
        return bool(self._query("SELECT 1 FROM name WHERE key = ? LIMIT 1", (key,)))

    def country(self, iso2: str | None) -> Entry | None:
        """The country feature of an ISO 3166-1 alpha-2 code."""
        found = self._countries.get(iso2 or "")
        return self.get(found[0]) if found else None

    def neighbours(self, iso2: str | None) -> frozenset[str]:
        found = self._countries.get(iso2 or "")
        return found[1] if found else frozenset()

    def admin(self, code: str | None) -> Entry | None:
        """The admin division with a GeoNames admin code (``SY.09``, ``US.LA.079``)."""
        if not code:
            return None
        rows = self._query("SELECT id FROM admin WHERE code = ?", (code,))
        return self.get(rows[0][0]) if rows and rows[0][0] is not None else None

    def count(self) -> int:
        return self._query("SELECT count(*) FROM place")[0][0]

    def close(self) -> None:
        with self._lock:
            self._conn.close()
