"""The NLP layer: explicit loading, paragraph-aware sentences, batching keeps order."""

from __future__ import annotations

import pytest

from dateline.errors import ModelError
from dateline.nlp import PARAGRAPH_BREAKS, load_nlp, parse


def test_model_loads_once(pipeline):
    assert load_nlp(pipeline.settings.model) is pipeline.nlp
    assert PARAGRAPH_BREAKS in pipeline.nlp.pipe_names


def test_missing_model_is_a_clear_error():
    with pytest.raises(ModelError, match="make install"):
        load_nlp("no_such_spacy_model_xx")


def test_no_sentence_crosses_a_paragraph_break(pipeline):
    text = (
        "Troops advanced on the town\n\nPHOTO caption without a full stop\n\nRebels said they would fight on."
    )
    (doc,) = parse(pipeline.nlp, [text])
    for sent in doc.sents:
        assert "\n\n" not in sent.text.strip()


def test_parse_keeps_order_across_batches(pipeline):
    texts = [f"Report number {i} says {i} people fled." for i in range(7)]
    docs = list(parse(pipeline.nlp, texts, batch_size=2))
    assert [d.text for d in docs] == texts
