"""The curated gazetteer data files and the index location."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from dateline.errors import GazetteerError
from dateline.resolve.geo.index import ENV_VAR, default_index_path, index_path
from dateline.resolve.geo.sources import cues, demonyms, load_aliases, load_supplement
from dateline.resolve.geo.store import Gazetteer, PlaceKind
from dateline.settings import Settings


def test_supplement_rows_have_coordinates_kinds_and_source_notes():
    rows = load_supplement()
    assert len(rows) >= 40
    for row in rows:
        assert -90 <= row.lat <= 90 and -180 <= row.lon <= 180, row.name
        assert row.kind in set(PlaceKind), row.name
        assert row.source.startswith(("wikipedia:", "approx ±")), row.name
        assert row.parent is None or "|" in row.parent, row.name
    assert len({r.id for r in rows}) == len(rows)


@pytest.mark.parametrize(
    "name", ["Hanano", "Old City", "Sheikh Maqsoud", "Eastern Ghouta", "Donbas", "West Bank"]
)
def test_conflict_zone_places_are_in_the_supplement(name):
    assert name in {r.name for r in load_supplement()}


def test_aliases_and_demonyms_are_well_formed():
    for alias in load_aliases():
        target = alias.target.lstrip("-")
        assert target.isdigit() or re.fullmatch(r"[A-Z]{2}(-[A-Z0-9]{1,3})?", target), alias
        assert alias.alias
    table = demonyms()
    assert table["syrian"] == "SY"
    assert table["russians"] == "RU"
    assert table["european"] == "6255148"


def test_cues_tables_exist():
    table = cues()
    assert "district" in table["type_nouns"]
    assert "eastern" in table["parts"]["words"]
    assert "negotiate" in table["metonymy"]["verbs"]
    assert table["us_states"]["Va."] == "VA"


def test_index_path_follows_settings_then_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env.sqlite"))
    assert default_index_path() == tmp_path / "env.sqlite"
    assert index_path(Settings()) == tmp_path / "env.sqlite"
    assert index_path(Settings(gazetteer=str(tmp_path / "mine.sqlite"))) == tmp_path / "mine.sqlite"
    monkeypatch.delenv(ENV_VAR)
    assert default_index_path().parts[-3:] == ("share", "dateline", "gazetteer.sqlite")


def test_missing_or_corrupt_index_is_a_gazetteer_error(tmp_path):
    with pytest.raises(GazetteerError, match="not found"):
        Gazetteer(tmp_path / "absent.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(GazetteerError, match="E701"):
        Gazetteer(junk)
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)").connection.commit()
    with pytest.raises(GazetteerError, match="schema"):
        Gazetteer(Path(empty))
