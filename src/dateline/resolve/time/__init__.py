"""Time expressions to calendar intervals, and times attached to events, figures and quotes.

* :class:`TimeStage` resolves ``document.times`` (anchor: publication date or caption date).
* :func:`time_for_span` gives any span (an event trigger, a figure, a quote) its time through
  the dependency parse, recording the rule used.
* :func:`resolve_expression` is the pure text -> interval resolver underneath.

Conventions (weeks, seasons, parts of a period) are in ``data/time/conventions.toml`` and
documented in docs/time.md.
"""

from __future__ import annotations

from .attach import AttachRule, TimeAttachment, time_for_span
from .calendar import Direction
from .grammar import ExpressionKind, Resolution, resolve_expression
from .stage import TimeStage
from .tense import clause_direction

__all__ = [
    "AttachRule",
    "Direction",
    "ExpressionKind",
    "Resolution",
    "TimeAttachment",
    "TimeStage",
    "clause_direction",
    "resolve_expression",
    "time_for_span",
]
