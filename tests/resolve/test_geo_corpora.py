"""Small slices of the public geoparsing corpora (skipped without ../shared); floors, not targets."""

from __future__ import annotations

import pytest

from dateline.eval.geoparsing import CORPORA, evaluate_corpus, evaluate_events, read_corpus

pytestmark = pytest.mark.shared


@pytest.mark.parametrize(("corpus", "floor"), [("trnews", 0.65), ("lgl", 0.65), ("geovirus", 0.6)])
def test_geocoding_slice(shared, corpus, floor):
    path = shared("data", "geoparsing-gritta", CORPORA[corpus])
    from dateline.eval.geoparsing import _pipeline  # noqa: PLC0415

    result = evaluate_corpus(corpus, path, limit=8, pipeline=_pipeline())
    assert result.toponyms > 20
    assert result.acc161 >= floor, result.summary()
    assert result.mentions_right <= result.mentions_found  # detection is scored on the same articles
    assert 0.5 <= (result.mention_precision or 0) <= 1 and 0.5 <= (result.mention_recall or 0) <= 1


def test_corpus_reader_aligns_offsets(shared):
    path = shared("data", "geoparsing-gritta", CORPORA["trnews"])
    article = next(iter(read_corpus("trnews", path)))
    assert article.toponyms
    assert all(article.text[t.start : t.end] == t.text for t in article.toponyms[:5])


def test_event_location_slice(shared):
    path = shared("data", "event-location-halterman", "event_location_labeled.jsonl")
    result = evaluate_events(path, limit=60)
    assert result.rows == 60
    assert result.accuracy >= 0.4, result.summary()
