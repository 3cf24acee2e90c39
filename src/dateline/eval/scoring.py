"""Score one ``dateline/1`` document against one ``dateline-gold/1`` file.

Precision = matched extractions / all extractions; recall = matched ``must`` items / all
``must`` items; per section and micro-averaged over the sections the gold file has. The
numbers are those of ``../shared/tools/score.py``; this module adds the evidence: for every
missed ``must`` item the nearest extraction and the constraints it failed, and for every
false positive the text span it came from and the nearest gold item.

>>> gold = {"places": [{"text": "Aleppo", "level": "must", "geonames_id": 170063}]}
>>> doc = {"article": {"text": "In Aleppo."}, "places": [{"text": "Aleppo", "geonames_id": 170063}]}
>>> score_document(gold, doc).micro.f1
1.0
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from .gold import SECTIONS, Json, gold_label

__all__ = ["EvidenceSpan", "FalsePositive", "GoldScore", "Micro", "Miss", "SectionScore", "score_document"]


@dataclass(frozen=True, slots=True)
class EvidenceSpan:
    """Character offsets into ``article.text`` and the text there."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Miss:
    """A ``must`` gold item no extraction matched, with the nearest extraction and what it failed."""

    label: str
    description: str
    nearest: str | None
    failed: tuple[str, ...]
    evidence: tuple[EvidenceSpan, ...]


@dataclass(frozen=True, slots=True)
class FalsePositive:
    """An extraction matching no gold item (of any level), with its evidence and the nearest gold."""

    label: str
    evidence: tuple[EvidenceSpan, ...]
    nearest_gold: str | None
    failed: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SectionScore:
    section: str
    recall: float
    precision: float
    f1: float
    must_found: int
    must: int
    predicted: int
    matched_predicted: int
    missed: tuple[str, ...]
    misses: tuple[Miss, ...]
    false_positives: tuple[FalsePositive, ...]


@dataclass(frozen=True, slots=True)
class Micro:
    recall: float
    precision: float
    f1: float


@dataclass(frozen=True, slots=True)
class GoldScore:
    """The score of one document: sections in SPEC order, then the micro average."""

    sections: tuple[SectionScore, ...]
    micro: Micro

    def to_json(self) -> dict[str, Any]:
        """The reference scorer's JSON (same keys and numbers) plus ``f1``, misses and false positives."""
        out: dict[str, Any] = {s.section: asdict(s) for s in self.sections}
        for section in out.values():
            del section["section"]
        out["micro"] = asdict(self.micro)
        return json.loads(json.dumps(out))  # tuples become lists, as in the reference scorer


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _span(text: str, start: Any, end: Any) -> EvidenceSpan | None:
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start <= end <= len(text):
        return None
    return EvidenceSpan(start, end, text[start:end])


def _evidence(section: str, item: Json, text: str) -> tuple[EvidenceSpan, ...]:
    """Where an extraction came from: event evidence/trigger, item offsets, mentions or time span."""
    pairs: list[tuple[Any, Any]] = []
    if section == "events":
        pairs = [(e.get("start"), e.get("end")) for e in item.get("evidence") or []]
        if not pairs and item.get("trigger"):
            pairs = [(item["trigger"].get("start"), item["trigger"].get("end"))]
    elif section in ("figures", "quotes"):
        pairs = [(item.get("start"), item.get("end"))]
    elif section in ("places", "actors"):
        pairs = [(m.get("start"), m.get("end")) for m in (item.get("mentions") or [])[:1]]
    elif section == "times":
        span = item.get("span") or item
        pairs = [(span.get("start"), span.get("end"))]
    return tuple(s for s in (_span(text, a, b) for a, b in pairs) if s)


def _pred_label(section: str, item: Json) -> str:
    key = {"events": "summary", "places": "text", "actors": "name"}.get(section, "text")
    name = item.get(key) or item.get("text") or item.get("name") or ""
    if section == "events":
        kind = (item.get("acled") or {}).get("sub_event_type") or (item.get("plover") or {}).get("type")
        name = f"{kind or item.get('category')}: {name}"
    elif section == "figures":
        name = f"{item.get('kind')} {item.get('value')}: {name}"
    ident = item.get("id")
    return f"{ident} {name}".strip() if ident else str(name)


def _gold_evidence(g: Json, text: str) -> tuple[EvidenceSpan, ...]:
    """The first occurrence of a gold item's ``text`` in the article (places and times have one)."""
    needle = g.get("text")
    if not needle or not text:
        return ()
    start = text.lower().find(str(needle).lower())
    return () if start < 0 else (EvidenceSpan(start, start + len(needle), text[start : start + len(needle)]),)


_IDENTITY = {"figures": "kind", "quotes": "speaker", "places": "text", "actors": "any", "times": "text"}
"""The constraint that says *which* item it is; failing it weighs more than failing the others."""


def _describe(section: str, g: Json) -> str:
    """A gold item in words: its ``what`` when given, else its main constraints."""
    if g.get("what"):
        return str(g["what"])
    if section == "figures":
        amount = g.get("value", f"{g.get('low', '?')}-{g.get('high', '?')}")
        return f"{'/'.join(g['kind'])} {amount} {g.get('unit') or ''}".strip()
    if section == "quotes":
        return f'{"/".join(g["speaker"])}: "{g["starts_with"]}..."'
    if section == "actors":
        extra = [g.get("country"), "/".join(g.get("kind") or [])]
        return f"{'/'.join(g['any'])} ({', '.join(x for x in extra if x)})"
    if section == "times":
        return f"{g['text']} = {g['start']}..{g['end']}"
    if section == "places":
        return (
            f"{g['text']} (GeoNames {g['geonames_id']})"
            if "geonames_id" in g
            else f"{g['text']} near {g['near']}"
        )
    return gold_label(g)


def _nearest(section: str, failures: list[list[str]]) -> int | None:
    """Index of the candidate failing the fewest constraints (identity weighs 10; the first on ties)."""
    if not failures:
        return None
    identity = _IDENTITY.get(section)
    return min(range(len(failures)), key=lambda i: len(failures[i]) + 9 * (identity in failures[i]))


def _score_section(section: str, golds: list[Json], preds: list[Json], doc: Json) -> SectionScore:
    match = SECTIONS[section]
    text = (doc.get("article") or {}).get("text") or ""
    table = [[match(doc, p, g) for g in golds] for p in preds]  # table[pred][gold] = failed constraints
    must = [j for j, g in enumerate(golds) if g.get("level") == "must"]
    found = [j for j in must if any(not row[j] for row in table)]
    matched_preds = [i for i, row in enumerate(table) if any(not cell for cell in row)]
    misses = []
    for j in (j for j in must if j not in found):
        column = [row[j] for row in table]
        near = _nearest(section, column)
        misses.append(
            Miss(
                label=gold_label(golds[j]),
                description=_describe(section, golds[j]),
                nearest=None if near is None else _pred_label(section, preds[near]),
                failed=() if near is None else tuple(column[near]),
                evidence=_gold_evidence(golds[j], text),
            )
        )
    false_positives = []
    for i in (i for i in range(len(preds)) if i not in matched_preds):
        near = _nearest(section, table[i])
        false_positives.append(
            FalsePositive(
                label=_pred_label(section, preds[i]),
                evidence=_evidence(section, preds[i], text),
                nearest_gold=None if near is None else gold_label(golds[near]),
                failed=() if near is None else tuple(table[i][near]),
            )
        )
    recall = len(found) / len(must) if must else 1.0
    precision = len(matched_preds) / len(preds) if preds else 0.0
    return SectionScore(
        section=section,
        recall=recall,
        precision=precision,
        f1=_f1(precision, recall),
        must_found=len(found),
        must=len(must),
        predicted=len(preds),
        matched_predicted=len(matched_preds),
        missed=tuple(m.label for m in misses),
        misses=tuple(misses),
        false_positives=tuple(false_positives),
    )


def score_document(gold: Json, doc: Json) -> GoldScore:
    """Score the JSON form of a ``dateline/1`` document against a gold file's content."""
    sections = tuple(
        _score_section(section, gold[section], list(doc.get(section) or []), doc)
        for section in SECTIONS
        if gold.get(section)
    )
    must = sum(s.must for s in sections)
    predicted = sum(s.predicted for s in sections)
    recall = sum(s.must_found for s in sections) / must if must else 0.0
    precision = sum(s.matched_predicted for s in sections) / predicted if predicted else 0.0
    return GoldScore(
        sections=sections, micro=Micro(recall=recall, precision=precision, f1=_f1(precision, recall))
    )
