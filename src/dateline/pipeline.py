"""The runner: articles in, dateline/1 documents out, one failure never stopping the batch."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from spacy.language import Language
from spacy.tokens import Doc

from . import __version__
from .errors import DatelineError, StageError
from .extract import MentionStage
from .extract.actors import ActorStage
from .extract.events import EventStage
from .extract.figures import FigureStage
from .extract.linking import FigureLinkStage
from .extract.quotes import QuoteStage
from .ingest import Failure
from .nlp import load_nlp, model_label, parse
from .resolve.dictionary import load_dictionary
from .resolve.geo.stage import PlaceStage
from .resolve.time import TimeStage
from .schema import Article, Document
from .settings import Settings

__all__ = ["Pipeline", "Stage"]

log = logging.getLogger(__name__)


class Stage(Protocol):
    """A pure extraction step: a new Document from a Document and its spaCy parse."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, document: Document, parsed: Doc) -> Document: ...


def default_stages(settings: Settings | None = None) -> list[Stage]:
    """The built-in stages, in order; heavy resources (dictionaries, indexes) load here, once."""
    settings = settings or Settings()
    return [
        MentionStage(),
        PlaceStage(settings=settings),
        ActorStage(load_dictionary(settings.actors_dirs)),
        TimeStage(),
        QuoteStage(),
        EventStage(classify=settings.event_classifier, threads=settings.threads),
        FigureStage(),
        FigureLinkStage(),
    ]


@dataclass
class Pipeline:
    """spaCy plus the extraction stages. Build it with :meth:`load`; it does no I/O itself."""

    nlp: Language
    stages: list[Stage]
    settings: Settings

    @classmethod
    def load(cls, settings: Settings | None = None) -> Pipeline:
        """Load the NLP model named in ``settings`` (once per process) and the default stages."""
        settings = settings or Settings()
        return cls(nlp=load_nlp(settings.model), stages=default_stages(settings), settings=settings)

    @property
    def provenance(self) -> dict[str, str]:
        return {"dateline": __version__, "model": model_label(self.nlp)}

    def annotate(self, article: Article, parsed: Doc) -> Document:
        """Run every stage on one parsed article."""
        document = Document(article=article, pipeline=self.provenance)
        for stage in self.stages:
            result = stage(document, parsed)
            if not isinstance(result, Document):
                raise StageError(f"returned {type(result).__name__}, not Document", stage=stage.name)
            document = result
        return document

    def extract(self, article: Article) -> Document:
        """Extract one article."""
        return self.annotate(article, next(parse(self.nlp, [article.text])))

    def run(
        self, items: Iterable[Article | Failure], *, strict: bool = False
    ) -> Iterator[Document | Failure]:
        """Extract every article of ``items`` in batches; pass Failures through.

        A stage that fails on one article yields a Failure for it (or raises with ``strict``).
        """
        batch: list[Article] = []
        for item in items:
            if isinstance(item, Failure):
                yield item
                continue
            batch.append(item)
            if len(batch) >= self.settings.batch_size:
                yield from self._run_batch(batch, strict)
                batch = []
        if batch:
            yield from self._run_batch(batch, strict)

    def _run_batch(self, batch: list[Article], strict: bool) -> Iterator[Document | Failure]:
        texts = (a.text for a in batch)
        for article, parsed in zip(
            batch, parse(self.nlp, texts, batch_size=self.settings.batch_size), strict=True
        ):
            yield self._guarded(article, parsed, strict)

    def _guarded(self, article: Article, parsed: Doc, strict: bool) -> Document | Failure:
        source = article.url or (article.source.path if article.source else None) or article.id
        try:
            return self.annotate(article, parsed)
        except DatelineError as exc:
            if strict:
                raise
            return Failure(source, exc, stage="extract")
        except Exception as exc:  # noqa: BLE001 - one article's bug must not end the batch
            if strict:
                raise
            log.debug("stage failure on %s", source, exc_info=True)
            return Failure(source, StageError(f"{type(exc).__name__}: {exc}", stage="extract", source=source))
