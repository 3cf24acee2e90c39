"""Read the main text and metadata of an HTML news page.

:func:`extract_html` decodes the page (declared charset, then detection), runs trafilatura
for the main content and metadata, and walks the extracted tree into clean paragraphs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

import trafilatura
from lxml import etree

__all__ = ["HtmlExtract", "extract_html"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    """Main content and metadata of one HTML page."""

    title: str | None
    paragraphs: tuple[str, ...]
    author: str | None
    published: datetime | None
    sitename: str | None
    description: str | None
    url: str | None


_INLINE_TAGS = frozenset({"hi", "ref", "del", "code", "span"})


def _inline_text(element: etree._Element) -> str:
    """Text of an inline element with its descendants, line breaks as spaces."""
    if element.tag == "lb":
        return " "
    parts = [element.text or ""]
    for child in element:
        parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _collect_blocks(element: etree._Element, out: list[str]) -> None:
    """Append the text of ``element``'s block-level pieces to ``out`` in reading order."""
    buffer = [element.text or ""]
    for child in element:
        if child.tag in _INLINE_TAGS or child.tag == "lb":
            buffer.append(_inline_text(child))
        else:
            out.append("".join(buffer))
            _collect_blocks(child, out)
            buffer = []
        buffer.append(child.tail or "")
    out.append("".join(buffer))


def _paragraphs(body: etree._Element | None) -> list[str]:
    if body is None:
        return []
    raw: list[str] = []
    _collect_blocks(body, raw)
    return [text for text in (" ".join(piece.split()) for piece in raw) if text]


def extract_html(html: str | bytes, *, url: str | None = None) -> HtmlExtract:
    """Extract the main text and metadata of an HTML page."""
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if doc is None:
        return HtmlExtract(None, (), None, None, None, None, url)
    return HtmlExtract(
        title=doc.title,
        paragraphs=tuple(_paragraphs(doc.body)),
        author=doc.author,
        published=None,
        sitename=doc.sitename,
        description=doc.description,
        url=doc.url or url,
    )
