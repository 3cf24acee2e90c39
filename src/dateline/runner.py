"""Batch extraction from paths to a JSON/JSONL stream, with a progress bar and a report."""

from __future__ import annotations

import itertools
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

from tqdm import tqdm

from .ingest import Failure, read_articles
from .pipeline import Pipeline
from .schema import Document, document_to_json
from .settings import Settings

__all__ = ["Report", "extract_paths", "write_documents"]

log = logging.getLogger(__name__)


@dataclass
class Report:
    """What a run did: documents written, skips and failures (each with its reason)."""

    extracted: int = 0
    skipped: list[Failure] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.extracted} extracted, {len(self.skipped)} skipped, {len(self.failed)} failed"


def _documents(results: Iterable[Document | Failure], report: Report) -> Iterator[Document]:
    for item in results:
        if isinstance(item, Failure):
            (report.skipped if item.skipped else report.failed).append(item)
            print(f"dateline: {'skipped' if item.skipped else 'failed'}: {item}", file=sys.stderr)  # noqa: T201
            continue
        report.extracted += 1
        yield item


def write_documents(documents: Iterable[Document], out: IO[str], fmt: str = "auto") -> None:
    """Write documents as indented JSON (one) or JSON Lines (several); ``json`` forces an array."""
    docs = iter(documents)
    head = list(itertools.islice(docs, 2))
    if fmt == "json" and len(head) > 1:
        out.write("[\n")
        for i, doc in enumerate(itertools.chain(head, docs)):
            out.write((",\n" if i else "") + document_to_json(doc, indent=2))
        out.write("\n]\n")
    elif fmt == "jsonl" or len(head) > 1:
        for doc in itertools.chain(head, docs):
            out.write(document_to_json(doc) + "\n")
            out.flush()
    elif head:
        out.write(document_to_json(head[0], indent=2) + "\n")


def extract_paths(
    paths: Iterable[str],
    settings: Settings,
    *,
    out: IO[str],
    fmt: str = "auto",
    strict: bool = False,
    progress: bool = False,
) -> Report:
    """Read, extract and write every article under ``paths``; return the run's report."""
    pipeline = Pipeline.load(settings)
    report = Report()
    results = pipeline.run(read_articles(paths, settings), strict=strict)
    bar = tqdm(results, desc="articles", unit=" art", disable=not progress, file=sys.stderr, leave=False)
    write_documents(_documents(bar, report), out, fmt)
    bar.close()
    if report.skipped or report.failed or progress:
        print(f"dateline: {report.summary()}", file=sys.stderr)  # noqa: T201
    return report
