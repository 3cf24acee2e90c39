"""Regression gate: the development suite must not score below the floors pinned in ``eval_baseline.json``.

The baseline pins, for one ``limit``, the SHA-256 of every corpus the suite reads and a floor
per metric (a ceiling for metrics where lower is better, such as median km). The gate

* skips (exit 0, saying so) when the corpora directory is absent, as on a machine without ``../shared``;
* fails (exit 1) when a corpus changed, or a pinned metric drops below its floor or disappears;
* with ``--update``, re-pins the corpus hashes and raises floors to the new scores, and never
  lowers a floor (or drops one) unless ``--allow-regression`` is given too.

Usage::

    python scripts/eval_gate.py [--baseline eval_baseline.json] [--data DIR]
                                [--update [--allow-regression]] [--limit N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import math
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..errors import EvalError
from .suite import DEFAULT_DATA_DIR, REGISTRY, MetricRow, SuiteContext, load_adapters, run_suite

__all__ = [
    "BASELINE_FORMAT",
    "DEFAULT_BASELINE",
    "GateResult",
    "adapter_of",
    "check",
    "corpus_hashes",
    "main",
    "update",
]

log = logging.getLogger(__name__)

BASELINE_FORMAT = "dateline-eval-baseline/1"
DEFAULT_BASELINE = Path(__file__).resolve().parents[3] / "eval_baseline.json"
_DIGITS = 4  # floors are pinned rounded (down for floors, up for ceilings) to this many decimals


@dataclass(frozen=True, slots=True)
class GateResult:
    """What the gate found: failures make it fail; notes are informational."""

    failures: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.failures


def corpus_hashes(data_dir: Path, corpora: Sequence[str]) -> dict[str, str]:
    """SHA-256 over every file (relative path and bytes, sorted) of each corpus directory present."""
    out = {}
    for name in sorted(set(corpora)):
        root = data_dir / name
        if not root.is_dir():
            continue
        digest = hashlib.sha256()
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            with path.open("rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
        out[name] = digest.hexdigest()
    return out


def adapter_of(key: str) -> str:
    """The adapter that produces a metric key ``corpus / metric``; a corpus may be ``adapter/part``."""
    return key.split(" / ", maxsplit=1)[0].split("/", maxsplit=1)[0]


def _pin(value: float, higher_is_better: bool) -> float:
    scale = 10**_DIGITS
    return (math.floor if higher_is_better else math.ceil)(
        value * scale + (1e-9 if higher_is_better else -1e-9)
    ) / scale


def _worse(value: float, floor: float, higher_is_better: bool, tolerance: float) -> bool:
    return value < floor - tolerance if higher_is_better else value > floor + tolerance


def check(rows: Sequence[MetricRow], hashes: dict[str, str], baseline: dict[str, Any]) -> GateResult:
    """Compare a suite run and the corpus hashes with a baseline."""
    failures, notes = [], []
    for name, pinned in sorted((baseline.get("corpora") or {}).items()):
        if hashes.get(name) != pinned:
            what = "is missing" if name not in hashes else "changed"
            failures.append(f"corpus {name} {what} (pinned sha256 {pinned[:12]}...); re-pin with --update")
    by_key = {r.key: r for r in rows}
    tolerance = float(baseline.get("tolerance", 0.0))
    for key, floor in sorted((baseline.get("floors") or {}).items()):
        row = by_key.get(key)
        if row is None or row.value is None:
            status = "is no longer produced" if row is None else f"has no value ({row.status}: {row.note})"
            failures.append(f"{key} {status}; pinned {floor['value']}")
        elif _worse(row.value, floor["value"], floor.get("higher_is_better", True), tolerance):
            bound = "floor" if floor.get("higher_is_better", True) else "ceiling"
            failures.append(f"{key} = {row.value:.4f}, {bound} {floor['value']:.4f}")
    for row in rows:
        if row.value is not None and row.key not in (baseline.get("floors") or {}):
            notes.append(f"{row.key} = {row.value:.4f} is not pinned yet (--update pins it)")
    return GateResult(tuple(failures), tuple(notes))


def update(
    rows: Sequence[MetricRow], hashes: dict[str, str], baseline: dict[str, Any], *, allow_regression: bool
) -> tuple[dict[str, Any], GateResult]:
    """A new baseline: corpora re-pinned, floors raised; lowered or dropped only with ``allow_regression``."""
    floors = dict(baseline.get("floors") or {})
    refused, notes = [], []
    produced = {r.key: r for r in rows if r.value is not None}
    for key, row in produced.items():
        new = {"value": _pin(row.value, row.higher_is_better), "higher_is_better": row.higher_is_better}  # type: ignore[arg-type]
        old = floors.get(key)
        if old is None or not _worse(new["value"], old["value"], row.higher_is_better, 0.0):
            if old is None or new["value"] != old["value"]:
                notes.append(f"{key}: {'pinned' if old is None else 'raised'} to {new['value']}")
            floors[key] = new
        elif allow_regression:
            notes.append(f"{key}: lowered from {old['value']} to {new['value']} (--allow-regression)")
            floors[key] = new
        else:
            refused.append(
                f"{key} = {new['value']} is below its floor {old['value']}; "
                "kept (--allow-regression lowers it)"
            )
    for key in [k for k in floors if k not in produced]:
        if allow_regression:
            notes.append(f"{key}: dropped (no longer produced)")
            del floors[key]
        else:
            refused.append(f"{key} has no value now; its floor is kept (--allow-regression drops it)")
    new_baseline = {
        "format": BASELINE_FORMAT,
        "limit": baseline.get("limit"),
        "tolerance": baseline.get("tolerance", 0.0),
        "corpora": dict(sorted(hashes.items())),
        "floors": dict(sorted(floors.items())),
    }
    return new_baseline, GateResult(tuple(refused), tuple(notes))


def _load(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {"format": BASELINE_FORMAT, "limit": None, "tolerance": 0.0, "corpora": {}, "floors": {}}
    try:
        baseline = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise EvalError(f"{path}: not JSON: {exc}") from exc
    if baseline.get("format") != BASELINE_FORMAT:
        raise EvalError(f"{path}: not a {BASELINE_FORMAT} file")
    return baseline


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="eval_gate.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE, help="baseline JSON file")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="development corpora directory")
    parser.add_argument("--update", action="store_true", help="re-pin corpora and raise floors")
    parser.add_argument("--allow-regression", action="store_true", help="with --update: lower or drop floors")
    parser.add_argument(
        "--limit", type=int, help="with --update: items per corpus to pin (default: the baseline's)"
    )
    parser.add_argument("--progress", action="store_true", help="progress bars on stderr")
    return parser.parse_args(argv)


def _say(line: str, file: TextIO | None = None) -> None:
    """One line of the gate's report (stdout, or ``file``)."""
    (file or sys.stdout).write(line + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the gate; 0 = pass or skipped, 1 = regression (or refused update), 2 = usage error."""
    args = _parse(argv)
    try:
        baseline = _load(args.baseline)
    except EvalError as exc:
        _say(f"eval gate: {exc}", file=sys.stderr)
        return 2
    if not args.data.is_dir():
        _say(f"eval gate: skipped: no development corpora at {args.data} (../shared is absent)")
        return 0
    if args.allow_regression and not args.update:
        _say("eval gate: --allow-regression only goes with --update", file=sys.stderr)
        return 2
    limit = args.limit if args.update and args.limit else baseline.get("limit")
    # checking runs only the adapters that have floors; --update runs them all (to pin new metrics)
    pinned = sorted({adapter_of(k) for k in baseline.get("floors") or {}} & dict(REGISTRY).keys())
    names = None if args.update else pinned
    start = time.perf_counter()
    run = run_suite(SuiteContext(data_dir=args.data, limit=limit, progress=args.progress), names)
    hashes = corpus_hashes(args.data, [c for a in load_adapters() for c in a.corpora])
    seconds = time.perf_counter() - start
    if args.update:
        new, result = update(
            run.rows, hashes, {**baseline, "limit": limit}, allow_regression=args.allow_regression
        )
        args.baseline.write_text(json.dumps(new, indent=2) + "\n", encoding="utf-8")
        _say(
            f"eval gate: wrote {args.baseline} ({len(new['floors'])} floors, limit {limit}, {seconds:.0f} s)"
        )
    else:
        result = check(run.rows, hashes, baseline)
        _say(f"eval gate: {len(baseline.get('floors') or {})} floors checked, limit {limit}, {seconds:.0f} s")
    for note in result.notes:
        _say(f"  note: {note}")
    for failure in result.failures:
        _say(f"  FAIL: {failure}")
    _say("eval gate: " + ("passed" if result.ok else "FAILED"))
    return 0 if result.ok else 1
