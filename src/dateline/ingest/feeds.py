"""RSS and Atom feeds: each item becomes an article (full content when present, else its summary)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
from lxml import html as lxml_html
from lxml.etree import ParserError

from ..errors import MalformedRecord
from ..schema import BlockKind
from .convert import normalise_published
from .metadata import canonical_publisher, publisher_for
from .model import Failure, RawArticle

__all__ = ["fragment_paragraphs", "read_feed"]

_BLOCK_TAGS = ("p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "figcaption", "br", "tr")


def fragment_paragraphs(fragment: str) -> list[str]:
    """Paragraph texts of an HTML fragment (as found in feed summaries and content)."""
    if "<" not in fragment:
        return [p.strip() for p in fragment.split("\n\n") if p.strip()]
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return []
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n\n" + (element.text or "")
    text = root.text_content()
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _entry_published(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return normalise_published(datetime(*parsed[:6], tzinfo=UTC))
    return normalise_published(entry.get("published") or entry.get("updated"))


def _entry_text(entry: Any) -> list[str]:
    contents = [c.get("value", "") for c in entry.get("content") or []]
    best = max(contents, key=len, default="")
    summary = entry.get("summary") or ""
    return fragment_paragraphs(best if len(best) > len(summary) else summary)


def read_feed(data: bytes, path: str) -> Iterator[RawArticle | Failure]:
    """Yield one article per feed item with text; a Failure if the file is not a readable feed."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        feed = feedparser.parse(data)
    if not feed.entries:
        reason = feed.get("bozo_exception") or "no items"
        yield Failure(path, MalformedRecord(f"not a readable RSS/Atom feed ({reason})", source=path))
        return
    site = feed.feed.get("title")
    for index, entry in enumerate(feed.entries, start=1):
        url = entry.get("link")
        where = f"{path}#item {index}"
        paragraphs = _entry_text(entry)
        if not paragraphs:
            yield Failure(where, MalformedRecord("feed item has no summary or content", source=where))
            continue
        yield RawArticle(
            paragraphs=tuple((BlockKind.PARAGRAPH, p) for p in paragraphs),
            format="feed",
            path=path,
            url=url,
            record=f"item {index}",
            title=entry.get("title"),
            byline=entry.get("author"),
            publisher=publisher_for(url) or canonical_publisher(site or "") or site,
            published=_entry_published(entry),
        )
