"""How the sentence classifier changes events: switch, veto, discover, and events without a named actor."""

from __future__ import annotations

import pytest

from dateline.pipeline import Pipeline
from dateline.settings import Settings

CASES = [
    # a gas explosion is an accident, not a bombing
    ("A gas cylinder exploded at a crowded restaurant in Lahore on Sunday, killing nine people, "
     "rescue officials said.", None),
    ("Floods triggered by days of torrential rain have killed at least 40 people in the east of the "
     "country, officials said.", None),
    # "killed" in a sentence about a drone strike is the strike
    ("Two children were killed when a drone hit a house in the Marib countryside overnight, residents said.",
     "Air/drone strike"),
    # the crowd is violent: a violent demonstration, not an attack
    ("Protesters hurled stones and petrol bombs at police in central Nairobi, who responded with tear gas "
     "and water cannon.", "Violent demonstration"),
    ("Security forces opened fire on peaceful demonstrators in Mandalay on Saturday, killing at least "
     "seven, witnesses said.", "Excessive force against protesters"),
    # passive arrests have no named agent but are events
    ("Dozens of activists of the main opposition party were arrested in Dhaka on Thursday, their lawyers "
     "said.", "Arrests"),
    # no trigger word: found by the classifier
    ("Three armed factions in northern Idlib announced on Monday that they had merged into a single "
     "coalition under a new name.", "Change to group/activity"),
    ("Bomb disposal experts made safe an improvised device planted outside the governor's office.",
     "Disrupted weapons use"),
]  # fmt: skip


@pytest.fixture(scope="module")
def triggers_only() -> Pipeline:
    return Pipeline.load(Settings(event_classifier=False))


def _sub_types(pipeline: Pipeline, make_article, text: str) -> set[str | None]:
    (document,) = pipeline.run([make_article(text)])
    return {e.acled.sub_event_type if e.acled else None for e in document.events} - {None}


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_classifier_decides_the_acled_type(pipeline, make_article, text, expected):
    got = _sub_types(pipeline, make_article, text)
    assert got == ({expected} if expected else set())


def test_triggers_alone_get_these_wrong(triggers_only, make_article):
    """Most cases above are ones the trigger lexicon alone gets wrong (the classifier is what fixes them);
    the lexicon reads a stone-throwing crowd and a passive arrest by itself."""
    right = [
        text
        for text, expected in CASES
        if _sub_types(triggers_only, make_article, text) == ({expected} if expected else set())
    ]
    assert len(right) <= 2, right
