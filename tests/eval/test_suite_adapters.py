"""Suite adapters: corpus readers and scoring rules on hand-made documents, and a run on tiny corpora."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from dateline.eval.corpora import acled, case2021, india_police, plover, rams
from dateline.eval.corpora.common import (
    Counts,
    make_article,
    primary_event,
    repair_mojibake,
    repair_with_offsets,
)
from dateline.eval.suite import SuiteContext, run_suite
from dateline.schema import (
    AcledType,
    Actor,
    Document,
    Event,
    EventActor,
    Figure,
    Location,
    Plover,
    Span,
    TimeExpression,
    TimeRef,
    Trigger,
)


def _doc(text: str, **sections) -> Document:
    return Document(article=make_article("t", text), **sections)


def _event(text: str, trigger: str, **fields) -> Event:
    start = text.index(trigger)
    defaults = {"category": "conflict", "plover": None, "acled": None, "summary": trigger}
    return Event(
        id=fields.pop("id", "e1"),
        trigger=Trigger(trigger, start, start + len(trigger)),
        **{**defaults, **fields},
    )


# --- CASE 2021 ---------------------------------------------------------------------------


def test_suite_case_labels_cover_the_25_acled_sub_types():
    assert case2021.case_label("Air/drone strike") == "AIR_STRIKE"
    assert case2021.case_label("Excessive force against protesters") == "FORCE_AGAINST_PROTEST"
    assert case2021.case_label(None) is None
    assert len({case2021.case_label(s) for s in case2021._labels()}) == 25


@pytest.mark.parametrize(
    ("pairs", "tp", "fp", "fn"),
    [
        ([("AIR_STRIKE", "AIR_STRIKE")], 1, 0, 0),
        ([("AIR_STRIKE", None)], 0, 0, 1),
        ([("AIR_STRIKE", "ATTACK")], 0, 1, 1),
        ([("DIPLO", "AGREEMENT")], 0, 1, 0),  # unseen gold label: a prediction is wrong, silence is right
        ([("DIPLO", None)], 0, 0, 0),
    ],
)
def test_suite_case_score_labels(pairs, tp, fp, fn):
    labels = set(case2021._labels().values())
    micro, _ = case2021.score_labels(pairs, labels)
    assert (micro.tp, micro.fp, micro.fn) == (tp, fp, fn)


# --- ACLED ---------------------------------------------------------------------------------

DATA = Path(__file__).resolve().parents[1] / "fixtures" / "eval" / "corpora"


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Protesters (Israel)", "ISR"),
        ("Military Forces of Yemen (2016-) Supreme Political Council", "YEM"),
        ("Al Shabaab", None),
        ("", None),
    ],
)
def test_suite_acled_actor_country(name, iso3):
    assert acled.actor_name_country(name, DATA) == iso3


def test_suite_acled_fatalities_and_date():
    text = "On 9 May 2020, clashes killed 3 soldiers and 2 civilians; 20 died in all this week."
    event = _event(
        text, "clashes", acled=AcledType("Battles", "Armed clash"), time=TimeRef("2020-05-09", "2020-05-09")
    )

    def figure(i: str, value: float, event_id: str | None) -> Figure:
        return Figure(id=i, kind="killed", text=str(value), start=0, end=1, value=value, event_id=event_id)

    linked = _doc(
        text, events=(event,), figures=(figure("f1", 3, "e1"), figure("f2", 2, "e1"), figure("f3", 20, None))
    )
    assert acled._fatalities(linked, event) == 5
    loose = _doc(text, figures=(figure("f1", 3, None), figure("f3", 20, None)))
    assert acled._fatalities(loose, None) == 20
    assert acled._fatalities(_doc(text), None) == 0
    assert str(acled._event_date(linked, event)) == "2020-05-09"
    times = (
        TimeExpression("9 May 2020", Span(3, 13)),
        TimeExpression("9 May 2020", Span(3, 13), start="2020-05-09"),
    )
    assert str(acled._event_date(_doc(text, times=times), None)) == "2020-05-09"


def test_suite_primary_event_is_most_confident():
    text = "Troops shelled the town and then stormed it."
    a = _event(text, "shelled", id="a", confidence=0.4)
    b = _event(text, "stormed", id="b", confidence=0.8, acled=AcledType("Battles"))
    doc = _doc(text, events=(a, b))
    assert primary_event(doc).id == "b"
    assert primary_event(doc, lambda e: e.acled is None).id == "a"
    assert primary_event(None) is None


# --- PLOVER --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"), ("FIGHT", "ASSAULT"), ("AGREE", "AGREE")],
)
def test_suite_plover_legacy_categories(old, new):
    assert plover.current_category(old) == new


def test_suite_plover_country_codes():
    actors = [{"code": "JAP"}, {"code": "IGO"}, {"code": "USA"}, {"code": "SYR"}, "x"]
    assert plover._countries(actors) == {"JPN", "USA", "SYR"}
    assert plover._countries("") == frozenset()


# --- RAMS ----------------------------------------------------------------------------------


def test_suite_rams_detokenize_keeps_offsets():
    tokens = ["Assad", "’s", "forces", "(", "SAA", ")", "hit", "Aleppo", ",", "officials", "said", "."]
    text, spans = rams.detokenize(tokens)
    assert text == "Assad’s forces (SAA) hit Aleppo, officials said."
    assert all(text[s:e] == t for t, (s, e) in zip(tokens, spans, strict=True))


def test_suite_rams_argument_matching():
    record = json.loads((DATA / "rams" / "rams_test.jsonlines").read_text().splitlines()[0])
    example = rams._example(record)
    assert example.text.startswith("Rebels shelled the town of Idlib on Monday.")
    assert [a.slot for a in example.arguments] == ["actor1", "place", "target"]  # instrument is not ours
    text = example.text
    rebels = Actor(id="a1", name="Rebels", mentions=(Span(0, 6),))
    event = _event(
        text, "shelled",
        actors=(EventActor(role="actor1", name="Rebels", actor_id="a1"), EventActor(role="target", name="Monday")),
        location=Location(name="Idlib", geonames_id=1),
    )  # fmt: skip
    counts = Counts()
    assert rams.score_example(example, _doc(text, events=(event,), actors=(rebels,)), counts)
    assert (counts.tp, counts.fp, counts.fn) == (2, 1, 1)  # actor1 + place right, target wrong
    missing = Counts()
    assert not rams.score_example(example, _doc(text), missing)
    assert (missing.tp, missing.fp, missing.fn) == (0, 0, 3)


# --- IndiaPoliceEvents ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("\u00e2\u20ac\u0153we demand\u00e2\u20ac\ufffd", "“we demand”"),
        ("pujan\u00e2\u20ac\u2122s", "pujan’s"),
        ("caf\u00c3\u00a9", "café"),
        ("plain Âge text", "plain Âge text"),
    ],
)
def test_suite_repair_mojibake(raw, fixed):
    assert repair_mojibake(raw) == fixed


def test_suite_repair_with_offsets_maps_split_sequences():
    raw = "pujan\u00e2\u20ac\u2122, he said. \u00e2\u20ac\u0153no\u00e2\u20ac\ufffd"
    text, offsets = repair_with_offsets(raw)
    assert text == repair_mojibake(raw) == "pujan’, he said. “no”"
    assert len(offsets) == len(raw) + 1 and offsets[-1] == len(text)
    cut = raw.index("\u20ac")  # a sentence split inside the mangled quote
    assert text[offsets[0] : offsets[cut]] == "pujan’"
    assert text[offsets[cut] : offsets[len(raw)]] == ", he said. “no”"


def test_suite_india_predicted_labels():
    text = "police opened fire, killing two people. police arrested 14 people. schools reopened."
    sentences = ((0, 39), (40, 66), (67, 85))
    police = (EventActor(role="actor1", name="police", kind="police"),)
    fire = _event(text, "opened fire", actors=police)
    arrest = _event(
        text, "arrested", id="e2", acled=AcledType("Strategic developments", "Arrests"), actors=police
    )
    killed = Figure(id="f1", kind="killed", text="two people", start=28, end=38, value=2)
    doc = _doc(text, events=(fire, arrest), figures=(killed,))
    assert india_police.predicted_labels(doc, sentences) == [{"KILL"}, {"ARREST"}, set()]
    coerce = _event(text, "arrested", plover=Plover("COERCE", mode="arrest"))
    assert india_police.predicted_labels(_doc(text, events=(coerce,)), sentences) == [
        set(),
        {"ARREST"},
        set(),
    ]


def test_suite_india_reads_and_locates_sentences():
    docs = india_police._docs(DATA)
    assert [d.key for d in docs] == ["1", "2"]
    first = docs[0]
    assert [first.text[s:e] for s, e in first.sentences][2] == "police arrested 14 people for rioting."
    assert first.labels[1] == {"KILL", "ANY_ACTION"}
    assert docs[1].text.endswith("“we are ready,” he said.")
    assert docs[1].published == "2002-03-04"


# --- all adapters on the tiny corpora --------------------------------------------------------


@pytest.fixture
def tiny_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    pages = data / "scrapinghub-article-extraction-benchmark"
    (pages / "html").mkdir(parents=True)
    body = "Rebels shelled the town of Idlib on Monday, officials said. Two children were hurt in the attack."
    html = f"<html><head><title>Idlib</title></head><body><article><h1>Idlib</h1><p>{body}</p></article></body></html>"
    (pages / "html" / "p1.html.gz").write_bytes(gzip.compress(html.encode("utf-8")))
    (pages / "ground-truth.json").write_text(
        json.dumps({"p1": {"articleBody": body, "url": "https://example.org/a"}})
    )
    return data


def test_suite_runs_every_adapter_on_tiny_corpora(tiny_data, pipeline):
    ctx = SuiteContext(data_dir=tiny_data)
    ctx._pipeline = pipeline
    run = run_suite(ctx)
    status = {r.corpus: r.status for r in run.rows}
    assert "error" not in status.values(), [r for r in run.rows if r.status == "error"]
    assert status["geoparsing"] == status["event-location"] == "absent"
    rows = {r.key: r for r in run.rows}
    assert rows["case2021 / sub-type micro F1"].n == 2
    assert rows["acled-2020 / event type accuracy"].n == 2
    assert rows["acled-2020 / actor1 country"].n == 2
    assert rows["acled-2016 / sub-event type accuracy"].n == 1
    assert rows["plover-gsr / event type accuracy"].n == 2
    assert rows["plover-gsr / source country"].n == 1
    assert rows["rams / argument F1 (our roles)"].n == 3
    assert rows["india-police / KILL sentence F1"].n == 1
    assert rows["scrapinghub / body token F1"].value is not None
    assert all(0.0 <= r.value <= 1.0 for r in run.rows if r.value is not None and not r.unit)
