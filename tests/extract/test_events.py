"""Events on self-written articles: type, participants, modality, attribution forms.

Expectations are "must contain" checks in the trafilatura with/without style: each case
names a trigger and the properties its event must have, so unrelated improvements do not
break the table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.ingest.build import build_article
from dateline.ingest.convert import raw_from_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def extracted(pipeline, request):
    cache = {}

    def get(name: str):
        if name not in cache:
            text = (FIXTURES / "extract" / f"{name}.txt").read_text("utf-8")
            cache[name] = pipeline.extract(build_article(raw_from_text(text, fmt="text"), pipeline.settings))
        return cache[name]

    return get


def _event(doc, trigger: str, modality: str | None = None):
    found = [
        e for e in doc.events if e.trigger.text == trigger and (modality is None or e.modality == modality)
    ]
    assert found, f"no event on {trigger!r}: {[e.trigger.text for e in doc.events]}"
    return found[0]


@pytest.mark.parametrize(
    ("trigger", "modality"),
    [
        ("shelled", "asserted"),
        ("attack", "negated"),  # "did not attack"
        ("offensive", "hypothetical"),  # "could launch a new offensive"
        ("negotiate", "intended"),  # "was ready to negotiate"
        ("retake", "hoped"),  # "hoped the army would retake"
    ],
)
def test_modality(extracted, trigger, modality):
    assert _event(extracted("modality-goma"), trigger).modality.value == modality


def test_shelling_is_remote_violence_by_rebels(extracted):
    event = _event(extracted("modality-goma"), "shelled")
    assert (event.category.value, event.plover.type) == ("remote_violence", "ASSAULT")
    assert (event.acled.event_type, event.acled.sub_event_type) == (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    )
    actor1 = next(a for a in event.actors if a.role.value == "actor1")
    assert (actor1.kind.value, actor1.country) == ("rebel", "COD")
    assert event.attribution[0].source == "local officials"


def test_toll_belongs_to_the_shelling(extracted):
    doc = extracted("modality-goma")
    assert not [e for e in doc.events if e.trigger.text == "killing"]  # "shelled ..., killing four civilians"
    target = next(a for a in _event(doc, "shelled").actors if a.role.value == "target")
    assert (target.kind.value, target.country) == ("civilian", "COD")


@pytest.mark.parametrize(
    ("trigger", "source", "relation", "via", "verb"),
    [
        ("attacked", "Sudan Doctors Network", "says", None, "according to"),
        ("attack", "official from the Sudanese army", "confirms", "Agence France-Presse", "confirmed"),
        ("attacking", "RSF", "denies", None, "denied"),
        ("fled", "United Nations", "estimates", None, "estimates"),
        ("killed", "Local activists", "says", "Reuters", "told"),
    ],
)
def test_attribution_forms(extracted, trigger, source, relation, via, verb):
    attribution = _event(extracted("attribution-darfur"), trigger).attribution[0]
    assert (attribution.source, attribution.relation.value, attribution.via, attribution.verb) == (
        source,
        relation,
        via,
        verb,
    )
    assert attribution.actor_id is not None


def test_denied_event_is_negated(extracted):
    assert _event(extracted("attribution-darfur"), "attacking").modality.value == "negated"


def test_capture_by_non_state_actor(extracted):
    event = _event(extracted("attribution-darfur"), "captured")
    assert event.acled.sub_event_type == "Non-state actor overtakes territory"


def test_events_carry_evidence_and_offsets(extracted):
    doc = extracted("attribution-darfur")
    for event in doc.events:
        assert doc.article.text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert all(span.start <= event.trigger.start < span.end for span in event.evidence[:1])
        assert 0 < event.confidence < 1


@pytest.mark.parametrize(
    ("trigger", "plover", "mode", "actor"),
    [
        ("allow", "AGREE", None, "Mali's transitional government"),  # "it would allow convoys to reach"
        ("withdraw", "AGREE", None, "Tuareg-led rebel alliance"),  # "it was prepared to withdraw"
        ("accept", "REJECT", None, "Mali's transitional government"),  # "will not accept any mediation"
        ("blockade", "THREATEN", "restrict", None),  # "its fighters would blockade the city"
    ],
)
def test_stance_makes_verbal_events(extracted, trigger, plover, mode, actor):
    """A promise to cooperate is AGREE, a refusal REJECT, an announced hostile act THREATEN; the
    underlying action keeps its own modality (it has not happened)."""
    event = _event(extracted("stances-sahel"), trigger)
    assert (event.plover.type, event.plover.mode) == (plover, mode)
    assert event.modality.value != "asserted"
    if actor is not None:
        assert actor in [a.name for a in event.actors if a.role.value == "actor1"]


def test_wire_dateline_is_not_part_of_the_lead(extracted):
    doc = extracted("stances-sahel")
    assert not [e for e in doc.events if e.trigger.text == "March"]  # "BAMAKO, March 3 (Dateline) -"
    assert "BAMAKO" not in [a.name for e in doc.events for a in e.actors]
