"""Sentence event classifier: softmax regression over MiniLM sentence embeddings.

Trained on dateline's own sentences (``data/events/training/*.tsv``, written for the project,
Apache-2.0) with the labels of ``data/events/training/labels.toml``: the event classes of
``classes.toml`` plus "no dateline event" labels (disasters, accidents, crime, other news).
The weights ship as ``data/models/event_classifier.npz`` together with the SHA-256 of the
data they were trained on; ``python scripts/train_event_classifier.py`` retrains them.

The event stage uses the probabilities to choose among related classes of a trigger, to drop
violence read into accidents and disasters, to find events no trigger caught, and to rank
events (see docs/events.md, "Sentence classifier").
"""

from __future__ import annotations

import hashlib
import logging
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import ConfigError, ModelError
from ..nlp.embed import load_encoder

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = [
    "WEIGHTS",
    "EventClassifier",
    "Example",
    "TrainingReport",
    "cross_validate",
    "load_classifier",
    "read_examples",
    "train_classifier",
]

log = logging.getLogger(__name__)

_DATA = Path(__file__).resolve().parents[1] / "data"
TRAINING = _DATA / "events" / "training"
WEIGHTS = _DATA / "models" / "event_classifier.npz"
_L2 = 1e-5
_EPOCHS = 1000
_LEARNING_RATE = 0.1
_WORD = re.compile(r"[a-z]+")
_CUE_MIN = 3
_CUE_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class Example:
    label: str
    text: str
    source: str


@dataclass(frozen=True, slots=True)
class Labels:
    """Classifier labels in a fixed order and which of them are dateline events."""

    names: tuple[str, ...]
    events: frozenset[str]


@cache
def labels() -> Labels:
    raw = tomllib.loads((TRAINING / "labels.toml").read_text("utf-8"))["labels"]
    names = tuple(sorted(raw))
    return Labels(names=names, events=frozenset(n for n in names if raw[n].get("event", True)))


def read_examples(directory: Path = TRAINING) -> list[Example]:
    """Every training sentence of ``directory/*.tsv`` (``label<TAB>text``; ``#`` lines are notes)."""
    known = set(labels().names)
    out: list[Example] = []
    for path in sorted(directory.glob("*.tsv")):
        rows = [ln for ln in path.read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
        for n, line in enumerate(rows[1:], start=2):
            label, sep, text = line.partition("\t")
            if not sep or label not in known or not text.strip():
                raise ConfigError(f"{path.name}: bad training row {n}: {line[:60]!r}")
            out.append(Example(label=label, text=text.strip(), source=path.name))
    return out


def data_digest(examples: Sequence[Example]) -> str:
    """SHA-256 of the labels and examples the weights were trained on."""
    h = hashlib.sha256(" ".join(labels().names).encode())
    for e in examples:
        h.update(f"{e.label}\t{e.text}\n".encode())
    return h.hexdigest()


def cue_words(examples: Sequence[Example]) -> dict[str, str]:
    """Words that point to one label: in at least ``_CUE_MIN`` of its sentences and mostly in that label's.

    The event stage only looks for trigger-less events in sentences holding a cue of the label the
    classifier gives them (a cheap gate that also keeps narrative sentences from becoming events).
    """
    by_label: dict[str, Counter[str]] = defaultdict(Counter)
    for e in examples:
        by_label[e.label].update({w for w in _WORD.findall(e.text.lower()) if len(w) > 2})
    total: Counter[str] = sum(by_label.values(), Counter())
    cues = {}
    for word, n in total.items():
        label, k = max(((lab, c[word]) for lab, c in by_label.items()), key=lambda x: x[1])
        if k >= _CUE_MIN and k / n >= _CUE_SHARE:
            cues[word] = label
    return dict(sorted(cues.items()))


def _fit(x: NDArray[np.float32], y: NDArray[np.int64], k: int) -> tuple[NDArray, NDArray]:
    """Multinomial logistic regression with L2, full-batch Adam from zeros (deterministic)."""
    n, d = x.shape
    w, b = np.zeros((d, k)), np.zeros(k)
    onehot = np.eye(k)[y]
    # balance labels: every label weighs the same whatever its number of sentences
    counts = np.bincount(y, minlength=k).astype(float)
    sample = (n / (k * np.maximum(counts, 1)))[y][:, None]
    params = [w, b]
    m = [np.zeros_like(w), np.zeros_like(b)]
    v = [np.zeros_like(w), np.zeros_like(b)]
    for step in range(1, _EPOCHS + 1):
        p = _softmax(x @ params[0] + params[1])
        g = (p - onehot) * sample / n
        grads = [x.T @ g + _L2 * params[0], g.sum(axis=0)]
        for i, grad in enumerate(grads):
            m[i] = 0.9 * m[i] + 0.1 * grad
            v[i] = 0.999 * v[i] + 0.001 * grad**2
            m_hat, v_hat = m[i] / (1 - 0.9**step), v[i] / (1 - 0.999**step)
            params[i] -= _LEARNING_RATE * m_hat / (np.sqrt(v_hat) + 1e-8)
    return params[0].astype(np.float32), params[1].astype(np.float32)


def _softmax(z: NDArray) -> NDArray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class EventClassifier:
    """Label probabilities for sentences."""

    labels: tuple[str, ...]
    weights: NDArray[np.float32]
    bias: NDArray[np.float32]
    digest: str
    cues: dict[str, str] = field(default_factory=dict)

    def probabilities(self, texts: Sequence[str], threads: int = 1) -> NDArray[np.float32]:
        """One row of label probabilities (in ``self.labels`` order) per text."""
        if not texts:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        return self.from_embeddings(load_encoder(threads).encode(texts))

    def from_embeddings(self, vectors: NDArray[np.float32]) -> NDArray[np.float32]:
        return _softmax(vectors @ self.weights + self.bias).astype(np.float32)


@dataclass(frozen=True, slots=True)
class TrainingReport:
    examples: int
    labels: int
    accuracy: float | None = None
    folds: int = 0


def _dataset(examples: Sequence[Example] | None) -> tuple[list[Example], NDArray[np.float32], NDArray]:
    """The examples (default: the packaged ones), their embeddings and their label indices."""
    examples = list(examples if examples is not None else read_examples())
    names = labels().names
    x = load_encoder(2).encode([e.text for e in examples])
    return examples, x, np.array([names.index(e.label) for e in examples])


def train_classifier(examples: Sequence[Example] | None = None, path: Path = WEIGHTS) -> TrainingReport:
    """Embed the training sentences, fit the weights and write them (with the data digest) to ``path``."""
    examples, x, y = _dataset(examples)
    names = labels().names
    w, b = _fit(x, y, len(names))
    cues = cue_words(examples)
    np.savez_compressed(
        path,
        labels=np.array(names),
        weights=w,
        bias=b,
        digest=np.array(data_digest(examples)),
        cue_words=np.array(list(cues), dtype=str),
        cue_labels=np.array(list(cues.values()), dtype=str),
    )
    log.info("event classifier: %d examples, %d labels -> %s", len(examples), len(names), path)
    return TrainingReport(examples=len(examples), labels=len(names))


def cross_validate(examples: Sequence[Example] | None = None, folds: int = 5) -> TrainingReport:
    """Accuracy of ``folds``-fold cross-validation over the training sentences (by position, no shuffle)."""
    examples, x, y = _dataset(examples)
    names = labels().names
    fold = np.arange(len(examples)) % folds
    right = 0
    for f in range(folds):
        w, b = _fit(x[fold != f], y[fold != f], len(names))
        right += int(((x[fold == f] @ w + b).argmax(axis=1) == y[fold == f]).sum())
    return TrainingReport(
        examples=len(examples), labels=len(names), accuracy=right / len(examples), folds=folds
    )


@cache
def load_classifier(path: Path = WEIGHTS) -> EventClassifier:
    """The shipped classifier (loaded once per process)."""
    if not path.is_file():
        raise ModelError(f"event classifier weights missing: {path} (run scripts/train_event_classifier.py)")
    with np.load(path) as npz:
        names = tuple(str(n) for n in npz["labels"])
        if names != labels().names:
            raise ModelError(f"{path.name} was trained on other labels; retrain it")
        return EventClassifier(
            labels=names,
            weights=npz["weights"],
            bias=npz["bias"],
            digest=str(npz["digest"]),
            cues=dict(zip(npz["cue_words"].tolist(), npz["cue_labels"].tolist(), strict=True)),
        )
