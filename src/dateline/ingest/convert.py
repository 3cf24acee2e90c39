"""Shared conversions from reader outputs (plain text, HTML pages) to RawArticle."""

from __future__ import annotations

from datetime import datetime

from ..schema import BlockKind
from .html import HtmlExtract, extract_html
from .metadata import canonical_publisher, format_published, parse_date_line, publisher_for
from .model import RawArticle
from .plaintext import parse_plain_text

__all__ = ["normalise_published", "raw_from_html", "raw_from_text"]


def normalise_published(value: object) -> str | None:
    """ISO 8601 text for a publication date given as datetime or loose string; None if unparseable."""
    if isinstance(value, datetime):
        return format_published(value)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return format_published(datetime.fromisoformat(text.replace("Z", "+00:00")), with_time="T" in text)
    except ValueError:
        return parse_date_line(text)


def raw_from_text(text: str, *, fmt: str, header: bool = True, **meta: str | None) -> RawArticle:
    """A RawArticle from plain text; ``header=False`` when title/date come from elsewhere."""
    parsed = parse_plain_text(text, header=header)
    given = {k: v for k, v in meta.items() if v}
    fields = {
        "title": parsed.title,
        "subtitle": parsed.subtitle,
        "byline": parsed.byline,
        "publisher": parsed.publisher or publisher_for(meta.get("url")),
        "published": parsed.published,
    }
    fields.update(given)
    return RawArticle(paragraphs=tuple(parsed.paragraphs), format=fmt, **fields)  # type: ignore[arg-type]


def raw_from_html(html: str | bytes, *, fmt: str, url: str | None = None, **meta: str | None) -> RawArticle:
    """A RawArticle from an HTML page (main text via :func:`extract_html`)."""
    page: HtmlExtract = extract_html(html, url=url)
    publisher = publisher_for(page.url or url) or (canonical_publisher(page.sitename or "") or page.sitename)
    fields: dict[str, str | None] = {
        "url": url or page.url,
        "title": page.title,
        "byline": page.author,
        "publisher": publisher,
        "published": format_published(page.published) if page.published else None,
    }
    fields.update({k: v for k, v in meta.items() if v})
    paragraphs = tuple((BlockKind.PARAGRAPH, p) for p in page.paragraphs)
    return RawArticle(paragraphs=paragraphs, format=fmt, **fields)  # type: ignore[arg-type]
