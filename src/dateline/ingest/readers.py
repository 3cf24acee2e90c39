"""Open one input, detect its format and run the matching reader."""

from __future__ import annotations

import gzip
import io
import logging
import sys
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import BinaryInput, EmptyInput, IngestError, InputTooLarge, NoArticleText
from ..settings import Settings
from .convert import raw_from_html, raw_from_text
from .csvfile import read_csv
from .decode import decode_bytes, looks_binary
from .feeds import read_feed
from .jsonl import read_jsonl
from .model import Failure, InputRef, RawArticle
from .sniff import gunzip, is_gzip, sniff_format
from .warc import read_warc

__all__ = ["read_input"]

log = logging.getLogger(__name__)

_HEAD = 8192


def _open(ref: InputRef) -> BinaryIO:
    if ref.is_stdin:
        return io.BufferedReader(sys.stdin.buffer, buffer_size=1 << 16)  # type: ignore[arg-type]
    return open(ref.path, "rb")  # noqa: SIM115 - closed by the caller


def _head(stream: BinaryIO) -> bytes:
    if isinstance(stream, io.BufferedReader):
        return stream.peek(_HEAD)[:_HEAD]
    head = stream.read(_HEAD)
    stream.seek(0)
    return head


def _read_all(stream: BinaryIO, ref: InputRef, settings: Settings) -> bytes:
    data = stream.read(settings.max_input_bytes + 1)
    if len(data) > settings.max_input_bytes:
        raise InputTooLarge(
            f"input is over {settings.max_input_bytes / 1e6:.0f} MB; a single article cannot be this large "
            "(split it, or use JSONL/WARC for many articles)",
            source=ref.label,
        )
    if is_gzip(data):
        data = gunzip(data)
    return data


def _single(fmt: str, data: bytes, ref: InputRef) -> RawArticle:
    path = None if ref.is_stdin else ref.path
    if fmt == "html":
        raw = raw_from_html(data, fmt="html", path=path)
        if not raw.paragraphs:
            raise NoArticleText("no article text found in the HTML page", source=ref.label)
        return raw
    return raw_from_text(decode_bytes(data, source=ref.label), fmt="text", path=path)


def read_input(ref: InputRef, settings: Settings) -> Iterator[RawArticle | Failure]:
    """Yield the articles of one input, or Failures; never raises for bad input."""
    path = ref.label
    try:
        with _open(ref) as stream:
            head = _head(stream)
            if not head.strip():
                raise EmptyInput("input is empty", source=path)
            fmt = sniff_format(path, head)
            if fmt == "warc":
                yield from read_warc(stream, path)
                return
            if fmt == "csv":
                yield from read_csv(gzip.open(stream) if is_gzip(head) else stream, path)  # type: ignore[arg-type]
                return
            if fmt == "jsonl":
                lines = gzip.open(stream) if is_gzip(head) else stream
                yield from read_jsonl(lines, path)
                return
            if looks_binary(head if not is_gzip(head) else b""):
                raise BinaryInput("input is a binary file, not an article", source=path)
            data = _read_all(stream, ref, settings)
            if fmt == "feed":
                yield from read_feed(data, path)
            else:
                yield _single(fmt, data, ref)
    except (EmptyInput, BinaryInput, InputTooLarge, NoArticleText) as exc:
        yield Failure(path, exc)
    except OSError as exc:
        yield Failure(path, IngestError(f"cannot read: {exc.strerror or exc}", source=path))
    except Exception as exc:  # noqa: BLE001 - a reader bug on one input must not end the batch
        log.debug("reader failure on %s", path, exc_info=True)
        yield Failure(path, IngestError(f"unexpected {type(exc).__name__}: {exc}", source=path))
