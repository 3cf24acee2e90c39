"""``dateline gazetteer import``: load a GeoNames dump (allCountries/cities500/XX, .zip or .txt).

The GeoNames "geoname" table format: 19 tab-separated columns (geonameid, name, asciiname,
alternatenames, latitude, longitude, feature class, feature code, country code, cc2,
admin1..admin4 codes, population, elevation, dem, timezone, modification date). Rows
replace packaged rows with the same GeoNames id (so a full dump also brings GeoNames' own
country and division coordinates); their names are added to the lookup.
"""

from __future__ import annotations

import io
import logging
import sqlite3
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ...errors import GazetteerFileError
from .normalize import is_latin_key, name_key, skeleton
from .store import NAME_ALTERNATE, NAME_PRIMARY, SCHEMA_VERSION, PlaceKind, connect_writable

__all__ = ["DEFAULT_CLASSES", "ImportReport", "import_geonames", "kind_of"]

log = logging.getLogger(__name__)

DEFAULT_CLASSES = frozenset("APL")
_COLUMNS = 19
_BATCH = 20_000
_COUNTRY_CODES = frozenset({"PCL", "PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "TERR"})
_ADMIN2_CODES = frozenset({"ADM2", "ADM3", "ADM4", "ADM5", "ADMD", "ADM2H", "ADM3H"})


@dataclass
class ImportReport:
    """What an import read and wrote."""

    path: Path
    read: int = 0
    imported: int = 0
    skipped: int = 0

    def summary(self) -> str:
        return f"{self.path}: {self.imported} places imported, {self.skipped} skipped of {self.read} rows"


def kind_of(feature_class: str, feature_code: str) -> PlaceKind:
    """Map a GeoNames feature class/code to a dateline place kind."""
    if feature_class == "P":
        return PlaceKind.NEIGHBORHOOD if feature_code == "PPLX" else PlaceKind.CITY
    if feature_class == "A":
        if feature_code in _COUNTRY_CODES:
            return PlaceKind.COUNTRY
        if feature_code.startswith("ADM1"):
            return PlaceKind.ADMIN1
        return PlaceKind.ADMIN2 if feature_code in _ADMIN2_CODES else PlaceKind.REGION
    if feature_code == "CONT":
        return PlaceKind.CONTINENT
    return PlaceKind.REGION if feature_class == "L" else PlaceKind.POINT


@contextmanager
def _lines(path: Path) -> Iterator[Iterable[str]]:
    if not path.is_file():
        raise GazetteerFileError(f"no such file: {path}")
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [n for n in archive.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
            if not members:
                raise GazetteerFileError(f"{path}: no GeoNames .txt file inside the zip")
            with archive.open(members[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as handle:
            yield handle


def _row(
    cols: list[str], classes: frozenset[str]
) -> tuple[tuple, list[tuple], list[tuple], tuple | None] | None:
    gid, name, ascii_name, alternates, lat, lon, fclass, fcode, cc = cols[:9]
    if fclass not in classes:
        return None
    place_id = int(gid)
    kind = kind_of(fclass, fcode)
    admin1 = f"{cc}.{cols[10]}" if cc and cols[10] else None
    admin2 = f"{admin1}.{cols[11]}" if admin1 and cols[11] else None
    alternates_list = [a for a in alternates.split(",") if a and not (len(a) <= 4 and a.isupper())]
    place = (
        place_id, name, float(lat), float(lon), cc or None, admin1, admin2, fcode or fclass, kind.value,
        int(cols[14] or 0), None, "geonames-import", len(alternates_list),
    )  # fmt: skip
    names: dict[str, int] = {}
    for text, name_kind in [(name, NAME_PRIMARY), (ascii_name, NAME_PRIMARY)] + [
        (a, NAME_ALTERNATE) for a in alternates_list
    ]:
        key = name_key(text)
        if is_latin_key(key) and names.get(key, 9) > name_kind:
            names[key] = name_kind
    skels = {(s, place_id) for key in names if len(s := skeleton(key)) >= 3}
    admin = None
    if kind is PlaceKind.ADMIN1 and admin1:
        admin = (admin1, place_id, name)
    elif fcode == "ADM2" and admin2:
        admin = (admin2, place_id, name)
    return place, [(k, place_id, v) for k, v in names.items()], list(skels), admin


def import_geonames(path: Path, index: Path, classes: Iterable[str] = DEFAULT_CLASSES) -> ImportReport:
    """Import the GeoNames dump at ``path`` into the index file ``index`` (created if absent)."""
    wanted = frozenset(c.upper() for c in classes)
    report = ImportReport(path=Path(path))
    conn = connect_writable(Path(index))
    try:
        with _lines(Path(path)) as lines, conn:
            batch: list = []
            for number, line in enumerate(lines, start=1):
                report.read += 1
                cols = line.rstrip("\n").split("\t")
                if len(cols) != _COLUMNS:
                    raise GazetteerFileError(
                        f"{path}:{number}: {len(cols)} columns, expected {_COLUMNS} (not a GeoNames dump?)"
                    )
                try:
                    row = _row(cols, wanted)
                except ValueError as exc:
                    raise GazetteerFileError(f"{path}:{number}: {exc}") from exc
                if row is None:
                    report.skipped += 1
                    continue
                batch.append(row)
                if len(batch) >= _BATCH:
                    _flush(conn, batch, report)
                    batch = []
            _flush(conn, batch, report)
            conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", ("schema", SCHEMA_VERSION))
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('imported', ?)", (str(Path(path).name),))
    except UnicodeDecodeError as exc:
        raise GazetteerFileError(f"{path}: not UTF-8 text ({exc})") from exc
    except (zipfile.BadZipFile, sqlite3.Error) as exc:
        raise GazetteerFileError(f"{path}: {exc}") from exc
    finally:
        conn.close()
    return report


def _flush(conn: sqlite3.Connection, batch: list, report: ImportReport) -> None:
    if not batch:
        return
    conn.executemany("INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", [b[0] for b in batch])
    conn.executemany("INSERT OR REPLACE INTO name VALUES (?,?,?)", [n for b in batch for n in b[1]])
    conn.executemany("INSERT OR IGNORE INTO skel VALUES (?,?)", [s for b in batch for s in b[2]])
    conn.executemany("INSERT OR REPLACE INTO admin VALUES (?,?,?)", [b[3] for b in batch if b[3]])
    report.imported += len(batch)
    if report.imported % 500_000 < len(batch):
        log.info("imported %d places", report.imported)
