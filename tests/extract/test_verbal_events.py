"""Events on self-written sentences, verbal and non-violent ones mostly: PLOVER type and mode."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "trigger", "plover", "mode"),
    [
        (
            "Striking dock workers blocked the main road into the port on Monday.",
            "blocked",
            "PROTEST",
            "obstruct",
        ),
        ("The teachers' union called off its week-long strike on Friday.", "called", "CONCEDE", None),
        ("The military council lifted the nightly curfew in the capital.", "lifted", "RETREAT", "ease"),
        ("The government allowed aid convoys into the besieged town.", "allowed", "RETREAT", "access"),
        ("Kenya extradited two suspects to Uganda on Tuesday.", "extradited", "COOPERATE", None),
        ("The two governments renewed negotiations on the border dispute.", "negotiations", "CONSULT", None),
        ("The opposition party said it would boycott the elections.", "boycott", "THREATEN", "political"),
        ("The rebels accepted the ceasefire proposal on Sunday.", "accepted", "AGREE", None),
        (
            "Rebel positions came under heavy mortar fire near the airport.",
            "fire",
            "ASSAULT",
            "heavy-weapons",
        ),
        # legal and administrative acts
        (
            "The former minister has been accused of embezzling public funds.",
            "accused",
            "ACCUSE",
            "disapprove",
        ),
        ("A federal grand jury indicted the mayor on bribery charges.", "indicted", "ACCUSE", "allege"),
        ("The government outlawed the opposition movement on Friday.", "outlawed", "COERCE", "ban"),
        ("Authorities imposed a curfew in the city after the riots.", "imposed", "COERCE", "curfew"),
        ("The president declared martial law in three provinces.", "declared", "COERCE", "martial-law"),
        ("Sweden granted asylum to the dissident journalist.", "granted", "AID", None),
        ("A court jailed two activists for six months.", "jailed", "COERCE", "arrest"),
        ("The Iraqi president arrived in Amman on an unannounced visit.", "visit", "CONSULT", "visit"),
        # signing, recognition and apologies are verbal support (CAMEO 054-057)
        ("The two presidents signed a friendship treaty in the capital on Monday.", "signed", "SUPPORT", None),
        ("Kenya and Somalia restored diplomatic ties after a two-year rift.", "restored", "SUPPORT", None),
        ("The navy apologized to Ghana for detaining its fishing boats.", "apologized", "SUPPORT", None),
        ("Nepal lodged a formal protest with India over the border map.", "lodged", "ACCUSE", "disapprove"),
        ("The army strengthened its forces along the northern frontier.", "strengthened", "MOBILIZE", "troops"),
        # material aid, and its refusal
        ("Norway sent arms to the Kurdish regional government last year.", "sent", "AID", None),
        ("Volunteers handed over two tonnes of medicine to the local hospital.", "handed", "AID", None),
        ("The island state said it will not accept any more refugees this year.", "accept", "REJECT", None),
        ("The ministry denied entry to three foreign journalists.", "denied", "REJECT", None),
        # offers and yielding
        ("The rebels offered to hand over the captured pilots to the Red Cross.", "offered", "AGREE", None),
        ("The electoral board allowed the opposition candidate to stand in the election.", "allowed", "CONCEDE",
         None),
        ("The government will allow exiled dissidents to return next month.", "allow", "AGREE", None),
        ("The militia announced it will return weapons seized from the peacekeepers.", "return", "AGREE", None),
        ("The minister said the army returned land seized from farmers in 2019.", "returned", "RETREAT",
         "return"),
        # defying rules
        ("Two opposition newspapers violated the ban on reporting the trial.", "violated", "REJECT", None),
        ("The president reneged on his pledge to hold a referendum.", "reneged", "REJECT", None),
        ("Qatar launched a mediation effort between the two neighbours on Saturday.", "effort", "CONSULT", None),
        # damaging property (CAMEO 171)
        ("Bulldozers demolished a dozen homes in the village on Sunday.", "demolished", "COERCE", "seize"),
        # what another party must do is a demand of the speaker
        ("The foreign minister reiterated that Libya must hand over the two suspects.", "reiterated", "REQUEST",
         None),
        ("The president issued a stern reminder to the junta that it must free the detainees.", "reminder",
         "REQUEST", None),
    ],
)  # fmt: skip
def test_main_event_type(pipeline, make_article, text, trigger, plover, mode):
    events = pipeline.extract(make_article(text)).events
    event = next((e for e in events if e.trigger.text == trigger), None)
    assert event is not None, [(e.trigger.text, e.plover) for e in events]
    assert (event.plover.type, event.plover.mode) == (plover, mode)


def test_what_must_be_done_is_not_an_event(pipeline, make_article):
    """The content of a demand did not happen: "both sides must reach an agreement" is the envoy's
    request, not an agreement."""
    text = "The envoy said on Friday that the government and the rebels must reach an agreement soon."
    events = pipeline.extract(make_article(text)).events
    assert [(e.trigger.text, e.plover.type) for e in events] == [("said", "REQUEST")]
    roles = {(a.role.value, a.name) for a in events[0].actors}
    assert {("actor1", "envoy"), ("target", "rebels")} <= roles


def test_own_obligation_is_not_a_demand(pipeline, make_article):
    events = pipeline.extract(make_article("The commander said that we must defend the town.")).events
    assert all(e.plover is None or e.plover.type != "REQUEST" for e in events)
