"""CSV/TSV article tables: one article per row, columns recognised by name.

The header row names the columns (case-insensitive): ``text``/``body``/``content``/``article``
(or ``html``) for the article, and optionally ``title``/``headline``, ``url``/``link``, ``id``,
``date``/``published``/``publication_date``, ``publisher``/``source``, ``language``/``lang``.
Other columns (row indexes, codes) are ignored. Text from a column is taken as body only: no
headline/byline lines are parsed out of it.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import MalformedRecord
from .convert import normalise_published, raw_from_html, raw_from_text
from .model import Failure, RawArticle

__all__ = ["read_csv"]

_COLUMNS = {
    "text": ("text", "body", "content", "article", "article_text", "full_text"),
    "html": ("html", "raw_html"),
    "title": ("title", "headline"),
    "url": ("url", "link", "web_url"),
    "id": ("id", "article_id", "doc_id", "guid"),
    "published": ("published", "date", "publication_date", "pubdate", "pub_date", "datetime"),
    "publisher": ("publisher", "source", "outlet", "site"),
    "language": ("language", "lang"),
}


def _header_map(header: list[str]) -> dict[str, int]:
    lower = [h.strip().lower() for h in header]
    found: dict[str, int] = {}
    for key, names in _COLUMNS.items():
        for name in names:
            if name in lower:
                found[key] = lower.index(name)
                break
    return found


def _cell(row: list[str], cols: dict[str, int], key: str) -> str | None:
    i = cols.get(key)
    if i is None or i >= len(row):
        return None
    value = row[i].strip()
    return value or None


def _article(row: list[str], cols: dict[str, int], path: str, n: int) -> RawArticle:
    meta = {
        "path": path,
        "record": f"row {n}",
        "url": _cell(row, cols, "url"),
        "input_id": _cell(row, cols, "id"),
        "title": _cell(row, cols, "title"),
        "publisher": _cell(row, cols, "publisher"),
        "published": normalise_published(_cell(row, cols, "published")),
        "language": _cell(row, cols, "language"),
    }
    text, html = _cell(row, cols, "text"), _cell(row, cols, "html")
    if text:
        return raw_from_text(text, fmt="csv", header=False, **meta)
    if html:
        return raw_from_html(html, fmt="csv", **meta)
    raise MalformedRecord("row has an empty text column", source=f"{path}:{n}")


def read_csv(stream: BinaryIO, path: str) -> Iterator[RawArticle | Failure]:
    """Yield one RawArticle per data row, and a Failure for each unusable one."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    try:
        yield from _rows(text, path)
    finally:
        text.detach()  # the caller closes the underlying stream


def _rows(text: io.TextIOWrapper, path: str) -> Iterator[RawArticle | Failure]:
    head = text.readline()
    dialect = "excel-tab" if head.count("\t") > head.count(",") else "excel"
    reader = csv.reader(_chain(head, text), dialect=dialect)
    cols = _header_map(next(reader, None) or [])
    if "text" not in cols and "html" not in cols:
        yield Failure(path, MalformedRecord("CSV has no text/body/content/html column", source=path))
        return
    rows = enumerate(reader, start=1)
    n = 0
    while True:
        try:
            n, row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Failure(path, MalformedRecord(f"unreadable CSV after row {n}: {exc}", source=path))
            return
        if not any(cell.strip() for cell in row):
            continue
        try:
            yield _article(row, cols, path, n)
        except MalformedRecord as exc:
            yield Failure(f"{path}:{n}", exc)


def _chain(first: str, rest: io.TextIOWrapper) -> Iterator[str]:
    yield first
    yield from rest
