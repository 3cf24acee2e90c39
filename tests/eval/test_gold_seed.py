"""`dateline eval` on the seed agrees with the reference scorer (skips without ../shared)."""

from __future__ import annotations

import importlib.util
import json

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.eval.gold import load_gold
from dateline.eval.scoring import score_document

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def reference(shared):
    path = shared("tools", "score.py")
    spec = importlib.util.spec_from_file_location("dateline_reference_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed_extraction(pipeline, shared, tmp_path_factory):
    seed = shared("seed", "abc-2016-12-04-aleppo.txt")
    result = CliRunner().invoke(cli, ["extract", str(seed)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    path = tmp_path_factory.mktemp("seed") / "pred.json"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def _reference_numbers(reference, gold, doc):
    return reference.score(gold, doc)


def test_gold_seed_pred_file_matches_reference(reference, seed_extraction, shared):
    gold_path = shared("seed", "expected.json")
    result = CliRunner().invoke(cli, ["eval", str(gold_path), "--pred", str(seed_extraction), "--json"])
    assert result.exit_code == 0, result.output
    ours = json.loads(result.stdout)
    theirs = reference.score(load_gold(gold_path), json.loads(seed_extraction.read_text(encoding="utf-8")))
    for section, numbers in theirs.items():
        assert {k: ours[section][k] for k in numbers} == numbers, section


def test_gold_seed_fresh_extraction_matches_reference(reference, seed_extraction, shared, pipeline):
    """Without --pred, eval extracts the gold's document itself: same numbers as scoring that extraction."""
    gold_path = shared("seed", "expected.json")
    result = CliRunner().invoke(cli, ["eval", str(gold_path), "--json"])
    assert result.exit_code == 0, result.output
    ours = json.loads(result.stdout)
    assert ours["prediction"].startswith("dateline extract ")
    doc = json.loads(seed_extraction.read_text(encoding="utf-8"))
    theirs = reference.score(load_gold(gold_path), doc)
    for section, numbers in theirs.items():
        assert {k: ours[section][k] for k in numbers} == numbers, section
    assert score_document(load_gold(gold_path), doc).to_json()["micro"] == theirs["micro"]


def test_gold_seed_table(shared, seed_extraction):
    gold_path = shared("seed", "expected.json")
    result = CliRunner().invoke(cli, ["eval", str(gold_path), "--pred", str(seed_extraction)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any(line.startswith("events ") for line in lines)
    assert any(line.startswith("micro ") for line in lines)
