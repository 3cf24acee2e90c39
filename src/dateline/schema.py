"""The ``dateline/1`` output document: the single source of truth for its shape.

Records are frozen dataclasses; pydantic is used only at the edge, to dump
them to JSON, to load JSON back into records and to emit the JSON Schema
(``dateline schema``). Every span is a pair of character offsets into
``article.text``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any

import jsonschema
from pydantic import TypeAdapter

SCHEMA_ID = "dateline/1"

__all__ = [
    "SCHEMA_ID",
    "Actor",
    "ActorKind",
    "ActorRole",
    "Article",
    "Attribution",
    "AttributionRelation",
    "Block",
    "BlockKind",
    "Category",
    "Document",
    "Event",
    "EventActor",
    "Figure",
    "FigureQualifier",
    "FigureSubject",
    "InputSource",
    "Location",
    "Modality",
    "Place",
    "PlacePrecision",
    "Plover",
    "Quote",
    "Span",
    "TimeExpression",
    "TimePrecision",
    "TimeRef",
    "Trigger",
    "AcledType",
    "document_from_dict",
    "document_to_dict",
    "document_to_json",
    "json_schema",
    "validate_document",
]


class ActorKind(StrEnum):
    PERSON = "person"
    GOVERNMENT = "government"
    MILITARY = "military"
    POLICE = "police"
    REBEL = "rebel"
    MILITIA = "militia"
    TERRORIST = "terrorist"
    PARTY = "party"
    IGO = "igo"
    NGO = "ngo"
    MEDIA = "media"
    CIVILIAN = "civilian"
    BUSINESS = "business"
    OTHER = "other"


class ActorRole(StrEnum):
    ACTOR1 = "actor1"
    ACTOR2 = "actor2"
    TARGET = "target"
    ASSOC = "assoc"


class Modality(StrEnum):
    ASSERTED = "asserted"
    NEGATED = "negated"
    PLANNED = "planned"
    HYPOTHETICAL = "hypothetical"
    INTENDED = "intended"
    HOPED = "hoped"
    ONGOING = "ongoing"


class AttributionRelation(StrEnum):
    SAYS = "says"
    CONFIRMS = "confirms"
    DENIES = "denies"
    ESTIMATES = "estimates"


class PlacePrecision(StrEnum):
    POINT = "point"
    NEIGHBORHOOD = "neighborhood"
    CITY = "city"
    ADMIN2 = "admin2"
    ADMIN1 = "admin1"
    COUNTRY = "country"
    REGION = "region"


class TimePrecision(StrEnum):
    MINUTE = "minute"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"


class FigureQualifier(StrEnum):
    EXACT = "exact"
    ABOUT = "about"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    FEWER_THAN = "fewer_than"
    BETWEEN = "between"
    UP_TO = "up_to"


class Category(StrEnum):
    CONFLICT = "conflict"
    REMOTE_VIOLENCE = "remote_violence"
    VIOLENCE_AGAINST_CIVILIANS = "violence_against_civilians"
    PROTEST = "protest"
    DIPLOMACY = "diplomacy"
    DISPLACEMENT = "displacement"
    HUMANITARIAN = "humanitarian"
    DAMAGE = "damage"
    OTHER = "other"


class BlockKind(StrEnum):
    """Layout role of a stretch of ``article.text``."""

    PARAGRAPH = "paragraph"
    CAPTION = "caption"


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets ``[start, end)`` into ``article.text``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Block(Span):
    """A paragraph or photo caption; captions are their own context."""

    kind: BlockKind = BlockKind.PARAGRAPH


@dataclass(frozen=True, slots=True)
class InputSource:
    """Where an article came from: file path and/or URL, reader format, record within the file."""

    format: str
    path: str | None = None
    url: str | None = None
    record: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One news article; ``text`` is the cleaned body that every span points into."""

    id: str
    content_hash: str
    text: str
    url: str | None = None
    title: str | None = None
    subtitle: str | None = None
    publisher: str | None = None
    byline: str | None = None
    published: str | None = None
    language: str | None = None
    blocks: tuple[Block, ...] = ()
    source: InputSource | None = None


@dataclass(frozen=True, slots=True)
class Plover:
    type: str
    mode: str | None = None
    context: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AcledType:
    event_type: str
    sub_event_type: str | None = None


@dataclass(frozen=True, slots=True)
class EventActor:
    role: ActorRole
    name: str
    actor_id: str | None = None
    kind: ActorKind | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event or figure happened. ``rule`` says how it was chosen: ``clause`` (a place in
    the event's own clause), ``sentence`` (elsewhere in its sentence) or ``article`` (the
    article's main place, with a wider precision); see docs/geocoding.md."""

    name: str
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    precision: PlacePrecision | None = None
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A resolved calendar interval attached to an event, figure or quote.

    ``rule`` says how it was attached: ``clause`` (an expression governing the clause),
    ``sentence`` (the nearest explicit date in the sentence) or ``publication`` (the
    publication date, widened to a week); see docs/time.md.
    """

    start: str | None
    end: str | None
    precision: TimePrecision | None = None
    text: str | None = None
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who makes a claim (``source``), how (``relation``, ``verb``) and through whom (``via``)."""

    source: str
    relation: AttributionRelation = AttributionRelation.SAYS
    actor_id: str | None = None
    via: str | None = None
    verb: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Trigger:
    """The word or phrase that evokes an event."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    category: Category
    plover: Plover | None
    acled: AcledType | None
    summary: str
    trigger: Trigger | None
    actors: tuple[EventActor, ...] = ()
    location: Location | None = None
    time: TimeRef | None = None
    modality: Modality = Modality.ASSERTED
    attribution: tuple[Attribution, ...] = ()
    figures: tuple[str, ...] = ()
    evidence: tuple[Span, ...] = ()
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class FigureSubject:
    text: str
    kind: str | None = None
    actor_id: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    id: str
    kind: str
    text: str
    start: int
    end: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    qualifier: FigureQualifier = FigureQualifier.EXACT
    hedged: bool = False
    subject: FigureSubject | None = None
    event_id: str | None = None
    location: Location | None = None
    time: TimeRef | None = None
    attribution: tuple[Attribution, ...] = ()
    part_of: str | None = None
    """Id of the figure this one breaks down ("70 civilians, including 20 children"): not a second count."""


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_actor_id: str | None = None
    speaker_description: str | None = None
    via: str | None = None
    time: TimeRef | None = None
    direct: bool = True


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor mentioned in the article; ``label`` is the NER label it was found with."""

    id: str
    name: str
    mentions: tuple[Span, ...]
    canonical: str | None = None
    kind: ActorKind | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    label: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym mentioned in the article; geographic fields stay null until resolved.

    ``metonymy`` is true when every mention uses the place for its government or people
    ("Moscow was ready to negotiate"): an actor, not a location.
    """

    id: str
    text: str
    mentions: tuple[Span, ...]
    geonames_id: int | None = None
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature: str | None = None
    precision: PlacePrecision | None = None
    label: str | None = None
    metonymy: bool = False


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression; ``start``/``end`` are ISO dates once resolved, ``span`` its offsets."""

    text: str
    span: Span
    start: str | None = None
    end: str | None = None
    precision: TimePrecision | None = None
    anchor: str | None = None
    label: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One extracted article: the ``dateline/1`` document."""

    article: Article
    events: tuple[Event, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    pipeline: dict[str, str] = field(default_factory=dict)
    schema: str = SCHEMA_ID


@cache
def _adapter() -> TypeAdapter[Document]:
    return TypeAdapter(Document)


@cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema of a ``dateline/1`` document."""
    schema = _adapter().json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://dateline.dev/schema/dateline-1.json"
    schema["title"] = "dateline/1 document"
    return schema


def document_to_dict(doc: Document) -> dict[str, Any]:
    """Plain JSON-ready dict of a document."""
    return _adapter().dump_python(doc, mode="json")


def document_to_json(doc: Document, *, indent: int | None = None) -> str:
    """Serialise a document to JSON text (UTF-8, non-ASCII kept)."""
    return json.dumps(document_to_dict(doc), ensure_ascii=False, indent=indent)


def document_from_dict(data: dict[str, Any]) -> Document:
    """Load a document from parsed JSON, validating it."""
    return _adapter().validate_python(data)


def validate_document(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``data`` is a valid document, spans included."""
    jsonschema.validate(data, json_schema())
    text = data["article"]["text"]
    for start, end in _spans(data):
        if not 0 <= start <= end <= len(text):
            raise jsonschema.ValidationError(f"span [{start}, {end}) outside article.text")


def _spans(data: dict[str, Any]) -> list[tuple[int, int]]:
    spans = [(b["start"], b["end"]) for b in data["article"]["blocks"]]
    for key in ("actors", "places"):
        spans += [(m["start"], m["end"]) for item in data[key] for m in item["mentions"]]
    spans += [(t["span"]["start"], t["span"]["end"]) for t in data["times"]]
    spans += [(x["start"], x["end"]) for key in ("figures", "quotes") for x in data[key]]
    for ev in data["events"]:
        spans += [(e["start"], e["end"]) for e in ev["evidence"]]
        if ev["trigger"]:
            spans.append((ev["trigger"]["start"], ev["trigger"]["end"]))
    return spans
