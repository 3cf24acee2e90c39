"""The founding article (../shared/seed): ingest and mention offsets. Skips without ../shared."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.schema import validate_document


@pytest.fixture(scope="module")
def seed_doc(pipeline, shared):
    seed = shared("seed", "abc-2016-12-04-aleppo.txt")
    result = CliRunner().invoke(cli, ["extract", str(seed)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_seed_document_validates(seed_doc):
    validate_document(seed_doc)


def test_seed_article_metadata(seed_doc):
    article = seed_doc["article"]
    assert article["title"] == "Assad Troops Have Taken 52 Percent of Rebel-Held Aleppo, Russia says"
    assert article["subtitle"] == "Government forces have advanced rapidly in the past week"
    assert article["publisher"] == "ABC News"
    assert article["published"] == "2016-12-04T18:19"
    assert article["language"] == "en"
    assert article["id"] == article["content_hash"]


def test_seed_body_clean(seed_doc):
    text = seed_doc["article"]["text"]
    assert text.startswith("Russia's military has said")
    assert text.endswith("a pharmacist fleeing eastern Aleppo told Reuters.")
    assert text.count("Syrian children, who were displaced from east Aleppo") == 1
    assert "Related Topics" not in text and "— --" not in text and "PHOTO:" not in text
    captions = [b for b in seed_doc["article"]["blocks"] if b["kind"] == "caption"]
    assert len(captions) == 1
    assert text[captions[0]["start"] : captions[0]["end"]].startswith("Syrian children")


def test_seed_mention_offsets(seed_doc):
    text = seed_doc["article"]["text"]
    checked = 0
    pronouns = {"he", "she", "him", "her", "his", "they", "them", "their"}
    for actor in seed_doc["actors"]:
        surfaces = {actor["name"].casefold(), *(a.casefold() for a in actor["aliases"]), *pronouns}
        for m in actor["mentions"]:
            assert text[m["start"] : m["end"]].casefold() in surfaces
            checked += 1
    for place in seed_doc["places"]:
        surfaces = [text[m["start"] : m["end"]] for m in place["mentions"]]
        assert place["text"] in surfaces  # mentions of one place may differ ("U.S.", "United States")
        assert all(s == s.strip() and s and "\n" not in s for s in surfaces)
        checked += len(surfaces)
    for t in seed_doc["times"]:
        assert text[t["span"]["start"] : t["span"]["end"]] == t["text"]
        checked += 1
    assert checked > 40
    places = {p["text"] for p in seed_doc["places"]}
    assert {"Aleppo", "Syria", "Geneva", "Turkey", "Germany", "Moscow"} <= places
    actors = {a["name"] for a in seed_doc["actors"]}
    assert {"Sergei Lavrov", "John Kerry", "Reuters"} <= actors
