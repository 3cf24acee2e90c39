"""Demonstrations, changes to armed groups and other strategic developments on self-written sentences
(ACLED sub-event types)."""

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


@pytest.mark.parametrize(
    ("text", "trigger", "sub_event_type"),
    [
        # a passive act on what the trigger names is reported although the agent is unsaid
        ("Two explosive devices were found in a canal near the zoo on Tuesday.", "found",
         "Disrupted weapons use"),
        ("About 230 pistols and 17,000 bullets were seized in the capital.", "seized", "Disrupted weapons use"),
        # bases set up or created
        ("The army has set up its 11th observation point in the province.", "set",
         "Headquarters or base established"),
        ("The military has created a new base near the oil fields.", "created",
         "Headquarters or base established"),
        # a change of hands without a fight
        ("All government forces have withdrawn from the base, leaving it in the hands of opposition fighters.",
         "withdrawn", "Non-violent transfer of territory"),
        ("Rebel fighters entered the town before dawn without any resistance.", "entered",
         "Non-violent transfer of territory"),
        ("The fighters entered the town before dawn and had not encountered any resistance, he said.",
         "entered", "Non-violent transfer of territory"),
    ],
)  # fmt: skip
def test_strategic_developments(pipeline, make_article, text, trigger, sub_event_type):
    assert _subs(pipeline, make_article, text).get(trigger) == sub_event_type


def test_a_capture_with_fighting_is_not_a_peaceful_transfer(pipeline, make_article):
    subs = _subs(pipeline, make_article, "Rebel fighters captured the town after two days of heavy fighting.")
    assert subs.get("captured") == "Non-state actor overtakes territory", subs


@pytest.mark.parametrize(
    ("text", "trigger", "sub_event_type"),
    [
        # what a protest is about is not how it went
        ("Journalists held a protest in Kotdiji town against an attack on a senior reporter.", "protest",
         "Peaceful protest"),
        ("Farmers protested in the district, demanding the arrest of the men who set fire to their crops.",
         "protested", "Peaceful protest"),
        ("Members of the National Torch Movement protested outside the town hall on Monday.", "protested",
         "Peaceful protest"),
        # how it went: the protesters' own violence, or the force used against them
        ("Violent protests erupted in the capital on Tuesday.", "protests", "Violent demonstration"),
        ("Migrant workers demonstrated and pelted stones at the office of the labour ministry.", "demonstrated",
         "Violent demonstration"),
        ("Security forces fired live rounds to disperse the protest, witnesses said.", "disperse",
         "Excessive force against protesters"),
        ("Police fired tear gas to disperse the protest, live television pictures showed.", "disperse",
         "Protest with intervention"),
    ],
)  # fmt: skip
def test_protest_sub_types(pipeline, make_article, text, trigger, sub_event_type):
    subs = _subs(pipeline, make_article, text)
    assert subs.get(trigger) == sub_event_type, subs
