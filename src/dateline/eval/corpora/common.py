"""Helpers shared by the suite adapters: texts to documents, the event a sentence is about, F1.

Corpus texts are given to the pipeline as they are (an ``Article`` whose ``text`` is the
corpus text, one block per blank-line paragraph), so that gold character offsets stay valid
in ``article.text``; ingest itself is measured by the ScrapingHub adapter.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...schema import Article, Block, Document, Event, EventActor, InputSource
from ..gold import km

if TYPE_CHECKING:
    from ...pipeline import Pipeline
    from ..suite import TextItem

__all__ = [
    "Counts",
    "actor_country",
    "data_file",
    "event_text_overlaps",
    "extract_texts",
    "km",
    "make_article",
    "overlaps",
    "primary_event",
    "read_tsv",
    "repair_mojibake",
    "repair_with_offsets",
]

log = logging.getLogger(__name__)

_PARAGRAPH = re.compile(r"\n\s*\n")
_DATA = Path(__file__).resolve().parents[2] / "data" / "eval"


def data_file(name: str) -> Path:
    """A packaged mapping file under ``dateline/data/eval``."""
    return _DATA / name


def read_tsv(name: str) -> list[list[str]]:
    """Rows of a packaged TSV mapping, without its ``#`` source-note lines and its header line."""
    lines = [
        ln for ln in data_file(name).read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")
    ]
    return [ln.split("\t") for ln in lines[1:]]


def make_article(key: str, text: str, published: str | None = None) -> Article:
    """An Article whose text is exactly ``text`` (offsets into the corpus stay valid)."""
    blocks, start = [], 0
    for match in [*_PARAGRAPH.finditer(text), None]:
        end = match.start() if match else len(text)
        if text[start:end].strip():
            blocks.append(Block(start=start, end=end))
        start = match.end() if match else end
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
    return Article(
        id=key,
        content_hash=digest,
        text=text,
        published=published,
        language="en",
        blocks=tuple(blocks),
        source=InputSource(format="eval", record=key),
    )


def extract_texts(
    pipeline: Pipeline, items: Sequence[TextItem], bar: Callable[[Iterable[Any]], Iterator[Any]]
) -> dict[str, Document | None]:
    """Documents by item key, through the batch runner; a failing text maps to None."""
    from ...ingest import Failure  # noqa: PLC0415

    articles = [make_article(item.key, item.text, item.published) for item in items]
    out: dict[str, Document | None] = {}
    for article, result in zip(articles, bar(pipeline.run(articles)), strict=True):
        if isinstance(result, Failure):
            log.info("suite: %s failed: %s", article.id, result)
            out[article.id] = None
        else:
            out[article.id] = result
    return out


def primary_event(doc: Document | None, keep: Callable[[Event], bool] = lambda e: True) -> Event | None:
    """The most confident event passing ``keep`` (the first one on ties), or None."""
    best: Event | None = None
    for event in doc.events if doc else ():
        if keep(event) and (best is None or event.confidence > best.confidence):
            best = event
    return best


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Half-open character spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def event_text_overlaps(event: Event, span: tuple[int, int]) -> bool:
    """The event's trigger or one of its evidence spans overlaps ``span``."""
    spans = [(e.start, e.end) for e in event.evidence]
    if event.trigger:
        spans.append((event.trigger.start, event.trigger.end))
    return any(overlaps(s, span) for s in spans)


def actor_country(doc: Document, actor: EventActor) -> str | None:
    """An event actor's ISO3 country, or that of the document actor it points to."""
    if actor.country:
        return actor.country
    ref = next((a for a in doc.actors if a.id == actor.actor_id), None)
    return ref.country if ref else None


@dataclass
class Counts:
    """True positives, false positives and false negatives, with the usual ratios."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


_MOJIBAKE = re.compile(
    r"[\u00c2-\u00f4][\u0080-\u00bf\u0152-\u0178\u0192\u02c6-\u02dc\u2013-\u2122\ufffd]{1,3}"
)


@cache
def _cp1252_table() -> dict[str, int]:
    table = {}
    for byte in range(0x80, 0x100):
        try:
            table[bytes([byte]).decode("cp1252")] = byte
        except UnicodeDecodeError:
            table[chr(byte)] = byte  # undefined in cp1252: latin-1 passthrough, as scrapers produce
    table["\ufffd"] = 0x9D  # the lost byte of a mangled closing quote (E2 80 9D)
    return table


def _unmangle(match: re.Match[str]) -> str:
    table = _cp1252_table()
    raw = match.group()
    try:
        return bytes(table.get(ch, ord(ch)) for ch in raw).decode("utf-8")
    except (UnicodeDecodeError, ValueError):
        return raw


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text decoded as cp1252 ("â€™" -> "’"), leaving everything else as it is."""
    return _MOJIBAKE.sub(_unmangle, text)


def repair_with_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`repair_mojibake`, and for every offset of ``text`` (end included) its offset in the result.

    An offset inside a repaired sequence maps to the end of its replacement.
    """
    parts: list[str] = []
    offsets: list[int] = []
    done = length = 0
    for match in _MOJIBAKE.finditer(text):
        plain = text[done : match.start()]
        offsets += range(length, length + len(plain))
        parts.append(plain)
        length += len(plain)
        fixed = _unmangle(match)
        offsets += [length + (0 if i == 0 else len(fixed)) for i in range(len(match.group()))]
        parts.append(fixed)
        length += len(fixed)
        done = match.end()
    plain = text[done:]
    offsets += range(length, length + len(plain) + 1)
    parts.append(plain)
    return "".join(parts), offsets
