"""Load spaCy once, mark paragraph breaks as sentence starts, parse in batches."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelError

__all__ = ["PARAGRAPH_BREAKS", "load_nlp", "model_label", "parse"]

log = logging.getLogger(__name__)

PARAGRAPH_BREAKS = "dateline_paragraph_breaks"
_LOADED: dict[str, Language] = {}
_LOCK = threading.Lock()


_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
_DATELINE_TOKENS = 16


def _wire_dateline_end(doc: Doc, start: int) -> int | None:
    """Index of the first token after a wire dateline opening a paragraph ("BAMAKO, March 3
    (Reuters) -", "KYIV, Ukraine (AP) \u2014"): a place in capitals or an agency in brackets, then a dash."""
    first = doc[start]
    capitals = first.is_alpha and first.text.isupper() and len(first.text) > 1
    bracket = False
    for token in doc[start + 1 : min(len(doc) - 1, start + _DATELINE_TOKENS)]:
        if "\n" in token.text or (token.text in {".", "!", "?"} and not capitals):
            return None  # a sentence ended first (a capitals place may carry "Calif." and the like)
        if token.text == ")":
            bracket = True
        if token.text in _DASHES and (capitals or bracket):
            return token.i + 1
    return None


def _paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no sentence spans two paragraphs or a caption,
    and after a wire dateline, so "BAMAKO, March 3 (Reuters) -" is not parsed into the lead."""
    starts = [0] if len(doc) else []
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
            starts.append(token.i + 1)
    for start in starts:
        if (end := _wire_dateline_end(doc, start)) is not None and end < len(doc):
            doc[end].is_sent_start = True
    return doc


def _register_components() -> None:
    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=_paragraph_breaks)


def load_nlp(model: str) -> Language:
    """Load (once per process) the spaCy pipeline ``model``: an installed package name or a path.

    Raises ModelError with an install hint when it is missing.
    """
    with _LOCK:
        if model in _LOADED:
            return _LOADED[model]
        _register_components()
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise ModelError(
                f"cannot load the spaCy pipeline {model!r}: run the README's set-up command "
                f"(make install), or pass --model with an installed pipeline ({exc})"
            ) from exc
        anchor = "parser" if "parser" in nlp.pipe_names else nlp.pipe_names[0]
        nlp.add_pipe(PARAGRAPH_BREAKS, before=anchor)
        log.info("loaded spaCy pipeline %s", model_label(nlp))
        _LOADED[model] = nlp
        return nlp


def model_label(nlp: Language) -> str:
    """``name version`` of a loaded pipeline, for provenance."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')} {nlp.meta.get('version', '?')}"


def parse(nlp: Language, texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts lazily with ``nlp.pipe`` in batches; order is kept."""
    yield from nlp.pipe(texts, batch_size=batch_size)
