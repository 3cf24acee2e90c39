"""Airports and air bases for the gazetteer, from the ``airportsdata`` package (MIT; data from
mwgg/Airports, MIT). GeoNames' cities500 has none of them, and war news names them often:
"Donetsk airport", "the Shayrat air base", "Bagram", "Heathrow".

Kept: airports with an IATA code (scheduled traffic) and military air bases. Each gets its full
name, the name without its generic words ("London Heathrow Airport" -> "Heathrow Airport" and,
as an alternate, "Heathrow"), and, when it is its city's only airport here, the city's name as an
alternate ("Kabul", which the resolver only prefers to the city after the type noun "airport").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from .normalize import name_key

__all__ = ["AirportRow", "airport_rows"]

_AIR_BASE = re.compile(r"\b(?:air ?base|air force base|air station|army airfield|naval air)\b", re.IGNORECASE)
_GENERIC = re.compile(
    r"\b(?:international|intl|regional|municipal|metropolitan|domestic|civil|national|county|"
    r"airport|airfield|aerodrome|airstrip|air ?base|air force base|naval air station|naval air base|"
    r"air station|army airfield|naval|military)\b\.?",
    re.IGNORECASE,
)
_MIN_STEM = 4


@dataclass(frozen=True, slots=True)
class AirportRow:
    """One airport or air base: its full name, feature code (AIRP or AIRB) and other names."""

    name: str
    feature: str
    lat: float
    lon: float
    country: str
    names: tuple[str, ...]
    alternates: tuple[str, ...]


def _stem(name: str, city: str) -> str:
    """The distinctive part of an airport's name: no generic words, no leading city name."""
    stem = " ".join(_GENERIC.sub(" ", name).replace("–", " ").replace(" - ", " ").split()).strip(" -,")
    if city and stem.lower().startswith(city.lower() + " ") and len(stem) > len(city) + _MIN_STEM:
        stem = stem[len(city) + 1 :]
    return stem


def airport_rows() -> Iterator[AirportRow]:
    """Airports with an IATA code and military air bases, with their news names."""
    import airportsdata  # noqa: PLC0415

    kept = [r for r in airportsdata.load("ICAO").values() if r["iata"] or _AIR_BASE.search(r["name"])]
    per_city = Counter((r["country"], name_key(r["city"])) for r in kept if r["city"])
    for r in kept:
        name, city = r["name"], r["city"] or ""
        base = bool(_AIR_BASE.search(name))
        stem = _stem(name, city)
        names, alternates = [name], []
        if city and name.lower().startswith(city.lower() + " "):
            names.append(name[len(city) + 1 :])  # "Dulles International Airport"
        if len(stem) >= _MIN_STEM:
            if base or name_key(stem) != name_key(city):
                alternates.append(stem)  # "Heathrow", "Bagram": a namesake town still comes first
            names += [f"{stem} Air Base", f"{stem} airbase"] if base else [f"{stem} Airport"]
        if city and per_city[(r["country"], name_key(city))] == 1 and not base:
            alternates.append(city)  # "Kabul airport": the type noun makes it the airport
            names.append(f"{city} Airport")
        yield AirportRow(
            name=name, feature="AIRB" if base else "AIRP", lat=float(r["lat"]), lon=float(r["lon"]),
            country=r["country"], names=tuple(dict.fromkeys(names)),
            alternates=tuple(dict.fromkeys(alternates)),
        )  # fmt: skip
