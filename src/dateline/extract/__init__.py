"""Extraction stages: from a parsed article to the entries of a dateline/1 document."""

from __future__ import annotations

from .mentions import MentionStage

__all__ = ["MentionStage"]
