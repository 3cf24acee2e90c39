"""Offline geocoding: a GeoNames-based gazetteer, toponym resolution and event locations.

See docs/geocoding.md. The index is built at install time (``dateline gazetteer build``)
and opened lazily, once per process, by :func:`load_gazetteer`.
"""

from __future__ import annotations

from .index import default_index_path, index_path, load_gazetteer
from .store import Entry, Gazetteer, PlaceKind

__all__ = ["Entry", "Gazetteer", "PlaceKind", "default_index_path", "index_path", "load_gazetteer"]
