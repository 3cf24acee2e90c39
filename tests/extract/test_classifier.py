"""The sentence event classifier: its training data, its shipped weights, and what it predicts."""

from __future__ import annotations

import numpy as np
import pytest

from dateline.errors import ConfigError
from dateline.extract import classifier as clf
from dateline.extract.lexicon import lexicon

MIN_PER_LABEL = 30


@pytest.fixture(scope="module")
def examples() -> list[clf.Example]:
    return clf.read_examples()


def test_every_label_has_enough_distinct_sentences(examples):
    counts = {label: 0 for label in clf.labels().names}
    for e in examples:
        counts[e.label] += 1
    assert min(counts.values()) >= MIN_PER_LABEL, {k: v for k, v in counts.items() if v < MIN_PER_LABEL}
    texts = [e.text.casefold() for e in examples]
    assert len(set(texts)) == len(texts)


def test_event_labels_are_event_classes():
    assert clf.labels().events <= set(lexicon().classes)
    assert {"natural_disaster", "accident", "crime", "other_news"}.isdisjoint(clf.labels().events)


def test_shipped_weights_were_trained_on_the_current_data(examples):
    """Fails when training sentences or labels change without `python scripts/train_event_classifier.py`."""
    assert clf.load_classifier().digest == clf.data_digest(examples)


def test_bad_training_row_is_a_config_error(tmp_path):
    (tmp_path / "x.tsv").write_text("label\ttext\nnot_a_label\tSomething happened.\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad training row 2"):
        clf.read_examples(tmp_path)


def test_fit_separates_clusters():
    rng = np.random.default_rng(7)
    centres = rng.normal(size=(3, 16))
    y = np.repeat(np.arange(3), 40)
    x = (centres[y] + 0.1 * rng.normal(size=(120, 16))).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    w, b = clf._fit(x, y, 3)
    assert ((x @ w + b).argmax(axis=1) == y).all()


# Written for this test; none of these sentences is in the training data.
UNSEEN = [
    ("Jets pounded rebel positions east of the town for a third day, a monitoring group said.", "air_strike"),
    ("Mortar rounds slammed into a market in the old quarter on Friday morning.", "shelling"),
    ("A bomber detonated his explosive belt at the entrance of a police academy.", "suicide_bomb"),
    ("Kidnappers seized 14 passengers from a bus on the highway and demanded a ransom.", "abduction"),
    ("Thousands marched peacefully through the capital to demand higher wages for teachers.", "protest"),
    ("Rioters set fire to a police station and looted shops after the verdict.", "riot"),
    ("The two foreign ministers held talks in Doha on the future of the truce.", "consult"),
    ("The ministry accused the neighbouring army of committing war crimes in the border villages.", "accuse"),
    ("An earthquake of magnitude 6.4 struck the mountainous north, flattening hundreds of homes.", "natural_disaster"),
    ("A passenger train derailed near the junction, injuring more than 50 people.", "accident"),
    ("Customs officers seized 300 kilograms of cocaine hidden in a shipment of bananas.", "crime"),
    ("The central bank raised its benchmark interest rate by half a percentage point.", "other_news"),
]  # fmt: skip


def test_unseen_sentences_get_their_label():
    model = clf.load_classifier()
    probs = model.probabilities([text for text, _ in UNSEEN])
    predicted = [model.labels[int(i)] for i in probs.argmax(axis=1)]
    wrong = [(text, want, got) for (text, want), got in zip(UNSEEN, predicted, strict=True) if got != want]
    assert len(wrong) <= 1, wrong
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-4)
