"""JSON Lines: one article per line, ``{"id","url","title","published","text"|"html"}``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import MalformedRecord
from .convert import normalise_published, raw_from_html, raw_from_text
from .model import Failure, RawArticle

__all__ = ["read_jsonl"]


def _string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    return str(value) if value not in (None, "") else None


def _article(record: dict[str, Any], path: str, line_no: int) -> RawArticle:
    meta = {
        "path": path,
        "record": f"line {line_no}",
        "url": _string(record, "url"),
        "input_id": _string(record, "id"),
        "title": _string(record, "title"),
        "published": normalise_published(record.get("published")),
        "language": _string(record, "language"),
    }
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        return raw_from_text(text, fmt="jsonl", header=meta["title"] is None, **meta)
    if isinstance(html, str) and html.strip():
        return raw_from_html(html, fmt="jsonl", **meta)
    raise MalformedRecord('record has neither a "text" nor an "html" string', source=f"{path}:{line_no}")


def read_jsonl(lines: Iterable[bytes], path: str) -> Iterator[RawArticle | Failure]:
    """Yield one RawArticle per valid line, and a Failure for each bad one (others go on)."""
    for line_no, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{path}:{line_no}"
        try:
            record = json.loads(raw.decode("utf-8", errors="replace"))
        except json.JSONDecodeError as exc:
            yield Failure(
                where, MalformedRecord(f"invalid JSON ({exc.msg} at column {exc.colno})", source=where)
            )
            continue
        if not isinstance(record, dict):
            yield Failure(where, MalformedRecord("line is not a JSON object", source=where))
            continue
        try:
            yield _article(record, path, line_no)
        except MalformedRecord as exc:
            yield Failure(where, exc)
