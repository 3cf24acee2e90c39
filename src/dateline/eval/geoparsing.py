"""Geocoding and event-location accuracy on public gold corpora (read at eval time only).

Corpora (``../shared/data/geoparsing-gritta``, see its PROVENANCE.md): GeoWebNews, TR-News,
LGL, GeoVirus. Each gold toponym span (with gold coordinates) is resolved in the context of
its whole article: the article goes through spaCy, the mentions stage and the
:class:`~dateline.resolve.geo.stage.PlaceStage`, with the gold spans given as the place
mentions (the NER's other places stay as context). Reported per corpus: accuracy@161 km
(a toponym left unresolved counts as wrong, 20,039 km), median and mean error in km, and
the GeoNames-id match rate where the gold has ids. This is the "resolution given gold
toponyms" setting of Gritta et al. (2019), also used by Mordecai 3. Place *detection* is
scored too, from a second run of the place stage without the gold spans: mention precision
(found place mentions that overlap a gold toponym) and recall (gold toponyms overlapped by a
found mention). The corpora annotate toponyms in their own ways (GeoWebNews also tags
demonyms and some organisations and venues), so read these as relative numbers.

Event location (``../shared/data/event-location-halterman``, the adjudicated ``RELABEL``
rows): each sentence is processed alone; :func:`~dateline.resolve.geo.location.locate_event`
(no article fallback) picks a place for the VERB span. A row with gold LOCATION spans is
right when the chosen mention overlaps one; a row without is right when none is chosen.

Usage::

    python -m dateline.eval.geoparsing [--limit N] [--corpus gwn trnews lgl geovirus events] [--json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = [
    "CORPORA",
    "GeoResult",
    "GoldArticle",
    "GoldToponym",
    "evaluate_corpus",
    "evaluate_events",
    "main",
    "read_corpus",
]

log = logging.getLogger(__name__)

_REPO_ROOT = Path(__file__).resolve().parents[3]
DATA_DIR = _REPO_ROOT / ".." / "shared" / "data"
GEO_DIR = DATA_DIR / "geoparsing-gritta"
EVENTS_FILE = DATA_DIR / "event-location-halterman" / "event_location_labeled.jsonl"
CORPORA = {
    "gwn": "GeoWebNews_GWN.xml",
    "trnews": "TR-News.xml",
    "lgl": "LGL_lgl.xml",
    "geovirus": "GeoVirus.xml",
}
UNRESOLVED_KM = 20039.0
ACC_KM = 161.0


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float
    lon: float
    geonames_id: int | None = None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass
class GeoResult:
    """Scores of one corpus."""

    corpus: str
    articles: int = 0
    toponyms: int = 0
    misaligned: int = 0
    resolved: int = 0
    acc161: float = 0.0
    median_km: float = 0.0
    mean_km: float = 0.0
    id_total: int = 0
    id_match: float = 0.0
    mentions_found: int = 0
    mentions_right: int = 0
    gold_found: int = 0
    seconds: float = 0.0
    errors: list[float] = field(default_factory=list, repr=False)

    @property
    def mention_precision(self) -> float | None:
        return self.mentions_right / self.mentions_found if self.mentions_found else None

    @property
    def mention_recall(self) -> float | None:
        return self.gold_found / self.toponyms if self.toponyms else None

    def summary(self) -> str:
        return (
            f"{self.corpus:9s} articles {self.articles:4d}  toponyms {self.toponyms:5d}  "
            f"resolved {self.resolved / max(self.toponyms, 1):.3f}  acc@161 {self.acc161:.3f}  "
            f"median {self.median_km:8.1f} km  mean {self.mean_km:8.1f} km  "
            f"id-match {self.id_match:.3f} (of {self.id_total})  "
            f"mentions P {self.mention_precision or 0:.3f} R {self.mention_recall or 0:.3f}  "
            f"{self.seconds:.0f} s"
        )


def _float(node: ET.Element | None, tag: str) -> float | None:
    value = node.findtext(tag) if node is not None else None
    return float(value) if value not in (None, "") else None


def read_corpus(name: str, path: Path) -> Iterator[GoldArticle]:
    """Gold articles of one corpus file (GWN, TR-News/LGL, GeoVirus schemas)."""
    root = ET.parse(path).getroot()
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        if name == "geovirus":
            for loc in article.iter("location"):
                lat, lon = _float(loc, "lat"), _float(loc, "lon")
                if lat is not None and lon is not None:
                    start, end = int(loc.findtext("start") or 0), int(loc.findtext("end") or 0)
                    toponyms.append(GoldToponym(start, end, loc.findtext("name") or "", lat, lon))
        elif name == "gwn":
            for top in article.iter("toponym"):
                lat, lon = _float(top, "latitude"), _float(top, "longitude")
                if lat is not None and lon is not None:
                    gid = top.findtext("geonamesID")
                    toponyms.append(GoldToponym(
                        int(top.findtext("start") or 0), int(top.findtext("end") or 0),
                        top.findtext("extractedName") or "", lat, lon, int(gid) if gid else None,
                    ))  # fmt: skip
        else:
            for top in article.iter("toponym"):
                tag = top.find("gaztag")
                lat, lon = _float(tag, "lat"), _float(tag, "lon")
                if tag is not None and lat is not None and lon is not None:
                    gid = tag.get("geonameid")
                    toponyms.append(GoldToponym(
                        int(top.findtext("start") or 0), int(top.findtext("end") or 0),
                        top.findtext("phrase") or "", lat, lon, int(gid) if gid else None,
                    ))  # fmt: skip
        yield GoldArticle(text, tuple(toponyms))


def _align(text: str, top: GoldToponym, slack: int = 5) -> GoldToponym | None:
    """The toponym with offsets that point at its text (some corpora are off by a character or two)."""
    if text[top.start : top.end].casefold() == top.text.casefold():
        return top
    window = text[max(0, top.start - slack) : top.end + slack].casefold()
    if (i := window.find(top.text.casefold())) < 0:
        return None
    start = max(0, top.start - slack) + i
    return GoldToponym(start, start + len(top.text), top.text, top.lat, top.lon, top.geonames_id)


def _pipeline():  # noqa: ANN202 - heavy types imported lazily
    from dateline.extract import MentionStage  # noqa: PLC0415
    from dateline.nlp import load_nlp  # noqa: PLC0415
    from dateline.pipeline import Pipeline  # noqa: PLC0415
    from dateline.resolve.geo.stage import PlaceStage  # noqa: PLC0415
    from dateline.settings import Settings  # noqa: PLC0415

    settings = Settings()
    return Pipeline(nlp=load_nlp(settings.model), stages=[MentionStage(), PlaceStage(settings=settings)],
                    settings=settings)  # fmt: skip


def _article(text: str):  # noqa: ANN202
    from dateline.schema import Article  # noqa: PLC0415

    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    return Article(id=digest, content_hash=digest, text=text)


def _with_gold_places(document, gold: Sequence[GoldToponym]):  # noqa: ANN001, ANN202
    """The document with the gold spans as its place mentions (other NER places kept as context)."""
    from dataclasses import replace  # noqa: PLC0415

    from dateline.schema import Place, Span  # noqa: PLC0415

    groups: dict[str, list[GoldToponym]] = {}
    for top in gold:
        groups.setdefault(top.text.casefold(), []).append(top)
    spans = [(t.start, t.end) for t in gold]
    places = [
        Place(id=f"g{i}", text=tops[0].text, label="GOLD", mentions=tuple(Span(t.start, t.end) for t in tops))
        for i, tops in enumerate(groups.values())
    ]
    for place in document.places:
        kept = tuple(m for m in place.mentions if not any(m.start < e and s < m.end for s, e in spans))
        if kept:
            places.append(replace(place, mentions=kept))
    return replace(document, places=tuple(places))


def evaluate_corpus(name: str, path: Path, limit: int | None = None, pipeline=None) -> GeoResult:  # noqa: ANN001
    """Resolve the gold toponyms of one corpus; accuracy@161 km, median/mean error, id match."""
    from dateline.resolve.geo.store import haversine_km  # noqa: PLC0415

    pipeline = pipeline or _pipeline()
    mention_stage, place_stage = pipeline.stages
    result = GeoResult(corpus=name)
    started = time.perf_counter()
    id_hits = 0
    for number, gold_article in enumerate(read_corpus(name, path)):
        if limit is not None and number >= limit:
            break
        result.articles += 1
        text = gold_article.text
        aligned = [a for t in gold_article.toponyms if (a := _align(text, t)) is not None]
        result.misaligned += len(gold_article.toponyms) - len(aligned)
        if not aligned:
            continue
        parsed = pipeline.nlp(text)
        document = mention_stage(_empty(text), parsed)
        _score_detection(result, place_stage(document, parsed), aligned)
        document = place_stage(_with_gold_places(document, aligned), parsed)
        where = {(m.start, m.end): p for p in document.places for m in p.mentions}
        for top in aligned:
            result.toponyms += 1
            place = where.get((top.start, top.end))
            if place is None or place.lat is None or place.lon is None:
                result.errors.append(UNRESOLVED_KM)
            else:
                result.resolved += 1
                result.errors.append(haversine_km(top.lat, top.lon, place.lat, place.lon))
            if top.geonames_id:
                result.id_total += 1
                id_hits += bool(place is not None and place.geonames_id == top.geonames_id)
    if result.errors:
        result.acc161 = sum(e <= ACC_KM for e in result.errors) / len(result.errors)
        result.median_km = statistics.median(result.errors)
        result.mean_km = statistics.fmean(result.errors)
    result.id_match = id_hits / result.id_total if result.id_total else 0.0
    result.seconds = time.perf_counter() - started
    return result


def _score_detection(result: GeoResult, document, gold: Sequence[GoldToponym]) -> None:  # noqa: ANN001
    """Count the place mentions found without the gold spans against the gold toponyms."""
    found = [(m.start, m.end) for p in document.places for m in p.mentions]
    spans = [(t.start, t.end) for t in gold]
    result.mentions_found += len(found)
    result.mentions_right += sum(any(s < ge and gs < e for gs, ge in spans) for s, e in found)
    result.gold_found += sum(any(s < ge and gs < e for s, e in found) for gs, ge in spans)


def _empty(text: str):  # noqa: ANN202
    from dateline.schema import Document  # noqa: PLC0415

    return Document(article=_article(text))


@dataclass
class EventResult:
    """Event-location scores on the RELABEL rows."""

    rows: int = 0
    with_location: int = 0
    correct_located: int = 0
    without_location: int = 0
    correct_none: int = 0
    seconds: float = 0.0

    @property
    def accuracy(self) -> float:
        return (self.correct_located + self.correct_none) / max(self.rows, 1)

    def summary(self) -> str:
        return (
            f"events    rows {self.rows}  accuracy {self.accuracy:.3f}  "
            f"with gold location {self.correct_located}/{self.with_location} "
            f"= {self.correct_located / max(self.with_location, 1):.3f}  "
            f"without: none chosen {self.correct_none}/{self.without_location}  {self.seconds:.0f} s"
        )


def _find(text: str, needle: str, near: int) -> tuple[int, int] | None:
    """The occurrence of ``needle`` in ``text`` closest to offset ``near``."""
    starts, i = [], text.find(needle)
    while i >= 0:
        starts.append(i)
        i = text.find(needle, i + 1)
    if not starts:
        return None
    best = min(starts, key=lambda s: abs(s - near))
    return best, best + len(needle)


def evaluate_events(path: Path = EVENTS_FILE, limit: int | None = None, pipeline=None) -> EventResult:  # noqa: ANN001
    """Event-location accuracy on the adjudicated RELABEL rows (see the module doc)."""
    from dateline.resolve.geo.location import locate_event  # noqa: PLC0415

    pipeline = pipeline or _pipeline()
    result = EventResult()
    started = time.perf_counter()
    with open(path, encoding="utf-8") as handle:
        rows = [r for line in handle if (r := json.loads(line)).get("source") == "RELABEL"]
    for row in rows:
        if limit is not None and result.rows >= limit:
            break
        text = row["text"]
        verbs = [s for s in row["spans"] if s["label"] == "VERB"]
        if not verbs:
            continue
        verb = verbs[0]
        trigger = _find(text, verb.get("token_text") or verb.get("text") or "", verb["start"])
        if trigger is None:
            continue
        gold = [
            found for s in row["spans"] if s["label"] == "LOCATION"
            if (found := _find(text, s.get("token_text") or "", s["start"])) is not None
        ]  # fmt: skip
        result.rows += 1
        parsed = pipeline.nlp(text)
        document = pipeline.stages[1](pipeline.stages[0](_empty(text), parsed), parsed)
        choice = locate_event(document, parsed, 0, len(text), trigger=trigger, fallback=False)
        span = choice.mention if choice else None
        if gold:
            result.with_location += 1
            result.correct_located += bool(span and any(span[0] < e and s < span[1] for s, e in gold))
        else:
            result.without_location += 1
            result.correct_none += choice is None
    result.seconds = time.perf_counter() - started
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m dateline.eval.geoparsing", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--limit", type=int, help="at most N articles per corpus (N rows for events)")
    parser.add_argument("--corpus", nargs="+", choices=[*CORPORA, "events"], default=[*CORPORA, "events"])
    parser.add_argument("--json", action="store_true", help="JSON instead of a table")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    pipeline = _pipeline()
    out: dict[str, object] = {}
    for name in args.corpus:
        if name == "events":
            if not EVENTS_FILE.is_file():
                sys.stderr.write(f"not found: {EVENTS_FILE}\n")
                return 2
            events = evaluate_events(limit=args.limit, pipeline=pipeline)
            out[name] = {**asdict(events), "accuracy": events.accuracy}
            if not args.json:
                sys.stdout.write(events.summary() + "\n")
            continue
        path = GEO_DIR / CORPORA[name]
        if not path.is_file():
            sys.stderr.write(f"not found: {path}\n")
            return 2
        result = evaluate_corpus(name, path, args.limit, pipeline)
        out[name] = {k: v for k, v in asdict(result).items() if k != "errors"} | {
            "mention_precision": result.mention_precision,
            "mention_recall": result.mention_recall,
        }
        if not args.json:
            sys.stdout.write(result.summary() + "\n")
    if args.json:
        sys.stdout.write(json.dumps(out, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
