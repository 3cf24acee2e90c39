"""Turn a reader's RawArticle into a schema Article: text, blocks, stable id, language."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache

from ..errors import EmptyInput, InputTooLarge, NoArticleText, NotEnglish
from ..schema import Article, Block, InputSource
from ..settings import Settings
from .model import RawArticle

__all__ = ["build_article", "content_hash", "detect_language", "normalise_for_hash"]

PARAGRAPH_SEPARATOR = "\n\n"
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_SPACE = re.compile(r"\s+")
_HASH_CHARS = 24


def normalise_for_hash(text: str) -> str:
    """Text as hashed for ids: NFKC, unified quotes and dashes, case-folded, single spaces."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).translate(_QUOTES)).strip().casefold()


def content_hash(text: str) -> str:
    """Stable id of an article's text: the first 24 hex digits of SHA-256 of the normalised text."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()[:_HASH_CHARS]


@cache
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # noqa: PLC0415 - loads a model

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability of the text's language (py3langid)."""
    lang, prob = _identifier().classify(text[:5000])
    return str(lang), float(prob)


def _layout(raw: RawArticle) -> tuple[str, tuple[Block, ...]]:
    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for kind, paragraph in raw.paragraphs:
        text = unicodedata.normalize("NFC", paragraph).strip()
        if not text:
            continue
        if parts:
            offset += len(PARAGRAPH_SEPARATOR)
        blocks.append(Block(start=offset, end=offset + len(text), kind=kind))
        parts.append(text)
        offset += len(text)
    return PARAGRAPH_SEPARATOR.join(parts), tuple(blocks)


def _language(raw: RawArticle, text: str, settings: Settings, source: str) -> str | None:
    if raw.language and len(text) < settings.min_language_chars:
        return raw.language.split("-")[0].lower()
    if len(text) < settings.min_language_chars:
        return None
    lang, prob = detect_language(text)
    if lang not in settings.languages and prob >= settings.language_confidence:
        raise NotEnglish(f"language is {lang} (p={prob:.2f}); not extracted", source=source)
    return lang if prob >= settings.language_confidence else None


def build_article(raw: RawArticle, settings: Settings) -> Article:
    """Assemble, check and identify one article. Raises IngestError or NotEnglish."""
    source = raw.url or raw.path or "<input>"
    if raw.record:
        source = f"{source}#{raw.record}"
    text, blocks = _layout(raw)
    if not text:
        if raw.title:
            raise NoArticleText("no article text found (only a title)", source=source)
        raise EmptyInput("no text", source=source)
    if len(text) < settings.min_chars:
        raise NoArticleText(f"article text too short ({len(text)} characters)", source=source)
    if len(text) > settings.max_chars:
        raise InputTooLarge(
            f"article text has {len(text):,} characters, over the limit of {settings.max_chars:,}",
            source=source,
        )
    digest = content_hash(text)
    return Article(
        id=raw.input_id or digest,
        content_hash=digest,
        text=text,
        url=raw.url,
        title=raw.title,
        subtitle=raw.subtitle,
        publisher=raw.publisher,
        byline=raw.byline,
        published=raw.published,
        language=_language(raw, text, settings, source),
        blocks=blocks,
        source=InputSource(format=raw.format, path=raw.path, url=raw.url, record=raw.record),
    )
