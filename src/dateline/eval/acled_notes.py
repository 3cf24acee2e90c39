"""Score time resolution and casualty figures on ACLED notes (``../shared/data/acled-2020-05-sample``).

Each ACLED row has ``notes`` (a 1-3 sentence description) beside its coded ``event_date`` and
``fatalities``. The note is run through the mention, time and figure stages as a one-paragraph
article anchored on the row's upload ``timestamp`` (a date after the event, as a publication
date would be), and two things are compared:

* event date: the time :func:`~dateline.resolve.time.time_for_span` gives the first sentence's
  main verb, vs ``event_date`` (exact day, and "inside the interval");
* fatalities: the killed count read from the note (:func:`note_fatalities`) vs ``fatalities``.

ACLED's coding conventions make exact agreement impossible for some rows, which are scored
separately: notes that state a fatality coding rule ("Unknown fatalities coded as 10",
"Fatalities split between 3 events", "reported as half"), and dates coded with
``time_precision`` 2 or 3 (ACLED picks a day inside a reported week or month).

Usage::

    python -m dateline.eval.acled_notes [--data DIR] [--limit N] [--json] [--errors K]
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from dateline.schema import Document, Figure

__all__ = ["DEFAULT_DATA_DIR", "NoteResult", "NotesReport", "evaluate", "is_convention_note", "main",
           "note_event_date", "note_fatalities"]  # fmt: skip

log = logging.getLogger(__name__)

_REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DATA_DIR = _REPO_ROOT.parent / "shared" / "data" / "acled-2020-05-sample"
_CONVENTION = re.compile(
    r"(?:fatalit\w*|deaths?|casualt\w*|killed)[^.;]*\b(?:coded|split|spread|distributed|divided|rounded|"
    r"reported as half)\b|\b(?:coded|split|spread|distributed|divided)\b[^.;]*\bfatalit",
    re.IGNORECASE,
)
_SUMMARY_NOUNS = frozenset({"fatality", "death", "dead", "toll", "casualty", "body"})


@dataclass(frozen=True, slots=True)
class NoteResult:
    """One ACLED row: gold and predicted date and fatalities."""

    data_id: str
    event_date: str
    time_precision: str
    predicted_start: str | None
    predicted_end: str | None
    date_rule: str | None
    fatalities: int
    predicted_fatalities: int
    convention: bool
    note: str

    @property
    def date_exact(self) -> bool:
        return self.predicted_start == self.event_date and self.predicted_end in (None, self.event_date)

    @property
    def date_within(self) -> bool:
        if self.predicted_start is None:
            return False
        return self.predicted_start <= self.event_date <= (self.predicted_end or self.predicted_start)


@dataclass(frozen=True, slots=True)
class NotesReport:
    """Agreement rates, split by whether ACLED's conventions allow exact agreement."""

    rows: int
    seconds: float
    date_exact: float
    date_exact_precise: float
    date_within: float
    date_rows_precise: int
    date_rows_convention: int
    date_exact_convention: float
    fatalities_exact: float
    fatalities_rows: int
    fatalities_exact_positive: float
    fatalities_rows_positive: int
    fatalities_exact_convention: float
    fatalities_rows_convention: int
    fatalities_mae: float
    results: tuple[NoteResult, ...] = field(repr=False, default=())

    def summary(self) -> str:
        dates = (
            f"date exact {self.date_exact:.3f} (time_precision 1: {self.date_exact_precise:.3f} of "
            f"{self.date_rows_precise}; 2-3: {self.date_exact_convention:.3f} of "
            f"{self.date_rows_convention}; "
            f"within interval {self.date_within:.3f})"
        )
        fatalities = (
            f"fatalities exact {self.fatalities_exact:.3f} of {self.fatalities_rows} (rows with deaths "
            f"{self.fatalities_exact_positive:.3f} of {self.fatalities_rows_positive}; "
            f"MAE {self.fatalities_mae:.2f})"
        )
        exact, rows = self.fatalities_exact_convention, self.fatalities_rows_convention
        convention = f"coding-convention notes {exact:.3f} of {rows}"
        return f"rows={self.rows} | {dates} | {fatalities} | {convention} | {self.seconds:.0f}s"


def is_convention_note(note: str) -> bool:
    """The note states an ACLED fatality coding rule, so its count is not read off the text."""
    return bool(_CONVENTION.search(note))


def _figure_count(figure: Figure) -> float:
    """ACLED reads the most conservative number: the lower bound when there is one."""
    if figure.low is not None:
        return figure.low
    return figure.value or 0.0


def _is_summary(document: Document, figure: Figure) -> bool:
    """A count stated as a total noun ("3 fatalities", "the death toll rose to 9")."""
    subject = (figure.subject.text if figure.subject else "").lower().split()
    text = document.article.text[figure.start : figure.end].lower()
    return bool(subject and subject[-1].rstrip("s") in _SUMMARY_NOUNS) or bool(
        re.search(r"\b(?:fatalit|deaths?\b|death toll|dead\b)", text)
    )


def note_fatalities(document: Document, sentence_starts: list[int] | None = None) -> int:
    """Killed count of a short report, breakdowns excluded ("including 3 children" is not added).

    A stated total ("2 fatalities", "the death toll rose to 9") wins (the largest one); else the
    counts of the lead sentence that has any are added up ("two women and a man were killed"
    -> 3). Later sentences of a report elaborate, give other sources' numbers or tell related
    events, so they are not added to the lead's (``sentence_starts``: offsets of sentences).
    """
    killed = [f for f in document.figures if f.kind == "killed" and f.part_of is None]
    if not killed:
        return 0
    totals = [f for f in killed if _is_summary(document, f)]
    if totals:
        return int(max(_figure_count(f) for f in totals))
    starts = sentence_starts or [0]
    lead = max((s for s in starts if s <= killed[0].start), default=0)
    following = min((s for s in starts if s > lead), default=len(document.article.text))
    return int(sum(_figure_count(f) for f in killed if lead <= f.start < following))


def note_event_date(document: Document, parsed: object) -> tuple[str | None, str | None, str | None]:
    """Start, end and rule of the time of the note's first main verb (see time_for_span)."""
    from dateline.resolve.time import time_for_span  # noqa: PLC0415 - spaCy import only when run

    sentences = list(parsed.sents)  # type: ignore[attr-defined]
    if not sentences:
        return None, None, None
    root = sentences[0].root
    attached = time_for_span(document, parsed, root.idx, root.idx + len(root))  # type: ignore[arg-type]
    if attached is None:
        return None, None, None
    start, end = attached.ref.start, attached.ref.end
    return (start[:10] if start else None), (end[:10] if end else None), attached.rule.value


def _rows(data_dir: Path, limit: int | None) -> Iterator[dict[str, str]]:
    path = next(data_dir.glob("*.csv"))
    with path.open(encoding="utf-8", newline="") as handle:
        for i, row in enumerate(csv.DictReader(handle)):
            if limit is not None and i >= limit:
                return
            yield row


def _published(row: dict[str, str]) -> str | None:
    stamp = row.get("timestamp", "")
    return datetime.fromtimestamp(int(stamp), tz=UTC).strftime("%Y-%m-%dT%H:%M") if stamp.isdigit() else None


def evaluate(data_dir: Path = DEFAULT_DATA_DIR, limit: int | None = None) -> NotesReport:
    """Run the time and figure stages on the notes and compare with ACLED's codes."""
    from dateline.extract import MentionStage  # noqa: PLC0415 - heavy imports only when run
    from dateline.extract.figures import FigureStage  # noqa: PLC0415
    from dateline.nlp import load_nlp, parse  # noqa: PLC0415
    from dateline.resolve.time import TimeStage  # noqa: PLC0415
    from dateline.schema import Article, Block  # noqa: PLC0415
    from dateline.settings import Settings  # noqa: PLC0415

    started = time.perf_counter()
    rows = list(_rows(data_dir, limit))
    nlp = load_nlp(Settings().model)
    stages = (MentionStage(), TimeStage(), FigureStage())
    results: list[NoteResult] = []
    for row, parsed in zip(rows, parse(nlp, (r["notes"] for r in rows), batch_size=64), strict=True):
        note = row["notes"]
        article = Article(
            id=row["data_id"],
            content_hash=row["data_id"],
            text=note,
            published=_published(row),
            blocks=(Block(0, len(note)),),
        )
        document = Document(article=article)
        for stage in stages:
            document = stage(document, parsed)
        start, end, rule = note_event_date(document, parsed)
        gold_date = datetime.strptime(row["event_date"], "%d-%b-%y").date().isoformat()
        results.append(
            NoteResult(
                data_id=row["data_id"],
                event_date=gold_date,
                time_precision=row["time_precision"],
                predicted_start=start,
                predicted_end=end,
                date_rule=rule,
                fatalities=int(row["fatalities"] or 0),
                predicted_fatalities=note_fatalities(document, [sent.start_char for sent in parsed.sents]),
                convention=is_convention_note(note),
                note=note,
            )
        )
    return _report(results, time.perf_counter() - started)


def _rate(items: list[bool]) -> float:
    return sum(items) / len(items) if items else 0.0


def _report(results: list[NoteResult], seconds: float) -> NotesReport:
    precise = [r for r in results if r.time_precision == "1"]
    vague = [r for r in results if r.time_precision != "1"]
    plain = [r for r in results if not r.convention]
    positive = [r for r in plain if r.fatalities > 0]
    convention = [r for r in results if r.convention]
    return NotesReport(
        rows=len(results),
        seconds=seconds,
        date_exact=_rate([r.date_exact for r in results]),
        date_exact_precise=_rate([r.date_exact for r in precise]),
        date_within=_rate([r.date_within for r in results]),
        date_rows_precise=len(precise),
        date_rows_convention=len(vague),
        date_exact_convention=_rate([r.date_exact for r in vague]),
        fatalities_exact=_rate([r.predicted_fatalities == r.fatalities for r in plain]),
        fatalities_rows=len(plain),
        fatalities_exact_positive=_rate([r.predicted_fatalities == r.fatalities for r in positive]),
        fatalities_rows_positive=len(positive),
        fatalities_exact_convention=_rate([r.predicted_fatalities == r.fatalities for r in convention]),
        fatalities_rows_convention=len(convention),
        fatalities_mae=sum(abs(r.predicted_fatalities - r.fatalities) for r in plain) / max(1, len(plain)),
        results=tuple(results),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dateline.eval.acled_notes", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="directory holding the ACLED CSV")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N rows")
    parser.add_argument("--json", action="store_true", help="print the report (without rows) as JSON")
    parser.add_argument("--errors", type=int, default=0, help="print up to K disagreements of each kind")
    args = parser.parse_args(argv)
    if not args.data.is_dir() or not any(args.data.glob("*.csv")):
        print(f"no ACLED CSV under {args.data}", file=sys.stderr)  # noqa: T201 - command-line entry point
        return 2
    report = evaluate(args.data, args.limit)
    if args.json:
        data = {k: v for k, v in asdict(report).items() if k != "results"}
        print(json.dumps(data, indent=2))  # noqa: T201
    else:
        print(report.summary())  # noqa: T201
    if args.errors:
        _print_errors(report, args.errors)
    return 0


def _print_errors(report: NotesReport, count: int) -> None:
    dates = [r for r in report.results if r.time_precision == "1" and not r.date_exact][:count]
    fatal = [r for r in report.results if not r.convention and r.predicted_fatalities != r.fatalities][:count]
    rules = Counter(r.date_rule for r in report.results)
    print(f"date rules used: {dict(rules)}")  # noqa: T201
    for r in dates:
        where = f"{r.predicted_start}..{r.predicted_end} ({r.date_rule})"
        print(f"DATE gold={r.event_date} pred={where}: {r.note[:160]}")  # noqa: T201
    for r in fatal:
        print(f"FATAL gold={r.fatalities} pred={r.predicted_fatalities}: {r.note[:240]}")  # noqa: T201


if __name__ == "__main__":
    sys.exit(main())
