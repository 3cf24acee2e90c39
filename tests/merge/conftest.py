"""Store back-end fixtures and document builders (shared kit in tests/store/storekit.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from storekit import store_url  # noqa: E402, F401 - the fixture, shared
