"""Merge thresholds and compatibility tables, read from ``data/merge/merge.toml``."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, fields, replace
from functools import cache
from importlib import resources
from typing import Any

from ..errors import ConfigError

__all__ = ["MergeParams", "default_params"]


@dataclass(frozen=True, slots=True)
class MergeParams:
    """Everything that decides whether two reports describe one event.

    ``radius_km`` maps place precision to how far it reaches (for places of different precision),
    ``same_place_km`` to how far apart two places of that precision may be and still be one;
    ``time_tolerance_days`` widens intervals by precision; ``compatible`` lists sets of
    interchangeable types per level (``acled_sub_event_type``, ``acled_event_type``, ``category``).
    """

    radius_km: dict[str, float]
    same_place_km: dict[str, float]
    time_tolerance_days: dict[str, int]
    undated_window_days: int
    max_interval_days: int
    modality_groups: dict[str, str]
    compatible: dict[str, tuple[frozenset[str], ...]]
    generic_words: frozenset[str]
    actor_match_required_for: frozenset[str] = frozenset()

    def with_overrides(self, assignments: dict[str, str]) -> MergeParams:
        """Apply ``{"radius_km.city": "10", "undated_window_days": "5"}``-style overrides."""
        params = self
        for key, raw in assignments.items():
            head, _, sub = key.partition(".")
            if head in ("radius_km", "same_place_km", "time_tolerance_days") and sub:
                table = dict(getattr(params, head))
                if sub not in table:
                    raise ConfigError(f"unknown merge setting {key!r}; known: {', '.join(table)}")
                table[sub] = _number(key, raw, int if head == "time_tolerance_days" else float)
                params = replace(params, **{head: table})
            elif head in ("undated_window_days", "max_interval_days") and not sub:
                params = replace(params, **{head: _number(key, raw, int)})
            else:
                raise ConfigError(
                    f"unknown merge setting {key!r} (use radius_km.<precision>, same_place_km.<precision>, "
                    "time_tolerance_days.<precision>, undated_window_days or max_interval_days)"
                )
        return params

    def to_json(self) -> str:
        """A canonical JSON text of the parameters (stored with the clusters)."""
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "compatible":
                value = {k: [sorted(group) for group in v] for k, v in value.items()}
            elif isinstance(value, frozenset):
                value = sorted(value)
            data[f.name] = value
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> MergeParams:
        data = json.loads(text)
        data["compatible"] = {k: tuple(frozenset(g) for g in v) for k, v in data["compatible"].items()}
        data["generic_words"] = frozenset(data["generic_words"])
        data["actor_match_required_for"] = frozenset(data.get("actor_match_required_for", ()))
        return cls(**data)


def _number(key: str, raw: str, kind: type) -> Any:
    try:
        value = kind(raw)
    except ValueError as exc:
        raise ConfigError(f"merge setting {key} needs a number, got {raw!r}") from exc
    if value < 0:
        raise ConfigError(f"merge setting {key} must not be negative")
    return value


@cache
def default_params() -> MergeParams:
    """The packaged defaults."""
    text = resources.files("dateline").joinpath("data/merge/merge.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return MergeParams(
        radius_km={k: float(v) for k, v in data["radius_km"].items()},
        same_place_km={k: float(v) for k, v in data["same_place_km"].items()},
        time_tolerance_days={k: int(v) for k, v in data["time_tolerance_days"].items()},
        undated_window_days=int(data["settings"]["undated_window_days"]),
        max_interval_days=int(data["settings"]["max_interval_days"]),
        modality_groups=dict(data["modality_groups"]),
        compatible={k: tuple(frozenset(g) for g in v) for k, v in data["compatible"].items()},
        generic_words=frozenset(data["actors"]["generic_words"]),
        actor_match_required_for=frozenset(data["settings"].get("actor_match_required_for", ())),
    )
