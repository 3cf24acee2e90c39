"""The store commands end to end: ingest (raw articles and documents), events, events show, merge."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from storekit import make_doc, make_event, store_url_fixture  # noqa: F401 - the store_url fixture

from dateline.cli import cli
from dateline.schema import document_to_dict
from dateline.store import Store

NEARBY = ("Maarat al-Numan, east", 35.6439, 36.7000)  # ~2.6 km from the town point
ARTICLES = [
    {"id": "r1", "url": "https://example.org/saraqib", "published": "2020-02-04",
     "text": "Government forces shelled the town of Saraqib in Idlib province on Tuesday, killing six civilians, "
             "the Syrian Observatory for Human Rights said."},
    {"id": "r2", "published": "2020-02-05",
     "text": "Turkish troops and Syrian government forces clashed near Saraqib on Wednesday, Turkey's defence "
             "ministry said, a day after artillery fire killed several civilians in the town."},
]  # fmt: skip


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def documents(tmp_path):
    path = tmp_path / "docs.jsonl"
    docs = [
        make_doc(
            "First report of the strike", (make_event(),), publisher="Outlet A", killed={"e1": (12, "medics")}
        ),
        make_doc("Second report of the strike", (make_event(place=NEARBY),), publisher="Outlet B"),
    ]
    path.write_text("".join(json.dumps(document_to_dict(d)) + "\n" for d in docs) + "{not json}\n", "utf-8")
    return path


def test_ingest_raw_articles_twice(store_url, tmp_path, pipeline):
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES) + '{"id": "r3"}\n', "utf-8")
    first = invoke("ingest", "--db", store_url, str(path))
    assert first.exit_code == 1  # the record without text failed; the others were stored
    assert "2 ingested" in first.stderr and "1 failed" in first.stderr and "E105" in first.stderr
    with Store.open(store_url) as store:
        counts = store.counts()
        (failure,) = store.failures()
    assert counts["articles"] == 2 and failure["code"] == "E105" and "text" in failure["message"]
    second = invoke("ingest", "--db", store_url, str(path))
    assert "0 ingested" in second.stderr and "2 skipped as duplicate" in second.stderr
    with Store.open(store_url) as store:
        again = store.counts()
        assert store.failures()[0]["attempts"] == 2
    assert again == counts


def test_events_list_show_and_merge(store_url, documents):
    result = invoke("ingest", "--documents", "--db", store_url, str(documents))
    assert result.exit_code == 1 and "2 ingested" in result.stderr and "1 merged" in result.stderr
    table = invoke("events", "--db", store_url)
    assert "Air/drone strike" in table.stdout and "(1 events)" in table.stdout
    listed = json.loads(invoke("events", "--db", store_url, "--format", "json").stdout)
    (event,) = listed
    assert event["n_reports"] == 2 and event["fatalities"] == 12
    rows = list(csv.DictReader(io.StringIO(invoke("events", "--db", store_url, "--format", "csv").stdout)))
    assert rows[0]["event_id"] == event["event_id"] and rows[0]["sources"].startswith("Outlet A")
    assert invoke("events", "--db", store_url, "--near", "35.64,36.67,2").stdout.endswith("(1 events)\n")
    assert invoke("events", "--db", store_url, "--country", "Iraq").stdout.endswith("(0 events)\n")

    shown = invoke("events", "show", event["event_id"][:8], "--db", store_url)
    assert shown.exit_code == 0
    text = shown.stdout
    assert "2 report(s) from 2 article(s)" in text and "merged with" in text and "km apart" in text
    assert "claim: killed" in text and "started this event" in text
    as_json = json.loads(
        invoke("events", "--db", store_url, "show", event["event_id"], "--format", "json").stdout
    )
    assert as_json["reports"][1]["merge"]["reason"]["checks"]["type"].startswith("same acled sub event type")

    split = invoke("merge", "--db", store_url, "--set", "same_place_km.city=1")
    assert "2 reports -> 2 events (was 1)" in split.stderr
    back = invoke("merge", "--db", store_url, "--defaults")
    assert "-> 1 events (was 2)" in back.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--near", "1,2"], "--near needs"),
        (["events", "--country", "Atlantis"], "unknown country"),
        (["events", "show", "ev-000000000000"], "[E602]"),
        (["merge", "--set", "radius_km.moon=3"], "unknown merge setting"),
    ],
)
def test_user_errors_are_one_line(store_url, args, message):
    Store.open(store_url).close()
    result = invoke(*args[:1], "--db", store_url, *args[1:]) if args[0] != "events" or args[1] != "show" else (
        invoke("events", "show", args[2], "--db", store_url)
    )  # fmt: skip
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_unreachable_postgres_is_a_clear_error(tmp_path):
    result = invoke("events", "--db", "postgresql://nobody:secret@127.0.0.1:1/none")
    assert result.exit_code == 2
    assert "[E600]" in result.stderr and "secret" not in result.stderr


@pytest.mark.slow
def test_guardian_corpus_ingested_twice_gives_the_same_counts(shared, tmp_path, pipeline):
    corpus = shared("data", "guardian-syria-sdf-ngec", "Guardian_SDF_sample.csv")
    db = str(tmp_path / "guardian.duckdb")
    invoke("ingest", "--db", db, str(corpus))
    with Store.open(db) as store:
        once = store.counts()
        failed_once = [(f["source"], f["code"]) for f in store.failures()]
    assert once["articles"] + once["failures"] == 249  # every row stored, or its failure with the reason
    second = invoke("ingest", "--db", db, str(corpus))
    assert "0 ingested" in second.stderr and f"{once['articles']} skipped as duplicate" in second.stderr
    with Store.open(db) as store:
        assert store.counts() == once
        assert [(f["source"], f["code"]) for f in store.failures()] == failed_once


@pytest.mark.parametrize("command", [["events"], ["export", "--format", "csv", "-o", "x.csv"], ["merge"]])
def test_reading_a_missing_store_does_not_create_one(tmp_path, command):
    missing = tmp_path / "missing.duckdb"
    result = invoke(*command, "--db", str(missing))
    assert result.exit_code == 2 and "no store here" in result.stderr
    assert not missing.exists()
