"""Integrity checks for the curated actor dictionary in ``dateline/data/actors``."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

import pytest

from dateline.schema import ActorKind

ACTORS = Path(str(files("dateline") / "data" / "actors"))
LICENSE_LINE = "# Compiled for dateline from public factual sources named per row; Apache-2.0"

COLUMNS = {
    "countries.tsv": ["iso3", "iso2", "name", "aliases", "demonyms", "capital", "source"],
    "organisations.tsv": ["id", "canonical", "kind", "country", "aliases", "parent", "source"],
    "armed_groups.tsv": [
        "id",
        "canonical",
        "kind",
        "country",
        "aliases",
        "conflict",
        "active_from",
        "active_to",
        "source",
    ],
    "people.tsv": [
        "id",
        "name",
        "aliases",
        "country",
        "kind",
        "role",
        "organisation",
        "start",
        "end",
        "source",
    ],
    "generic.tsv": ["term", "kind", "plural", "notes"],
    "titles.tsv": ["title", "kind", "role", "notes"],
}
KINDS = {
    "person",
    "government",
    "military",
    "police",
    "rebel",
    "militia",
    "terrorist",
    "party",
    "igo",
    "ngo",
    "media",
    "civilian",
    "business",
    "other",
}
ROLES = {
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "armed_group_leader",
    "un_official",
    "other",
}
MULTI = {"aliases", "demonyms", "capital", "conflict"}
REQUIRED = {
    "countries.tsv": {"iso3", "iso2", "name", "source"},
    "organisations.tsv": {"id", "canonical", "kind", "source"},
    "armed_groups.tsv": {"id", "canonical", "kind", "source"},
    "people.tsv": {"id", "name", "kind", "role", "source"},
    "generic.tsv": {"term", "kind"},
    "titles.tsv": {"title"},
}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO3_RE = re.compile(r"^[A-Z]{3}$")
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
# Surface forms deliberately shared by two entries that differ by country (resolved by context).
SHARED_FORMS = {"jem": {"jem", "jem-pak"}}


def load(name: str) -> list[dict[str, str]]:
    """Rows of one TSV as dicts (comment lines skipped, header checked, column count checked)."""
    path = ACTORS / name
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    assert header == COLUMNS[name], f"{name}: header {header}"
    rows = []
    for lineno, row in enumerate(reader, start=2):
        assert len(row) == len(header), (
            f"{name} data line {lineno}: {len(row)} columns, expected {len(header)}"
        )
        rows.append(dict(zip(header, row, strict=True)))
    return rows


def norm(form: str) -> str:
    """Case- and spacing-insensitive key for comparing surface forms."""
    return " ".join(form.split()).casefold().strip(" .")


def parse_date(value: str, where: str) -> dt.date | None:
    if not value:
        return None
    assert DATE_RE.match(value), f"{where}: {value!r} is not YYYY-MM-DD"
    return dt.date.fromisoformat(value)


@pytest.fixture(scope="module")
def data() -> dict[str, list[dict[str, str]]]:
    return {name: load(name) for name in COLUMNS}


def test_kind_set_matches_schema() -> None:
    assert {kind.value for kind in ActorKind} == KINDS


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_file_shape(name: str, data: dict[str, list[dict[str, str]]]) -> None:
    text = (ACTORS / name).read_text(encoding="utf-8")
    assert text.splitlines()[0] == LICENSE_LINE
    rows = data[name]
    assert rows, f"{name} is empty"
    for row in rows:
        for column, value in row.items():
            assert value == value.strip(), f"{name}: stray whitespace in {column} of {row}"
            if column in REQUIRED[name]:
                assert value, f"{name}: empty {column} in {row}"
            if column in MULTI and value:
                parts = value.split("|")
                assert all(part and part == part.strip() for part in parts), f"{name}: bad {column} {value!r}"
                assert len(parts) == len(set(parts)), f"{name}: duplicate entries in {column} {value!r}"


def test_countries(data: dict[str, list[dict[str, str]]]) -> None:
    rows = data["countries.tsv"]
    iso3 = [row["iso3"] for row in rows]
    iso2 = [row["iso2"] for row in rows]
    assert all(ISO3_RE.match(code) for code in iso3)
    assert all(re.match(r"^[A-Z]{2}$", code) for code in iso2)
    assert len(set(iso3)) == len(iso3)
    assert len(set(iso2)) == len(iso2)
    assert len(rows) >= 198
    surface: dict[str, str] = {}
    for row in rows:
        forms = [
            row["name"],
            *filter(None, row["aliases"].split("|")),
            *filter(None, row["demonyms"].split("|")),
        ]
        for form in map(norm, forms):
            assert surface.setdefault(form, row["iso3"]) == row["iso3"], f"{form!r} names two countries"


@pytest.mark.parametrize(
    ("name", "column"),
    [
        ("organisations.tsv", "country"),
        ("armed_groups.tsv", "country"),
        ("people.tsv", "country"),
    ],
)
def test_country_codes_exist(name: str, column: str, data: dict[str, list[dict[str, str]]]) -> None:
    known = {row["iso3"] for row in data["countries.tsv"]}
    for row in data[name]:
        code = row[column]
        if code:
            assert ISO3_RE.match(code) and code in known, f"{name}: unknown country {code!r} in {row}"


@pytest.mark.parametrize(
    ("name", "column", "allow_empty"),
    [
        ("organisations.tsv", "kind", False),
        ("armed_groups.tsv", "kind", False),
        ("people.tsv", "kind", False),
        ("generic.tsv", "kind", False),
        ("titles.tsv", "kind", True),
    ],
)
def test_kinds(name: str, column: str, allow_empty: bool, data: dict[str, list[dict[str, str]]]) -> None:
    for row in data[name]:
        kind = row[column]
        assert kind in KINDS or (allow_empty and not kind), f"{name}: bad kind {kind!r} in {row}"
    if name == "people.tsv":
        assert {row["kind"] for row in data[name]} == {"person"}


@pytest.mark.parametrize(("name", "allow_empty"), [("people.tsv", False), ("titles.tsv", True)])
def test_roles(name: str, allow_empty: bool, data: dict[str, list[dict[str, str]]]) -> None:
    for row in data[name]:
        assert row["role"] in ROLES or (allow_empty and not row["role"]), f"{name}: bad role in {row}"


def test_ids_unique_and_references_resolve(data: dict[str, list[dict[str, str]]]) -> None:
    ids: list[str] = [
        row["id"] for name in ("organisations.tsv", "armed_groups.tsv", "people.tsv") for row in data[name]
    ]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate ids: {duplicates}"
    assert all(ID_RE.match(i) for i in ids), [i for i in ids if not ID_RE.match(i)]
    bodies = {row["id"] for name in ("organisations.tsv", "armed_groups.tsv") for row in data[name]}
    for row in data["organisations.tsv"]:
        assert not row["parent"] or row["parent"] in bodies, f"unknown parent in {row}"
        assert row["parent"] != row["id"]
    for row in data["people.tsv"]:
        assert not row["organisation"] or row["organisation"] in bodies, f"unknown organisation in {row}"


@pytest.mark.parametrize(
    ("name", "start", "end"),
    [("armed_groups.tsv", "active_from", "active_to"), ("people.tsv", "start", "end")],
)
def test_dates(name: str, start: str, end: str, data: dict[str, list[dict[str, str]]]) -> None:
    for row in data[name]:
        first = parse_date(row[start], f"{name} {row['id']}")
        last = parse_date(row[end], f"{name} {row['id']}")
        if first and last:
            assert first <= last, f"{name}: {row['id']} starts after it ends"


def test_conflict_slugs(data: dict[str, list[dict[str, str]]]) -> None:
    for row in data["armed_groups.tsv"]:
        assert row["conflict"], f"no conflict for {row['id']}"
        assert all(SLUG_RE.match(slug) for slug in row["conflict"].split("|")), row


def test_body_surface_forms_are_unambiguous(data: dict[str, list[dict[str, str]]]) -> None:
    """A canonical name or alias of an organisation or armed group names exactly one entry."""
    owners: dict[str, set[str]] = defaultdict(set)
    for name in ("organisations.tsv", "armed_groups.tsv"):
        for row in data[name]:
            for form in {row["canonical"], *filter(None, row["aliases"].split("|"))}:
                owners[norm(form)].add(row["id"])
    clashes = {form: ids for form, ids in owners.items() if len(ids) > 1 and SHARED_FORMS.get(form) != ids}
    assert not clashes, clashes


def test_shared_person_aliases_do_not_overlap_in_time(data: dict[str, list[dict[str, str]]]) -> None:
    """Two different people may share an alias only when their dated terms do not overlap."""
    terms: dict[str, list[tuple[str, dt.date | None, dt.date | None]]] = defaultdict(list)
    for row in data["people.tsv"]:
        person = row["id"].split(".")[0]
        start = parse_date(row["start"], row["id"])
        end = parse_date(row["end"], row["id"])
        for form in {norm(row["name"]), *map(norm, filter(None, row["aliases"].split("|")))}:
            terms[form].append((person, start, end))
    clashes = []
    for form, entries in terms.items():
        for i, (person_a, start_a, end_a) in enumerate(entries):
            for person_b, start_b, end_b in entries[i + 1 :]:
                if person_a == person_b:
                    continue
                disjoint = (end_a is not None and start_b is not None and end_a <= start_b) or (
                    end_b is not None and start_a is not None and end_b <= start_a
                )
                if not disjoint:
                    clashes.append((form, person_a, person_b))
    assert not clashes, sorted(set(clashes))


def test_person_rows_of_one_person_agree(data: dict[str, list[dict[str, str]]]) -> None:
    names: dict[str, set[str]] = defaultdict(set)
    for row in data["people.tsv"]:
        names[row["id"].split(".")[0]].add(row["name"])
    assert all(len(found) == 1 for found in names.values()), {k: v for k, v in names.items() if len(v) > 1}


@pytest.mark.parametrize(("name", "column"), [("generic.tsv", "term"), ("titles.tsv", "title")])
def test_terms_unique(name: str, column: str, data: dict[str, list[dict[str, str]]]) -> None:
    terms = [row[column].lower() for row in data[name]]
    assert len(terms) == len(set(terms)), sorted({t for t in terms if terms.count(t) > 1})


@pytest.mark.parametrize(
    ("name", "minimum"),
    [
        ("organisations.tsv", 300),
        ("armed_groups.tsv", 250),
        ("people.tsv", 400),
        ("generic.tsv", 100),
        ("titles.tsv", 50),
    ],
)
def test_breadth(name: str, minimum: int, data: dict[str, list[dict[str, str]]]) -> None:
    assert len(data[name]) >= minimum
