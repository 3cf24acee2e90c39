"""The ``dateline-gold/1`` format and its matching rules (SPEC.md, "Gold files and matching").

A gold file lists expected ``events``, ``figures``, ``quotes``, ``places``, ``actors`` and
``times``, each with a ``level`` (``must`` items make the headline recall; ``should``/``may``
items are correct too, so an extraction matching them is not a false positive).

Predictions are scored in their JSON form (``document_to_dict`` or ``dateline extract``
output), exactly as ``../shared/tools/score.py`` scores them. Every rule is written as a
list of named constraints so that a miss can say which constraint its nearest candidate
failed: an item matches when that list is empty.

>>> failed = event_failures({}, {"category": "conflict"}, {"category": ["protest"]})
>>> failed
['category']
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import GoldFormatError

__all__ = [
    "GOLD_FORMAT",
    "LEVELS",
    "SECTIONS",
    "Json",
    "actor_failures",
    "event_failures",
    "figure_failures",
    "gold_label",
    "load_gold",
    "load_prediction",
    "place_failures",
    "quote_failures",
    "time_failures",
]

GOLD_FORMAT = "dateline-gold/1"
LEVELS = ("must", "should", "may")
Json = dict[str, Any]
_REQUIRED = {
    "events": (),
    "figures": ("kind",),
    "quotes": ("speaker", "starts_with"),
    "places": ("text",),
    "actors": ("any",),
    "times": ("text", "start", "end"),
}


# --- text and date helpers (the reference scorer's conventions) ---------------------------


def _low(text: object) -> str:
    return str(text).lower() if text else ""


@lru_cache(maxsize=4096)
def _needle(needle: str) -> re.Pattern[str]:
    """A needle matches at letter boundaries: ``rebel`` matches "rebels'" but not "Trebel"."""
    return re.compile(r"(?<![a-z])" + re.escape(needle.lower()) + r"(?![a-z])")


def contains_any(texts: list[Any], needles: list[str]) -> bool:
    """True when some text contains one of ``needles`` (case-insensitive, letter-bounded)."""
    lowered = [_low(t) for t in texts if t]
    return any(_needle(str(n)).search(t) for n in needles for t in lowered)


def _date(value: object) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _actor_names(actor: Mapping[str, Any]) -> list[Any]:
    return [actor.get("name"), actor.get("canonical"), *(actor.get("aliases") or [])]


def _resolve_actor(doc: Json, actor: Mapping[str, Any]) -> Json:
    """An event/quote actor merged over the document-level actor it points to."""
    ref = {a.get("id"): a for a in doc.get("actors") or []}.get(actor.get("actor_id"))
    return {**(ref or {}), **{k: v for k, v in actor.items() if v is not None}}


def _time_within(time: Mapping[str, Any] | None, window: list[str], tolerance: int = 0) -> bool:
    if not time or not time.get("start"):
        return False
    low, high = _date(window[0]), _date(window[1])
    start, end = _date(time["start"]), _date(time.get("end") or time["start"])
    if low is None or high is None or start is None or end is None:
        return False
    return low - timedelta(days=tolerance) <= start and end <= high + timedelta(days=tolerance)


def _sources_match(doc: Json, attribution: list[Json] | None, needles: list[str]) -> bool:
    names: list[Any] = []
    for claim in attribution or []:
        names += [claim.get("source"), claim.get("via")]
        if claim.get("actor_id"):
            names += _actor_names(_resolve_actor(doc, {"actor_id": claim["actor_id"]}))
    return contains_any(names, needles)


def _event_of(doc: Json, item: Mapping[str, Any]) -> Json | None:
    return next((e for e in doc.get("events") or [] if e.get("id") == item.get("event_id")), None)


def _geonames_id(thing: Mapping[str, Any] | None) -> Any:
    return (thing or {}).get("geonames_id")


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points, with the reference scorer's earth
    radius (6371 km) so that distance thresholds decide exactly as ../shared/tools/score.py does."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(min(1.0, h)))


# --- matching rules: each returns the names of the constraints that fail ------------------


def event_failures(doc: Json, ev: Json, g: Json) -> list[str]:
    """Constraints of gold event ``g`` that extracted event ``ev`` fails."""
    failed: list[str] = []
    acled = ev.get("acled") or {}
    for key, value in (
        ("category", ev.get("category")),
        ("plover", (ev.get("plover") or {}).get("type")),
        ("acled_event_type", acled.get("event_type")),
        ("acled_sub_event_type", acled.get("sub_event_type")),
    ):
        if key in g and value not in g[key]:
            failed.append(key)
    actors = [_resolve_actor(doc, a) for a in ev.get("actors") or []]
    for i, need in enumerate(g.get("actors", [])):
        if not any(
            contains_any(_actor_names(a), need["any"])
            and ("country" not in need or a.get("country") == need["country"])
            for a in actors
        ):
            failed.append(f"actors[{i}]:{'/'.join(need['any'][:2])}")
    if "location" in g and _geonames_id(ev.get("location")) not in g["location"]:
        failed.append("location")
    if "time_within" in g and not _time_within(ev.get("time"), g["time_within"]):
        failed.append("time_within")
    if "source" in g and not _sources_match(doc, ev.get("attribution"), g["source"]):
        failed.append("source")
    if "modality" in g and ev.get("modality") not in g["modality"]:
        failed.append("modality")
    return failed


def _value_fails(f: Json, g: Json) -> bool:
    for key in ("value", "low", "high"):
        if key in g and f.get(key) != g[key]:
            # a range gold matches a figure giving the same bounds
            if not (key == "value" and f.get("low") == g[key] and f.get("high") in (None, g[key])):
                return True
    return False


def figure_failures(doc: Json, f: Json, g: Json) -> list[str]:
    """Constraints of gold figure ``g`` that figure ``f`` fails (source/location inherit its event's)."""
    failed: list[str] = []
    if f.get("kind") not in g["kind"]:
        failed.append("kind")
    if _value_fails(f, g):
        failed.append("value")
    if "qualifier" in g and f.get("qualifier") not in g["qualifier"]:
        failed.append("qualifier")
    if "hedged" in g and bool(f.get("hedged")) != g["hedged"]:
        failed.append("hedged")
    subject = f.get("subject") or {}
    if "subject_any" in g and not contains_any([subject.get("text"), subject.get("kind")], g["subject_any"]):
        failed.append("subject_any")
    event = _event_of(doc, f)
    if "source" in g and not _sources_match(doc, f.get("attribution"), g["source"]):
        if not (event and _sources_match(doc, event.get("attribution"), g["source"])):
            failed.append("source")
    if "location" in g and _geonames_id(f.get("location")) not in g["location"]:
        if not (event and _geonames_id(event.get("location")) in g["location"]):
            failed.append("location")
    if "time_within" in g and not _time_within(f.get("time"), g["time_within"], 1):
        failed.append("time_within")
    return failed


def _norm_quote(text: object) -> str:
    return re.sub(r"[\"'“”‘’\s]+", " ", _low(text)).strip()


def quote_failures(doc: Json, q: Json, g: Json) -> list[str]:
    """Speaker (name or speaker actor) and opening words of gold quote ``g``."""
    speaker = (
        _resolve_actor(doc, {"actor_id": q.get("speaker_actor_id")}) if q.get("speaker_actor_id") else {}
    )
    failed = [] if contains_any([q.get("speaker"), *_actor_names(speaker)], g["speaker"]) else ["speaker"]
    if not _norm_quote(q.get("text")).startswith(_norm_quote(g["starts_with"])):
        failed.append("starts_with")
    return failed


def place_failures(doc: Json, p: Json, g: Json) -> list[str]:
    """Text, then GeoNames id or distance to ``near`` within ``max_km``."""
    del doc
    if _low(g["text"]) not in _low(p.get("text")) and _low(g["text"]) not in _low(p.get("name")):
        return ["text"]
    if "geonames_id" in g:
        return [] if p.get("geonames_id") == g["geonames_id"] else ["geonames_id"]
    if p.get("lat") is None or p.get("lon") is None:
        return ["coordinates"]
    return [] if km((p["lat"], p["lon"]), g["near"]) <= g["max_km"] else ["max_km"]


def actor_failures(doc: Json, a: Json, g: Json) -> list[str]:
    """Name (any of), country (ISO3) and kind."""
    del doc
    failed = [] if contains_any(_actor_names(a), g["any"]) else ["any"]
    if "country" in g and a.get("country") != g["country"]:
        failed.append("country")
    if "kind" in g and a.get("kind") not in g["kind"]:
        failed.append("kind")
    return failed


def time_failures(doc: Json, t: Json, g: Json) -> list[str]:
    """Text, then start and end within ``tolerance_days`` (default 0)."""
    del doc
    if _low(g["text"]) not in _low(t.get("text")):
        return ["text"]
    tolerance = timedelta(days=g.get("tolerance_days", 0))
    start, end = _date(t.get("start")), _date(t.get("end") or t.get("start"))
    gold_start, gold_end = _date(g["start"]), _date(g["end"])
    if not start or not end or not gold_start or not gold_end:
        return ["start"]
    failed = [] if abs(start - gold_start) <= tolerance else ["start"]
    return failed + ([] if abs(end - gold_end) <= tolerance else ["end"])


Matcher = Callable[[Json, Json, Json], list[str]]
SECTIONS: dict[str, Matcher] = {
    "events": event_failures,
    "figures": figure_failures,
    "quotes": quote_failures,
    "places": place_failures,
    "actors": actor_failures,
    "times": time_failures,
}
"""Gold sections in scoring order, each with its matching rule."""


def gold_label(g: Json) -> str:
    """How a gold item is named in reports: its id, text, or its ``any`` names."""
    return str(g.get("id") or g.get("text") or "/".join(g.get("any", [])))


# --- loading --------------------------------------------------------------------------------


def _check_gold(gold: Any, source: str) -> Json:
    if not isinstance(gold, dict):
        raise GoldFormatError("a gold file is a JSON object", source=source)
    if gold.get("gold") not in (None, GOLD_FORMAT):
        raise GoldFormatError(
            f"unsupported gold format {gold.get('gold')!r} (expected {GOLD_FORMAT})", source=source
        )
    for section, required in _REQUIRED.items():
        items = gold.get(section) or []
        if not isinstance(items, list):
            raise GoldFormatError(f"{section!r} must be a list", source=source)
        for i, item in enumerate(items):
            missing = [k for k in required if k not in item] if isinstance(item, dict) else ["(object)"]
            if missing:
                raise GoldFormatError(f"{section}[{i}] lacks {', '.join(missing)}", source=source)
            if item.get("level") not in LEVELS:
                raise GoldFormatError(
                    f"{section}[{i}] level must be one of {', '.join(LEVELS)}", source=source
                )
    return gold


def load_gold(path: str | Path) -> Json:
    """Read and check a ``dateline-gold/1`` file; raise GoldFormatError when it is not one."""
    path = Path(path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldFormatError(f"cannot read gold file: {exc.strerror or exc}", source=str(path)) from exc
    except json.JSONDecodeError as exc:
        raise GoldFormatError(f"not JSON: {exc}", source=str(path)) from exc
    return _check_gold(gold, str(path))


def load_prediction(path: str | Path) -> Json:
    """The first ``dateline/1`` document of a JSON or JSON Lines file (as the reference scorer reads it)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8").strip()
        doc, _ = json.JSONDecoder().raw_decode(text[1:].lstrip() if text.startswith("[") else text)
    except OSError as exc:
        raise GoldFormatError(f"cannot read prediction: {exc.strerror or exc}", source=str(path)) from exc
    except json.JSONDecodeError as exc:
        raise GoldFormatError(f"prediction is not JSON: {exc}", source=str(path)) from exc
    if not isinstance(doc, dict) or "article" not in doc:
        raise GoldFormatError("prediction is not a dateline/1 document", source=str(path))
    return doc
