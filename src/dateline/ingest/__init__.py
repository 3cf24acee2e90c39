"""Ingest: read articles from text, HTML, JSONL, WARC and RSS/Atom inputs.

>>> from dateline.ingest import read_articles
>>> items = list(read_articles(["article.txt"]))  # doctest: +SKIP

Each item is a schema ``Article`` or a ``Failure`` (bad input, or a deliberate
skip such as a non-English article); a bad input never stops the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..errors import DatelineError
from ..schema import Article
from ..settings import Settings
from .build import build_article, content_hash, detect_language
from .model import Failure, InputRef, RawArticle
from .readers import read_input
from .sources import expand_inputs

__all__ = [
    "Failure",
    "InputRef",
    "RawArticle",
    "build_article",
    "content_hash",
    "detect_language",
    "expand_inputs",
    "read_articles",
]


def read_articles(paths: Iterable[str], settings: Settings | None = None) -> Iterator[Article | Failure]:
    """Lazily yield an Article or a Failure for every article found in ``paths``."""
    settings = settings or Settings()
    for ref in expand_inputs(paths):
        if isinstance(ref, Failure):
            yield ref
            continue
        for raw in read_input(ref, settings):
            if isinstance(raw, Failure):
                yield raw
                continue
            try:
                yield build_article(raw, settings)
            except DatelineError as exc:
                yield Failure(exc.source or ref.label, exc)
