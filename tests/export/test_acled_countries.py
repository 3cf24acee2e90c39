"""The country table against ACLED's own rows: names, ISO numeric codes and regions agree."""

from __future__ import annotations

import csv

import pytest

from dateline.store.countries import country, iso2

# ACLED renamed two regions after 2020; the table uses today's names.
RENAMED = {"Southern Asia": "South Asia", "South-Eastern Asia": "Southeast Asia"}


def test_every_country_in_acled_2020_matches(shared):
    path = shared("data", "acled-2020-05-sample", "acled_2020-05-01_to_09_global.csv")
    with open(path, encoding="utf-8", newline="") as f:
        seen = {(r["iso"], r["country"], r["region"]) for r in csv.DictReader(f) if r["country"]}
    assert len(seen) > 80
    for numeric, name, region in sorted(seen):
        found = country(name)
        assert found is not None, name
        assert (found.numeric, found.name, found.region) == (int(numeric), name, RENAMED.get(region, region))


@pytest.mark.parametrize(
    ("given", "expected"),
    [("SY", "SY"), ("syr", "SY"), ("Syria", "SY"), ("Democratic Republic of Congo", "CD"), ("XK", "XK"),
     ("ZZ", "ZZ"), (None, None)],
)  # fmt: skip
def test_iso2(given, expected):
    assert iso2(given) == expected
