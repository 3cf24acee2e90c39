"""Adapters that wrap evaluation modules owned by other parts of dateline.

* ScrapingHub: HTML main-text extraction (``dateline.eval.scrapinghub``), body token F1.
* Geoparsing / event location: ``dateline.eval.geoparsing`` (the geocoding stage's scorer).
* ACLED notes, dates and fatalities as the time/figure stage scores them: ``dateline.eval.acled_notes``.

Modules are imported when the adapter runs; one that is not there gives a ``not available``
row. Each adapter calls the module's own evaluation API (``evaluate``, ``evaluate_corpus``,
``evaluate_events``), unless the module defines the suite's entry point, which then wins::

    def suite_rows(ctx: SuiteContext) -> list[MetricRow]: ...

(``ctx.pipeline``, ``ctx.data_dir``, ``ctx.limit``, ``ctx.take``, ``ctx.extract``, ``ctx.bar``).
These modules apply ``--limit`` as "the first N items" of their corpus.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from ..suite import ABSENT, UNAVAILABLE, MetricRow, SuiteContext

__all__ = ["AcledNotes", "EventLocation", "Geoparsing", "ScrapingHub"]


def _module(name: str) -> ModuleType | str:
    """The imported module, or why it cannot be used."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and name.startswith(exc.name):
            return f"module {name} not present yet"
        raise


class _Wrapped:
    """A module exposing ``suite_rows(ctx)``, run when its corpora are present."""

    name = ""
    module = ""
    corpora: tuple[str, ...] = ()

    def available(self, data_dir: Path) -> str | None:
        missing = [c for c in self.corpora if not (data_dir / c).is_dir()]
        return f"{', '.join(str(data_dir / c) for c in missing)} not found" if missing else None

    def run(self, ctx: SuiteContext) -> list[MetricRow]:
        module = _module(self.module)
        if isinstance(module, str):
            return [MetricRow(self.name, "*", None, status=UNAVAILABLE, note=module)]
        entry = getattr(module, "suite_rows", None)
        return list(entry(ctx)) if entry is not None else self._rows(module, ctx)

    def _rows(self, module: ModuleType, ctx: SuiteContext) -> list[MetricRow]:
        """Rows from the module's own evaluation API (used when it has no ``suite_rows``)."""
        note = f"{self.module} has no suite_rows(ctx) entry point"
        return [MetricRow(self.name, "*", None, status=UNAVAILABLE, note=note)]


class Geoparsing(_Wrapped):
    """acc@161 km, median error km, resolved share and GeoNames-id match per corpus (gold toponym spans),
    and place-mention precision and recall without them."""

    name = "geoparsing"
    module = "dateline.eval.geoparsing"
    corpora = ("geoparsing-gritta",)

    def _rows(self, module: ModuleType, ctx: SuiteContext) -> list[MetricRow]:
        rows = []
        for short, filename in module.CORPORA.items():
            path = ctx.data_dir / self.corpora[0] / filename
            if not path.is_file():
                rows.append(MetricRow(self.name, short, None, status=ABSENT, note=f"{path} not found"))
                continue
            r = module.evaluate_corpus(short, path, ctx.limit)
            c = f"{self.name}/{short}"
            rows += [
                MetricRow(
                    c, "acc@161 km", r.acc161 if r.toponyms else None, n=r.toponyms, note="unresolved = wrong"
                ),
                MetricRow(
                    c,
                    "median error",
                    r.median_km if r.toponyms else None,
                    n=r.toponyms,
                    higher_is_better=False,
                    unit="km",
                ),
                MetricRow(c, "resolved", r.resolved / r.toponyms if r.toponyms else None, n=r.toponyms),
                MetricRow(c, "GeoNames id match", r.id_match if r.id_total else None, n=r.id_total),
                MetricRow(
                    c,
                    "place mention precision",
                    r.mention_precision,
                    n=r.mentions_found,
                    note="found without the gold spans",
                ),  # fmt: skip
                MetricRow(c, "place mention recall", r.mention_recall, n=r.toponyms),
            ]
        return rows


class EventLocation(_Wrapped):
    """Event-location accuracy on the adjudicated (RELABEL) sentences."""

    name = "event-location"
    module = "dateline.eval.geoparsing"
    corpora = ("event-location-halterman",)

    def _rows(self, module: ModuleType, ctx: SuiteContext) -> list[MetricRow]:
        r = module.evaluate_events(ctx.data_dir / self.corpora[0] / "event_location_labeled.jsonl", ctx.limit)
        with_loc = r.correct_located / r.with_location if r.with_location else None
        return [
            MetricRow(self.name, "accuracy", r.accuracy if r.rows else None, n=r.rows, note="RELABEL rows"),
            MetricRow(self.name, "right place, rows with a gold location", with_loc, n=r.with_location),
        ]


class AcledNotes(_Wrapped):
    """ACLED 2020 notes: event date and fatalities, with ACLED's coding conventions separated."""

    name = "acled-notes"
    module = "dateline.eval.acled_notes"
    corpora = ("acled-2020-05-sample",)

    def _rows(self, module: ModuleType, ctx: SuiteContext) -> list[MetricRow]:
        r = module.evaluate(ctx.data_dir / self.corpora[0], ctx.limit)
        c, first = self.name, "first N rows"
        return [
            MetricRow(c, "date exact", r.date_exact, n=r.rows, note=first),
            MetricRow(c, "date exact, time_precision 1", r.date_exact_precise, n=r.date_rows_precise),
            MetricRow(c, "date inside interval", r.date_within, n=r.rows),
            MetricRow(
                c,
                "fatalities exact",
                r.fatalities_exact,
                n=r.fatalities_rows,
                note="notes without a coding rule",
            ),
            MetricRow(
                c,
                "fatalities exact, rows with deaths",
                r.fatalities_exact_positive,
                n=r.fatalities_rows_positive,
            ),
            MetricRow(
                c,
                "fatalities exact, coding-rule notes",
                r.fatalities_exact_convention if r.fatalities_rows_convention else None,
                n=r.fatalities_rows_convention,
            ),
            MetricRow(
                c,
                "fatalities mean abs. error",
                r.fatalities_mae,
                n=r.fatalities_rows,
                higher_is_better=False,
                unit="deaths",
            ),
        ]


class ScrapingHub:
    """Mean body token F1 of HTML main-text extraction (181 pages)."""

    name = "scrapinghub"
    corpora = ("scrapinghub-article-extraction-benchmark",)

    def available(self, data_dir: Path) -> str | None:
        path = data_dir / self.corpora[0] / "ground-truth.json"
        return None if path.is_file() else f"{path} not found"

    def run(self, ctx: SuiteContext) -> list[MetricRow]:
        module = _module("dateline.eval.scrapinghub")
        if isinstance(module, str):
            return [MetricRow(self.name, "*", None, status=UNAVAILABLE, note=module)]
        result = module.evaluate(ctx.data_dir / self.corpora[0], ctx.limit)
        n = result.n_pages
        return [
            MetricRow(self.name, "body token F1", result.mean_f1, n=n, note="mean of per-page F1"),
            MetricRow(self.name, "body token precision", result.mean_precision, n=n),
            MetricRow(self.name, "body token recall", result.mean_recall, n=n),
            MetricRow(
                self.name, "benchmark shingle F1", result.benchmark_f1, n=n, note="upstream evaluate.py"
            ),
        ]
