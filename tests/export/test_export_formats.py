"""Exports from a store on both back ends: ACLED columns and codes, GeoJSON validity, Parquet round trip."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from pathlib import Path

import geojson
import polars as pl
import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))  # the shared store test kit

from storekit import make_doc, make_event, store_url_fixture  # noqa: E402, F401 - the store_url fixture

from dateline.cli import cli  # noqa: E402
from dateline.export import export_events  # noqa: E402
from dateline.export.acled import ACLED_COLUMNS, interaction
from dateline.export.formats import FLAT_COLUMNS
from dateline.schema import ActorKind, Category, Modality, PlacePrecision
from dateline.store import EventFilter, Store

NEARBY = ("Maarat al-Numan, east", 35.6439, 36.7000)  # ~2.6 km from the town point


@pytest.fixture
def filled(store_url):
    with Store.open(store_url) as store:
        store.add(make_doc("Strike, first report", (make_event(),), publisher="Outlet A",
                           killed={"e1": (12, "White Helmets")}))  # fmt: skip
        store.add(make_doc("Strike, second report", (make_event(place=NEARBY),), publisher="Outlet B",
                           killed={"e1": (15, "SOHR")}))  # fmt: skip
        store.add(make_doc("A planned offensive", (make_event(modality=Modality.PLANNED, day="2020-05-20"),)))
        store.add(make_doc("Talks", (make_event(category=Category.DIPLOMACY, acled=None, plover="CONSULT",
                                                place=("Geneva", 46.2022, 6.1457), country="CH"),)))  # fmt: skip
        store.add(make_doc("Protest, no place", (make_event(
            category=Category.PROTEST, acled=("Protests", "Peaceful protest"), place=None, country=None,
            actors=(("actor1", "Protesters", ActorKind.CIVILIAN, "SYR"),)),)))  # fmt: skip
    return store_url


def test_acled_export_has_exactly_acleds_columns(filled, tmp_path):
    out = tmp_path / "events.csv"
    result = export_events(filled, "acled", str(out))
    frame = pl.read_csv(out, infer_schema_length=0)
    assert tuple(frame.columns) == ACLED_COLUMNS
    # strike (2 reports merged) + protest; the planned offensive and the talks are left out
    assert frame.height == result.written == 2 and result.left_out == 1
    strike = frame.filter(pl.col("sub_event_type") == "Air/drone strike").row(0, named=True)
    assert (
        strike["event_date"] == "2020-05-03" and strike["year"] == "2020" and strike["time_precision"] == "1"
    )
    assert strike["disorder_type"] == "Political violence"
    assert strike["actor1"] == "Russian Air Force" and strike["inter1"] == "8"  # foreign state forces
    assert strike["actor2"] == "civilians" and strike["inter2"] == "7" and strike["interaction"] == "78"
    assert strike["civilian_targeting"] == "Civilian targeting"
    assert (strike["iso"], strike["region"], strike["country"]) == ("760", "Middle East", "Syria")
    assert strike["geo_precision"] == "1" and strike["fatalities"] == "12"  # the lower claim
    assert strike["source"] == "Outlet A; Outlet B"
    assert (
        "12 (White Helmets via Outlet A)" in strike["notes"] and "15 (SOHR via Outlet B)" in strike["notes"]
    )
    assert strike["event_id_cnty"].startswith("SYR-")
    protest = frame.filter(pl.col("event_type") == "Protests").row(0, named=True)
    assert (
        protest["inter1"] == "6"
        and protest["interaction"] == "60"
        and protest["disorder_type"] == "Demonstrations"
    )


def test_acled_export_can_keep_every_modality(filled, tmp_path):
    out = tmp_path / "all.csv"
    assert export_events(filled, "acled", str(out), all_modalities=True).written == 3


@pytest.mark.parametrize(("a", "b", "code"), [(1, 7, 17), (7, 1, 17), (6, 0, 60), (0, 2, 20), (3, 3, 33)])
def test_interaction_codes(a, b, code):
    assert interaction(a, b) == code


def test_geojson_validates(filled, tmp_path):
    out = tmp_path / "events.geojson"
    result = export_events(filled, "geojson", str(out))
    data = geojson.loads(out.read_text("utf-8"))
    assert data.is_valid and data["type"] == "FeatureCollection"
    assert len(data["features"]) == result.written == 3 and result.left_out == 1  # the protest has no place
    for feature in data["features"]:
        assert feature.is_valid and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    geneva = next(f for f in data["features"] if f["properties"]["location_name"] == "Geneva")
    assert geneva["geometry"]["coordinates"] == [6.1457, 46.2022]  # RFC 7946: longitude first


def test_parquet_round_trips(filled, tmp_path):
    parquet, flat, lines = tmp_path / "e.parquet", tmp_path / "e.csv", tmp_path / "e.jsonl"
    assert export_events(filled, "parquet", str(parquet)).written == 4
    export_events(filled, "csv", str(flat))
    export_events(filled, "jsonl", str(lines))
    frame = pl.read_parquet(parquet)
    assert tuple(frame.columns) == (*FLAT_COLUMNS, "reports_json")
    assert frame.schema["date_start"] == pl.Date and frame.schema["lat"] == pl.Float64
    with open(flat, encoding="utf-8") as f:
        rows = {r["event_id"]: r for r in csv.DictReader(f)}
    nested = {d["event_id"]: d for d in map(json.loads, lines.read_text("utf-8").splitlines())}
    for row in frame.iter_rows(named=True):
        expect = rows[row["event_id"]]
        for column in FLAT_COLUMNS:
            value = row[column]
            assert ("" if value is None else str(value)) == expect[column], column
        assert json.loads(row["reports_json"]) == nested[row["event_id"]]["reports"]


def test_jsonl_keeps_reports_and_claims(filled, tmp_path):
    out = tmp_path / "e.jsonl"
    export_events(
        filled,
        "jsonl",
        str(out),
        EventFilter(since=date(2020, 5, 1), until=date(2020, 5, 5), type="air/drone strike"),
    )
    (strike,) = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert strike["n_reports"] == 2 and strike["fatalities"] == 12
    claims = [(f["value"], f["sources"]) for r in strike["reports"] for f in r["figures"]]
    assert claims == [(12, "White Helmets"), (15, "SOHR")]
    assert strike["reports"][1]["merge"]["reason"]["decision"] == "merged"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "acled", "geojson", "parquet"])
def test_export_cli(filled, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(
        cli, ["export", "--db", filled, "--format", fmt, "-o", str(out), "--country", "SY"]
    )
    assert result.exit_code == 0, result.output
    assert "wrote" in result.stderr and out.stat().st_size > 0
    assert not list(tmp_path.glob(".*.partial"))


def test_export_to_plain_file_geometry_precision(filled, tmp_path):
    out = tmp_path / "city.geojson"
    export_events(filled, "geojson", str(out), EventFilter(type="Air/drone strike", until=date(2020, 5, 10)))
    (feature,) = json.loads(out.read_text("utf-8"))["features"]
    assert feature["properties"]["geo_precision"] == str(PlacePrecision.CITY)
