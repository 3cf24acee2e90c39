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
    ├── StageError         E4xx    a pipeline stage failed on one article
    ├── EvalError          E5xx    evaluation and benchmarking (user-facing)
    │   ├── GoldFormatError E501   not a dateline-gold/1 file or not a dateline/1 prediction
    │   └── CorpusUnavailable E502 a development corpus or the bench corpus is missing
    ├── StoreError         E6xx    the event store cannot be opened, migrated or queried
    │   ├── SchemaVersionError E601 the database was written by a newer dateline
    │   └── NotFound       E602    no event with that id
    └── GazetteerError     E701    the gazetteer index cannot be built or opened
        └── GazetteerFileError E702 a GeoNames file to import is unreadable or malformed

Every error that reaches a user prints as one line: ``[E101] path: message``.
"""

from __future__ import annotations

__all__ = [
    "BinaryInput",
    "ConfigError",
    "CorpusUnavailable",
    "DatelineError",
    "EmptyInput",
    "GazetteerError",
    "GazetteerFileError",
    "EvalError",
    "GoldFormatError",
    "IngestError",
    "InputNotFound",
    "InputTooLarge",
    "MalformedRecord",
    "ModelError",
    "NoArticleText",
    "NotEnglish",
    "SkipArticle",
    "SchemaVersionError",
    "StageError",
    "StoreError",
    "NotFound",
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


class EvalError(DatelineError):
    """An evaluation or benchmark cannot run as asked."""

    code = "E500"
    exit_code = 2


class GoldFormatError(EvalError):
    code = "E501"


class CorpusUnavailable(EvalError):
    code = "E502"


class StoreError(DatelineError):
    """The event store cannot be opened, migrated, written or queried."""

    code = "E600"
    exit_code = 2


class SchemaVersionError(StoreError):
    code = "E601"


class NotFound(StoreError):
    code = "E602"


class GazetteerError(DatelineError):
    """The gazetteer index is missing and cannot be built, or cannot be read."""

    code = "E701"
    exit_code = 3


class GazetteerFileError(GazetteerError):
    """A GeoNames dump given to ``dateline gazetteer import`` is unreadable or malformed."""

    code = "E702"
    exit_code = 1
