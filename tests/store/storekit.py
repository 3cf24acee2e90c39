"""Store test kit shared by tests/store and tests/export: the ``store_url`` fixture (import
``store_url_fixture``) and hand-built dateline/1 documents (no extraction needed to test the store).

PostgreSQL: ``DATELINE_TEST_POSTGRES_URL`` (default below, created by ``make install``); each
test gets its own schema. Without a server the PostgreSQL cases skip, except under ``CI=true``
where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import psycopg
import pytest

from dateline.ingest import content_hash
from dateline.schema import (
    AcledType,
    ActorKind,
    ActorRole,
    Article,
    Attribution,
    Category,
    Document,
    Event,
    EventActor,
    Figure,
    FigureSubject,
    InputSource,
    Location,
    Modality,
    PlacePrecision,
    Plover,
    TimePrecision,
    TimeRef,
    Trigger,
)

PG_DEFAULT = "postgresql://dateline:dateline@localhost:5432/dateline_test"
BACKENDS = ("duckdb", "postgresql")

__all__ = ["BACKENDS", "backend_url", "make_doc", "make_event", "pg_url", "store_url_fixture"]


def pg_url() -> str:
    return os.environ.get("DATELINE_TEST_POSTGRES_URL", PG_DEFAULT)


def _pg_or_skip() -> str:
    url = pg_url()
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.OperationalError as exc:
        message = (
            f"PostgreSQL not reachable at {url} ({str(exc).strip().splitlines()[0]}); run `make install`"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return url


def _with_schema(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options={quote(f'-csearch_path={schema}')}"


def backend_url(kind: str, tmp_path) -> Iterator[str]:
    """A fresh, empty database of ``kind``: a DuckDB file, or a new PostgreSQL schema (dropped after)."""
    if kind == "duckdb":
        yield str(tmp_path / "test.duckdb")
        return
    base = _pg_or_skip()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield _with_schema(base, schema)
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=BACKENDS, name="store_url")
def store_url_fixture(request, tmp_path):
    """An empty store URL on each back end (the suite runs once per back end)."""
    yield from backend_url(request.param, tmp_path)


def make_event(
    eid: str = "e1",
    *,
    category: Category = Category.REMOTE_VIOLENCE,
    acled: tuple[str, str | None] | None = ("Explosions/Remote violence", "Air/drone strike"),
    plover: str | None = "ASSAULT",
    day: str | None = "2020-05-03",
    end: str | None = None,
    precision: TimePrecision = TimePrecision.DAY,
    place: tuple[str, float, float] | None = ("Maarat al-Numan", 35.6439, 36.6714),
    country: str | None = "SY",
    geo: PlacePrecision = PlacePrecision.CITY,
    actors: tuple[tuple[str, str, ActorKind | None, str | None], ...] = (
        ("actor1", "Russian Air Force", ActorKind.MILITARY, "RUS"),
        ("target", "civilians", ActorKind.CIVILIAN, "SYR"),
    ),
    modality: Modality = Modality.ASSERTED,
    figures: tuple[str, ...] = (),
    summary: str = "Air strikes hit a market",
    sources: tuple[str, ...] = ("Syrian Observatory for Human Rights",),
) -> Event:
    """An Event with sensible defaults (an air strike in Idlib province on 3 May 2020)."""
    return Event(
        id=eid,
        category=Category(category),
        plover=Plover(type=plover) if plover else None,
        acled=AcledType(*acled) if acled else None,
        summary=summary,
        trigger=Trigger(text="strikes", start=0, end=7),
        actors=tuple(
            EventActor(role=ActorRole(role), name=name, kind=kind, country=c)
            for role, name, kind, c in actors
        ),
        location=Location(name=place[0], lat=place[1], lon=place[2], country=country, precision=geo)
        if place
        else None,
        time=TimeRef(start=day, end=end, precision=precision, text="on Sunday") if day else None,
        modality=modality,
        attribution=tuple(Attribution(source=s) for s in sources),
        figures=figures,
    )


def make_doc(
    text: str,
    events: tuple[Event, ...] = (),
    *,
    url: str | None = None,
    published: str | None = "2020-05-04",
    publisher: str | None = "Example News",
    killed: dict[str, tuple[float, str]] | None = None,
    article_id: str | None = None,
) -> Document:
    """A Document around ``text``; ``killed={"e1": (12, "the observatory")}`` adds a killed figure."""
    h = content_hash(text)
    figures = []
    for i, (event_id, (value, source)) in enumerate((killed or {}).items(), start=1):
        figures.append(
            Figure(
                id=f"f{i}",
                kind="killed",
                text=f"{value:g} people",
                start=0,
                end=min(len(text), 5),
                value=value,
                subject=FigureSubject(text="people", kind="people"),
                event_id=event_id,
                attribution=(Attribution(source=source),),
            )  # fmt: skip
        )
    article = Article(
        id=article_id or h, content_hash=h, text=text, url=url, title=text[:30], publisher=publisher,
        published=published, source=InputSource(format="text", path=f"/tmp/{h}.txt", url=url),
    )  # fmt: skip
    return Document(article=article, events=events, figures=tuple(figures))
