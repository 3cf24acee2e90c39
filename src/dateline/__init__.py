"""dateline: source-attributed, geocoded event data from news reporting on wars and crises.

>>> import dateline
>>> doc = dateline.extract("Kerry met Lavrov in Geneva on Friday.")  # doctest: +SKIP
>>> [a.name for a in doc.actors]                                      # doctest: +SKIP
['Kerry', 'Lavrov']
"""

from __future__ import annotations

import logging
from functools import cache
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .pipeline import Pipeline
    from .schema import Article, Document
    from .settings import Settings

__all__ = ["__version__", "extract", "load_pipeline"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


@cache
def _default_pipeline() -> Pipeline:
    from .pipeline import Pipeline  # noqa: PLC0415 - keep `import dateline` light

    return Pipeline.load()


def load_pipeline(settings: Settings | None = None) -> Pipeline:
    """Load the NLP model and extraction stages (the explicit, one-time expensive step)."""
    from .pipeline import Pipeline  # noqa: PLC0415

    return Pipeline.load(settings) if settings else _default_pipeline()


def extract(text_or_article: str | Article, *, pipeline: Pipeline | None = None) -> Document:
    """Extract a dateline/1 document from article text (plain-text layout) or an Article.

    Raises an IngestError subclass for empty text and NotEnglish for other languages.
    """
    from .ingest import build_article  # noqa: PLC0415
    from .ingest.convert import raw_from_text  # noqa: PLC0415

    pipeline = pipeline or load_pipeline()
    if isinstance(text_or_article, str):
        article = build_article(raw_from_text(text_or_article, fmt="text"), pipeline.settings)
    else:
        article = text_or_article
    return pipeline.extract(article)
