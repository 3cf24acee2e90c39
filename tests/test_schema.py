"""The dateline/1 schema module: JSON Schema, round trips, span checks."""

from __future__ import annotations

import jsonschema
import pytest

from dateline.schema import (
    SCHEMA_ID,
    Actor,
    ActorKind,
    Article,
    Block,
    Document,
    Place,
    Span,
    TimeExpression,
    document_from_dict,
    document_to_dict,
    json_schema,
    validate_document,
)


def _document() -> Document:
    text = "Kerry met Lavrov in Geneva on Friday."
    return Document(
        article=Article(id="x1", content_hash="x1", text=text, blocks=(Block(0, len(text)),)),
        actors=(Actor(id="a1", name="Kerry", mentions=(Span(0, 5),), kind=ActorKind.PERSON, country="USA"),),
        places=(Place(id="p1", text="Geneva", mentions=(Span(20, 26),)),),
        times=(TimeExpression(text="Friday", span=Span(30, 36)),),
    )


def test_schema_round_trip():
    doc = _document()
    data = document_to_dict(doc)
    validate_document(data)
    assert document_from_dict(data) == doc
    assert data["schema"] == SCHEMA_ID


def test_json_schema_lists_closed_vocabularies():
    schema = json_schema()
    defs = schema["$defs"]
    assert set(defs["ActorKind"]["enum"]) >= {"person", "government", "rebel", "igo", "civilian", "other"}
    assert defs["Modality"]["enum"] == [
        "asserted", "negated", "planned", "hypothetical", "intended", "hoped", "ongoing",
    ]  # fmt: skip
    assert "between" in defs["FigureQualifier"]["enum"]
    assert defs["PlacePrecision"]["enum"][-1] == "region"
    assert set(schema["properties"]) >= {
        "article",
        "events",
        "figures",
        "quotes",
        "actors",
        "places",
        "times",
    }


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("actors", 0, "kind"), "warlord"),
        (("article", "text"), 42),
        (("times", 0, "span"), {"start": "a", "end": 3}),
        (("actors", 0, "mentions", 0), {"start": 0, "end": 999}),
    ],
)
def test_validate_rejects_bad_documents(path, value):
    data = document_to_dict(_document())
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        validate_document(data)
