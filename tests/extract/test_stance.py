"""Stance of an actor towards its own future action, read from the parse (unit level)."""

from __future__ import annotations

import pytest

from dateline.extract.modality import Stance, stance_of


@pytest.mark.parametrize(
    ("sentence", "trigger", "stance"),
    [
        ("Turkey will allow refugees to return home.", "allow", Stance.PROMISE),
        ("The farmers said they would blockade the capital.", "blockade", Stance.PROMISE),
        ("Syria says it is willing to withdraw its troops.", "withdraw", Stance.PROMISE),
        ("The president offered to negotiate with the rebels.", "negotiate", Stance.PROMISE),
        ("Syria will not accept any more refugees.", "accept", Stance.REFUSAL),
        ("The army refused to withdraw from the town.", "withdraw", Stance.REFUSAL),
        ("The minister is not prepared to lift the ban.", "lift", Stance.REFUSAL),
        ("The militia threatened to withdraw from the talks.", "withdraw", Stance.THREAT),
        ("The army withdrew from the town on Monday.", "withdrew", None),
        ("The troops would have withdrawn had they been ordered to.", "withdrawn", None),
    ],
)
def test_stance_of(nlp, sentence, trigger, stance):
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == trigger)
    assert stance_of(token) is stance
