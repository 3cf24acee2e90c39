"""Event locations from the event's own clause, with the article fallback."""

from __future__ import annotations

import pytest

from dateline.resolve.geo.location import event_location, locate_event, main_place
from dateline.schema import PlacePrecision


def _run(pipeline, make_article, text):
    article = make_article(text)
    parsed = next(iter(pipeline.nlp.pipe([article.text])))
    return pipeline.annotate(article, parsed), parsed


def _span(text, word, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # the statement is located where it was made; what it is about is elsewhere
        (
            "Lavrov, speaking at a news conference in Geneva, said the rebels must leave Aleppo.",
            "said",
            "Geneva",
        ),
        (
            "Lavrov, speaking at a news conference in Geneva, said rebels must withdraw from Aleppo.",
            "withdraw",
            "Aleppo",
        ),
        # the most specific place of the clause
        ("Syrian troops captured the Hanano district of Aleppo on Saturday.", "captured", "Hanano"),
        ("Shelling killed five people in Homs, the Syrian Observatory said from London.", "killed", "Homs"),
        ("Kerry met Lavrov in Geneva on Friday to discuss the situation in Aleppo.", "met", "Geneva"),
        # a place qualifying a participant is not the site; the agent of a capture is not either
        ("U.S. forces captured four insurgents near the base at Shkin in Paktika.", "captured", "Paktika"),
        ("A cab driver from Abidjan was shot dead by police in Bouake.", "shot", "Bouake"),
        ("Five Iraqis were killed in a US air strike on Fallujah on Monday.", "killed", "Fallujah"),
        # a place that locates another ("X in central Y", "Y's city of X") is not the site
        (
            "A civilian was killed by a mortar in al-Tijara neighbourhood in central Damascus.",
            "killed",
            "al-Tijara",
        ),
        ("A guard was killed by locals in Iraq's northern city of Mosul on Monday.", "killed", "Mosul"),
        # a country in a hyphenated modifier of a participant is not the site; a demonym locates nothing
        ("A commander was killed in a US-Kurdish operation near Kirkuk on Thursday.", "killed", "Kirkuk"),
        ("The army has patrolled Palestinian cities in the West Bank for months.", "patrolled", "West Bank"),
        # names the small NER model mistakes for people or organisations, read from the words around them
        ("A policeman was shot dead outside the regional capital, Grozny, on Monday.", "shot", "Grozny"),
        ("Several fighters were killed as clashes continued in the vicinity of Kobane.", "killed", "Kobane"),
        # a settlement noun makes a place of a name the gazetteer lacks, placed in its container
        ("In the south Baghdad neighbourhood of Al-Bayaa, a roadside bomb killed one civilian.", "killed",
         "Al-Bayaa"),
        # a clause running beside the event ("while ...") is not its site
        ("Hundreds of people in Tikrit demonstrated, while a smaller protest took place in Baghdad.",
         "demonstrated", "Tikrit"),
        # a verb between two places: each attaches on its own ("students in Spain protested in Barcelona")
        ("Students in Spain protested on Thursday in Barcelona against an attack on Iraq.", "protested",
         "Barcelona"),
    ],
)  # fmt: skip
def test_clause_location(pipeline, make_article, text, trigger, expected):
    document, parsed = _run(pipeline, make_article, text)
    text = document.article.text
    choice = locate_event(document, parsed, 0, len(text), trigger=_span(text, trigger))
    assert choice is not None
    assert choice.rule == "clause"
    assert text[choice.mention[0] : choice.mention[1]] == expected
    assert choice.location.lat is not None


def test_metonymic_mention_is_not_a_location(pipeline, make_article):
    text = "Moscow said on Sunday that airstrikes had hit Idlib."
    document, parsed = _run(pipeline, make_article, text)
    location = event_location(document, parsed, 0, len(text), trigger=_span(text, "hit"))
    assert location.name == "Idlib"


def test_fallback_to_the_main_place_with_wider_precision(pipeline, make_article):
    text = (
        "Aleppo has been under siege since summer. Food is running out in Aleppo.\n\n"
        "Doctors said hospitals had been destroyed."
    )
    document, parsed = _run(pipeline, make_article, text)
    text = document.article.text
    clause = _span(text, "Doctors said hospitals had been destroyed")
    choice = locate_event(document, parsed, *clause, trigger=_span(text, "destroyed"))
    assert choice.rule == "article"
    assert choice.location.geonames_id == 170063
    assert choice.location.precision is PlacePrecision.ADMIN1  # one level wider than the city
    assert choice.location.rule == "article"
    assert main_place(document).geonames_id == 170063
    assert locate_event(document, parsed, *clause, fallback=False) is None


def test_no_place_at_all(pipeline, make_article):
    text = "Officials said the talks would resume next week."
    document, parsed = _run(pipeline, make_article, text)
    assert event_location(document, parsed, 0, len(text)) is None


def test_the_agent_of_a_capture_is_not_its_location(pipeline, make_article):
    text = "Russia captured the town after months of fighting."
    document, parsed = _run(pipeline, make_article, text)
    assert (
        locate_event(document, parsed, 0, len(text), trigger=_span(text, "captured"), fallback=False) is None
    )


def test_a_coordinated_clause_of_its_own_is_not_the_site(pipeline, make_article):
    text = "The home side captured the title in Oslo and Kenya took the bronze medal."
    document, parsed = _run(pipeline, make_article, text)
    choice = locate_event(document, parsed, 0, len(text), trigger=_span(text, "captured"), fallback=False)
    assert choice is not None and text[choice.mention[0] : choice.mention[1]] == "Oslo"


def test_a_speaker_after_the_city_is_not_an_apposition(pipeline, make_article):
    text = "Vandals hit the north and west portions of the city, Yarbrough said on Monday."
    document, _ = _run(pipeline, make_article, text)
    assert all(p.text != "Yarbrough" for p in document.places)
