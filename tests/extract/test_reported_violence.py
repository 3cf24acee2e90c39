"""Violence reported without a clear doer, crowds, property and parse repairs, on self-written
sentences in the style of wire reports and monitoring-mission daily notes."""

from __future__ import annotations

import pytest


def _acled(pipeline, make_article, text: str) -> set[tuple[str, str, str]]:
    """(trigger, ACLED type, sub-event type) of every ACLED-typed event."""
    events = pipeline.extract(make_article(text)).events
    return {(e.trigger.text, e.acled.event_type, e.acled.sub_event_type) for e in events if e.acled}


def _sub_types(pipeline, make_article, text: str) -> set[str]:
    return {sub for _, _, sub in _acled(pipeline, make_article, text)}


# -- observed fire: counted or heard, nobody named as firing ------------------------------------
@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # gunfire is an exchange of fire
        ("The monitoring mission recorded 48 shots and bursts of fire involving small arms near the "
         "village on Tuesday.", "Armed clash"),
        ("Residents of the northern district said they heard heavy gunfire throughout the night.", "Armed clash"),
        # explosions counted along a front line are shelling ...
        ("Observers registered 31 explosions involving unknown weapons near the railway station.",
         "Shelling/artillery/missile attack"),
        # ... unless the fire went both ways
        ("The mission observed 12 explosions in both directions of the contact line east of the town.",
         "Armed clash"),
        # shots from cannon and heavy machine guns only are heavy weapons
        ("The mission recorded 60 shots involving heavy machine guns and cannons near the coking plant.",
         "Shelling/artillery/missile attack"),
        # a single explosion is a blast, perhaps a bomb
        ("A loud explosion was heard near the central market shortly after noon.",
         "Remote explosive/landmine/IED"),
    ],
)  # fmt: skip
def test_observed_fire(pipeline, make_article, text, sub_event_type):
    assert _sub_types(pipeline, make_article, text) == {sub_event_type}


def test_the_observer_is_no_party_but_the_source(pipeline, make_article):
    text = "The monitoring mission observed 48 shots and bursts of fire near the village on Tuesday."
    (event,) = [e for e in pipeline.extract(make_article(text)).events if e.acled]
    assert event.trigger.text == "shots"
    assert not [a for a in event.actors if a.role.value in {"actor1", "actor2"}]
    assert [(a.source, a.relation.value, a.verb) for a in event.attribution] == [
        ("monitoring mission", "says", "observed")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "A shoot-out took place in the hillside neighbourhood late on Saturday, residents said.",
        "There was a firefight near the checkpoint before dawn.",
        "Clashes broke out in the eastern suburbs on Friday evening.",
    ],
)
def test_a_fight_that_took_place_needs_no_named_party(pipeline, make_article, text):
    assert _sub_types(pipeline, make_article, text) == {"Armed clash"}


# -- crowds: protests by purpose, riots, mob violence -------------------------------------------
@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Gym owners gathered outside the town hall to demand the reopening of their businesses.",
         "Peaceful protest"),
        ("Dozens of taxi drivers staged a motorcade through the city centre to demand lower fuel prices.",
         "Peaceful protest"),
        ("Residents banged pots and pans from their balconies during the president's televised address.",
         "Peaceful protest"),
        ("Hundreds of villagers blocked the main avenue into the town to ask for drinking water.",
         "Peaceful protest"),
        # a fight between communities or party youths is mob violence, not a battle
        ("Two groups of villagers clashed over grazing land on Sunday, leaving five people injured.",
         "Mob violence"),
        ("Supporters of the ruling party clashed with opposition supporters outside a polling station.",
         "Mob violence"),
        ("Dozens of protesters clashed with police outside parliament on Monday.", "Violent demonstration"),
        # what rioters do is a riot
        ("Rioters hurled petrol bombs at a bank branch in the city centre overnight.", "Violent demonstration"),
        # a blockade with burning tyres is a riot; a barricade alone is not
        ("Residents blocked the ring road with burning tyres to protest against power cuts.",
         "Violent demonstration"),
        ("Villagers barricaded the road to the mine on Monday.", "Peaceful protest"),
        # a crowd beating a suspected thief is mob violence
        ("A suspected thief was beaten up by locals at the bus terminal.", "Mob violence"),
    ],
)  # fmt: skip
def test_crowds(pipeline, make_article, text, sub_event_type):
    assert sub_event_type in _sub_types(pipeline, make_article, text)
    assert "Armed clash" not in _sub_types(pipeline, make_article, text)


@pytest.mark.parametrize(
    "text",
    [
        "Fans gathered at the stadium to celebrate the team's victory.",
        "The president's motorcade drove through the capital on Monday.",
        # armed tribesmen fighting are a battle
    ],
)
def test_no_protest(pipeline, make_article, text):
    assert _sub_types(pipeline, make_article, text) == set()


def test_armed_tribesmen_fight_a_battle(pipeline, make_article):
    text = "Armed clashes erupted between two rival clans in the market town, killing a bystander."
    assert "Armed clash" in _sub_types(pipeline, make_article, text)


# -- property: seizure, theft, destruction ------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Federal police seized two tonnes of cocaine hidden in a lorry at a highway checkpoint.",
        "Suspected militiamen stole about 60 cows from a farm outside the town.",
        "Soldiers demolished a Palestinian-owned greenhouse in the village on Tuesday.",
    ],
)
def test_looting_and_property_destruction(pipeline, make_article, text):
    assert _sub_types(pipeline, make_article, text) == {"Looting/property destruction"}


@pytest.mark.parametrize(
    "text",
    [
        # theft by ordinary people is crime, not political violence
        "A teenager stole a mobile phone from a shop in the mall.",
        # damage nobody is said to have done is a consequence
        "The storm caused heavy damage to homes along the coast.",
    ],
)
def test_no_looting(pipeline, make_article, text):
    assert "Looting/property destruction" not in _sub_types(pipeline, make_article, text)


def test_damage_in_an_attack_is_a_detail_of_the_attack(pipeline, make_article):
    text = "An air strike destroyed a clinic in the town on Monday, killing four people."
    assert _sub_types(pipeline, make_article, text) == {"Air/drone strike"}


# -- victims and targets ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Gunmen opened fire on a police station in the town, residents said.",
        "Insurgents attacked a check point on the highway before dawn.",
        "Unidentified gunmen shot dead two militia members near the market.",
        "Militants attacked an army post, killing three soldiers and wounding five others.",
        "Government forces thwarted an incursion on the northern front, killing several fighters.",
        "Unknown attackers assassinated an SDF member near the traffic headquarters in Raqqa.",
    ],
)
def test_attacks_on_armed_men_are_battles(pipeline, make_article, text):
    assert _sub_types(pipeline, make_article, text) == {"Armed clash"}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Hundreds of retired soldiers marched to the defence ministry to demand their pensions.",
         "retired soldiers", "civilian"),
        ("The ex-soldiers said they had not been paid for a year.", "soldiers", "civilian"),
        ("Two militia members were killed near the market.", "Two militia members", "militia"),
        ("Rebel commanders told reporters they would fight on.", "Rebel commanders", "rebel"),
    ],
)  # fmt: skip
def test_generic_groups(pipeline, make_article, text, name, kind):
    actors = {a.name: a.kind.value for a in pipeline.extract(make_article(text)).actors if a.kind}
    assert actors.get(name) == kind, actors


def test_bodies_found_dead(pipeline, make_article):
    text = "Three men were found dead with gunshot wounds on a rural road near the border town."
    assert _sub_types(pipeline, make_article, text) == {"Attack"}


# -- parse repairs ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # the subject hangs as a conjunct of the fronted place list
        ("Around 15 March 2021, in Tixtla, Guerrero, dozens of parents blocked the federal highway to demand "
         "the release of three students.", "parents"),
        ("On 3 March, in Porto Alegre, Rio Grande do Sul, residents banged pots against the governor.",
         "residents"),
    ],
)  # fmt: skip
def test_subject_after_a_fronted_place_list(pipeline, make_article, text, actor):
    events = [e for e in pipeline.extract(make_article(text)).events if e.acled]
    assert events
    assert {a.name for e in events for a in e.actors if a.role.value == "actor1"} == {actor}


def test_a_police_officer_attacked_after_a_fronted_place_list(pipeline, make_article):
    text = (
        "On 4 June 2021, on the highway that links Tixtla to Chilapa, Guerrero, a municipal police officer "
        "from Chilapa was attacked."
    )
    assert _sub_types(pipeline, make_article, text) == {"Armed clash"}


def test_coordinated_verbs_share_their_object(pipeline, make_article):
    text = "Paramilitaries beat and robbed a trader in the town, witnesses said."
    found = _acled(pipeline, make_article, text)
    assert ("beat", "Violence against civilians", "Attack") in found
