"""The store on both back ends: migrations, identity rule, atomicity, merging, rebuild, queries."""

from __future__ import annotations

from datetime import date

import pytest
from storekit import make_doc, make_event, store_url_fixture  # noqa: F401 - the store_url fixture

from dateline.errors import ConfigError, MalformedRecord, NotFound, SchemaVersionError
from dateline.ingest import Failure
from dateline.merge.params import default_params
from dateline.schema import Modality, PlacePrecision
from dateline.store import AddStatus, EventFilter, Store, parse_near
from dateline.store.backend import connect
from dateline.store.migrations import SCHEMA_VERSION

# Maarat al-Numan (Idlib); Aleppo is ~70 km north.
MAARAT = ("Maarat al-Numan", 35.6439, 36.6714)
NEARBY = ("Maarat al-Numan, east", 35.6439, 36.7000)  # ~2.6 km from the town point
ALEPPO = ("Aleppo", 36.2021, 37.1343)


@pytest.fixture
def store(store_url):
    with Store.open(store_url) as s:
        yield s


def _partition(store: Store) -> set[frozenset[str]]:
    rows = store.db.query("SELECT event_id, report_id FROM reports")
    groups: dict[str, set[str]] = {}
    for r in rows:
        groups.setdefault(r["event_id"], set()).add(r["report_id"])
    return {frozenset(g) for g in groups.values()}


def test_fresh_store_is_migrated_once(store_url):
    with Store.open(store_url) as store:
        assert store.db.scalar("SELECT max(version) AS v FROM schema_version") == SCHEMA_VERSION
    with Store.open(store_url) as store:  # reopening applies nothing twice
        assert store.db.scalar("SELECT count(*) AS n FROM schema_version") == SCHEMA_VERSION
        assert all(n == 0 for n in store.counts().values())


def test_newer_schema_is_refused(store_url):
    Store.open(store_url).close()
    db = connect(store_url)
    db.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [SCHEMA_VERSION + 1, "future", "2099-01-01"])
    db.close()
    with pytest.raises(SchemaVersionError, match="upgrade dateline"):
        Store.open(store_url)


def test_same_content_is_a_duplicate(store):
    doc = make_doc("Air strikes hit a market in Maarat al-Numan.", (make_event(),))
    assert store.add(doc).status is AddStatus.INGESTED
    before = store.counts()
    again = make_doc(
        "Air  strikes hit a market in MAARAT al-Numan.", (make_event(),), url="https://other.example/x"
    )
    assert store.add(again).status is AddStatus.DUPLICATE  # same normalised text, any URL
    assert store.counts() == before
    assert before["articles"] == before["events"] == before["reports"] == 1


def test_same_url_new_text_replaces_previous_version(store):
    url = "https://news.example/strike"
    first = make_doc(
        "Version one: strikes hit Maarat.", (make_event(),), url=url, killed={"e1": (5, "medics")}
    )
    second = make_doc("Version two: strikes hit Maarat, killing 9.", (make_event(),), url=url + "#live",
                      killed={"e1": (9, "medics")})  # fmt: skip
    store.add(first)
    result = store.add(second)
    assert result.status is AddStatus.REPLACED and result.superseded == first.article.content_hash
    counts = store.counts()
    assert (
        counts["articles"] == 2
        and counts["reports"] == 1
        and counts["figures"] == 1
        and counts["events"] == 1
    )
    old = store.db.query(
        "SELECT superseded_by FROM articles WHERE content_hash = ?", [first.article.content_hash]
    )
    assert old[0]["superseded_by"] == second.article.content_hash
    (event,) = store.events()
    assert event.fatalities == 9 and event.reports[0].article.content_hash == second.article.content_hash
    assert store.add(first).status is AddStatus.DUPLICATE  # the old text again changes nothing


def test_failed_article_leaves_nothing_behind(store):
    good = make_doc("A first article about strikes.", (make_event(),))
    store.add(good)
    before = store.counts()
    broken = make_doc(
        "Two events with one id cannot be stored.", (make_event("e1"), make_event("e1", place=ALEPPO))
    )
    with pytest.raises(Exception):  # noqa: B017, PT011 - the back end's own integrity error
        store.add(broken)
    assert store.counts() == before
    assert not store.has_article(broken.article.content_hash)
    store.add(make_doc("Still writable afterwards.", (make_event(),)))
    assert store.counts()["articles"] == 2


def test_reports_of_one_event_merge_and_keep_every_claim(store):
    a = make_doc(
        "Report A", (make_event(place=MAARAT),), publisher="Outlet A", killed={"e1": (12, "White Helmets")}
    )
    b = make_doc("Report B", (make_event(place=NEARBY, geo=PlacePrecision.POINT, day="2020-05-03",
                  actors=(("actor1", "Russian warplanes", None, None),)),), publisher="Outlet B",
                 killed={"e1": (15, "SOHR")})  # fmt: skip
    c = make_doc("Report C", (make_event(place=ALEPPO),), publisher="Outlet C")
    for doc in (a, b, c):
        store.add(doc)
    events = store.events()
    assert len(events) == 2
    merged = next(e for e in events if e.n_reports == 2)
    assert merged.n_articles == 2 and merged.fatalities == 12  # the conservative claim
    claims = sorted((f.value, f.sources, f.publisher) for r in merged.reports for f in r.figures)
    assert claims == [(12, "White Helmets", "Outlet A"), (15, "SOHR", "Outlet B")]
    second = merged.reports[1]
    assert second.merge_anchor == merged.reports[0].report_id
    checks = second.merge_reason["checks"]
    assert set(checks) == {"type", "time", "place", "actors"}
    assert "km apart" in checks["place"] and "russian" in checks["actors"].lower()
    alone = next(e for e in events if e.n_reports == 1)
    reason = alone.reports[0].merge_reason
    assert reason["decision"] == "new" and reason["rejected"][0]["failed"] == "place"


@pytest.mark.parametrize(
    ("change", "merges"),
    [
        ({}, True),
        ({"day": "2020-05-06"}, False),  # three days later
        ({"modality": Modality.PLANNED}, False),
        ({"acled": ("Protests", "Peaceful protest"), "category": "protest"}, False),
        ({"actors": (("actor1", "Turkish Armed Forces", None, "TUR"),)}, False),
        ({"actors": ()}, True),  # no actors named: nothing contradicts
        ({"place": None}, False),  # no place: cannot tell
        ({"country": "TR"}, False),
    ],
)
def test_merge_checks(store, change, merges):
    store.add(make_doc("First report", (make_event(),)))
    store.add(make_doc("Second report", (make_event(**change),)))
    assert (store.counts()["events"] == 1) is merges


def test_same_article_events_never_merge(store):
    store.add(make_doc("Two strikes the same day", (make_event("e1"), make_event("e2"))))
    assert store.counts()["events"] == 2


def test_rebuild_is_reversible_and_matches_ingest(store):
    docs = [
        make_doc("A", (make_event(place=MAARAT),)),
        make_doc("B", (make_event(place=NEARBY),)),
        make_doc("C", (make_event(place=ALEPPO, day="2020-05-10"),)),
        make_doc("D", (make_event(place=ALEPPO, day="2020-05-10", geo=PlacePrecision.ADMIN1),)),
    ]
    for doc in docs:
        store.add(doc)
    ingested = _partition(store)
    assert len(ingested) == 2
    tight = store.rebuild(default_params().with_overrides({"same_place_km.city": "1"}))
    assert tight.events_after == 3 and len(_partition(store)) == 3  # 2.6 km apart no longer merge
    back = store.rebuild(default_params())
    assert back.events_after == 2 and _partition(store) == ingested
    assert store.counts()["events"] == 2


def test_rebuild_thresholds_persist_for_later_ingest(store_url):
    with Store.open(store_url) as store:
        store.rebuild(default_params().with_overrides({"same_place_km.city": "1"}))
    with Store.open(store_url) as store:
        assert store.params.same_place_km["city"] == 1.0
        store.add(make_doc("A", (make_event(place=MAARAT),)))
        store.add(make_doc("B", (make_event(place=NEARBY),)))
        assert store.counts()["events"] == 2


def test_superseding_the_first_report_rekeys_the_event(store):
    url = "https://news.example/a"
    store.add(make_doc("A1", (make_event(),), url=url))
    store.add(make_doc("B", (make_event(place=NEARBY),)))
    store.add(make_doc("A2", (make_event(place=ALEPPO),), url=url))
    ids = {e.event_id for e in store.events()}
    before = _partition(store)
    store.rebuild()
    assert {e.event_id for e in store.events()} == ids and _partition(store) == before


def test_failures_are_stored_and_counted(store):
    failure = Failure("bad.jsonl:3", MalformedRecord("invalid JSON", source="bad.jsonl:3"))
    store.record_failure(failure)
    store.record_failure(failure)
    (row,) = store.failures()
    assert row["code"] == "E105" and row["attempts"] == 2 and row["message"] == "invalid JSON"


@pytest.fixture
def filled(store):
    store.add(make_doc("Strike one", (make_event(),), publisher="Outlet A", killed={"e1": (12, "SOHR")}))
    store.add(make_doc("Clash two", (make_event(
        category="conflict", acled=("Battles", "Armed clash"), plover="FIGHT", place=ALEPPO, day="2020-05-10",
        actors=(("actor1", "Syrian Democratic Forces", None, "SYR"), ("actor2", "Islamic State", None, None)),
    ),), publisher="Outlet B", url="https://b.example/clash"))  # fmt: skip
    store.add(
        make_doc("Plan three", (make_event(modality=Modality.PLANNED, place=ALEPPO, day="2020-06-01"),))
    )
    return store


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (EventFilter(), 3),
        (EventFilter(since=date(2020, 5, 5)), 2),
        (EventFilter(until=date(2020, 5, 3)), 1),
        (EventFilter(since=date(2020, 5, 4), until=date(2020, 5, 20)), 1),
        (EventFilter(country="SY"), 3),
        (EventFilter(country="SYR"), 3),
        (EventFilter(country="Turkey"), 0),
        (EventFilter(near=parse_near("36.2,37.15,10")), 2),
        (EventFilter(near=parse_near("35.64,36.67,5")), 1),
        (EventFilter(type="Battles"), 1),
        (EventFilter(type="armed clash"), 1),
        (EventFilter(type="remote_violence"), 2),
        (EventFilter(actor="democratic forces"), 1),
        (EventFilter(source="sohr"), 0),
        (EventFilter(source="observatory"), 3),
        (EventFilter(source="outlet a"), 1),
        (EventFilter(source="b.example"), 1),
        (EventFilter(min_fatalities=10), 1),
        (EventFilter(modalities=("asserted", "ongoing")), 2),
        (EventFilter(limit=1), 1),
    ],
)
def test_event_filters(filled, where, expected):
    assert len(filled.events(where)) == expected


def test_event_lookup_by_prefix(filled):
    event = filled.events(EventFilter(type="Battles"))[0]
    assert filled.event(event.event_id[:9]).event_id == event.event_id
    with pytest.raises(NotFound):
        filled.event("ev-nonexistent")


@pytest.mark.parametrize("text", ["36.2,37.1", "a,b,c", "95,0,10", "0,0,-1"])
def test_bad_near(text):
    with pytest.raises(ConfigError):
        parse_near(text)
