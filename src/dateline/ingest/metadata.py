"""Article metadata from loose strings: publication dates, bylines, publishers."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

__all__ = ["Byline", "format_published", "parse_byline", "parse_date_line", "publisher_for"]

_MONTHS = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|"
    r"sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?"
)
_HAS_DATE = re.compile(
    rf"\b(\d{{4}}-\d{{2}}-\d{{2}}|({_MONTHS})\.?\s+\d{{1,2}}\b|\d{{1,2}}\s+({_MONTHS})\b|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})",
    re.IGNORECASE,
)
_HAS_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*[ap]\.?m\b|T\d{2}:\d{2}", re.IGNORECASE)
_DATE_NOISE = re.compile(
    r"^(last\s+)?(updated|published|posted|first published|modified|date)\s*(on|at)?\s*:?\s*"
    r"|\b(updated|published)\b.*$|\|.*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^by(?:\s+|(?-i:(?=[A-Z])))(?P<who>\S.{0,150})$", re.IGNORECASE)
_BYLINE_SPLIT = re.compile(r"\s*(?:,|\||\band\b|;|—|–|-)\s*")


@dataclass(frozen=True, slots=True)
class Byline:
    """A parsed byline: authors' text and the publisher named in it, if any."""

    text: str
    publisher: str | None


def _dateparser_parse(text: str) -> datetime | None:
    import dateparser  # noqa: PLC0415 - heavy import, only needed for loose date lines

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return dateparser.parse(
            text,
            languages=["en"],
            settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]},
        )


def parse_date_line(line: str) -> str | None:
    """The publication timestamp if ``line`` is a dateline such as ``December 4, 2016, 6:19 PM``.

    Returns ISO 8601 text at the precision given (``2016-12-04T18:19`` or ``2016-12-04``),
    or None when the line is not a date line.

    >>> parse_date_line("December 4, 2016, 6:19 PM")
    '2016-12-04T18:19'
    """
    text = line.strip()
    if len(text) > 80 or not _HAS_DATE.search(text) or not re.search(r"\d{4}", text):
        return None
    cleaned = _DATE_NOISE.sub("", text).strip(" ,:-") or text
    parsed = _dateparser_parse(cleaned)
    if parsed is None:
        return None
    return format_published(parsed, with_time=bool(_HAS_TIME.search(cleaned)))


def format_published(value: datetime | date, *, with_time: bool = True) -> str:
    """ISO 8601 at minute precision (with the UTC offset when known), or a plain date."""
    if not isinstance(value, datetime):
        return value.isoformat()
    if not with_time or (value.hour, value.minute, value.second) == (0, 0, 0) and value.tzinfo is None:
        return value.date().isoformat()
    return value.isoformat(timespec="minutes")


def parse_byline(line: str) -> Byline | None:
    """Parse ``By ...`` lines, including a glued ``ByABC News``; None if not a byline."""
    match = _BYLINE.match(line.strip())
    if not match:
        return None
    who = match.group("who").strip(" .")
    publisher = None
    for part in _BYLINE_SPLIT.split(who):
        name = canonical_publisher(part)
        if name:
            publisher = name
    return Byline(text=who, publisher=publisher)


@cache
def _publishers() -> tuple[dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    domains: dict[str, str] = {}
    text = resources.files("dateline.data.ingest").joinpath("publishers.tsv").read_text("utf-8")
    for row in text.splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        cols = row.split("\t") + ["", ""]
        name = cols[0].strip()
        for alias in [name, *cols[2].split(",")]:
            if alias.strip():
                names[alias.strip().lower()] = name
        for domain in cols[1].split(","):
            if domain.strip():
                domains[domain.strip().lower()] = name
    return names, domains


def canonical_publisher(name: str) -> str | None:
    """The canonical name of a known news organisation, or None."""
    return _publishers()[0].get(name.strip().lower())


def publisher_for(url: str | None) -> str | None:
    """The publisher of a URL's domain (or a parent domain), if known."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    domains = _publishers()[1]
    parts = host.split(".")
    for i in range(len(parts) - 1):
        found = domains.get(".".join(parts[i:]))
        if found:
            return found
    return None
