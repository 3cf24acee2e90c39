"""Where the gazetteer index lives, and loading it once per process (building it if missing)."""

from __future__ import annotations

import logging
import os
import sys
import threading
from pathlib import Path

from ...settings import Settings
from .store import Gazetteer

__all__ = ["ENV_VAR", "default_index_path", "index_path", "load_gazetteer"]

log = logging.getLogger(__name__)

ENV_VAR = "DATELINE_GAZETTEER"
_LOADED: dict[Path, Gazetteer] = {}
_LOCK = threading.Lock()


def default_index_path() -> Path:
    """``$DATELINE_GAZETTEER``, else ``<sys.prefix>/share/dateline/gazetteer.sqlite`` (inside the venv)."""
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else Path(sys.prefix) / "share" / "dateline" / "gazetteer.sqlite"


def index_path(settings: Settings | None = None) -> Path:
    """The index file named by ``settings.gazetteer``, or the default."""
    configured = settings.gazetteer if settings else None
    return Path(configured).expanduser() if configured else default_index_path()


def load_gazetteer(path: Path | str | None = None, *, build_missing: bool = True) -> Gazetteer:
    """Open the index at ``path`` (default location if None), once per process.

    A missing index is built from the installed packages first (no download), with a log line.
    """
    target = Path(path) if path else default_index_path()
    with _LOCK:
        if target in _LOADED:
            return _LOADED[target]
        if not target.is_file() and build_missing:
            from .build import build_index  # noqa: PLC0415 - heavy, only when the index is missing

            log.warning(
                "gazetteer index %s is missing: building it from the installed packages (once)", target
            )
            report = build_index(target)
            log.warning("gazetteer built: %s", report.summary())
        gazetteer = Gazetteer(target)
        _LOADED[target] = gazetteer
        return gazetteer
