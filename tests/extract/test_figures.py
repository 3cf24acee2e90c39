"""FigureStage: kind, reading, subject, breakdowns, hedges, time and location of counts in news text."""

from __future__ import annotations

import json

import pytest

from dateline.extract import MentionStage
from dateline.extract.figures import FigureStage, figure_anchor
from dateline.ingest.build import build_article
from dateline.ingest.convert import raw_from_text
from dateline.resolve.time import TimeStage
from dateline.schema import Article, Document, Place, PlacePrecision, Span
from dateline.settings import Settings


def _figures(nlp, text: str, *, places: tuple[Place, ...] = (), published: str = "2016-12-04T18:19"):
    parsed = nlp(text)
    document = Document(article=Article(id="t", content_hash="t", text=text, published=published))
    document = MentionStage()(document, parsed)
    document = TimeStage()(document, parsed)
    if places:
        document = Document(
            article=document.article, actors=document.actors, times=document.times, places=places
        )
    return FigureStage()(document, parsed), parsed


def _one(nlp, text: str):
    document, _ = _figures(nlp, text)
    assert len(document.figures) == 1, [f.text for f in document.figures]
    return document.figures[0]


@pytest.mark.parametrize(
    ("sentence", "kind", "value", "low", "high", "qualifier", "subject_kind"),
    [
        ("Tens of thousands of people have fled the city.", "fled", None, 10000, 99999, "about", "people"),
        ("At least 16 people were killed in the attack.", "killed", 16, 16, None, "at_least", "people"),
        ("Gunmen killed 29 Syrian rebels near the border.", "killed", 29, None, None, "exact", "combatants"),
        ("Government forces had taken 30 neighborhoods in the east.", "territory_units", 30, None, None, "exact",
         "territory"),
        ("Troops have seized more than 52 percent of the opposition-held east.", "territory_share", 52, 52, None,
         "more_than", "territory"),
        ("The army recaptured a third of the province.", "territory_share", 33.3, None, None, "about",
         "territory"),
        ("Rebels said they had taken two dozen villages.", "territory_units", 24, None, None, "about", "territory"),
        ("Hundreds of families fled the fighting.", "fled", None, 100, 999, "about", "households"),
        ("Nearly 400 people remain missing.", "missing", 400, None, 400, "about", "people"),
        ("Up to 1,000 people were arrested during the protests.", "arrested", 1000, None, 1000, "up_to", "people"),
        ("Seven soldiers died in the ambush.", "killed", 7, None, None, "exact", "combatants"),
        ("Over 80 party workers were taken into custody.", "arrested", 80, 80, None, "more_than", "people"),
        ("In combing operations, 50 persons were held.", "arrested", 50, None, None, "exact", "people"),
        ("Militants abducted 12 aid workers.", "abducted", 12, None, None, "exact", "aid_workers"),
        ("More than 2 million people need humanitarian aid.", "in_need", 2_000_000, 2_000_000, None, "more_than",
         "people"),
        ("About 5,000 people were evacuated from the town.", "evacuated", 5000, None, None, "about", "people"),
        ("Some 300 homes were destroyed in the shelling.", "buildings_destroyed", 300, None, None, "about",
         "buildings"),
        ("An estimated 250,000 people are besieged in the east.", "besieged", 250000, None, None, "about", "people"),
        ("The UN said 1.5 million people had returned to their homes.", "returned", 1_500_000, None, None, "exact",
         "people"),
        ("The war has displaced hundreds of thousands of people.", "displaced", None, 100000, 999999, "about",
         "people"),
        ("The clashes resulted in 10 fatalities.", "killed", 10, None, None, "exact", "people"),
        ("Militiamen killed 8-10 residents across the villages.", "killed", None, 8, 10, "between", "people"),
        ("7 militants were killed and wounded during an operation.", "casualties", 7, None, None, "exact",
         "combatants"),
        ("The death toll rose to 45.", "killed", 45, None, None, "exact", None),
        ("A civilian was injured by a landmine.", "injured", 1, None, None, "exact", "civilians"),
        ("Unknown gunmen shot dead a police officer.", "killed", 1, None, None, "exact", "combatants"),
        ("The council called for a seven-day truce.", "duration", 7, None, None, "exact", "duration"),
    ],
)  # fmt: skip
def test_figure_readings(nlp, sentence, kind, value, low, high, qualifier, subject_kind):
    figure = _one(nlp, sentence)
    subject = figure.subject.kind if figure.subject else None
    assert (figure.kind, figure.value, figure.low, figure.high, figure.qualifier.value, subject) == (
        kind,
        value,
        low,
        high,
        qualifier,
        subject_kind,
    )
    assert sentence[figure.start : figure.end] == figure.text


@pytest.mark.parametrize(
    "sentence",
    [
        "The ceasefire agreed between the two powers collapsed.",
        "Khalil Halabi, 35, a pharmacist, told Reuters he was leaving.",
        "It would be a severe blow in the 5-year-old conflict.",
        "The offer was worth $5 million.",
        "About 50 people tried to lynch three men.",
        "No one was killed and 20 people were not hurt.",
        "He said three people should be held responsible for the violence.",
        "Talks were held with 12 delegations.",
        "The 3rd Brigade met on Dec. 4, 2016.",
    ],
)
def test_numbers_that_are_not_figures(nlp, sentence):
    document, _ = _figures(nlp, sentence)
    assert [f.text for f in document.figures] == []


def test_breakdowns_are_linked_not_counted_twice(nlp):
    document, _ = _figures(nlp, "The strike killed 70 civilians, including 20 children.")
    total, part = document.figures
    assert (total.value, total.subject.kind, total.part_of) == (70, "civilians", None)
    assert (part.value, part.subject.kind, part.kind, part.part_of) == (20, "children", "killed", total.id)


def test_coordinated_victims_are_separate_counts(nlp):
    document, _ = _figures(nlp, "Two women and a man were killed by armed men.")
    assert [(f.value, f.subject.kind, f.kind) for f in document.figures] == [
        (2, "women", "killed"),
        (1, "people", "killed"),
    ]


@pytest.mark.parametrize(
    ("sentence", "hedged"),
    [
        ("The U.N. estimates between 100,000 and 200,000 people may be trapped.", True),
        ("The Red Cross estimates that at least 30,000 people have fled.", True),
        ("Reportedly, 40 people were killed.", True),
        ("Officials confirmed that 40 people were killed.", False),
        ("40 people were reportedly killed.", True),
        ("At least 30,000 people have fled.", False),
    ],
)
def test_hedges(nlp, sentence, hedged):
    assert _one(nlp, sentence).hedged is hedged


def test_time_comes_from_the_governing_clause(nlp):
    figure = _one(nlp, "At least 30,000 people have fled the shattered city in the past week.")
    assert (figure.time.start, figure.time.end, figure.time.rule, figure.time.text) == (
        "2016-11-27",
        "2016-12-04",
        "clause",
        "past week",
    )


def test_location_from_resolved_places_and_graceful_without_ids(nlp):
    text = (
        "Helping civilians leave Aleppo, where the U.N. estimates 100,000 people may be trapped, is the goal."
    )
    start = text.index("Aleppo")
    resolved = Place(id="p1", text="Aleppo", mentions=(Span(start, start + 6),), geonames_id=170063, name="Aleppo",
                     lat=36.2, lon=37.16, country="SY", precision=PlacePrecision.CITY)  # fmt: skip
    document, _ = _figures(nlp, text, places=(resolved,))
    assert document.figures[0].location.geonames_id == 170063
    unresolved = Place(id="p1", text="Aleppo", mentions=(Span(start, start + 6),))
    document, _ = _figures(nlp, text, places=(unresolved,))
    assert document.figures[0].location is None


def test_attribution_and_event_are_left_for_later_stages_with_an_anchor(nlp):
    text = "The Red Cross estimates that at least 30,000 people have fled the city."
    document, parsed = _figures(nlp, text)
    figure = document.figures[0]
    assert figure.attribution == () and figure.event_id is None
    anchor = figure_anchor(parsed, figure)
    assert text[anchor.predicate_start : anchor.predicate_end] == "fled"
    assert text[anchor.clause_start : anchor.clause_end] == "fled"


def test_seed_figures(nlp, shared):
    """Every seed gold figure read right (kind, value/range, qualifier, hedge); sources are another stage's."""
    seed = shared("seed", "abc-2016-12-04-aleppo.txt")
    gold = json.loads(shared("seed", "expected.json").read_text(encoding="utf-8"))
    article = build_article(raw_from_text(seed.read_text(encoding="utf-8"), fmt="text"), Settings())
    parsed = nlp(article.text)
    document = Document(article=article)
    for stage in (MentionStage(), TimeStage(), FigureStage()):
        document = stage(document, parsed)

    def matches(f, g):
        reading = all(getattr(f, k) == g[k] for k in ("value", "low", "high") if k in g)
        return (f.kind in g["kind"] and reading and ("qualifier" not in g or f.qualifier.value in g["qualifier"])
                and ("hedged" not in g or f.hedged == g["hedged"]))  # fmt: skip

    missed = [g["id"] for g in gold["figures"] if not any(matches(f, g) for f in document.figures)]
    assert missed == []
    wrong = [f.text for f in document.figures if not any(matches(f, g) for g in gold["figures"])]
    assert wrong == []
