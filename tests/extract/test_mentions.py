"""Entity mentions: grouping, labels and exact character offsets."""

from __future__ import annotations

from dateline.extract import MentionStage
from dateline.schema import Document


def _spans(doc):
    for actor in doc.actors:
        for m in actor.mentions:
            yield actor.name, m
    for place in doc.places:
        for m in place.mentions:
            yield place.text, m
    for time in doc.times:
        yield time.text, time.span


def test_every_mention_offset_points_at_its_text(pipeline, make_article, fixture_path):
    article = make_article(fixture_path("text", "el-fasher-2024-06-16.txt").read_text("utf-8"))
    doc = _mentions_only(pipeline, article)
    spans = list(_spans(doc))
    assert spans
    for _name, span in spans:
        surface = article.text[span.start : span.end]
        assert surface == surface.strip() and surface
        assert not surface.lower().startswith("the ")


def _mentions_only(pipeline, article):
    """Run only the mention stage, as the later stages resolve and regroup mentions."""
    return MentionStage()(Document(article=article), pipeline.nlp(article.text))


def test_mentions_grouped_with_labels(pipeline, make_article):
    doc = _mentions_only(
        pipeline,
        make_article(
            "Secretary of State John Kerry met Sergei Lavrov in Geneva on Friday. "
            "Lavrov later told Reuters that Moscow was ready to negotiate. Kerry left Geneva on Saturday."
        ),
    )
    places = {p.text: p for p in doc.places}
    assert len(places["Geneva"].mentions) == 2
    assert places["Geneva"].label == "GPE"
    assert places["Geneva"].geonames_id is None  # unresolved until geocoding
    names = {a.name: a for a in doc.actors}
    assert names["Reuters"].label == "ORG"
    assert {t.text for t in doc.times} >= {"Friday", "Saturday"}
    assert all(t.start is None and t.reason == "unresolved" for t in doc.times)


def test_us_abbreviation_keeps_its_full_stop(pipeline, make_article):
    doc = _mentions_only(
        pipeline, make_article("The U.S. has not said whether it is considering that scenario.")
    )
    assert "U.S." in {p.text for p in doc.places} | {a.name for a in doc.actors}
