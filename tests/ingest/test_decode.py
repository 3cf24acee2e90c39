"""Bytes to text: encodings, binary data, empty input; format sniffing."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.errors import BinaryInput, EmptyInput
from dateline.ingest.decode import decode_bytes
from dateline.ingest.sniff import sniff_format

TEXT = "Les forces gouvernementales — “déjà” à Alep, a déclaré le ministère. Ça coûte 5 €."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_decode_known_encodings(encoding):
    assert decode_bytes(TEXT.encode(encoding)) == TEXT


def test_decode_latin1_news_text():
    text = "São Paulo — the minister’s café said: “No comment.” " * 5
    assert decode_bytes(text.encode("cp1252")) == text


def test_decode_declared_charset_wins():
    assert decode_bytes("Zürich".encode("latin-1"), declared="latin-1") == "Zürich"


@pytest.mark.parametrize("data", [b"", b"   \n\t  "])
def test_decode_empty(data):
    with pytest.raises(EmptyInput):
        decode_bytes(data)


@pytest.mark.parametrize("data", [b"\x7fELF\x02\x01\x01\x00" + bytes(200), bytes(range(256)) * 4])
def test_decode_binary(data):
    with pytest.raises(BinaryInput):
        decode_bytes(data)


@given(st.binary(min_size=1, max_size=2000))
def test_decode_arbitrary_bytes_returns_text_or_clear_error(data):
    try:
        assert isinstance(decode_bytes(data), str)
    except (EmptyInput, BinaryInput) as exc:
        assert exc.code in {"E102", "E103"}


@pytest.mark.parametrize(
    ("name", "head", "fmt"),
    [
        ("a.txt", b"Headline\n\nBody", "text"),
        ("a", b"Headline\n\nBody", "text"),
        ("page.html", b"whatever", "html"),
        ("page", b"<!DOCTYPE html><html><body>", "html"),
        ("x.jsonl", b"", "jsonl"),
        ("x", b'{"id": 1}', "jsonl"),
        ("x.warc.gz", gzip.compress(b"WARC/1.0\r\n"), "warc"),
        ("x.gz", gzip.compress(b"WARC/1.1\r\n"), "warc"),
        ("x.bin", b"WARC/1.0\r\nWARC-Type: response", "warc"),
        ("feed.xml", b'<?xml version="1.0"?><rss version="2.0">', "feed"),
        ("atom.xml", b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        ("page.html.gz", gzip.compress(b"<html>"), "html"),
    ],
)
def test_sniff_format(name, head, fmt):
    assert sniff_format(name, head) == fmt
