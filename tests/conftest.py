"""Shared fixtures: paths to fixtures and to ../shared, the loaded pipeline, article factories."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.ingest.build import build_article
from dateline.ingest.convert import raw_from_text
from dateline.schema import Article
from dateline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "abc-2016-12-04-aleppo.txt"


def _shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (../shared is only available to developers and CI)")
    return path


@pytest.fixture(scope="session")
def shared():
    """``shared("data", "x")``: a path under ../shared; skips the test when it is absent."""
    return _shared_path


@pytest.fixture(scope="session")
def pipeline():
    """The real pipeline with the spaCy English model (loaded once for the session)."""
    from dateline.pipeline import Pipeline  # noqa: PLC0415

    return Pipeline.load(Settings())


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline alone (with dateline's sentence-start component)."""
    from dateline.nlp import load_nlp  # noqa: PLC0415

    return load_nlp(Settings().model)


@pytest.fixture
def make_article():
    """Build an Article from plain text the way the text reader does."""

    def make(text: str, **meta: str) -> Article:
        return build_article(raw_from_text(text, fmt="text", **meta), Settings())

    return make


@pytest.fixture
def fixture_path():
    def get(*parts: str) -> Path:
        return FIXTURES.joinpath(*parts)

    return get
