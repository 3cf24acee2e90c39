"""Page furniture in plain text: tail markers, junk lines, caption prefixes, dash artefacts."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["Boilerplate", "boilerplate"]

_LEADING_DASHES = re.compile(r"^(?:[—–-]{1,3}\s*)+(?=\S)")


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Compiled patterns from ``data/ingest/boilerplate.toml``."""

    tail: re.Pattern[str]
    junk: re.Pattern[str]
    caption: re.Pattern[str]

    def is_tail_marker(self, line: str) -> bool:
        return bool(self.tail.fullmatch(line.strip()))

    def is_junk(self, line: str) -> bool:
        return bool(self.junk.fullmatch(line.strip()))

    def caption_text(self, line: str) -> str | None:
        """The caption of a ``PHOTO: ...`` line, or None."""
        match = self.caption.match(line.strip())
        return match.group("caption").strip() if match else None

    @staticmethod
    def strip_artefacts(paragraph: str) -> str:
        """Drop leading dash runs such as ``— --`` left by copy-paste from web pages."""
        return _LEADING_DASHES.sub("", paragraph).strip()


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@cache
def boilerplate() -> Boilerplate:
    """The packaged boilerplate patterns (loaded once)."""
    raw = resources.files("dateline.data.ingest").joinpath("boilerplate.toml").read_text("utf-8")
    cfg = tomllib.loads(raw)
    prefixes = _alternation([re.escape(p) for p in cfg["caption_prefixes"]])
    return Boilerplate(
        tail=re.compile(_alternation(cfg["tail_markers"]), re.IGNORECASE),
        junk=re.compile(_alternation(cfg["junk_lines"]), re.IGNORECASE),
        caption=re.compile(rf"^(?:{prefixes})\s*:\s*(?P<caption>\S.*)$", re.IGNORECASE),
    )
