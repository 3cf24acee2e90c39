"""Bytes to text: BOMs, declared charsets, UTF-8, then statistical detection."""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes

from ..errors import BinaryInput, EmptyInput

__all__ = ["decode_bytes", "looks_binary"]

log = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_SNIFF = 8192
# Legacy single-byte encodings decode almost any byte string, so detection often ties between
# them; English-language news is far more often Windows-1252 than Central/Baltic code pages.
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
_CHAOS_MARGIN = 0.15


# WHATWG encoding standard: these labels mean windows-1252; a UTF-16 label on 8-bit data means UTF-8.
_LABEL_OVERRIDES = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
}


def _whatwg(label: str | None) -> str | None:
    """The Python codec a declared charset label means in practice, or None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return _LABEL_OVERRIDES.get(name, name)


def looks_binary(data: bytes) -> bool:
    """True when the head of ``data`` has NUL bytes or many control bytes (and no text BOM)."""
    head = data[:_SNIFF]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    return bool(head) and len(_CONTROL.findall(head)) / len(head) > 0.05


def decode_bytes(data: bytes, *, declared: str | None = None, source: str | None = None) -> str:
    """Decode ``data``: BOM, then strict UTF-8, then the declared charset, then detection.

    Raises EmptyInput for empty data and BinaryInput for data that is not text.
    Undecodable leftovers are replaced (U+FFFD) and logged, never fatal.
    """
    if not data.strip():
        raise EmptyInput("input is empty", source=source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if looks_binary(data):
        raise BinaryInput("input is binary, not text", source=source)
    if data.isascii():
        return data.decode("ascii")
    # Valid UTF-8 wins over a declared legacy charset: mislabelled UTF-8 is common, while
    # legacy-encoded text with non-ASCII bytes is virtually never valid UTF-8.
    for encoding in ("utf-8", _whatwg(declared)):
        if encoding:
            try:
                return data.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
    matches = list(from_bytes(data))
    if not matches:
        log.warning("%s: could not detect the encoding; decoded as UTF-8 with replacements", source)
        return data.decode("utf-8", errors="replace")
    best = min(matches, key=lambda m: m.chaos)
    western = [m for m in matches if m.encoding in _WESTERN and m.chaos <= best.chaos + _CHAOS_MARGIN]
    chosen = western[0] if western else best
    log.warning("%s: not valid UTF-8; decoded as %s", source, chosen.encoding)
    return str(chosen)
