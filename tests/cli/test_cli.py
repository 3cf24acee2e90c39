"""End-to-end CLI: extract, schema, doctor, help/version, bad input and exit codes."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from dateline.cli import EXIT_OK, EXIT_PARTIAL, cli
from dateline.schema import validate_document

GOOD = (
    "Gunmen killed 12 villagers in an attack on a village in central Mali on Friday, local officials said. "
    "The army said it had launched an operation to find the attackers, who fled on motorbikes towards the "
    "border with Burkina Faso, and that two soldiers were wounded in a clash near the village of Ogossagou."
)


@pytest.fixture
def run(pipeline):
    """Invoke the CLI in-process (the session's pipeline is already loaded)."""

    def invoke(*args: str, stdin: str | bytes | None = None):
        return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)

    return invoke


def _docs(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_extract_single_article_is_indented_json(run, fixture_path):
    result = run("extract", str(fixture_path("text", "el-fasher-2024-06-16.txt")))
    assert result.exit_code == EXIT_OK, result.stderr
    doc = json.loads(result.stdout)
    validate_document(doc)
    assert doc["article"]["published"] == "2024-06-16T09:42"
    assert result.stdout.startswith("{\n")


@pytest.mark.parametrize(("fmt", "kind"), [("jsonl", list), ("json", list)])
def test_extract_several_articles(run, fixture_path, fmt, kind):
    result = run("extract", "--format", fmt, str(fixture_path("feeds", "conflict.rss")))
    docs = _docs(result.stdout) if fmt == "jsonl" else json.loads(result.stdout)
    assert isinstance(docs, kind) and len(docs) == 2
    assert result.exit_code == EXIT_PARTIAL  # the feed item without text is reported


def test_extract_to_file(run, fixture_path, tmp_path):
    out = tmp_path / "out.json"
    result = run("extract", str(fixture_path("text", "el-fasher-2024-06-16.txt")), "-o", str(out))
    assert result.exit_code == EXIT_OK and result.stdout == ""
    validate_document(json.loads(out.read_text("utf-8")))


def test_extract_from_stdin(run):
    result = run("extract", "-", stdin=GOOD)
    doc = json.loads(result.stdout)
    assert doc["article"]["text"] == GOOD
    assert doc["article"]["source"]["path"] is None


def test_extract_without_classifier_drops_classifier_only_events(run):
    text = "Three armed factions in Idlib announced on Monday that they had merged into a single coalition."
    types = {
        flag: {
            e["acled"]["sub_event_type"]
            for e in json.loads(run("extract", flag, "-", stdin=text).stdout)["events"]
            if e["acled"]
        }
        for flag in ("--classifier", "--no-classifier")
    }
    assert types == {"--classifier": {"Change to group/activity"}, "--no-classifier": set()}


def test_non_english_article_is_skipped_not_failed(run, tmp_path):
    german = tmp_path / "de.txt"
    german.write_text(
        "Bewaffnete haben am Freitag bei einem Angriff auf ein Dorf im Zentrum Malis zwölf Dorfbewohner getötet, "
        "teilten örtliche Behörden mit. Die Armee erklärte, sie habe einen Einsatz begonnen, um die Angreifer zu "
        "finden, die auf Motorrädern in Richtung der Grenze zu Burkina Faso flohen.",
        encoding="utf-8",
    )
    result = run("extract", str(german))
    assert result.exit_code == EXIT_OK
    assert result.stdout == ""
    assert "[E201]" in result.stderr and "language is de" in result.stderr


def _bad_inputs(tmp_path, fixture_path) -> dict[str, str]:
    """One file per bad-input case, keyed by the error code expected for it."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    with open(tmp_path / "huge.txt", "wb") as big:
        big.write(b"Shelling continued overnight in the city. " * 1_250_000)  # 52.5 MB
    (tmp_path / "nobody.html").write_text(
        "<html><head><title>Live: updates</title></head><body></body></html>"
    )
    data = gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5000\r\n\r\n<html><body><p>Cut")
    (tmp_path / "cut.warc.gz").write_bytes(data)
    return {
        "E102": str(tmp_path / "empty.txt"),
        "E103": str(tmp_path / "binary.txt"),
        "E104": str(tmp_path / "huge.txt"),
        "E106": str(tmp_path / "nobody.html"),
        "E105": str(tmp_path / "cut.warc.gz"),
        "E101": str(tmp_path / "missing.txt"),
    }


def test_bad_inputs_each_get_one_line_and_the_rest_is_written(run, tmp_path, fixture_path):
    bad = _bad_inputs(tmp_path, fixture_path)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(GOOD.replace("villagers", "villagers in Ségou").encode("cp1252") + b" \xff\xfe")
    good = fixture_path("text", "el-fasher-2024-06-16.txt")
    jsonl = fixture_path("jsonl", "articles.jsonl")
    result = run("extract", "--format", "jsonl", *bad.values(), str(good), str(latin1), str(jsonl))
    assert result.exit_code == EXIT_PARTIAL
    assert "Traceback" not in result.stderr
    docs = _docs(result.stdout)
    assert len(docs) == 5  # el-fasher, latin1, three good JSONL lines
    assert any("Ségou" in d["article"]["text"] for d in docs)
    failed = [line for line in result.stderr.splitlines() if line.startswith("dateline: failed:")]
    for code, path in bad.items():
        assert sum(f"[{code}]" in line and path in line for line in failed) == 1, (code, result.stderr)
    assert sum("[E105]" in line and "articles.jsonl" in line for line in failed) == 3
    assert "not valid UTF-8" in result.stderr
    assert "5 extracted, 0 skipped, 9 failed" in result.stderr


def test_schema_command_prints_json_schema(run):
    result = run("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "dateline/1 document"


def test_doctor(run):
    result = run("doctor")
    assert result.exit_code == EXIT_OK
    assert result.stdout.rstrip().endswith("ok")


@pytest.mark.parametrize("command", [[], ["extract"], ["schema"], ["doctor"]])
def test_help_everywhere(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.stdout


def test_usage_error_exit_code(run):
    result = CliRunner().invoke(cli, ["extract"])
    assert result.exit_code == 2


def test_python_dash_m_and_version():
    result = subprocess.run(
        [sys.executable, "-m", "dateline", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "dateline, version 0.1.0"
