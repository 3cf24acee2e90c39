"""Regression gate: floors, corpus hashes, --update rules, and a seeded regression end to end."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.eval.gate import BASELINE_FORMAT, adapter_of, check, corpus_hashes, main, update
from dateline.eval.suite import MetricRow

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "fixtures" / "eval" / "corpora"


def _baseline(floors: dict[str, float], corpora: dict[str, str] | None = None, **extra) -> dict:
    return {
        "format": BASELINE_FORMAT,
        "limit": 10,
        "corpora": corpora or {},
        "floors": {k: {"value": v, "higher_is_better": "km" not in k} for k, v in floors.items()},
        **extra,
    }


ROWS = [
    MetricRow("c", "f1", 0.50),
    MetricRow("c", "median km", 40.0, higher_is_better=False, unit="km"),
    MetricRow("d", "acc", None, status="not available", note="module missing"),
]


@pytest.mark.parametrize(
    ("floors", "failures"),
    [
        ({"c / f1": 0.50, "c / median km": 40.0}, []),
        ({"c / f1": 0.40, "c / median km": 55.0}, []),
        ({"c / f1": 0.51}, ["c / f1 = 0.5000, floor 0.5100"]),
        ({"c / median km": 39.0}, ["c / median km = 40.0000, ceiling 39.0000"]),
        ({"d / acc": 0.2}, ["d / acc has no value (not available: module missing); pinned 0.2"]),
        ({"e / gone": 0.2}, ["e / gone is no longer produced; pinned 0.2"]),
    ],
)
def test_suite_gate_check_floors(floors, failures):
    assert list(check(ROWS, {}, _baseline(floors)).failures) == failures


def test_suite_gate_tolerance():
    assert check(ROWS, {}, _baseline({"c / f1": 0.51}, tolerance=0.02)).ok


def test_suite_gate_corpus_hash():
    result = check(ROWS, {"x": "aa"}, _baseline({}, corpora={"x": "bb", "y": "cc"}))
    assert [f.split(" (")[0] for f in result.failures] == ["corpus x changed", "corpus y is missing"]


def test_suite_gate_notes_unpinned_metrics():
    result = check(ROWS, {}, _baseline({"c / f1": 0.5}))
    assert result.ok and result.notes == ("c / median km = 40.0000 is not pinned yet (--update pins it)",)


def test_suite_gate_update_raises_but_never_lowers():
    old = _baseline({"c / f1": 0.60, "c / median km": 50.0, "e / gone": 0.3})
    new, result = update(ROWS, {"x": "aa"}, old, allow_regression=False)
    assert new["floors"]["c / f1"]["value"] == 0.60  # kept: the new score is lower
    assert new["floors"]["c / median km"]["value"] == 40.0  # raised (a lower ceiling is better)
    assert "e / gone" in new["floors"]
    assert new["corpora"] == {"x": "aa"}
    assert not result.ok and len(result.failures) == 2
    lowered, result = update(ROWS, {"x": "aa"}, old, allow_regression=True)
    assert lowered["floors"]["c / f1"]["value"] == 0.50
    assert "e / gone" not in lowered["floors"]
    assert result.ok


def test_suite_gate_pins_rounded_conservatively():
    new, _ = update(
        [MetricRow("c", "f1", 2 / 3), MetricRow("c", "km", 10.00001, higher_is_better=False)],
        {},
        _baseline({}),
        allow_regression=False,
    )
    assert new["floors"]["c / f1"]["value"] == 0.6666
    assert new["floors"]["c / km"]["value"] == 10.0001


def test_suite_gate_corpus_hashes_change_with_content(tmp_path):
    shutil.copytree(DATA / "plover-gsr", tmp_path / "plover-gsr")
    before = corpus_hashes(tmp_path, ["plover-gsr", "absent"])
    assert list(before) == ["plover-gsr"]
    path = tmp_path / "plover-gsr" / "PLOVER_GSR_CAMEO.txt"
    path.write_text(path.read_text() + " ")
    assert corpus_hashes(tmp_path, ["plover-gsr"]) != before


def test_suite_gate_skips_without_corpora(tmp_path, capsys):
    assert main(["--baseline", str(tmp_path / "b.json"), "--data", str(tmp_path / "absent")]) == 0
    assert "skipped" in capsys.readouterr().out


def test_suite_gate_rejects_allow_regression_without_update(tmp_path):
    assert main(["--baseline", str(tmp_path / "b.json"), "--data", str(DATA), "--allow-regression"]) == 2


def test_suite_gate_seeded_regression_fails(tmp_path, pipeline, capsys):
    """Pin the tiny corpora, then raise one floor above today's score: the gate script must fail."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    baseline = tmp_path / "baseline.json"
    args = ["--baseline", str(baseline), "--data", str(data)]
    assert main([*args, "--update"]) == 0, capsys.readouterr().out
    content = json.loads(baseline.read_text())
    assert content["format"] == BASELINE_FORMAT and "case2021-task2-event-types" in content["corpora"]
    key = "case2021 / sub-type micro F1"
    assert key in content["floors"]
    assert main(args) == 0
    assert "passed" in capsys.readouterr().out

    content["floors"][key]["value"] += 0.25  # a score that today's pipeline does not reach
    baseline.write_text(json.dumps(content))
    script = [sys.executable, str(ROOT / "scripts" / "eval_gate.py"), *args]
    failed = subprocess.run(script, capture_output=True, text=True, check=False)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert f"FAIL: {key} = " in failed.stdout

    assert main([*args, "--update"]) == 1  # --update alone never lowers a floor
    assert json.loads(baseline.read_text())["floors"][key]["value"] == content["floors"][key]["value"]


@pytest.mark.parametrize(
    ("key", "adapter"),
    [
        ("case2021 / sub-type micro F1", "case2021"),
        ("geoparsing/gwn / acc@161 km", "geoparsing"),
        ("rams / x / y", "rams"),
    ],
)
def test_suite_gate_adapter_of(key, adapter):
    assert adapter_of(key) == adapter
