"""``dateline ingest``: read, extract and store articles, with a progress bar and a summary.

Articles already in the store (same content hash) are skipped before extraction, so a re-run
after an interruption only extracts what is missing. ``documents=True`` stores ready
``dateline/1`` documents (JSON Lines, e.g. from ``dateline extract``) without extracting again.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from tqdm import tqdm

from ..errors import InputNotFound, MalformedRecord
from ..ingest import Failure, read_articles
from ..merge.params import MergeParams
from ..schema import Article, Document, document_from_dict
from ..settings import Settings
from .store import AddStatus, Store

__all__ = ["IngestReport", "ingest_paths", "read_documents"]

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What one ingest run did."""

    ingested: int = 0
    replaced: int = 0
    duplicates: int = 0
    reports: int = 0
    merged: int = 0
    failed: list[Failure] = field(default_factory=list)
    skipped: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def seen(self) -> int:
        return self.ingested + self.replaced + self.duplicates + len(self.failed) + len(self.skipped)

    def summary(self) -> str:
        new = self.ingested + self.replaced
        rate = f", {new / self.seconds:.1f} articles/s" if self.seconds and new else ""
        return (
            f"{self.ingested} ingested, {self.replaced} replaced an earlier version, "
            f"{self.duplicates} skipped as duplicate, {len(self.skipped)} skipped, "
            f"{len(self.failed)} failed; {self.reports} event reports "
            f"({self.merged} merged into an existing event) in {self.seconds:.1f} s{rate}"
        )


def read_documents(paths: Iterable[str]) -> Iterator[Document | Failure]:
    """``dateline/1`` documents from JSON Lines files (one per line); bad lines become Failures."""
    for path in paths:
        if not Path(path).is_file():
            yield Failure(path, InputNotFound("no such file", source=path))
            continue
        with open(path, encoding="utf-8") as lines:
            for n, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{n}"
                try:
                    yield document_from_dict(json.loads(line))
                except ValueError as exc:  # JSONDecodeError and pydantic's ValidationError
                    message = str(exc).splitlines()[0]
                    yield Failure(
                        where, MalformedRecord(f"not a dateline/1 document: {message}", source=where)
                    )


class _NewArticles:
    """Articles not yet stored, remembered in order so a pipeline Failure can be traced to its
    article (the pipeline yields one result per article, in order; input Failures pass through)."""

    def __init__(self, items: Iterable[Article | Failure], store: Store, report: IngestReport) -> None:
        self.items, self.store, self.report = items, store, report
        self.pending: deque[Article] = deque()

    def __iter__(self) -> Iterator[Article | Failure]:
        for item in self.items:
            if isinstance(item, Article):
                if self.store.has_article(item.content_hash):
                    self.report.duplicates += 1
                    log.debug("duplicate %s", item.content_hash)
                    continue
                self.pending.append(item)
            yield item

    def origin(self, result: Document | Failure) -> Document | Failure:
        """``result``, with a failure's source named after its article (``path#row 12``)."""
        if isinstance(result, Failure) and result.stage == "ingest":
            return result
        article = self.pending.popleft()
        if isinstance(result, Failure):
            return replace(result, source=_label(article), extra={**result.extra, "id": article.id})
        return result


def _label(article: Article) -> str:
    src = article.source
    label = article.url or (src.path if src else None) or article.id
    return f"{label}#{src.record}" if src and src.record else label


def ingest_paths(
    paths: Iterable[str],
    settings: Settings,
    *,
    db: str | None = None,
    documents: bool = False,
    progress: bool = False,
    params: MergeParams | None = None,
) -> IngestReport:
    """Ingest every article under ``paths`` into the store ``db``; return the run's report."""
    report = IngestReport()
    started = time.perf_counter()
    with Store.open(db) as store:
        if params is not None:
            store.params = params
        if documents:
            results: Iterable[Document | Failure] = read_documents(paths)
        else:
            from ..pipeline import Pipeline  # noqa: PLC0415 - loads spaCy

            pipeline = Pipeline.load(settings)
            new = _NewArticles(read_articles(paths, settings), store, report)
            results = (new.origin(r) for r in pipeline.run(new))
        bar = tqdm(results, desc="ingest", unit=" art", disable=not progress, file=sys.stderr, leave=False)
        for item in bar:
            if isinstance(item, Failure):
                (report.skipped if item.skipped else report.failed).append(item)
                store.record_failure(item)
                continue
            result = store.add(item)
            if result.status is AddStatus.DUPLICATE:
                report.duplicates += 1
                continue
            report.ingested += result.status is AddStatus.INGESTED
            report.replaced += result.status is AddStatus.REPLACED
            report.reports += result.reports
            report.merged += result.merged
        bar.close()
    report.seconds = time.perf_counter() - started
    return report
