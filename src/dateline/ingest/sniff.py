"""Guess an input's format from its name and first bytes."""

from __future__ import annotations

import gzip
import re
import zlib

__all__ = ["FORMATS", "sniff_format"]

FORMATS = ("text", "html", "jsonl", "warc", "feed", "csv")

_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".csv": "csv",
    ".tsv": "csv",
}
_FEED = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML = re.compile(rb"<(!doctype html|html|head|body|article|div|p)[\s>]", re.IGNORECASE)


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 4096)
    except zlib.error:
        return b""


def sniff_format(name: str, head: bytes) -> str:
    """Return one of FORMATS for a file called ``name`` starting with ``head``."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
        if head[:2] == b"\x1f\x8b":
            head = _gunzip_head(head)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    for ext, fmt in _EXTENSIONS.items():
        if lower.endswith(ext):
            return fmt
    if stripped.startswith(b"{"):
        return "jsonl"
    if _FEED.search(stripped[:2048]):
        return "feed"
    if _HTML.search(stripped[:4096]):
        return "html"
    return "text"


def is_gzip(head: bytes) -> bool:
    """True for gzip data."""
    return head[:2] == b"\x1f\x8b"


def gunzip(data: bytes) -> bytes:
    """Decompress a whole gzip payload (used for .html.gz / .txt.gz / .jsonl.gz)."""
    return gzip.decompress(data)
