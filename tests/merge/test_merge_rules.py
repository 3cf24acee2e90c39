"""Merge rules and clustering on hand-built report keys (no database)."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import pytest

from dateline.errors import ConfigError
from dateline.merge.cluster import cluster_reports, new_event_id
from dateline.merge.params import MergeParams, default_params
from dateline.merge.rules import ActorKey, ReportKey, check_pair, haversine_km

P = default_params()


def key(rid: str, article: str, **kw) -> ReportKey:
    base = {
        "report_id": rid, "article": article, "seq": int(article.strip("a") or 0), "position": 0,
        "category": "remote_violence", "modality_group": "factual", "date_start": date(2020, 5, 3),
        "date_end": date(2020, 5, 3), "time_precision": "day", "lat": 35.64, "lon": 36.67, "country": "SY",
        "geo_precision": "city", "acled_event_type": "Explosions/Remote violence",
        "acled_sub_event_type": "Air/drone strike",
        "actors": (ActorKey("actor1", "Russian Air Force", kind="military", country="RUS"),),
    }  # fmt: skip
    base.update(kw)
    return ReportKey(**base)


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [((36.2021, 37.1343), (36.2021, 37.1343), 0.0), ((35.6439, 36.6714), (35.6136, 36.5614), 10.5),
     ((51.5074, -0.1278), (48.8566, 2.3522), 343.6)],
)  # fmt: skip
def test_haversine(a, b, km):
    assert math.isclose(haversine_km(*a, *b), km, abs_tol=0.5)


@pytest.mark.parametrize(
    ("change", "failed"),
    [
        ({}, None),
        ({"article": "a1"}, "article"),
        ({"modality_group": "irrealis"}, "modality"),
        ({"lat": None, "lon": None}, "data"),
        ({"date_start": None, "date_end": None}, "data"),
        ({"acled_sub_event_type": "Shelling/artillery/missile attack"}, None),  # a compatible pair
        (
            {"acled_sub_event_type": "Armed clash", "acled_event_type": "Battles", "category": "conflict"},
            "type",
        ),
        ({"category": "protest", "acled_event_type": None, "acled_sub_event_type": None}, "type"),
        ({"date_start": date(2020, 5, 4), "date_end": date(2020, 5, 4)}, "time"),  # next day: another event
        ({"date_start": date(2020, 5, 1), "date_end": date(2020, 5, 7), "time_precision": "week"}, None),
        ({"date_start": date(2020, 5, 5), "date_end": date(2020, 5, 5)}, "time"),
        ({"date_start": date(2020, 5, 1), "date_end": date(2020, 7, 1), "time_precision": "month"}, "time"),
        ({"lat": 35.67}, None),  # two towns 3.3 km apart: the same place
        ({"lat": 35.70}, "place"),  # 6.7 km: two places
        ({"lat": 35.80, "geo_precision": "admin2"}, None),  # a town 18 km inside a district's reach
        ({"lat": 36.00, "geo_precision": "admin2"}, "place"),  # 40 km
        ({"country": "TR"}, "place"),
        ({"actors": (ActorKey("actor1", "Russian warplanes"),)}, None),
        ({"actors": (ActorKey("actor1", "Turkish forces", kind="military", country="TUR"),)}, "actors"),
        ({"actors": (ActorKey("actor1", "Moscow's forces", kind="military", country="RUS"),)}, None),
        ({"actors": ()}, None),
        ({"actors": (), "geo_precision": "country"}, "actors"),  # coarse place needs a common actor
        ({"geo_precision": "country", "lat": 34.8, "lon": 38.9}, None),  # same country + common actor
    ],
)
def test_check_pair(change, failed):
    a = key("a1/e1", "a1")
    rest = {k: v for k, v in change.items() if k != "article"}
    b = key("a2/e1", change.get("article", "a2"), **rest)
    verdict = check_pair(a, b, P)
    assert verdict.failed == failed
    assert verdict.ok is (failed is None)
    if verdict.ok:
        assert set(verdict.reasons) == {"type", "time", "place", "actors"}


def test_pair_check_is_symmetric():
    pairs = [
        (
            key("x/e1", "a1"),
            key("y/e1", "a2", lat=35.75, date_start=date(2020, 5, 4), date_end=date(2020, 5, 4)),
        )
    ]
    for a, b in pairs:
        assert check_pair(a, b, P).ok == check_pair(b, a, P).ok


def test_complete_linkage_prevents_chaining():
    # three reports 3.3 km apart in a line: 1-2 and 2-3 are within 5 km, 1-3 (6.7 km) is not
    reports = [key(f"a{i}/e1", f"a{i}", lat=35.64 + 0.03 * i, seq=i) for i in range(3)]
    assignments = cluster_reports(reports, P)
    assert assignments[1].merged and assignments[1].event_id == assignments[0].event_id
    assert not assignments[2].merged
    assert assignments[2].explanation["rejected"][0]["failed"] == "place"


def test_clusters_do_not_depend_on_input_order():
    reports = [key(f"a{i}/e1", f"a{i}", seq=i, lat=35.64 + 0.005 * i) for i in range(6)]
    forward = cluster_reports(reports, P)
    backward = cluster_reports(list(reversed(reports)), P)
    assert [(a.report_id, a.event_id) for a in forward] == [(a.report_id, a.event_id) for a in backward]
    assert {a.event_id for a in forward} == {new_event_id("a0/e1")}


def test_best_event_is_the_closest():
    reports = [
        key("a1/e1", "a1", seq=1, lat=35.64),
        key("a2/e1", "a2", seq=2, lat=35.66, actors=(ActorKey("actor1", "Syrian army", kind="military", country="SYR"),)),
        key("a3/e1", "a3", seq=3, lat=35.655),
    ]  # fmt: skip
    out = cluster_reports(reports, P)
    assert out[1].event_id != out[0].event_id  # different actors
    # a3 is compatible with both events (it names Russia; event 2 named the Syrian army, so no) -> event 1
    assert out[2].event_id == out[0].event_id


@pytest.mark.parametrize(
    ("overrides", "check"),
    [
        ({"radius_km.city": "5"}, lambda p: p.radius_km["city"] == 5.0),
        ({"time_tolerance_days.day": "0"}, lambda p: p.time_tolerance_days["day"] == 0),
        ({"undated_window_days": "7"}, lambda p: p.undated_window_days == 7),
    ],
)
def test_overrides(overrides, check):
    assert check(P.with_overrides(overrides))
    assert P.radius_km["city"] == 10.0  # the defaults are untouched


@pytest.mark.parametrize("overrides", [{"radius_km.planet": "5"}, {"radius_km.city": "-1"}, {"nonsense": "1"},
                                       {"radius_km.city": "far"}])  # fmt: skip
def test_bad_overrides(overrides):
    with pytest.raises(ConfigError):
        P.with_overrides(overrides)


def test_params_json_round_trip():
    params = P.with_overrides({"radius_km.city": "7"})
    again = MergeParams.from_json(params.to_json())
    assert again == params and replace(again, undated_window_days=1) != params
