"""Country codes, names and ACLED regions from ``data/export/countries.tsv``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["Country", "country", "iso2"]


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    numeric: int
    name: str
    region: str


@cache
def _table() -> dict[str, Country]:
    text = resources.files("dateline").joinpath("data/export/countries.tsv").read_text("utf-8")
    table: dict[str, Country] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        a2, a3, num, name, region = line.split("\t")
        entry = Country(a2, a3, int(num), name, region)
        for key in (a2, a3, name.casefold()):
            table.setdefault(key if key == name.casefold() else key.upper(), entry)
    return table


def country(code_or_name: str | None) -> Country | None:
    """The country for an ISO 3166 alpha-2/alpha-3 code or an English name (case-insensitive)."""
    if not code_or_name:
        return None
    text = code_or_name.strip()
    table = _table()
    return table.get(text.upper()) or table.get(text.casefold())


def iso2(code_or_name: str | None) -> str | None:
    """The alpha-2 code for a code or name; unknown values are kept upper-cased (never dropped)."""
    if not code_or_name:
        return None
    found = country(code_or_name)
    return found.iso2 if found else code_or_name.strip().upper()
