"""Plain-text article layout: header lines, captions, boilerplate, artefacts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.ingest.plaintext import parse_plain_text
from dateline.schema import BlockKind


def test_plaintext_reads_full_header(fixture_path):
    parsed = parse_plain_text(fixture_path("text", "el-fasher-2024-06-16.txt").read_text("utf-8"))
    assert parsed.title == "Sudan's RSF Shells El Fasher Hospital as Siege Tightens, Aid Groups Say"
    assert parsed.subtitle.startswith("Paramilitary fighters have pushed")
    assert parsed.byline == "Wire Staff"
    assert parsed.published == "2024-06-16T09:42"


def test_plaintext_caption_kept_once_and_marked(fixture_path):
    parsed = parse_plain_text(fixture_path("text", "el-fasher-2024-06-16.txt").read_text("utf-8"))
    captions = [text for kind, text in parsed.paragraphs if kind is BlockKind.CAPTION]
    assert captions == [
        "Displaced women wait for food distribution at the Zamzam camp near El Fasher, "
        "North Darfur, Sudan, June 14, 2024."
    ]
    assert sum("Zamzam camp" in text for _, text in parsed.paragraphs) == 1


def test_plaintext_strips_artefacts_and_tail(fixture_path):
    parsed = parse_plain_text(fixture_path("text", "el-fasher-2024-06-16.txt").read_text("utf-8"))
    body = [text for _, text in parsed.paragraphs]
    assert body[0].startswith("The Rapid Support Forces")
    assert body[-1].startswith('"There is nowhere safe')
    assert not any("Related Topics" in p or p in {"Sudan", "Darfur"} for p in body)


@pytest.mark.parametrize(
    ("line", "byline", "publisher"),
    [
        ("ByABC News", "ABC News", "ABC News"),
        ("By Jane Doe, Reuters", "Jane Doe, Reuters", "Reuters"),
        ("BY TOM SMITH | AP", "TOM SMITH | AP", "Associated Press"),
        ("By Amira Haddad and Yusuf Kaya", "Amira Haddad and Yusuf Kaya", None),
    ],
)
def test_plaintext_byline_forms(line, byline, publisher):
    parsed = parse_plain_text(
        f"A headline here\n\n{line}\nMarch 3, 2022\n\nFirst sentence of the body is here."
    )
    assert (parsed.byline, parsed.publisher, parsed.published) == (byline, publisher, "2022-03-03")


@pytest.mark.parametrize(
    ("prefix", "caption"),
    [("PHOTO: ", "Smoke rises over the city."), ("Photo caption: ", "A man walks."), ("IMAGE:", "Tanks.")],
)
def test_plaintext_caption_prefixes(prefix, caption):
    parsed = parse_plain_text(f"Headline\n\nBody paragraph one.\n\n{prefix}{caption}\n{caption}\n\nBody two.")
    assert (BlockKind.CAPTION, caption) in parsed.paragraphs
    assert [t for _, t in parsed.paragraphs].count(caption) == 1


@pytest.mark.parametrize(
    "tail",
    ["Related Topics", "Related Articles", "Copyright 2024 Example Wire. All rights reserved.", "Read more:"],
)
def test_plaintext_tail_markers_end_body(tail):
    parsed = parse_plain_text(f"Headline\n\nThe only paragraph.\n\n{tail}\nLink one\nLink two")
    assert [t for _, t in parsed.paragraphs] == ["The only paragraph."]


def test_plaintext_hard_wrapped_lines_are_joined():
    text = (
        "Headline\n\nGovernment forces advanced into the eastern districts of the city\n"
        "on Sunday after a night of heavy shelling, residents and a monitoring\ngroup said.\n"
    )
    assert [t for _, t in parse_plain_text(text).paragraphs] == [
        "Government forces advanced into the eastern districts of the city on Sunday after a night "
        "of heavy shelling, residents and a monitoring group said."
    ]


def test_plaintext_without_header_keeps_first_line_as_body():
    text = "Short first line\n\nSecond paragraph."
    parsed = parse_plain_text(text, header=False)
    assert parsed.title is None
    assert [t for _, t in parsed.paragraphs] == ["Short first line", "Second paragraph."]


def test_plaintext_single_paragraph_is_body():
    parsed = parse_plain_text("Rebels shelled the town on Monday, killing three civilians, officials said.")
    assert parsed.title is None
    assert len(parsed.paragraphs) == 1


@given(st.text())
def test_plaintext_never_crashes_and_paragraphs_are_clean(text):
    parsed = parse_plain_text(text)
    for _, paragraph in parsed.paragraphs:
        assert paragraph == paragraph.strip()
        assert paragraph
