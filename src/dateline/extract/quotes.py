"""QuoteStage: direct and partial quotes with their speaker, description and channel.

Quote marks: straight or curly double quotes; a single-quoted quote inside a double-quoted
one is part of it; curly single quotes (British style) when no double quotes enclose them.
A paragraph that opens a quote without closing it continues into the next paragraph when
that one opens with a quote mark (the news convention for long quotes).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import ClassVar

from spacy.tokens import Doc, Token

from ..resolve.time.attach import time_for_span
from ..schema import ActorKind, Document, Quote, TimeRef
from .attribution import _subject, _via
from .index import ActorIndex
from .lexicon import lexicon

__all__ = ["QuoteStage", "find_quote_spans"]

_OPEN = {'"': '"', "“": "”", "‘": "’"}
_MIN_WORDS_WITHOUT_SPEAKER = 4


def _is_opener(text: str, i: int) -> bool:
    ch = text[i]
    return ch in {'"', "“"} or (ch == "‘" and (i == 0 or not text[i - 1].isalnum()))


def _closing(text: str, start: int, end: int, opener: str) -> int | None:
    """Index of the mark closing a quote opened with ``opener`` (inner quotes of the other kind skipped)."""
    closer = _OPEN[opener]
    for i in range(start, end):
        if text[i] == closer and (closer != "’" or i + 1 >= len(text) or not text[i + 1].isalpha()):
            return i
    return None


def find_quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``[start, end)`` of the text inside each top-level quotation (marks excluded)."""
    spans: list[tuple[int, int]] = []
    carried: int | None = None  # start of a quote left open at the end of the previous paragraph
    for p_start, p_end in paragraphs:
        if carried is not None and not _is_opener(text, p_start):
            carried = None
        i = p_start
        while i < p_end:
            if not _is_opener(text, i):
                i += 1
                continue
            begin = carried if (carried is not None and i == p_start) else i + 1
            if begin == carried:
                spans.pop()
            close = _closing(text, i + 1, p_end, text[i])
            carried = None
            if close is None:
                spans.append((begin, p_end))
                carried = begin
                break
            spans.append((begin, close))
            i = close + 1
    return [(s, e) for s, e in spans if text[s:e].strip()]


class QuoteStage:
    """Fill ``quotes`` from quotation marks and the speech verbs that govern them."""

    name = "quotes"
    requires: ClassVar[tuple[str, ...]] = ("article.text", "article.blocks", "actors", "nlp.parse")
    assigns: ClassVar[tuple[str, ...]] = ("quotes",)

    def __call__(self, document: Document, parsed: Doc) -> Document:
        text = document.article.text
        blocks = [(b.start, b.end) for b in document.article.blocks] or [(0, len(text))]
        index = ActorIndex(document)
        quotes: list[Quote] = []
        for n, marked in enumerate(find_quote_spans(text, blocks), start=1):
            start, end = _trim(text, *marked)
            verb = _speech_verb(parsed, start, end)
            speaker = _subject(verb) if verb is not None else None
            actor = _speaker_actor(speaker, index) if speaker is not None else None
            if verb is None and quotes and _same_block(blocks, quotes[-1].end, start):
                previous = quotes[-1]  # a further quote in the same paragraph: same speaker
                quotes.append(replace(previous, id=f"q{n}", text=text[start:end], start=start, end=end))
                continue
            if actor is None and len(text[start:end].split()) < _MIN_WORDS_WITHOUT_SPEAKER:
                continue  # scare quotes, titles, nicknames
            quotes.append(
                Quote(
                    id=f"q{n}",
                    text=text[start:end],
                    start=start,
                    end=end,
                    speaker=actor.name if actor else (speaker.text if speaker is not None else None),
                    speaker_actor_id=actor.id if actor else None,
                    speaker_description=actor.description if actor else None,
                    via=_via(verb, index) if verb is not None else None,
                    time=_when(document, verb),
                    direct=True,
                )  # fmt: skip
            )
        return replace(document, quotes=tuple(quotes))


_TRAILING = re.compile(r"[\s,;:]+$")


def _when(document: Document, verb: Token | None) -> TimeRef | None:
    """When the words were said: the time of the speech verb's clause ("told Reuters on Sunday")."""
    if verb is None:
        return None
    attached = time_for_span(document, verb.doc, verb.idx, verb.idx + len(verb.text))
    return attached.ref if attached else None


def _same_block(blocks: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(s <= a <= e and s <= b <= e for s, e in blocks)


def _speaker_actor(speaker: Token, index: ActorIndex):  # type: ignore[no-untyped-def]
    """The actor of a speaker phrase, looking through appositions (``the minister, Andriy Koval``)."""
    for appos in (c for c in speaker.children if c.dep_ == "appos"):  # the named person first
        actor = index.for_token(appos)
        if actor is not None and actor.kind is ActorKind.PERSON:
            return actor
    actor = index.for_token(speaker)
    if actor is not None:
        return actor
    return index.for_token(speaker.head) if speaker.dep_ == "appos" else None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    match = _TRAILING.search(text, start, end)
    return start, (match.start() if match and match.start() > start else end)


def _speech_verb(doc: Doc, start: int, end: int) -> Token | None:
    """The speech verb outside the quote that governs it, or that stands next to it."""
    speech = lexicon().speech
    span = doc.char_span(start, end, alignment_mode="expand")
    inside = list(span) if span is not None else []
    if not inside:
        return None
    outside = lambda t: not (start <= t.idx < end)  # noqa: E731
    for token in inside:
        for ancestor in token.ancestors:
            if outside(ancestor) and ancestor.pos_ in {"VERB", "AUX"} and ancestor.lemma_.lower() in speech:
                return ancestor
    sentences = {inside[0].sent, inside[-1].sent}
    candidates = [
        t
        for sent in sentences
        for t in sent
        if outside(t) and t.pos_ == "VERB" and t.lemma_.lower() in speech
    ]
    if not candidates and inside[-1].i + 1 < len(doc):
        following = doc[inside[-1].i + 1].sent
        candidates = [t for t in following if outside(t) and t.pos_ == "VERB" and t.lemma_.lower() in speech][
            :1
        ]
        candidates = candidates if candidates and candidates[0].i - following.start <= 6 else []
    return min(candidates, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)), default=None)
