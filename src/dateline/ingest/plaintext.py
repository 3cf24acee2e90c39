"""Plain-text articles: headline, subtitle, byline and date lines, captions, body.

The layout is the one news sites give when a page is copied as text::

    Headline
    Subtitle
    By Author (or a glued "ByABC News")
    December 4, 2016, 6:19 PM
    Body paragraphs, separated by blank lines ...
    PHOTO: caption (often followed by the same caption again)
    Related Topics ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..schema import BlockKind
from .boilerplate import boilerplate
from .metadata import parse_byline, parse_date_line

__all__ = ["ParsedText", "parse_plain_text"]

_MAX_HEADER_LINE = 300
_MAX_HEADER_LINES = 6
_MIN_WRAP_WIDTH = 45  # wrapped prose has long lines; header lines (bylines, dates) are short
_SENTENCE_END = re.compile(r"[.!?:;\"'”’)\]]$")
_WS = re.compile(r"[ \t\u00a0]+")


@dataclass(slots=True)
class ParsedText:
    """Result of :func:`parse_plain_text`."""

    paragraphs: list[tuple[BlockKind, str]] = field(default_factory=list)
    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    publisher: str | None = None
    published: str | None = None


def _blocks(text: str) -> list[list[str]]:
    """Blank-line separated blocks of stripped, whitespace-normalised lines."""
    blocks: list[list[str]] = [[]]
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _WS.sub(" ", raw).strip()
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _is_body(line: str) -> bool:
    return len(line) > _MAX_HEADER_LINE or (len(line.split()) >= 12 and bool(_SENTENCE_END.search(line)))


def _is_deck(line: str) -> bool:
    """A subtitle (deck) reads like a headline: no closing full stop."""
    return not line.endswith(".")


def _hard_wrapped(lines: list[str]) -> bool:
    """True when a block's lines are wrapped prose (lines end mid-sentence), not one line per paragraph."""
    if len(lines) < 2 or any(len(line) < _MIN_WRAP_WIDTH for line in lines[:-1]):
        return False
    open_ends = sum(1 for line in lines[:-1] if not _SENTENCE_END.search(line))
    return open_ends >= (len(lines) - 1) / 2


def _header_line(line: str, parsed: ParsedText) -> bool:
    """Take ``line`` into the header if it is a headline, subtitle, byline or date line."""
    if _is_body(line) or boilerplate().caption_text(line):
        return False
    if parsed.byline is None and (byline := parse_byline(line)):
        parsed.byline, parsed.publisher = byline.text, byline.publisher
    elif parsed.published is None and (published := parse_date_line(line)):
        parsed.published = published
    elif parsed.title is None:
        parsed.title = line
    elif parsed.subtitle is None and parsed.byline is None and parsed.published is None and _is_deck(line):
        parsed.subtitle = line
    else:
        return False
    return True


def _read_header(blocks: list[list[str]], parsed: ParsedText) -> list[list[str]]:
    """Consume header lines from the top; return the remaining blocks (at least one line of body)."""
    budget = min(_MAX_HEADER_LINES, sum(len(b) for b in blocks) - 1)
    for index, block in enumerate(blocks):
        if _hard_wrapped(block) and not parse_byline(block[0]):
            return blocks[index:]
        for line_no, line in enumerate(block):
            if budget <= 0 or not _header_line(line, parsed):
                return [block[line_no:], *blocks[index + 1 :]]
            budget -= 1
    return []


def _clean_lines(block: list[str]) -> tuple[list[str], bool]:
    """Drop junk lines; cut at a tail marker. Returns the kept lines and whether the body ended."""
    bp = boilerplate()
    kept: list[str] = []
    for line in block:
        if bp.is_tail_marker(line):
            return kept, True
        if not bp.is_junk(line):
            kept.append(line)
    return kept, False


def _paragraphs(blocks: list[list[str]]) -> list[tuple[BlockKind, str]]:
    bp = boilerplate()
    out: list[tuple[BlockKind, str]] = []
    for block in blocks:
        lines, ended = _clean_lines(block)
        for unit in [" ".join(lines)] if _hard_wrapped(lines) else lines:
            caption = bp.caption_text(unit)
            kind = BlockKind.CAPTION if caption else BlockKind.PARAGRAPH
            text = bp.strip_artefacts(caption or unit)
            if text:
                out.append((kind, text))
        if ended:
            break
    return out


def _drop_duplicates(paragraphs: list[tuple[BlockKind, str]]) -> list[tuple[BlockKind, str]]:
    """Keep the first of repeated paragraphs; a caption repeated as plain text stays a caption."""
    seen: set[str] = set()
    out: list[tuple[BlockKind, str]] = []
    for kind, text in paragraphs:
        key = text.casefold()
        if key in seen:
            continue
        seen.add(key)
        out.append((kind, text))
    return out


def parse_plain_text(text: str, *, header: bool = True) -> ParsedText:
    """Split a plain-text article into metadata and body paragraphs.

    With ``header=False`` every line is body (title and date come from elsewhere).

    >>> p = parse_plain_text("Big headline\\n\\nByABC News\\nDecember 4, 2016, 6:19 PM\\n\\nBody text.")
    >>> (p.title, p.publisher, p.published, p.paragraphs[0][1])
    ('Big headline', 'ABC News', '2016-12-04T18:19', 'Body text.')
    """
    blocks = _blocks(text)
    parsed = ParsedText()
    if header and (len(blocks) > 1 or (blocks and len(blocks[0]) > 1)):
        blocks = _read_header(blocks, parsed)
    parsed.paragraphs = _drop_duplicates(_paragraphs(blocks))
    return parsed
