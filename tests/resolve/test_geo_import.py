"""``dateline gazetteer import`` on a small file in the GeoNames dump format."""

from __future__ import annotations

import json
import zipfile

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.resolve.geo.importer import kind_of
from dateline.resolve.geo.store import Gazetteer, PlaceKind


def _lookup(index, name):
    result = CliRunner().invoke(cli, ["gazetteer", "lookup", name, "--index", str(index)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


@pytest.mark.parametrize("zipped", [False, True])
def test_import_geonames_file(tmp_path, fixture_path, zipped):
    source = fixture_path("gazetteer", "geonames_sample.txt")
    if zipped:
        archive = tmp_path / "cities500.zip"
        with zipfile.ZipFile(archive, "w") as zf:
            zf.write(source, "cities500.txt")
        source = archive
    index = tmp_path / "gazetteer.sqlite"
    result = CliRunner().invoke(cli, ["gazetteer", "import", str(source), "--index", str(index)])
    assert result.exit_code == 0, result.output
    assert "3 places imported, 1 skipped of 4 rows" in result.output  # the mountain (class T) is skipped
    hits = _lookup(index, "Tell Zeitoun")  # an alternate name
    assert hits[0]["geonames_id"] == 99000001
    assert hits[0]["precision"] == "city"
    assert _lookup(index, "Mansoura district")[0]["precision"] == "neighborhood"
    assert _lookup(index, "Jabal Zawiya") == []
    gazetteer = Gazetteer(index)
    entry = gazetteer.get(99000004)
    assert (entry.kind, entry.population, entry.country) == (PlaceKind.ADMIN2, 15000, "SY")


def test_import_with_all_classes(tmp_path, fixture_path):
    index = tmp_path / "g.sqlite"
    source = fixture_path("gazetteer", "geonames_sample.txt")
    result = CliRunner().invoke(
        cli, ["gazetteer", "import", str(source), "--index", str(index), "--classes", "APLT"]
    )
    assert result.exit_code == 0, result.output
    assert _lookup(index, "Jebel Zawiya")[0]["precision"] == "point"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"geonameid\tname\n1\tx\n", "2 columns, expected 19"), (b"\xff\xfe\x00bad", "not UTF-8")],
)
def test_import_rejects_a_malformed_file(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = CliRunner().invoke(cli, ["gazetteer", "import", str(bad), "--index", str(tmp_path / "g.sqlite")])
    assert result.exit_code == 1
    assert "[E702]" in result.output
    assert message in result.output


def test_import_missing_file(tmp_path):
    result = CliRunner().invoke(
        cli, ["gazetteer", "import", str(tmp_path / "nope.zip"), "--index", str(tmp_path / "g")]
    )
    assert result.exit_code == 1
    assert "no such file" in result.output


@pytest.mark.parametrize(
    ("fclass", "fcode", "kind"),
    [
        ("A", "PCLI", PlaceKind.COUNTRY),
        ("A", "ADM1", PlaceKind.ADMIN1),
        ("A", "ADM3", PlaceKind.ADMIN2),
        ("P", "PPLX", PlaceKind.NEIGHBORHOOD),
        ("P", "PPLA", PlaceKind.CITY),
        ("L", "CONT", PlaceKind.CONTINENT),
        ("L", "RGN", PlaceKind.REGION),
        ("S", "HSP", PlaceKind.POINT),
    ],
)
def test_feature_kinds(fclass, fcode, kind):
    assert kind_of(fclass, fcode) is kind
