"""The dateline-gold/1 matching rules, one case per rule, on hand-made gold and prediction documents.

Each case mutates a prediction that matches everything and states whether the targeted gold
item still matches. When ../shared is present the whole score must also equal the reference
scorer's (../shared/tools/score.py).
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dateline.errors import GoldFormatError
from dateline.eval.gold import SECTIONS, load_gold, load_prediction
from dateline.eval.scoring import score_document

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "tools" / "score.py"

TEXT = (
    "Government forces captured the town of Kharun and its Old Quarter on Saturday, the defence ministry "
    "said. Rebels rejected the offer. At least 12 civilians were killed, according to the Red Cross. "
    'Between 3,000 and 5,000 people may have fled last week, and 400 more were displaced. "We will not '
    'leave," rebel commander Omar Haddad said.'
)

GOLD: dict[str, Any] = {
    "gold": "dateline-gold/1",
    "events": [
        {
            "id": "capture", "level": "must", "category": ["conflict"], "plover": ["ASSAULT", "COERCE"],
            "acled_event_type": ["Battles"], "acled_sub_event_type": ["Government regains territory"],
            "actors": [{"any": ["government", "forces"], "country": "XYZ"}, {"any": ["rebel", "rebels"]}],
            "location": [111], "time_within": ["2020-01-01", "2020-01-04"],
            "source": ["defence ministry"], "modality": ["asserted"],
        },
        {"id": "reject", "level": "must", "plover": ["REJECT"], "actors": [{"any": ["rebels"]}]},
        {"id": "meeting", "level": "should", "plover": ["CONSULT"]},
    ],
    "figures": [
        {
            "id": "killed", "level": "must", "kind": ["killed"], "value": 12, "qualifier": ["at_least"],
            "hedged": False, "subject_any": ["civilians"], "source": ["red cross"], "location": [111],
            "time_within": ["2020-01-04", "2020-01-04"],
        },
        {"id": "fled", "level": "must", "kind": ["fled"], "low": 3000, "high": 5000, "hedged": True},
        {"id": "displaced", "level": "must", "kind": ["displaced"], "value": 400},
    ],
    "quotes": [{"id": "q-haddad", "level": "must", "speaker": ["haddad"], "starts_with": "We will not"}],
    "places": [
        {"text": "Kharun", "level": "must", "geonames_id": 111},
        {"text": "Old Quarter", "level": "must", "near": [36.20, 37.16], "max_km": 5},
    ],
    "actors": [
        {"level": "must", "any": ["defence ministry"], "country": "XYZ", "kind": ["government", "military"]},
        {"level": "should", "any": ["haddad"]},
        {"level": "may", "any": ["government forces", "rebels"]},
    ],
    "times": [
        {"text": "Saturday", "level": "must", "start": "2020-01-04", "end": "2020-01-04"},
        {"text": "last week", "level": "must", "start": "2019-12-23", "end": "2019-12-29", "tolerance_days": 1},
    ],
}  # fmt: skip


def _perfect() -> dict[str, Any]:
    def at(s: str) -> dict[str, int]:
        i = TEXT.index(s)
        return {"start": i, "end": i + len(s)}

    return {
        "article": {"id": "x", "text": TEXT, "published": "2020-01-05"},
        "actors": [
            {"id": "a1", "name": "Government forces", "kind": "military", "country": "XYZ", "mentions": [at("Government forces")]},
            {"id": "a2", "name": "Rebels", "kind": "rebel", "mentions": [at("Rebels")]},
            {"id": "a3", "name": "defence ministry", "kind": "government", "country": "XYZ", "mentions": [at("defence ministry")]},
            {"id": "a4", "name": "Omar Haddad", "aliases": ["Haddad"], "kind": "person", "mentions": [at("Omar Haddad")]},
        ],
        "events": [
            {
                "id": "e1", "category": "conflict", "plover": {"type": "ASSAULT"},
                "acled": {"event_type": "Battles", "sub_event_type": "Government regains territory"},
                "summary": "forces captured Kharun", "trigger": {"text": "captured", **at("captured")},
                "actors": [{"role": "actor1", "name": "Government forces", "actor_id": "a1"},
                           {"role": "actor2", "name": "Rebels", "actor_id": "a2"}],
                "location": {"name": "Kharun", "geonames_id": 111},
                "time": {"start": "2020-01-04", "end": "2020-01-04"},
                "modality": "asserted", "attribution": [{"source": "defence ministry", "actor_id": "a3"}],
                "evidence": [at("Government forces captured the town of Kharun")], "confidence": 0.9,
            },
            {
                "id": "e2", "category": "other", "plover": {"type": "REJECT"}, "acled": None, "summary": "rejected",
                "trigger": {"text": "rejected", **at("rejected")},
                "actors": [{"role": "actor1", "name": "Rebels", "actor_id": "a2"}], "modality": "asserted",
                "evidence": [at("Rebels rejected the offer")],
            },
        ],
        "figures": [
            {
                "id": "f1", "kind": "killed", "value": 12, "qualifier": "at_least", "hedged": False,
                "subject": {"text": "civilians", "kind": "civilians"}, "text": "At least 12 civilians", **at("At least 12 civilians"),
                "event_id": "e1", "location": {"name": "Kharun", "geonames_id": 111},
                "time": {"start": "2020-01-04", "end": "2020-01-04"}, "attribution": [{"source": "the Red Cross"}],
            },
            {"id": "f2", "kind": "fled", "low": 3000, "high": 5000, "qualifier": "between", "hedged": True,
             "text": "Between 3,000 and 5,000 people", **at("Between 3,000 and 5,000 people")},
            {"id": "f3", "kind": "displaced", "value": 400, "text": "400", **at("400")},
        ],
        "quotes": [{"id": "q1", "text": '"We will not leave,"', **at('"We will not leave,"'), "speaker": "Omar Haddad"}],
        "places": [
            {"id": "p1", "text": "Kharun", "geonames_id": 111, "lat": 36.0, "lon": 37.0, "mentions": [at("Kharun")]},
            {"id": "p2", "text": "Old Quarter", "lat": 36.21, "lon": 37.15, "mentions": [at("Old Quarter")]},
        ],
        "times": [
            {"text": "Saturday", "span": at("Saturday"), "start": "2020-01-04", "end": "2020-01-04"},
            {"text": "last week", "span": at("last week"), "start": "2019-12-23", "end": "2019-12-29"},
        ],
    }  # fmt: skip


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A mutation setting ``section.index.key...`` (``=None`` deletes the key)."""

    def mutate(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        if value is None:
            node.pop(last if not last.isdigit() else int(last))
        else:
            node[int(last) if last.isdigit() else last] = value

    return mutate


# (case id, mutation, section, gold index, still matches?)
CASES = [
    ("perfect", lambda d: None, "events", 0, True),
    ("event-category", _set("events.0.category", "protest"), "events", 0, False),
    ("event-plover-alternative", _set("events.0.plover", {"type": "COERCE"}), "events", 0, True),
    ("event-plover", _set("events.0.plover", {"type": "CONSULT"}), "events", 0, False),
    ("event-acled-type", _set("events.0.acled", {"event_type": "Riots", "sub_event_type": "Government regains territory"}), "events", 0, False),
    ("event-acled-sub-type", _set("events.0.acled", {"event_type": "Battles", "sub_event_type": "Armed clash"}), "events", 0, False),
    ("event-acled-null", _set("events.0.acled", None), "events", 0, False),
    ("event-actor-country-from-document-actor", _set("events.0.actors.0", {"role": "actor1", "name": "Government troops", "actor_id": "a1"}), "events", 0, True),
    ("event-actor-country", _set("actors.0.country", "ABC"), "events", 0, False),
    ("event-actor-name-word-boundary", _set("events.0.actors.1", {"role": "actor2", "name": "Trebels"}), "events", 0, False),
    ("event-actor-name-possessive", _set("events.0.actors.1", {"role": "actor2", "name": "the rebels' commander"}), "events", 0, True),
    ("event-actor-name-needs-letter-boundary", _set("events.0.actors.1", {"role": "actor2", "name": "rebellion"}), "events", 0, False),
    ("event-location", _set("events.0.location", {"name": "Elsewhere", "geonames_id": 222}), "events", 0, False),
    ("event-location-null", _set("events.0.location", None), "events", 0, False),
    ("event-time-inside", _set("events.0.time", {"start": "2020-01-01", "end": "2020-01-04"}), "events", 0, True),
    ("event-time-end-outside", _set("events.0.time", {"start": "2020-01-03", "end": "2020-01-05"}), "events", 0, False),
    ("event-time-no-end-uses-start", _set("events.0.time", {"start": "2020-01-02"}), "events", 0, True),
    ("event-time-missing", _set("events.0.time", None), "events", 0, False),
    ("event-source-via-actor-id", _set("events.0.attribution", [{"source": "officials", "actor_id": "a3"}]), "events", 0, True),
    ("event-source-via", _set("events.0.attribution", [{"source": "officials", "via": "the defence ministry"}]), "events", 0, True),
    ("event-source-missing", _set("events.0.attribution", []), "events", 0, False),
    ("event-modality", _set("events.0.modality", "planned"), "events", 0, False),
    ("figure-perfect", lambda d: None, "figures", 0, True),
    ("figure-kind", _set("figures.0.kind", "injured"), "figures", 0, False),
    ("figure-value", _set("figures.0.value", 13), "figures", 0, False),
    ("figure-value-float", _set("figures.0.value", 12.0), "figures", 0, True),
    ("figure-qualifier", _set("figures.0.qualifier", "about"), "figures", 0, False),
    ("figure-hedged", _set("figures.0.hedged", True), "figures", 0, False),
    ("figure-subject-kind", _set("figures.0.subject", {"text": "people", "kind": "civilians"}), "figures", 0, True),
    ("figure-subject", _set("figures.0.subject", {"text": "people", "kind": "people"}), "figures", 0, False),
    ("figure-source-inherited-from-event", _set("figures.0.attribution", [{"source": "the defence ministry"}]), "figures", 0, False),
    ("figure-location-inherited", _set("figures.0.location", None), "figures", 0, True),
    ("figure-location-wrong-no-event", lambda d: (_set("figures.0.location", None)(d), _set("figures.0.event_id", None)(d)), "figures", 0, False),
    ("figure-time-one-day-tolerance", _set("figures.0.time", {"start": "2020-01-05", "end": "2020-01-05"}), "figures", 0, True),
    ("figure-time-two-days", _set("figures.0.time", {"start": "2020-01-06", "end": "2020-01-06"}), "figures", 0, False),
    ("figure-range", lambda d: None, "figures", 1, True),
    ("figure-range-high", _set("figures.1.high", 6000), "figures", 1, False),
    ("figure-value-as-low", _set("figures.2", {"id": "f3", "kind": "displaced", "low": 400, "text": "400"}), "figures", 2, True),
    ("figure-value-as-range", _set("figures.2", {"id": "f3", "kind": "displaced", "low": 400, "high": 500, "text": "400"}), "figures", 2, False),
    ("quote-perfect", lambda d: None, "quotes", 0, True),
    ("quote-speaker-actor-id", _set("quotes.0", {"id": "q1", "text": "we will NOT leave", "speaker": None, "speaker_actor_id": "a4"}), "quotes", 0, True),
    ("quote-speaker", _set("quotes.0.speaker", "Omar"), "quotes", 0, False),
    ("quote-starts-with", _set("quotes.0.text", "We shall not leave"), "quotes", 0, False),
    ("place-geonames", lambda d: None, "places", 0, True),
    ("place-geonames-wrong", _set("places.0.geonames_id", 112), "places", 0, False),
    ("place-text-by-name", _set("places.0", {"id": "p1", "text": "the town", "name": "Kharun", "geonames_id": 111}), "places", 0, True),
    ("place-near", lambda d: None, "places", 1, True),
    ("place-too-far", _set("places.1.lat", 36.30), "places", 1, False),
    ("place-no-coordinates", _set("places.1.lat", None), "places", 1, False),
    ("actor-perfect", lambda d: None, "actors", 0, True),
    ("actor-country", _set("actors.2.country", None), "actors", 0, False),
    ("actor-kind", _set("actors.2.kind", "media"), "actors", 0, False),
    ("actor-alias", _set("actors.3.name", "O. H."), "actors", 1, True),
    ("time-perfect", lambda d: None, "times", 0, True),
    ("time-start", _set("times.0.start", "2020-01-03"), "times", 0, False),
    ("time-tolerance", _set("times.1.start", "2019-12-22"), "times", 1, True),
    ("time-beyond-tolerance", _set("times.1.end", "2019-12-31"), "times", 1, False),
    ("time-unresolved", lambda d: (_set("times.0.start", None)(d), _set("times.0.end", None)(d)), "times", 0, False),
]  # fmt: skip


def _reference():
    if not REFERENCE.is_file():
        return None
    spec = importlib.util.spec_from_file_location("dateline_reference_score", REFERENCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("case", "mutate", "section", "index", "expected"), CASES, ids=[c[0] for c in CASES])
def test_gold_rule(case, mutate, section, index, expected):
    doc = _perfect()
    mutate(doc)
    gold_item = GOLD[section][index]
    matched = any(not SECTIONS[section](doc, pred, gold_item) for pred in doc.get(section) or [])
    assert matched is expected, case


@pytest.mark.parametrize(("case", "mutate"), [(c[0], c[1]) for c in CASES], ids=[c[0] for c in CASES])
def test_gold_rules_agree_with_reference(case, mutate):
    reference = _reference()
    if reference is None:
        pytest.skip("../shared/tools/score.py not present")
    doc = _perfect()
    mutate(doc)
    ours, theirs = score_document(GOLD, doc).to_json(), reference.score(GOLD, doc)
    assert ours.keys() == theirs.keys()
    for section, numbers in theirs.items():
        assert {k: ours[section][k] for k in numbers} == numbers, (case, section)


def test_gold_perfect_prediction_scores_one():
    score = score_document(GOLD, _perfect())
    assert score.micro.recall == 1.0
    assert score.micro.precision == 1.0
    assert all(s.false_positives == () and s.misses == () for s in score.sections)


def test_gold_miss_names_nearest_and_failed_constraint():
    doc = _perfect()
    _set("events.0.location", {"name": "Elsewhere", "geonames_id": 222})(doc)
    events = score_document(GOLD, doc).sections[0]
    assert events.missed == ("capture",)
    assert events.misses[0].nearest.startswith("e1 ")
    assert events.misses[0].failed == ("location",)
    fp = events.false_positives[0]
    assert fp.evidence[0].text == "Government forces captured the town of Kharun"


def test_gold_should_items_are_not_false_positives():
    doc = _perfect()
    doc["events"].append(
        {"id": "e3", "category": "diplomacy", "plover": {"type": "CONSULT"}, "summary": "met"}
    )
    doc["events"].append({"id": "e4", "category": "other", "plover": {"type": "AID"}, "summary": "aid"})
    events = score_document(GOLD, doc).sections[0]
    assert (events.predicted, events.matched_predicted) == (4, 3)
    assert [fp.label for fp in events.false_positives] == ["e4 AID: aid"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[1, 2]", "JSON object"),
        ('{"gold": "other/1"}', "unsupported gold format"),
        ('{"figures": [{"level": "must"}]}', "figures[0] lacks kind"),
        ('{"places": [{"text": "X", "level": "often"}]}', "level must be one of"),
        ("{not json", "not JSON"),
    ],
)
def test_gold_load_rejects_bad_files(tmp_path, content, message):
    path = tmp_path / "gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldFormatError, match=re.escape(message)):
        load_gold(path)


@pytest.mark.parametrize("layout", ["json", "jsonl", "array"])
def test_gold_load_prediction_takes_the_first_document(tmp_path, layout):
    first, second = _perfect(), {**_perfect(), "events": []}
    path = tmp_path / "pred.json"
    if layout == "json":
        path.write_text(json.dumps(first, indent=2), encoding="utf-8")
    elif layout == "jsonl":
        path.write_text(json.dumps(first) + "\n" + json.dumps(second) + "\n", encoding="utf-8")
    else:
        path.write_text(json.dumps([first, second], indent=2), encoding="utf-8")
    assert len(load_prediction(path)["events"]) == 2
