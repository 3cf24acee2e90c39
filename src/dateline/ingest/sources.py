"""Expand command-line inputs (files, directories, globs, ``-``) into InputRefs."""

from __future__ import annotations

import glob
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputNotFound
from .model import Failure, InputRef

__all__ = ["ARTICLE_SUFFIXES", "expand_inputs"]

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (
    ".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".json",
    ".warc", ".warc.gz", ".rss", ".atom", ".xml",
    ".txt.gz", ".html.gz", ".htm.gz", ".jsonl.gz", ".ndjson.gz",
)  # fmt: skip
_GLOB_CHARS = frozenset("*?[")


def _wanted(path: Path) -> bool:
    name = path.name.lower()
    return not name.startswith(".") and name.endswith(ARTICLE_SUFFIXES)


def _walk(directory: Path) -> Iterator[InputRef]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if _wanted(path):
                yield InputRef(str(path))
            else:
                log.debug("skipping %s: not an article file type", path)


def expand_inputs(paths: Iterable[str]) -> Iterator[InputRef | Failure]:
    """Yield one InputRef per file to read, or a Failure for a path that matches nothing.

    Directories are walked recursively (hidden entries and unknown file types skipped),
    glob patterns are expanded (``**`` allowed), ``-`` is standard input.
    """
    for raw in paths:
        if raw == "-":
            yield InputRef("-")
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield InputRef(raw)
        elif _GLOB_CHARS & set(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield Failure(raw, InputNotFound("no files match this pattern", source=raw))
            for match in matches:
                if Path(match).is_dir():
                    yield from _walk(Path(match))
                else:
                    yield InputRef(match)
        else:
            yield Failure(raw, InputNotFound("no such file or directory", source=raw))
