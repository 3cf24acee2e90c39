"""The curated actor dictionary (``data/actors/*.tsv``) plus users' own TSV files.

Files and columns are described in ``docs/actors.md``. Extra directories with files of
the same names and columns (``DATELINE_ACTORS_DIR`` or ``Settings.actors_dirs``) are read
after the packaged ones; their rows are added (same id: the user's row replaces ours).
"""

from __future__ import annotations

import csv
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from ..errors import ConfigError
from ..schema import ActorKind

__all__ = ["ActorDictionary", "ActorEntry", "Country", "GenericTerm", "Title", "load_dictionary"]

log = logging.getLogger(__name__)

ENV_DIRS = "DATELINE_ACTORS_DIR"


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One named actor: an organisation, armed group or person (with dates of office for people)."""

    id: str
    canonical: str
    kind: ActorKind
    country: str | None
    aliases: tuple[str, ...]
    role: str | None = None
    organisation: str | None = None
    start: date | None = None
    end: date | None = None
    source: str | None = None

    def valid_on(self, day: date | None) -> bool:
        """True when the entry applies on ``day`` (always when either is undated)."""
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class GenericTerm:
    """A generic group noun such as ``rebels`` or ``civilians`` and the kind it implies."""

    term: str
    kind: ActorKind


@dataclass(frozen=True, slots=True)
class Title:
    """A title or role noun (``foreign minister``, ``pharmacist``) and the kind it implies."""

    title: str
    kind: ActorKind | None
    role: str | None


@dataclass
class ActorDictionary:
    """Lookup tables over all actor data; build with :func:`load_dictionary`."""

    countries: dict[str, Country] = field(default_factory=dict)
    entries: dict[str, ActorEntry] = field(default_factory=dict)
    generic: dict[str, GenericTerm] = field(default_factory=dict)
    titles: dict[str, Title] = field(default_factory=dict)
    _aliases: dict[str, list[str]] = field(default_factory=dict)
    _country_names: dict[str, str] = field(default_factory=dict)
    _demonyms: dict[str, str] = field(default_factory=dict)
    _capitals: dict[str, str] = field(default_factory=dict)
    _iso2: dict[str, str] = field(default_factory=dict)

    def index(self) -> None:
        """(Re)build the alias tables after entries were added."""
        self._aliases.clear()
        for entry in self.entries.values():
            for alias in {entry.canonical, *entry.aliases}:
                self._aliases.setdefault(_key(alias), []).append(entry.id)
        for country in self.countries.values():
            self._iso2[country.iso2] = country.iso3
            for name in (country.name, *country.aliases):
                self._country_names[_key(name)] = country.iso3
            for demonym in country.demonyms:
                self._demonyms[_key(demonym)] = country.iso3
            for capital in country.capitals:
                self._capitals[_key(capital)] = country.iso3

    def aliases(self) -> Iterator[tuple[str, str]]:
        """Every (alias, entry id) pair, for building matchers."""
        for alias, ids in self._aliases.items():
            for entry_id in ids:
                yield alias, entry_id

    def lookup(self, name: str, on: date | None = None, country: str | None = None) -> ActorEntry | None:
        """The entry named ``name`` (any alias), preferring one valid on ``on`` and in ``country``."""
        ids = self._aliases.get(_key(name))
        if not ids:
            return None
        candidates = [self.entries[i] for i in ids]
        return max(candidates, key=lambda e: (e.valid_on(on), country is not None and e.country == country))

    def country(self, name: str) -> str | None:
        """ISO3 of a country name or alias (``U.S.``, ``Russia``), None if not a country."""
        return self._country_names.get(_key(name))

    def demonym(self, word: str) -> str | None:
        """ISO3 of a nationality adjective or noun (``Syrian``, ``Americans``)."""
        return self._demonyms.get(_key(word))

    def capital(self, name: str) -> str | None:
        """ISO3 of the country whose capital is ``name`` (for metonymy: ``Moscow``)."""
        return self._capitals.get(_key(name))

    def country_name(self, iso3: str) -> str:
        country = self.countries.get(iso3)
        return country.name if country else iso3

    def iso3_for_iso2(self, iso2: str) -> str | None:
        return self._iso2.get(iso2.upper())


def _key(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold().strip(" .").replace("'s ", " ")


def _split(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split("|") if v.strip())


def _date(cell: str) -> date | None:
    return date.fromisoformat(cell) if cell.strip() else None


def _kind(cell: str, where: str) -> ActorKind:
    try:
        return ActorKind(cell.strip())
    except ValueError as exc:
        raise ConfigError(f"{where}: unknown actor kind {cell!r}") from exc


def _rows(text: str, where: str) -> Iterator[dict[str, str]]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        if None in row or any(v is None for v in row.values()):
            raise ConfigError(f"{where}: wrong number of columns in row {row}")
        yield {k: (v or "").strip() for k, v in row.items()}


def _read(name: str, dirs: Iterable[Path]) -> Iterator[tuple[dict[str, str], str]]:
    packaged = resources.files("dateline.data").joinpath("actors").joinpath(name)
    if packaged.is_file():
        for row in _rows(packaged.read_text("utf-8"), name):
            yield row, name
    for directory in dirs:
        path = directory / name
        if path.is_file():
            log.info("reading user actor file %s", path)
            for row in _rows(path.read_text("utf-8"), str(path)):
                yield row, str(path)


def _load_rows(book: ActorDictionary, dirs: list[Path]) -> None:
    for row, _ in _read("countries.tsv", dirs):
        book.countries[row["iso3"]] = Country(
            iso3=row["iso3"], iso2=row["iso2"], name=row["name"], aliases=_split(row["aliases"]),
            demonyms=_split(row["demonyms"]), capitals=_split(row["capital"]),
        )  # fmt: skip
    for filename in ("organisations.tsv", "armed_groups.tsv"):
        for row, where in _read(filename, dirs):
            book.entries[row["id"]] = ActorEntry(
                id=row["id"], canonical=row["canonical"], kind=_kind(row["kind"], where),
                country=row["country"] or None, aliases=_split(row["aliases"]),
                organisation=row.get("parent") or None, start=_date(row.get("active_from", "")),
                end=_date(row.get("active_to", "")), source=row["source"] or None,
            )  # fmt: skip
    for row, where in _read("people.tsv", dirs):
        entry_id = f"{row['id']}:{row['role']}:{row['start']}"
        book.entries[entry_id] = ActorEntry(
            id=entry_id, canonical=row["name"], kind=_kind(row["kind"] or "person", where),
            country=row["country"] or None, aliases=_split(row["aliases"]), role=row["role"] or None,
            organisation=row["organisation"] or None, start=_date(row["start"]), end=_date(row["end"]),
            source=row["source"] or None,
        )  # fmt: skip
    for row, where in _read("generic.tsv", dirs):
        kind = _kind(row["kind"], where)
        for term in {row["term"], row["plural"]} - {""}:
            book.generic[_key(term)] = GenericTerm(term=row["term"], kind=kind)
    for row, where in _read("titles.tsv", dirs):
        kind = _kind(row["kind"], where) if row["kind"] else None
        book.titles[_key(row["title"])] = Title(title=row["title"], kind=kind, role=row["role"] or None)


def load_dictionary(extra_dirs: Iterable[str | Path] = ()) -> ActorDictionary:
    """Load the packaged actor data, then ``extra_dirs`` and ``$DATELINE_ACTORS_DIR`` (``:``-separated)."""
    dirs = [Path(d) for d in extra_dirs]
    dirs += [Path(d) for d in os.environ.get(ENV_DIRS, "").split(os.pathsep) if d]
    for directory in dirs:
        if not directory.is_dir():
            raise ConfigError(f"actor dictionary directory {directory} does not exist")
    book = ActorDictionary()
    _load_rows(book, dirs)
    book.index()
    log.info("actor dictionary: %d entries, %d countries", len(book.entries), len(book.countries))
    return book
