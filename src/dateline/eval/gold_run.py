"""``dateline eval GOLD``: score a prediction file, or the pipeline's extraction of the gold's article.

>>> result = evaluate_gold("../shared/seed/expected.json")   # doctest: +SKIP
>>> print(render_gold(result))                               # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import GoldFormatError
from ..settings import Settings
from .gold import Json, load_gold, load_prediction
from .scoring import EvidenceSpan, FalsePositive, GoldScore, Miss, score_document

__all__ = ["GoldRun", "evaluate_gold", "extract_gold_document", "render_gold"]

_SHOW = 12  # false positives listed per section on a terminal (all of them with --json)


@dataclass(frozen=True, slots=True)
class GoldRun:
    """The score of one gold file, with where the prediction came from."""

    gold: str
    prediction: str
    score: GoldScore

    def to_json(self) -> Json:
        return {"gold": self.gold, "prediction": self.prediction, **self.score.to_json()}


def extract_gold_document(gold_path: Path, gold: Json, settings: Settings) -> Json:
    """Run the pipeline on the article named by the gold's ``document`` (relative to the gold file)."""
    from ..ingest import Failure, read_articles  # noqa: PLC0415 - heavy imports only when extracting
    from ..pipeline import Pipeline  # noqa: PLC0415
    from ..schema import document_to_dict  # noqa: PLC0415

    if not gold.get("document"):
        raise GoldFormatError("the gold file names no 'document'; pass --pred FILE", source=str(gold_path))
    article_path = gold_path.parent / gold["document"]
    if not article_path.is_file():
        raise GoldFormatError(f"the gold's document {article_path} does not exist", source=str(gold_path))
    pipeline = Pipeline.load(settings)
    for item in pipeline.run(read_articles([str(article_path)], settings), strict=True):
        if isinstance(item, Failure):
            raise GoldFormatError(f"cannot read the gold's document: {item}", source=str(gold_path))
        return document_to_dict(item)
    raise GoldFormatError(f"no article in {article_path}", source=str(gold_path))


def evaluate_gold(
    gold_path: str | Path, pred_path: str | Path | None = None, settings: Settings | None = None
) -> GoldRun:
    """Score ``pred_path`` (first document of a JSON/JSONL file), or a fresh extraction, against gold."""
    gold_path = Path(gold_path)
    gold = load_gold(gold_path)
    if pred_path is not None:
        doc, source = load_prediction(pred_path), str(pred_path)
    else:
        doc = extract_gold_document(gold_path, gold, settings or Settings())
        source = f"dateline extract {gold_path.parent / gold['document']}"
    return GoldRun(gold=str(gold_path), prediction=source, score=score_document(gold, doc))


def _spans(evidence: tuple[EvidenceSpan, ...]) -> str:
    return " | ".join(f"[{e.start}:{e.end}] {e.text!r}" for e in evidence)


def _miss_line(miss: Miss) -> str:
    where = f" at {_spans(miss.evidence)}" if miss.evidence else ""
    near = (
        f"; nearest {miss.nearest!r} fails {', '.join(miss.failed)}"
        if miss.nearest
        else "; nothing extracted"
    )
    return f"    - {miss.label}: {miss.description}{where}{near}"


def _fp_line(fp: FalsePositive) -> str:
    near = f"; nearest gold {fp.nearest_gold!r} fails {', '.join(fp.failed)}" if fp.nearest_gold else ""
    return f"    - {fp.label} {_spans(fp.evidence)}{near}"


def render_gold(run: GoldRun, *, details: bool = True) -> str:
    """A terminal table: per section recall, precision and F1, then misses and false positives."""
    lines = [f"gold: {run.gold}", f"prediction: {run.prediction}", ""]
    lines.append(f"{'section':9s} {'recall':>16s} {'precision':>16s} {'F1':>6s}")
    for s in run.score.sections:
        recall = f"{s.recall:.2f} ({s.must_found}/{s.must})"
        precision = f"{s.precision:.2f} ({s.matched_predicted}/{s.predicted})"
        lines.append(f"{s.section:9s} {recall:>16s} {precision:>16s} {s.f1:6.2f}")
    m = run.score.micro
    lines.append(f"{'micro':9s} {m.recall:16.2f} {m.precision:16.2f} {m.f1:6.2f}")
    if not details:
        return "\n".join(lines)
    for s in run.score.sections:
        if s.misses:
            lines += ["", f"{s.section}: missed must items ({len(s.misses)})"]
            lines += [_miss_line(miss) for miss in s.misses]
        if s.false_positives:
            lines += ["", f"{s.section}: false positives ({len(s.false_positives)})"]
            lines += [_fp_line(fp) for fp in s.false_positives[:_SHOW]]
            if len(s.false_positives) > _SHOW:
                lines.append(f"    ... {len(s.false_positives) - _SHOW} more (all of them with --json)")
    return "\n".join(lines)
