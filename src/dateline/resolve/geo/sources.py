"""The curated gazetteer data files in ``dateline/data/gazetteer`` (see docs/geocoding.md).

- ``supplement.tsv``: places the packaged GeoNames extracts lack (neighbourhoods,
  districts, camps and regions of conflict zones), each with coordinates and a source note.
- ``aliases.tsv``: extra names of packaged places ("U.S." -> United States).
- ``demonyms.tsv``: demonym -> ISO2 country ("Syrian" -> SY).
- ``cues.toml``: words the resolver reads in context (feature-type nouns,
  direction words, agentive verbs for metonymy, US state abbreviations).
"""

from __future__ import annotations

import tomllib
import zlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .normalize import name_key
from .store import PlaceKind

__all__ = [
    "Alias",
    "SupplementRow",
    "cues",
    "demonyms",
    "load_aliases",
    "load_country_points",
    "load_supplement",
    "synthetic_id",
]

_PACKAGE = "dateline.data.gazetteer"


@dataclass(frozen=True, slots=True)
class SupplementRow:
    """One curated place. ``parent`` names the containing city as ``"Name|CC"``, if any."""

    id: int
    name: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    country: str
    admin1: str | None
    kind: PlaceKind
    feature: str
    parent: str | None
    population: int
    source: str


@dataclass(frozen=True, slots=True)
class Alias:
    """An extra name for a packaged place: ``target`` is an ISO2 country code or a GeoNames id."""

    target: str
    alias: str


def _rows(filename: str) -> list[list[str]]:
    text = resources.files(_PACKAGE).joinpath(filename).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def synthetic_id(name: str, country: str, lat: float, lon: float) -> int:
    """A stable negative id for a curated row without a GeoNames id."""
    return -(zlib.crc32(f"{name}|{country}|{lat:.4f}|{lon:.4f}".encode()) % 2_000_000_000) - 1


def load_supplement() -> list[SupplementRow]:
    """Rows of supplement.tsv: id, name, aliases (|), lat, lon, country, admin1, kind, feature,
    parent, population, source."""
    out = []
    for cols in _rows("supplement.tsv"):
        gid, name, aliases, lat, lon, country, admin1, kind, feature, parent, population, source = (
            c.strip() for c in cols
        )
        lat_f, lon_f = float(lat), float(lon)
        out.append(
            SupplementRow(
                id=int(gid) if gid else synthetic_id(name, country, lat_f, lon_f),
                name=name,
                aliases=tuple(a.strip() for a in aliases.split("|") if a.strip()),
                lat=lat_f,
                lon=lon_f,
                country=country,
                admin1=admin1 or None,
                kind=PlaceKind(kind),
                feature=feature,
                parent=parent or None,
                population=int(population or 0),
                source=source,
            )  # fmt: skip
        )
    return out


def load_country_points() -> dict[str, tuple[float, float]]:
    """Published country reference points (``country_points.tsv``) by ISO2 code."""
    return {cols[0].strip(): (float(cols[1]), float(cols[2])) for cols in _rows("country_points.tsv")}


def load_aliases() -> list[Alias]:
    """Rows of aliases.tsv: target (ISO2 or GeoNames id), alias."""
    return [Alias(cols[0].strip(), cols[1].strip()) for cols in _rows("aliases.tsv")]


@cache
def demonyms() -> dict[str, str]:
    """Folded demonym (adjective and plural) -> ISO2 country code."""
    out: dict[str, str] = {}
    for cols in _rows("demonyms.tsv"):
        iso2 = cols[1].strip()
        for word in cols[0].split("|"):
            out[name_key(word)] = iso2
    return out


@cache
def cues() -> dict[str, Any]:
    """The parsed cues.toml."""
    return tomllib.loads(resources.files(_PACKAGE).joinpath("cues.toml").read_text("utf-8"))
