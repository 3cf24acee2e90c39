"""Arrest counts on IndiaPoliceEvents (``../shared/data/india-police-events``).

The corpus (Halterman et al., Findings of ACL 2021) labels every sentence of 1,257 Times of
India articles (Gujarat, March 2002) with police actions, ``ARREST`` among them, but gives no
counts. So the check is of the figure stage's arrest figures against the sentence labels:

* precision: of the sentences where dateline reads an ``arrested`` figure, the share labelled
  ARREST (the labels cover police arrests, which is what arrest counts in this corpus are);
* recall: of the ARREST sentences that state a number of people ("42 people were arrested",
  "rounded up 150"), the share where dateline reads an ``arrested`` figure.

Sentences are run one at a time through the mention, time and figure stages, anchored on the
article's date. Usage::

    python -m dateline.eval.india_arrests [--data DIR] [--limit N] [--errors K]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["DEFAULT_DATA_DIR", "ArrestReport", "evaluate", "main"]

_REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DATA_DIR = _REPO_ROOT.parent / "shared" / "data" / "india-police-events"
_COUNTED_ARREST = re.compile(
    r"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|scores?|"
    r"several|twenty|thirty|forty|fifty)\b[^.;]{0,60}"
    r"\b(?:arrest|detain|held|rounded|nabbed|taken into custody)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ArrestReport:
    sentences: int
    predicted: int
    predicted_labelled: int
    counted_gold: int
    counted_found: int
    seconds: float
    misses: tuple[str, ...] = field(repr=False, default=())
    false_alarms: tuple[str, ...] = field(repr=False, default=())

    @property
    def precision(self) -> float:
        return self.predicted_labelled / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.counted_found / self.counted_gold if self.counted_gold else 0.0

    def summary(self) -> str:
        return (
            f"sentences={self.sentences} | arrest-figure sentences {self.predicted}, precision vs ARREST "
            f"{self.precision:.3f} | ARREST sentences stating a count {self.counted_gold}, with an arrest "
            f"figure {self.recall:.3f} | {self.seconds:.0f}s"
        )


def _sentences(data_dir: Path, limit: int | None) -> Iterator[tuple[str, str, bool]]:
    dates = {}
    with (data_dir / "metadata_no_fulltext.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            dates[row["doc_id"]] = row.get("date")
    docs: list[int] = []
    with (data_dir / "sents.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["doc_id"] not in docs:
                if limit is not None and len(docs) >= limit:
                    return
                docs.append(row["doc_id"])
            text = " ".join(row["sent_text"].split())
            if text:
                yield text, dates.get(row["doc_id"]) or "", "ARREST" in row["sent_labels"]


def evaluate(data_dir: Path = DEFAULT_DATA_DIR, limit: int | None = None) -> ArrestReport:
    """Run the figure stage on every sentence of the first ``limit`` articles and tally."""
    from dateline.extract import MentionStage  # noqa: PLC0415 - heavy imports only when run
    from dateline.extract.figures import FigureStage  # noqa: PLC0415
    from dateline.nlp import load_nlp, parse  # noqa: PLC0415
    from dateline.resolve.time import TimeStage  # noqa: PLC0415
    from dateline.schema import Article, Document  # noqa: PLC0415
    from dateline.settings import Settings  # noqa: PLC0415

    started = time.perf_counter()
    rows = list(_sentences(data_dir, limit))
    nlp = load_nlp(Settings().model)
    stages = (MentionStage(), TimeStage(), FigureStage())
    predicted = labelled = counted = found = 0
    misses: list[str] = []
    alarms: list[str] = []
    for (text, day, arrest), parsed in zip(
        rows, parse(nlp, (r[0] for r in rows), batch_size=128), strict=True
    ):
        document = Document(article=Article(id="s", content_hash="s", text=text, published=day or None))
        for stage in stages:
            document = stage(document, parsed)
        has_figure = any(f.kind == "arrested" for f in document.figures)
        predicted += has_figure
        labelled += has_figure and arrest
        if has_figure and not arrest:
            alarms.append(text)
        if arrest and _COUNTED_ARREST.search(text):
            counted += 1
            found += has_figure
            if not has_figure:
                misses.append(text)
    return ArrestReport(len(rows), predicted, labelled, counted, found, time.perf_counter() - started,
                        tuple(misses), tuple(alarms))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dateline.eval.india_arrests", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="the IndiaPoliceEvents directory")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--errors", type=int, default=0, help="print up to K misses and false alarms")
    args = parser.parse_args(argv)
    if not (args.data / "sents.jsonl").is_file():
        print(f"no sents.jsonl under {args.data}", file=sys.stderr)  # noqa: T201 - command-line entry point
        return 2
    report = evaluate(args.data, args.limit)
    print(report.summary())  # noqa: T201
    for text in report.misses[: args.errors]:
        print(f"MISS: {text[:200]}")  # noqa: T201
    for text in report.false_alarms[: args.errors]:
        print(f"NOT ARREST: {text[:200]}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
