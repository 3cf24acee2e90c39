"""ScrapingHub article-extraction benchmark adapter: metric and a 20-page smoke evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.eval.scrapinghub import benchmark_counts, evaluate, main, token_scores

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / ".." / "shared" / "data" / "scrapinghub-article-extraction-benchmark"


@pytest.fixture(scope="module")
def data_dir() -> Path:
    if not (DATA_DIR / "ground-truth.json").is_file():
        pytest.skip(f"{DATA_DIR} not present (../shared is only available to developers and CI)")
    return DATA_DIR


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        ("a b c", "a b c", (1.0, 1.0, 1.0)),
        ("a\n\nb  c", "a b c", (1.0, 1.0, 1.0)),  # whitespace-split tokens
        ("a b", "a b c d", (1.0, 0.5, 2 / 3)),
        ("a a a b", "a b", (0.5, 1.0, 2 / 3)),  # multiset overlap
        ("x y", "a b", (0.0, 0.0, 0.0)),
        ("", "a b", (0.0, 0.0, 0.0)),
        ("a b", "", (0.0, 0.0, 0.0)),
        ("", "", (1.0, 1.0, 1.0)),
    ],
)
def test_token_scores(pred: str, gold: str, expected: tuple[float, float, float]) -> None:
    assert token_scores(pred, gold) == pytest.approx(expected)


def test_benchmark_counts_use_normalised_shingles() -> None:
    assert benchmark_counts("one two three four five", "one two three four five") == (1.0, 0.0, 0.0)
    tp, fp, fn = benchmark_counts("one two three four five", "one two three four six")
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert benchmark_counts("", "") == (0.0, 0.0, 0.0)


@pytest.mark.shared
def test_evaluate_first_20_pages(data_dir: Path) -> None:
    result = evaluate(data_dir, limit=20)
    assert result.n_pages == len(result.rows) == 20
    assert result.mean_f1 >= 0.9
    assert result.benchmark_f1 >= 0.9
    assert 0.0 <= result.mean_precision <= 1.0 and 0.0 <= result.mean_recall <= 1.0
    assert result.seconds > 0


@pytest.mark.shared
def test_main_prints_json(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(data_dir), "--limit", "2", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["n_pages"] == 2 and len(printed["rows"]) == 2


def test_main_reports_missing_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(tmp_path)]) == 2
    assert "benchmark not found" in capsys.readouterr().err
