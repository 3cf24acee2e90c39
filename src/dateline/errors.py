"""Errors raised by dateline, one hierarchy with stable codes.

::

    DatelineError                  root; ``code`` and ``exit_code``
    ├── ConfigError        E0xx    bad settings or options
    ├── IngestError        E1xx    an input could not be read into an article
    │   ├── InputNotFound  E101
    │   ├── EmptyInput     E102
    │   ├── BinaryInput    E103
    │   ├── InputTooLarge  E104
    │   ├── MalformedRecord E105   bad JSON line, truncated WARC, broken feed
    │   ├── NoArticleText  E106
    │   └── UnsupportedFormat E107
    ├── SkipArticle        E2xx    readable, deliberately not extracted
    │   └── NotEnglish     E201
    ├── ModelError         E301    the spaCy pipeline cannot be loaded
    └── StageError         E4xx    a pipeline stage failed on one article

Every error that reaches a user prints as one line: ``[E101] path: message``.
"""

from __future__ import annotations

__all__ = [
    "BinaryInput",
    "ConfigError",
    "DatelineError",
    "EmptyInput",
    "IngestError",
    "InputNotFound",
    "InputTooLarge",
    "MalformedRecord",
    "ModelError",
    "NoArticleText",
    "NotEnglish",
    "SkipArticle",
    "StageError",
    "UnsupportedFormat",
]


class DatelineError(Exception):
    """Root of all dateline errors."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"[{self.code}] {where}{self.message}"


class ConfigError(DatelineError):
    """Invalid settings, options or configuration file."""

    code = "E001"
    exit_code = 2


class IngestError(DatelineError):
    """An input (file, URL, record) could not be turned into an article."""

    code = "E100"


class InputNotFound(IngestError):
    code = "E101"


class EmptyInput(IngestError):
    code = "E102"


class BinaryInput(IngestError):
    code = "E103"


class InputTooLarge(IngestError):
    code = "E104"


class MalformedRecord(IngestError):
    code = "E105"


class NoArticleText(IngestError):
    code = "E106"


class UnsupportedFormat(IngestError):
    code = "E107"


class SkipArticle(DatelineError):
    """A readable article that is deliberately not extracted (recorded, not an error)."""

    code = "E200"
    exit_code = 0


class NotEnglish(SkipArticle):
    code = "E201"


class ModelError(DatelineError):
    """The NLP model could not be loaded."""

    code = "E301"
    exit_code = 3


class StageError(DatelineError):
    """A pipeline stage failed on one article."""

    code = "E400"

    def __init__(self, message: str, *, stage: str, source: str | None = None) -> None:
        super().__init__(f"{stage}: {message}", source=source)
        self.stage = stage
