"""Violent events on self-written sentences: ACLED sub-event type and the parties of a clash."""

from __future__ import annotations

import pytest


def _event(pipeline, make_article, text: str, trigger: str):
    events = pipeline.extract(make_article(text)).events
    event = next((e for e in events if e.trigger.text == trigger), None)
    assert event is not None, [(e.trigger.text, e.acled) for e in events]
    return event


@pytest.mark.parametrize(
    ("text", "trigger", "category", "sub_event_type"),
    [
        (
            "Separatist units fired 120mm mortars at army positions near the village overnight.",
            "fired",
            "remote_violence",
            "Shelling/artillery/missile attack",
        ),
        # direct-fire weapons: the target can fire back, so it is a clash, not remote violence
        (
            "Separatist units fired mortars, heavy machine guns and small arms at army positions near the "
            "village overnight.",
            "fired",
            "conflict",
            "Armed clash",
        ),
        (
            "Government troops fired rockets and assault rifles at rebel positions east of the town.",
            "fired",
            "conflict",
            "Armed clash",
        ),
        # ... and at unarmed people an attack on civilians
        (
            "Gunmen fired mortars and rifles at villagers gathered in the market.",
            "fired",
            "violence_against_civilians",
            "Attack",
        ),
        # heavy machine guns are heavy weapons, like the mortars
        (
            "Separatist units fired mortars and heavy machine guns at army positions near the village.",
            "fired",
            "remote_violence",
            "Shelling/artillery/missile attack",
        ),
        # opening fire is one-sided: a clash only when the target is armed
        ("Prison guards opened fire on inmates trying to escape on Sunday.", "opened",
         "violence_against_civilians", "Attack"),
        ("Militants opened fire on a police patrol near the border.", "opened", "conflict", "Armed clash"),
        # "at a checkpoint" is where it happened, not an armed target
        ("A soldier stabbed a shopkeeper to death after an argument at a checkpoint.", "stabbed",
         "violence_against_civilians", "Attack"),
        # soldiers and police killing civilians is political violence, even over a private dispute
        ("A policeman shot and killed a motorcycle taxi driver in the town after a dispute over a bribe.",
         "shot", "violence_against_civilians", "Attack"),
        ("A shootout between police and gang members left three dead in the city.", "shootout", "conflict",
         "Armed clash"),
        ("Prison guards beat up detainees at the facility, a rights group said.", "beat",
         "violence_against_civilians", "Attack"),
        ("The militia carried out a campaign of ethnic cleansing in the border villages.", "cleansing",
         "violence_against_civilians", "Attack"),
        # counted crowds are their people: "hundreds of thousands of people blocked streets"
        ("Hundreds of thousands of people blocked streets in the capital on Sunday.", "blocked", "protest",
         "Peaceful protest"),
    ],
)  # fmt: skip
def test_weapons_decide_remote_violence(pipeline, make_article, text, trigger, category, sub_event_type):
    event = _event(pipeline, make_article, text, trigger)
    assert (event.category, event.acled.sub_event_type) == (category, sub_event_type)


@pytest.mark.parametrize(
    ("text", "trigger", "actor1", "actor2"),
    [
        ("Clashes took place between government forces and rebels near Kidal on Monday.", "Clashes",
         "government forces", "rebels"),
        ("On Friday, fierce clashes erupted between Somali troops and al-Shabaab militants in Afgoye.",
         "clashes", "Somali troops", "al-Shabaab militants"),
        ("Heavy clashes were reported between government troops and rebels in the hills.", "clashes",
         "government troops", "rebels"),
    ],
)  # fmt: skip
def test_parties_of_a_clash_that_happens(pipeline, make_article, text, trigger, actor1, actor2):
    """The parties hang on the verb: "clashes took place / erupted between A and B"."""
    event = _event(pipeline, make_article, text, trigger)
    roles = {(a.role.value, a.name) for a in event.actors}
    assert {("actor1", actor1), ("actor2", actor2)} <= roles
    assert event.acled.sub_event_type == "Armed clash"


@pytest.mark.parametrize(
    ("text", "trigger", "sub_event_type"),
    [
        # territory changing hands without "capture": freed, wrested, occupied, pushed out
        ("Iraqi security forces on Wednesday freed several villages from Islamic State militants.", "freed",
         "Government regains territory"),
        ("Forces loyal to the government have wrested control of a military camp from a separatist militia.",
         "wrested", "Government regains territory"),
        ("Government troops have occupied three more hill posts of the ethnic army in an offensive over the "
         "last two days.", "occupied", "Government regains territory"),
        ("Somali forces pushed al-Shabab militants out of fresh areas in Lower Shabelle region.", "pushed",
         "Government regains territory"),
        # the toll of coordinated verbs takes the cause named after the last one
        ("Three civilians were killed and dozens wounded in airstrikes launched by warplanes overnight.",
         "airstrikes", "Air/drone strike"),
        # a grenade attack is a Grenade event, and so are the deaths it causes
        ("Six people were killed in a grenade attack on a bar late on Wednesday.", "attack", "Grenade"),
        ("A grenade attack on a bar killed six people in the north of the country late on Wednesday.",
         "killed", "Grenade"),
        # "and 23 others injured in": the toll's second verb hangs on "others", its cause still counts; the
        # weapon the modifier names stays whatever the classifier thinks of the sentence
        # a prisoner exchange is an agreement between the parties, however it is worded
        ("Rebels and government forces exchanged prisoners near the divided city on Tuesday.", "exchanged",
         "Agreement"),
        ("A prisoner swap between the government and the separatist council took place on Sunday.", "swap",
         "Agreement"),
        ("The government released 30 rebels in exchange for 16 soldiers held by the group.", "released",
         "Agreement"),
    ],
)  # fmt: skip
def test_territory_grenades_and_exchanges(pipeline, make_article, text, trigger, sub_event_type):
    event = _event(pipeline, make_article, text, trigger)
    assert event.acled is not None and event.acled.sub_event_type == sub_event_type, event.acled


@pytest.mark.parametrize(
    "text",
    [
        "Protesters occupied the main square of the capital on Friday.",  # a crowd's sit-in, not a capture
        "Police pushed the protesters out of the square.",  # not armed men driven from territory
        "A judge ordered the release of 40 prisoners because of the epidemic.",  # a release is no agreement
        "The court released him in return for a bail payment.",
    ],
)
def test_no_territory_or_agreement_for_crowds_and_courts(pipeline, make_article, text):
    subs = {e.acled.sub_event_type for e in pipeline.extract(make_article(text)).events if e.acled}
    assert not subs & {"Government regains territory", "Non-state actor overtakes territory", "Agreement"}


def test_targeting_with_sanctions_is_no_attack(pipeline, make_article):
    events = pipeline.extract(
        make_article("The administration targeted Russia with sweeping sanctions.")
    ).events
    assert not any(e.acled for e in events), [(e.trigger.text, e.acled) for e in events]
    assert any(e.plover and e.plover.type == "COERCE" for e in events)


def test_the_toll_of_grenade_attacks_retold_in_a_relative_clause(pipeline, make_article):
    """ "and 23 others injured in": the toll's second verb hangs on "others", and its cause still
    counts; the weapon the modifier names stays whatever the classifier thinks of the sentence; "that
    targeted bars" retells the attacks."""
    text = (
        "Six persons were killed Wednesday night and 23 others injured in separate grenade attacks that "
        "targeted bars in the northern provinces, police said on Tuesday."
    )
    events = pipeline.extract(make_article(text)).events
    found = {e.trigger.text: e.acled.sub_event_type for e in events if e.acled}
    assert found == {"attacks": "Grenade"}, found
