"""Records passed between the ingest readers and the rest of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import DatelineError
from ..schema import BlockKind

__all__ = ["Failure", "InputRef", "RawArticle"]


@dataclass(frozen=True, slots=True)
class InputRef:
    """One input to read: a file path, or ``-`` for standard input."""

    path: str

    @property
    def is_stdin(self) -> bool:
        return self.path == "-"

    @property
    def label(self) -> str:
        return "<stdin>" if self.is_stdin else self.path


@dataclass(frozen=True, slots=True)
class RawArticle:
    """What a reader found, before normalisation: paragraphs plus metadata."""

    paragraphs: tuple[tuple[BlockKind, str], ...]
    format: str
    path: str | None = None
    url: str | None = None
    record: str | None = None
    input_id: str | None = None
    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    publisher: str | None = None
    published: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    """An input or record that produced no document, and why."""

    source: str
    error: DatelineError
    stage: str = "ingest"
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return self.error.code

    @property
    def skipped(self) -> bool:
        """True for deliberate skips (e.g. not English), False for real failures."""
        return self.error.exit_code == 0

    def __str__(self) -> str:
        return str(self.error)
