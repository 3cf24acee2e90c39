"""Read the main text and metadata of an HTML news page.

:func:`extract_html` decodes the page (byte-order mark, UTF-8, declared charset, detection),
runs trafilatura for the main content and metadata and turns the extracted tree into clean
paragraphs:

* the content is extracted in trafilatura's precision mode; if that keeps less than half of
  what the balanced mode finds, precision over-pruned and the balanced result is used, and a
  recall-mode pass is tried when both are very short;
* a headline, standfirst or byline repeated at the top, and stray interface lines
  ("Advertisement", "Read more: ...", share/subscribe prompts, copyright lines) are dropped;
* the publication date comes from structured metadata (JSON-LD ``datePublished``,
  ``article:published_time`` and similar meta tags, with time and zone), else from htmldate
  (``original_date=True``).

On the ScrapingHub article-extraction benchmark (181 pages, see :mod:`dateline.eval.scrapinghub`)
this raises mean token F1 from 0.955 (plain trafilatura) to 0.964.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import Document

from ..errors import BinaryInput, EmptyInput
from .decode import decode_bytes

__all__ = ["HtmlExtract", "decode_html", "extract_html"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    """Main content and metadata of one HTML page."""

    title: str | None
    paragraphs: tuple[str, ...]  # main-text paragraphs in reading order, whitespace-normalised
    author: str | None  # low-confidence hint
    published: datetime | None  # original publication date/time (naive or tz-aware)
    sitename: str | None
    description: str | None
    url: str | None  # canonical URL if the page declares one, else the url passed in


# --------------------------------------------------------------------------- decoding

_PRESCAN_BYTES = 4096
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.IGNORECASE)
_XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_:.\-]+)""", re.IGNORECASE)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def _declared_encoding(data: bytes) -> str | None:
    """Python codec for the charset declared near the top (``<meta>``, XML declaration), if known."""
    head = data[:_PRESCAN_BYTES]
    match = _META_CHARSET_RE.search(head) or _XML_ENCODING_RE.match(head)
    if match is None:
        return None
    return match.group(1).decode("ascii")


def decode_html(data: bytes) -> str:
    """Decode an HTML page with :func:`decode_bytes`, using the charset its ``<meta>`` declares."""
    try:
        return decode_bytes(data, declared=_declared_encoding(data))
    except (EmptyInput, BinaryInput):
        return data.decode("utf-8", errors="replace")


# --------------------------------------------------------------------------- paragraphs

_INLINE_TAGS = frozenset({"hi", "ref", "del", "code", "span", "lb"})


@dataclass(frozen=True, slots=True)
class _Block:
    tag: str  # trafilatura's element name: p, head, item, quote, ...
    text: str


def _inline_text(element: etree._Element) -> str:
    """Text of an inline element and its descendants, line breaks read as spaces."""
    if element.tag == "lb":
        return " "
    parts = [element.text or ""]
    for child in element:
        parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _walk_blocks(element: etree._Element, out: list[_Block]) -> None:
    """Append the block-level text pieces under ``element`` to ``out`` in reading order."""
    tag = str(element.tag)
    buffer = [element.text or ""]
    for child in element:
        if child.tag in _INLINE_TAGS:
            buffer.append(_inline_text(child))
        else:
            out.append(_Block(tag, "".join(buffer)))
            _walk_blocks(child, out)
            buffer = []
        buffer.append(child.tail or "")
    out.append(_Block(tag, "".join(buffer)))


def _blocks(body: etree._Element | None) -> list[_Block]:
    """Non-empty, whitespace-normalised text blocks of a trafilatura body tree."""
    if body is None:
        return []
    raw: list[_Block] = []
    _walk_blocks(body, raw)
    return [_Block(block.tag, text) for block in raw if (text := " ".join(block.text.split()))]


# --------------------------------------------------------------------------- boilerplate lines

_MAX_STRAY_WORDS = 25
_MAX_SHORT_WORDS = 12
_LEAD_BLOCKS = 3
_MAX_BYLINE_WORDS = 8
_MIN_TITLE_SHARE = 0.5

# whole lines, compared lower-cased and without surrounding punctuation
_STRAY_LINES = frozenset(
    line.strip()
    for line in """
    ad; ads; advertisement; advertisements; advertising; sponsored; sponsored content; promoted content;
    story continues below; story continues below advertisement; article continues below advertisement;
    continue reading; continue reading below; continue reading the main story; read more; read full story;
    read the full story; read the full article; more; related; related articles; related stories;
    related content; related news; related coverage; more on this story; see also; you may also like;
    you might also like; recommended; recommended for you; recommended stories; most popular; most read;
    trending; trending now; don't miss; must read; top stories; share; share this; share this article;
    share this story; share on facebook; share on twitter; share via email; tweet; email; print;
    print article; print this article; order reprints; reprints; copy link; link copied; comments;
    comment; leave a comment; view comments; show comments; tell us what you think; join the conversation;
    subscribe; subscribe now; sign up; newsletter; sign up for our newsletter; thank you; follow us;
    loading; close; skip ad; skip advertisement; back to top; next article; previous article;
    click to enlarge; enlarge this image; toggle caption; hide caption; image; photo; video; watch;
    listen; play video; an error has occurred, please try again later;
    an error has occurred. please try again later; this article has been sent to
    """.split(";")
) | {""}  # "" : punctuation only, e.g. "* * *"

# patterns for lines of at most _MAX_STRAY_WORDS words
_STRAY_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # labelled link lines: "More: ...", "READ MORE: ...", "See also | ...", "Watch: ..."
        r"^(read more|more|see more|see also|also read|read also|also see|related|related story|"
        r"related article|recommended|trending|must read|don'?t miss|watch|listen|video|photos?|gallery)"
        r"(\s*[:|»›>]|\s+[-–—]\s)",
        r"^(read more|continue reading|click here|tap here)\b",
        r"^(share|tweet|email|print)\s+(this|on|via)\b",
        r"^(subscribe|sign up|register)\b.*\b(newsletter|inbox|updates|alerts?)\b",
        r"\b(sign up|subscribe)\b.{0,60}\b(newsletters?|inbox)\b",
        r"^(like|liked|enjoy|enjoyed) (this|the) (story|article)\b",
        r"^follow\s+(us|me|him|her|them|@\w+)\b.*\b(twitter|facebook|instagram|linkedin|telegram|youtube|"
        r"tiktok|whatsapp|google news|social media)\b",
        r"^(get|receive)\s+the\s+(latest|best|top)\b.*\b(inbox|newsletter|app)\b",
        r"^(copyright\s*(©|\(c\)|\d{4})|©|\(c\)\s*\d{4})",
        r"\ball rights reserved\b",
        r"^this copy is for your personal,? non-commercial use",
        r"^\[\w+[^\]]*\].*\[/\w+\]$",  # unrendered CMS shortcode
        r"^(https?://|www\.)\S+$",  # bare URL
    )
)
# patterns for lines of at most _MAX_SHORT_WORDS words
_SHORT_STRAY_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"^\(?(updated|published|posted|last updated|first published|last modified)\b.*\d",
        r"^\(?(image|photo|picture|header image|top image)s?\s*(source|credit)?s?\s*(:|by\b)",
        r"^copyright\b.*\b(19|20)\d\d\b",
        r"^\d{4}-\d\d-\d\d([T ][0-9:.]+(Z|[+-]\d\d:?\d\d)?)?$",  # bare time stamp
    )
)
_EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_CONTACT_RE = re.compile(
    r"^(write to|contact|email|e-mail|reach|send tips|have a tip|got a tip)\b|\b(may|can) be reached at\b",
    re.IGNORECASE,
)
# "By Jane Doe", "BY JANE DOE, Associated Press", not "By the time ..." and not a sentence
_BYLINE_RE = re.compile(r"^(By|BY)\s+[A-Z][^\s]*(\s+\S+)*(?<![.!?])$")
_EDGE_PUNCT = " .:;,!?…|-–—»›>\"'“”‘’()[]*"


def _norm(text: str) -> str:
    """Lower-cased text without surrounding punctuation, for comparisons."""
    return " ".join(text.lower().replace("’", "'").split()).strip(_EDGE_PUNCT)


def _is_stray(text: str) -> bool:
    """True for interface or boilerplate lines that are not article text."""
    n_words = len(text.split())
    if n_words > _MAX_STRAY_WORDS:
        return False
    if _norm(text) in _STRAY_LINES or any(pattern.search(text) for pattern in _STRAY_PATTERNS):
        return True
    if n_words <= _MAX_SHORT_WORDS and any(pattern.search(text) for pattern in _SHORT_STRAY_PATTERNS):
        return True
    return bool(_EMAIL_RE.search(text) and _CONTACT_RE.search(text))


def _is_lead_repeat(block: _Block, title: str, description: str) -> bool:
    """True for a headline, standfirst or byline repeated at the top of the body."""
    normed = _norm(block.text)
    if title and normed == title:
        return True
    if block.tag == "head":
        if title and normed in title and len(normed) >= _MIN_TITLE_SHARE * len(title):
            return True
        if description and normed == description:
            return True
    return len(block.text.split()) <= _MAX_BYLINE_WORDS and bool(_BYLINE_RE.match(block.text))


def _clean_paragraphs(blocks: list[_Block], title: str | None, description: str | None) -> list[str]:
    """Drop repeated lead elements and stray lines."""
    norm_title, norm_description = _norm(title or ""), _norm(description or "")
    return [
        block.text
        for index, block in enumerate(blocks)
        if not (index < _LEAD_BLOCKS and _is_lead_repeat(block, norm_title, norm_description))
        and not _is_stray(block.text)
    ]


# --------------------------------------------------------------------------- main content

_MIN_PRECISION_SHARE = 0.5
_MIN_TEXT_CHARS = 250
_MIN_DUMP_SHARE = 0.8
_MIN_ARTICLE_WORDS = 10
# trafilatura and lxml failure modes on hostile input; anything else is a bug worth surfacing
_EXTRACTION_ERRORS = (ValueError, TypeError, LookupError, AttributeError, RecursionError, etree.LxmlError)


def _run_trafilatura(tree: lxml_html.HtmlElement, url: str | None, **focus: bool) -> list[_Block]:
    """Main-content blocks of one trafilatura pass (the tree is copied); empty if none."""
    try:
        doc = trafilatura.bare_extraction(
            tree, url=url, with_metadata=False, include_comments=False, include_tables=False, **focus
        )
    except _EXTRACTION_ERRORS as err:
        logger.warning("trafilatura failed on %s: %s", url or "page", err)
        return []
    if not isinstance(doc, Document) or _is_page_dump(doc.body, tree):
        return []
    return _blocks(doc.body)


def _is_page_dump(body: etree._Element | None, tree: lxml_html.HtmlElement) -> bool:
    """True for trafilatura's last resort: the text of the whole page as one line-broken block.

    It is only used when no article element, paragraphs or main content were found, so it
    holds navigation, form labels and footers rather than an article.
    """
    if body is None or len(body) != 1 or "\n" not in (body[0].text or ""):
        return False
    dumped = len("".join(body[0].text.split()))
    return dumped >= _MIN_DUMP_SHARE * len("".join(trafilatura.html2txt(tree).split()))


def _length(blocks: list[_Block]) -> int:
    return sum(len(block.text) for block in blocks)


def _main_blocks(tree: lxml_html.HtmlElement, url: str | None) -> list[_Block]:
    """Precision pass unless it over-pruned against the balanced pass; recall pass if both are short."""
    precise = _run_trafilatura(tree, url, favor_precision=True)
    balanced = _run_trafilatura(tree, url)
    best = precise if _length(precise) >= _MIN_PRECISION_SHARE * _length(balanced) else balanced
    if _length(best) < _MIN_TEXT_CHARS:
        recall = _run_trafilatura(tree, url, favor_recall=True)
        if _length(recall) > _length(best):
            best = recall
    return best


# --------------------------------------------------------------------------- metadata

_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
_ARTICLE_TYPES = frozenset(
    """article newsarticle reportagenews analysisnewsarticle opinionnewsarticle backgroundnewsarticle
    reviewnewsarticle askpublicnewsarticle blogposting liveblogposting report scholarlyarticle
    techarticle socialmediaposting""".split()
)
_PAGE_TYPES = frozenset({"webpage", "itempage"})
_DATE_META_XPATH = (
    "//meta[@property='article:published_time' or @property='og:article:published_time'"
    " or @name='article:published_time' or @itemprop='datePublished'"
    " or @name='pubdate' or @name='publishdate' or @name='publish-date' or @name='parsely-pub-date'"
    " or @name='sailthru.date' or @name='dc.date.issued' or @name='DC.date.issued'"
    " or @name='dcterms.created' or @name='DCTERMS.created']/@content"
    " | //*[@itemprop='datePublished']/@datetime"
)
_CANONICAL_XPATH = (
    "//link[contains(concat(' ', normalize-space(translate(@rel, 'CANOIL', 'canoil')), ' '),"
    " ' canonical ')]/@href"
)


def _plausible(moment: datetime) -> bool:
    """Between 1990 and two days from now (naive values read as UTC)."""
    utc = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    return _EARLIEST <= utc <= datetime.now(UTC) + timedelta(days=2)


def _parse_datetime(value: str) -> datetime | None:
    """Parse an ISO 8601 or RFC 2822 date string; None if unparseable or implausible."""
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    return parsed if _plausible(parsed) else None


def _json_objects(data: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in a JSON-LD document, nested ones included, in document order."""
    if isinstance(data, list):
        for item in data:
            yield from _json_objects(item)
    elif isinstance(data, dict):
        yield data
        for value in data.values():
            yield from _json_objects(value)


def _type_names(obj: dict[str, Any]) -> set[str]:
    types = obj.get("@type")
    names = types if isinstance(types, list) else [types]
    return {name.lower() for name in names if isinstance(name, str)}


def _jsonld_published(tree: lxml_html.HtmlElement) -> datetime | None:
    """``datePublished`` of the first article-typed JSON-LD object, else of a web-page object."""
    page_date: datetime | None = None
    for script in tree.xpath("//script[starts-with(normalize-space(@type), 'application/ld+json')]"):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        for obj in _json_objects(data):
            value = obj.get("datePublished") or obj.get("dateCreated")
            parsed = _parse_datetime(value) if isinstance(value, str) else None
            if parsed is None:
                continue
            names = _type_names(obj)
            if names & _ARTICLE_TYPES:
                return parsed
            if names & _PAGE_TYPES and page_date is None:
                page_date = parsed
    return page_date


def _meta_published(tree: lxml_html.HtmlElement) -> datetime | None:
    """Publication date from ``article:published_time`` and similar meta tags."""
    for value in tree.xpath(_DATE_META_XPATH):
        parsed = _parse_datetime(str(value))
        if parsed is not None:
            return parsed
    return None


def _published(tree: lxml_html.HtmlElement, htmldate_value: str | None) -> datetime | None:
    """Publication date: JSON-LD, then meta tags, then htmldate's original-date guess."""
    found = _jsonld_published(tree) or _meta_published(tree)
    if found is None and htmldate_value:
        found = _parse_datetime(htmldate_value)
    return found


def _canonical_url(tree: lxml_html.HtmlElement, url: str | None, fallback: str | None) -> str | None:
    """``<link rel="canonical">`` made absolute, else trafilatura's URL (og:url), else ``url``."""
    for href in tree.xpath(_CANONICAL_XPATH):
        absolute = urljoin(url or "", str(href).strip())
        if absolute.startswith(("http://", "https://")):
            return absolute
    return fallback or url


def _metadata(tree: lxml_html.HtmlElement, url: str | None) -> Document:
    """Trafilatura's metadata; its date is htmldate's guess with ``original_date=True``."""
    try:
        return trafilatura.extract_metadata(tree, default_url=url, date_config={"original_date": True})
    except _EXTRACTION_ERRORS as err:
        logger.warning("metadata extraction failed on %s: %s", url or "page", err)
        return Document(url=url)


# --------------------------------------------------------------------------- entry point


def _parse_tree(text: str) -> lxml_html.HtmlElement | None:
    """Parse decoded HTML (whole page or fragment) into a tree; None if that fails."""
    text = _XML_DECL_RE.sub("", text, count=1)
    try:
        tree = trafilatura.load_html(text)
        if not isinstance(tree, lxml_html.HtmlElement):  # trafilatura refuses fragments
            tree = lxml_html.document_fromstring(text)
    except _EXTRACTION_ERRORS as err:
        logger.warning("unparseable HTML: %s", err)
        return None
    return tree


def extract_html(html: str | bytes, *, url: str | None = None) -> HtmlExtract:
    """Extract the main text and metadata of an HTML page, without network access.

    ``paragraphs`` is empty when the page holds no article text (or is empty or unparseable).
    """
    text = decode_html(html) if isinstance(html, bytes) else html
    tree = _parse_tree(text) if text.strip() else None
    if tree is None:
        return HtmlExtract(None, (), None, None, None, None, url)
    meta = _metadata(tree, url)
    paragraphs = _clean_paragraphs(_main_blocks(tree, url), meta.title, meta.description)
    if sum(len(paragraph.split()) for paragraph in paragraphs) < _MIN_ARTICLE_WORDS:
        paragraphs = []  # a few stray words (a form label, a caption) are not an article
    return HtmlExtract(
        title=meta.title or None,
        paragraphs=tuple(paragraphs),
        author=meta.author or None,
        published=_published(tree, meta.date),
        sitename=meta.sitename or None,
        description=meta.description or None,
        url=_canonical_url(tree, url, meta.url),
    )
