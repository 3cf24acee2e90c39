"""Demonstrations and changes to armed groups on self-written sentences (ACLED sub-event types)."""

from __future__ import annotations

import pytest


def _subs(pipeline, make_article, text: str) -> dict[str, str | None]:
    events = pipeline.extract(make_article(text)).events
    return {e.trigger.text: e.acled.sub_event_type if e.acled else None for e in events}


@pytest.mark.parametrize(
    ("text", "trigger", "event_type"),
    [
        # crowds going out to protest, named by where they go or by who they are
        ("Thousands of students poured into the streets of the capital on Friday.", "poured", "Protests"),
        ("Demonstrators gathered outside parliament on Thursday evening to urge an end to the war.",
         "gathered", "Protests"),
        ("Voting rights demonstrators staged a sit-in at the state capitol on Monday.", "in", "Protests"),
        # fighters changing sides, units formed, troops moved
        ("About 400 fighters have defected to the government side in the north, a senior official said.",
         "defected", "Strategic developments"),
        ("The Revolutionary Guards have formed a drone unit with bases near the border.", "formed",
         "Strategic developments"),
        ("The army is moving troops to a desert region near the border with Jordan.", "moving",
         "Strategic developments"),
    ],
)  # fmt: skip
def test_protests_and_group_changes(pipeline, make_article, text, trigger, event_type):
    events = pipeline.extract(make_article(text)).events
    event = next((e for e in events if e.trigger.text == trigger), None)
    assert event is not None and event.acled is not None, [(e.trigger.text, e.acled) for e in events]
    assert event.acled.event_type == event_type


@pytest.mark.parametrize(
    "text",
    [
        "The minister took to social media to defend the decision.",  # not the streets
        "Five people were taken to hospital after the crash.",
        "People gathered at the scene to look for their relatives.",  # a crowd, not demonstrators
        "The company formed a new unit to handle exports.",  # a firm, not an armed group
    ],
)
def test_no_protest_or_group_change(pipeline, make_article, text):
    subs = set(_subs(pipeline, make_article, text).values())
    assert not subs & {"Peaceful protest", "Protest with intervention", "Change to group/activity"}, subs
