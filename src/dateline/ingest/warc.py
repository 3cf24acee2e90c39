"""WARC / WARC.gz: HTML (and plain-text) response and resource records become articles."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from ..errors import MalformedRecord
from .convert import raw_from_html, raw_from_text
from .decode import decode_bytes
from .model import Failure, RawArticle

__all__ = ["read_warc"]

log = logging.getLogger(__name__)

_RECORD_TYPES = {"response", "resource"}


class _Truncated(Exception):
    """The archive ends inside a record."""


def _content_type(record) -> str:  # type: ignore[no-untyped-def]
    if record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type") or ""
    else:
        value = record.rec_headers.get_header("Content-Type") or ""
    return value.lower()


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key == "charset" and value:
            return value.strip("\"' ")
    return None


def _article(record, path: str, index: int) -> RawArticle | None:  # type: ignore[no-untyped-def]
    if record.rec_type not in _RECORD_TYPES:
        return None
    if record.http_headers is not None and record.http_headers.get_statuscode() not in ("200", None):
        return None
    content_type = _content_type(record)
    is_html = "html" in content_type
    if not is_html and not content_type.startswith("text/plain"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    body = record.content_stream().read()
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        raise _Truncated(f"record {index} ({url}) is cut short by {missing} bytes")
    if not body.strip():
        return None
    meta = {"path": path, "url": url, "record": f"record {index}"}
    if is_html:
        return raw_from_html(body, fmt="warc", **meta)
    text = decode_bytes(body, declared=_charset(content_type), source=url)
    return raw_from_text(text, fmt="warc", **meta)


def read_warc(stream: BinaryIO, path: str) -> Iterator[RawArticle | Failure]:
    """Yield articles from the archive; a truncated or corrupt archive ends with a Failure."""
    index = 0
    try:
        for index, record in enumerate(ArchiveIterator(stream), start=1):  # noqa: B007
            article = _article(record, path, index)
            if article is not None:
                yield article
    except Exception as exc:  # noqa: BLE001 - warcio raises many types (even AttributeError) on corrupt data
        where = f"{path}#record {index + 1}"
        yield Failure(
            where, MalformedRecord(f"truncated or corrupt WARC after {index} records ({exc})", source=where)
        )
