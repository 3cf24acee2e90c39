"""The ACLED-notes adapter: convention detection, the fatality reading of a report, a scored sample."""

from __future__ import annotations

import pytest

from dateline.eval.acled_notes import evaluate, is_convention_note, main, note_fatalities
from dateline.schema import Article, Document, Figure, FigureQualifier, FigureSubject


@pytest.mark.parametrize(
    ("note", "convention"),
    [
        ("On 5 May 2020, militants attacked a base. Unknown fatalities coded as 10.", True),
        ("On 5 May 2020, 20 people were killed. Fatalities split between 3 events.", True),
        ("Due to the unclear nature of fatalities, fatalities reported as half, rounded down to 3.", True),
        ("Fatalities coded as 12 (including the bomber).", True),
        ("On 5 May 2020, two men were killed. 2 fatalities.", False),
        ("On 5 May 2020, the army clashed with rebels. No fatalities reported.", False),
    ],
)
def test_convention_notes(note, convention):
    assert is_convention_note(note) is convention


def _doc(text: str, *figures: tuple[str, str, float | None, float | None, str | None]) -> Document:
    built = []
    for i, (phrase, kind, value, low, part_of) in enumerate(figures, start=1):
        start = text.index(phrase)
        built.append(Figure(id=f"f{i}", kind=kind, text=phrase, start=start, end=start + len(phrase), value=value,
                            low=low, qualifier=FigureQualifier.EXACT, subject=FigureSubject(text=phrase.split()[-1]),
                            part_of=part_of))  # fmt: skip
    return Document(article=Article(id="n", content_hash="n", text=text), figures=tuple(built))


def test_note_fatalities_adds_the_lead_sentence_and_skips_breakdowns():
    text = "Two women and a man were killed, including a child. Another 5 were injured."
    doc = _doc(
        text,
        ("Two women", "killed", 2, None, None),
        ("a man", "killed", 1, None, None),
        ("a child", "killed", 1, None, "f1"),
        ("5", "injured", 5, None, None),
    )
    assert note_fatalities(doc, [0, text.index("Another")]) == 3


def test_note_fatalities_prefers_a_stated_total_and_reads_ranges_conservatively():
    text = "A child was killed by a gunman. 2 fatalities."
    assert note_fatalities(_doc(text, ("A child", "killed", 1, None, None), ("2 fatalities", "killed", 2, None, None)),
                           [0, text.index("2 fatalities")]) == 2  # fmt: skip
    ranged = "Militiamen killed 8-10 residents."
    assert note_fatalities(_doc(ranged, ("8-10 residents", "killed", None, 8, None))) == 8
    assert note_fatalities(_doc("No fatalities were reported.")) == 0


@pytest.mark.shared
def test_sample_of_acled_notes(shared):
    data = shared("data", "acled-2020-05-sample")
    report = evaluate(data, limit=80)
    assert report.rows == 80
    assert report.date_exact_precise >= 0.95
    assert report.fatalities_exact >= 0.85


def test_main_reports_a_missing_corpus(tmp_path, capsys):
    assert main(["--data", str(tmp_path)]) == 2
    assert "no ACLED CSV" in capsys.readouterr().err
