"""Quotes: quote-mark scanning and speakers, on self-written fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.extract.quotes import find_quote_spans

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _quotes(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[str]:
    return [text[s:e] for s, e in find_quote_spans(text, paragraphs or [(0, len(text))])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will not leave," he said.', ["We will not leave,"]),
        ("“We will not leave,” he said.", ["We will not leave,"]),
        ('He said: "We will not leave." Then he left.', ["We will not leave."]),
        ("‘We will not leave,’ he said. Russia’s army agreed.", ["We will not leave,"]),
        (
            "\"Our answer was: 'We cannot leave our city,'\" he said.",
            ["Our answer was: 'We cannot leave our city,'"],
        ),
        ('Lavrov said the proposals were more "in line with" Moscow\'s ideas.', ["in line with"]),
        ("The rebels' positions and the soldiers' barracks.", []),
        ('An unclosed "quote runs to the end', ["quote runs to the end"]),
    ],
)
def test_quote_marks(text, expected):
    assert _quotes(text) == expected


def test_quote_continues_into_next_paragraph():
    text = '"There was no warning.\n\n"By the time the siren sounded, it was burning," said Ihor Melnyk.'
    first_end = text.index("\n\n")
    (quote,) = _quotes(text, [(0, first_end), (first_end + 2, len(text))])
    assert quote.startswith("There was no warning.") and quote.endswith("it was burning,")


@given(st.text(alphabet=st.sampled_from("ab \"“”‘’'.\n"), max_size=80))
def test_quote_spans_are_inside_text_and_ordered(text):
    spans = find_quote_spans(text, [(0, len(text))])
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


@pytest.fixture(scope="module")
def kharkiv(pipeline, request):
    from dateline.ingest.build import build_article  # noqa: PLC0415
    from dateline.ingest.convert import raw_from_text  # noqa: PLC0415

    text = (FIXTURES / "extract" / "quotes-kharkiv.txt").read_text("utf-8")
    return pipeline.extract(build_article(raw_from_text(text, fmt="text"), pipeline.settings))


@pytest.mark.parametrize(
    ("starts_with", "speaker", "description", "via"),
    [
        ("The rocket hit the building", "Oleh Demchenko", "regional governor", None),  # quote before the verb
        ("We do not know how many", "Oleh Demchenko", "regional governor", "reporters"),  # pronoun speaker
        (
            "We will work through the night",
            "Oleh Demchenko",
            "regional governor",
            "reporters",
        ),  # second quote
        ("another deliberate attack", "Andriy Koval", "Ukraine's foreign minister", None),  # partial quote
        ("I ran down the stairs", "Natalia Hrytsenko", None, None),  # she said; name the NER misses
        ("There was no warning", "Ihor Melnyk", "a volunteer firefighter", None),  # across paragraphs
    ],
)
def test_quote_speakers(kharkiv, starts_with, speaker, description, via):
    quote = next(q for q in kharkiv.quotes if q.text.startswith(starts_with))
    assert quote.speaker == speaker
    assert quote.speaker_actor_id is not None
    if description:
        assert quote.speaker_description == description
    assert quote.via == via
    assert kharkiv.article.text[quote.start : quote.end] == quote.text
