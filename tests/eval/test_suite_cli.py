"""`dateline eval --suite dev` from the command line, on the tiny fixture corpora."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from dateline.cli import cli

DATA = Path(__file__).resolve().parents[1] / "fixtures" / "eval" / "corpora"


def test_suite_cli_table_and_docs(pipeline, tmp_path):
    docs = tmp_path / "quality.md"
    docs.write_text("# Quality\n\nhand-written\n")
    args = ["eval", "--suite", "dev", "--data", str(DATA), "--only", "plover-gsr", "--limit", "5"]
    result = CliRunner().invoke(cli, [*args, "--write-docs", str(docs)])
    assert result.exit_code == 0, result.output
    assert "plover-gsr / event type accuracy" in result.stdout
    assert "seconds: plover-gsr" in result.stdout
    text = docs.read_text()
    assert text.startswith("# Quality\n\nhand-written\n\n<!-- eval-suite:start -->\n")
    assert "`dateline eval --suite dev --limit 5 --only plover-gsr --write-docs " in text
    assert "| plover-gsr | event type accuracy |" in text


def test_suite_cli_json(pipeline):
    args = ["eval", "--suite", "dev", "--data", str(DATA), "--only", "plover-gsr", "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["limit"] is None and set(data["seconds"]) == {"plover-gsr"}
    assert {r["metric"] for r in data["rows"]} == {"event type accuracy", "source country", "target country"}


def test_suite_cli_missing_data_dir(tmp_path):
    result = CliRunner().invoke(cli, ["eval", "--suite", "dev", "--data", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "[E502]" in result.output and "no development corpora" in result.output
