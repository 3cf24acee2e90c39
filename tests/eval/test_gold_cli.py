"""`dateline eval GOLD --pred FILE`: table, JSON, and one-line errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dateline.cli import cli

TEXT = "Kerry met Lavrov in Geneva on Friday."
GOLD = {
    "gold": "dateline-gold/1",
    "places": [{"text": "Geneva", "level": "must", "geonames_id": 2660646}],
    "times": [{"text": "Friday", "level": "must", "start": "2016-12-02", "end": "2016-12-02"}],
}
PRED = {
    "article": {"id": "k", "text": TEXT},
    "places": [
        {"id": "p1", "text": "Geneva", "geonames_id": 2660646, "mentions": [{"start": 20, "end": 26}]},
        {"id": "p2", "text": "Lavrov", "mentions": [{"start": 10, "end": 16}]},
    ],
    "times": [
        {"text": "Friday", "span": {"start": 30, "end": 36}, "start": "2016-12-09", "end": "2016-12-09"}
    ],
}


@pytest.fixture
def files(tmp_path):
    gold, pred = tmp_path / "gold.json", tmp_path / "pred.json"
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    pred.write_text(json.dumps(PRED), encoding="utf-8")
    return gold, pred


def test_gold_cli_table(files):
    gold, pred = files
    result = CliRunner().invoke(cli, ["eval", str(gold), "--pred", str(pred)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    places = next(line for line in out.splitlines() if line.startswith("places "))
    assert places.split() == ["places", "1.00", "(1/1)", "0.50", "(1/2)", "0.67"]
    assert "p2 Lavrov [10:16] 'Lavrov'" in out  # false positive with its evidence span
    assert "Friday = 2016-12-02..2016-12-02 at [30:36] 'Friday'; nearest 'Friday' fails start, end" in out


def test_gold_cli_json(files):
    gold, pred = files
    result = CliRunner().invoke(cli, ["eval", str(gold), "--pred", str(pred), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["places"]["recall"] == 1.0 and data["places"]["precision"] == 0.5
    assert data["times"]["missed"] == ["Friday"]
    assert data["times"]["misses"][0]["failed"] == ["start", "end"]
    assert data["micro"] == {"recall": 0.5, "precision": 1 / 3, "f1": 0.4}


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["eval"], 2, "give a GOLD file"),
        (["eval", "{gold}", "--suite", "dev"], 2, "--suite runs without GOLD"),
        (["eval", "{bad}"], 2, "[E501]"),
        (["eval", "{gold}"], 2, "names no 'document'"),
        (["eval", "{gold}", "--pred", "{bad}"], 2, "not a dateline/1 document"),
    ],
)
def test_gold_cli_errors(files, tmp_path, args, code, message):
    gold, _ = files
    bad = tmp_path / "bad.json"
    bad.write_text('{"places": 3}', encoding="utf-8")
    args = [a.format(gold=gold, bad=bad) for a in args]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output
