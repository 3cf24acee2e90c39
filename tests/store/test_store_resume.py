"""Resumable ingest: SIGKILL an ingest process mid-run, run it again, and compare with a clean run.

Documents are hand-built dateline/1 JSON Lines (``ingest --documents``) with events that merge
across articles, so the kill can land between any two article commits, merges included.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from storekit import make_doc, make_event, store_url_fixture  # noqa: F401 - the store_url fixture

from dateline.cli import cli
from dateline.schema import PlacePrecision, document_to_dict
from dateline.settings import Settings
from dateline.store import Store
from dateline.store.ingest import ingest_paths

N_DOCS = 150
KILL_AFTER = 10

# Places ~0-30 km apart around Idlib, so some reports merge and some do not.
PLACES = [("Idlib", 35.9306, 36.6339), ("Binnish", 35.9568, 36.7137), ("Saraqib", 35.8624, 36.8006),
          ("Ariha", 35.8128, 36.6103), ("Jisr al-Shughur", 35.8126, 36.3190)]  # fmt: skip


def _documents(path: Path) -> None:
    rng = random.Random(7)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(N_DOCS):
            name, lat, lon = rng.choice(PLACES)
            day = f"2020-02-{rng.randint(1, 20):02d}"
            events = tuple(
                make_event(f"e{j}", place=(name, lat + rng.uniform(-0.02, 0.02), lon), day=day,
                           geo=rng.choice([PlacePrecision.CITY, PlacePrecision.POINT]))
                for j in range(1, rng.randint(1, 3) + 1)
            )  # fmt: skip
            killed = {"e1": (rng.randint(0, 20), "local medics")}
            doc = make_doc(f"Report {i}: air strikes near {name} on {day}.", events, killed=killed)
            out.write(json.dumps(document_to_dict(doc)) + "\n")


def _snapshot(url: str) -> dict:
    with Store.open(url) as store:
        counts = store.counts()
        events = store.db.query(
            "SELECT event_id, n_reports, n_articles, fatalities, date_start, date_end, lat, lon FROM events"
        )
        reports = store.db.query("SELECT report_id, event_id, merge_anchor FROM reports")
        hashes = store.db.query("SELECT content_hash FROM articles")
    return {
        "counts": counts,
        "events": sorted(tuple(e.values()) for e in events),
        "reports": sorted(tuple(r.values()) for r in reports),
        "articles": sorted(h["content_hash"] for h in hashes),
    }


def _kill_mid_run(args: list[str]) -> int:
    """Start ``dateline -v ingest ...``, SIGKILL it after KILL_AFTER commits; return commits seen."""
    seen = 0
    with subprocess.Popen(
        [sys.executable, "-m", "dateline", "-v", "ingest", "--no-progress", *args],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=dict(os.environ),
    ) as proc:  # fmt: skip
        assert proc.stderr is not None
        for line in proc.stderr:
            if "stored ingested" in line:
                seen += 1
                if seen >= KILL_AFTER:
                    proc.send_signal(signal.SIGKILL)
                    break
        proc.wait(timeout=300)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    return seen


@pytest.mark.parametrize("store_url", ["duckdb", "postgresql"], indirect=True)
def test_kill_then_rerun_loses_and_duplicates_nothing(store_url, tmp_path):
    docs = tmp_path / "docs.jsonl"
    _documents(docs)
    reference = str(tmp_path / "reference.duckdb")
    clean = ingest_paths([str(docs)], Settings(), db=reference, documents=True)
    assert clean.ingested == N_DOCS and clean.merged > 0

    _kill_mid_run(["--documents", "--db", store_url, str(docs)])
    partial = _snapshot(store_url)["counts"]["articles"]
    assert KILL_AFTER <= partial < N_DOCS

    result = CliRunner().invoke(cli, ["ingest", "--documents", "--db", store_url, str(docs)])
    assert result.exit_code == 0, result.output
    assert f"{N_DOCS - partial} ingested" in result.stderr
    assert f"{partial} skipped as duplicate" in result.stderr
    assert _snapshot(store_url) == _snapshot(reference)


N_ARTICLES = 40


@pytest.fixture(scope="module")
def raw_articles(tmp_path_factory):
    """Raw articles, and a store that ingested them without interruption (built once)."""
    folder = tmp_path_factory.mktemp("raw")
    articles = folder / "articles.jsonl"
    with open(articles, "w", encoding="utf-8") as out:
        for i in range(N_ARTICLES):
            text = (
                f"Report number {i}. Government forces shelled the town of Saraqib in Idlib province on "
                f"Tuesday, killing {i % 9 + 2} civilians, the Syrian Observatory for Human Rights said. "
                "Rescue workers said the strikes hit a market and a school."
            )
            out.write(json.dumps({"id": f"a{i}", "published": "2020-02-04", "text": text}) + "\n")
    reference = str(folder / "reference.duckdb")
    _ingest_in_subprocess(["--db", reference, str(articles)])
    return articles, reference


def _ingest_in_subprocess(args: list[str]) -> None:
    """A fresh process, like the killed one: extraction must not depend on this test session's state."""
    done = subprocess.run(
        [sys.executable, "-m", "dateline", "ingest", "--no-progress", *args],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("store_url", ["duckdb", "postgresql"], indirect=True)
def test_kill_during_extraction_then_rerun(store_url, raw_articles):
    """The same with raw articles through the real pipeline (spaCy and every default stage),
    every run in a fresh process."""
    articles, reference = raw_articles
    _kill_mid_run(["--batch-size", "2", "--db", store_url, str(articles)])
    _ingest_in_subprocess(["--db", store_url, str(articles)])
    mine, ref = _snapshot(store_url), _snapshot(reference)
    assert mine["articles"] == ref["articles"] and len(ref["articles"]) == N_ARTICLES
    assert mine["counts"] == ref["counts"]
