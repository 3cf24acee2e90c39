"""``dateline bench``: end-to-end throughput, per-stage time and peak memory, against bare spaCy.

>>> from dateline.bench import run_bench
>>> result = run_bench(articles=50)   # doctest: +SKIP
>>> result.ratio                      # dateline articles/s / bare spaCy articles/s, same texts, same run
"""

from __future__ import annotations

from .run import BenchResult, run_bench

__all__ = ["BenchResult", "run_bench"]
