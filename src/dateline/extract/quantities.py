"""Number phrases in news text: "30,000", "tens of thousands", "two dozen", "a third of",
"more than 52 percent", "between 100,000 and 200,000", "nearly 400", "seven-day".

Pure string functions, no spaCy: :func:`find_quantities` scans a text, :func:`parse_quantity`
reads one whole phrase, :func:`parse_number` one number. The readings of vague words and
the qualifier vocabulary live in ``data/figures/quantities.toml`` (see docs/figures.md).

>>> q = parse_quantity("more than 52 percent")
>>> (q.value, q.qualifier.value, q.unit)
(52.0, 'more_than', 'percent')
>>> parse_quantity("tens of thousands").low, parse_quantity("tens of thousands").high
(10000.0, 99999.0)
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..schema import FigureQualifier

__all__ = [
    "TIME_UNITS",
    "Quantity",
    "VagueReading",
    "find_quantities",
    "parse_number",
    "parse_quantity",
    "vague_readings",
]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}  # fmt: skip
_FRACTIONS = {"half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4,
              "quarters": 1 / 4, "fourth": 1 / 4, "fourths": 1 / 4, "fifth": 1 / 5, "fifths": 1 / 5,
              "tenth": 1 / 10, "tenths": 1 / 10}  # fmt: skip
TIME_UNITS = {"minute": "minutes", "hour": "hours", "day": "days", "week": "weeks", "month": "months",
              "year": "years", "decade": "decades"}  # fmt: skip
"""Singular time-unit words -> the plural used as a duration figure's unit."""
_CURRENCY = frozenset({"dollars", "dollar", "euros", "euro", "pounds", "yuan", "rupees", "usd", "eur"})
_MONTHS = frozenset({"jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "june",
                     "jun", "july", "jul", "aug", "august", "sep", "sept", "september", "oct", "october",
                     "nov", "november", "dec", "december"})  # fmt: skip
_TOKEN = re.compile(r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)|(?P<word>[A-Za-z]+)|(?P<sym>\S)")


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number phrase and its reading.

    ``value`` is the number stated (``None`` for ranges and vague words); ``low``/``high``
    are bounds (the two ends of a range, the interval of a vague word, or the number itself
    for one-sided qualifiers). ``core_start``/``core_end`` cover the number without its
    qualifier. ``unit`` is "percent", a time unit ("days"), "currency" or ``None``.
    """

    text: str
    start: int
    end: int
    core_start: int
    core_end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: FigureQualifier
    unit: str | None = None
    vague: bool = False
    hedged: bool = False


@dataclass(frozen=True, slots=True)
class VagueReading:
    """The documented interval for a vague word, and ACLED's point value when it has one."""

    low: float
    high: float
    acled: float | None


@dataclass(frozen=True, slots=True)
class _Tables:
    before: dict[tuple[str, ...], FigureQualifier]
    after: dict[tuple[str, ...], FigureQualifier]
    upper_bound: frozenset[tuple[str, ...]]
    hedges: frozenset[tuple[str, ...]]
    vague: dict[str, VagueReading]


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    low: str
    start: int
    end: int
    kind: str  # num | word | sym


@dataclass(frozen=True, slots=True)
class _Num:
    """A number read from tokens ``[i, end)``."""

    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    vague: bool = False
    approximate: bool = False
    percent: bool = False
    scaled: bool = False


@cache
def _tables() -> _Tables:
    raw = tomllib.loads(
        resources.files("dateline").joinpath("data/figures/quantities.toml").read_text("utf-8")
    )
    quals = raw["qualifiers"]
    return _Tables(
        before={tuple(k.split()): FigureQualifier(v) for k, v in quals["before"].items()},
        after={tuple(k.split()): FigureQualifier(v) for k, v in quals["after"].items()},
        upper_bound=frozenset(tuple(p.split()) for p in quals["upper_bound"]),
        hedges=frozenset(tuple(p.split()) for p in quals["hedges"]),
        vague={
            word: VagueReading(float(v["low"]), float(v["high"]), float(v["acled"]) if "acled" in v else None)
            for word, v in raw["vague"].items()
        },
    )


def vague_readings() -> dict[str, VagueReading]:
    """The packaged readings of vague quantity words ("dozens" -> 12..99, ACLED 12)."""
    return dict(_tables().vague)


def _tokens(text: str) -> list[_Tok]:
    return [
        _Tok(m.group(), m.group().lower(), m.start(), m.end(), m.lastgroup or "sym")
        for m in _TOKEN.finditer(text)
    ]


def _word(toks: list[_Tok], i: int) -> str:
    return toks[i].low if i < len(toks) and toks[i].kind == "word" else ""


def _low(toks: list[_Tok], i: int) -> str:
    return toks[i].low if i < len(toks) else ""


def _glued(toks: list[_Tok], i: int, j: int) -> bool:
    """Tokens i and j touch (no space between)."""
    return 0 <= i < len(toks) and 0 <= j < len(toks) and toks[i].end == toks[j].start


def _match_phrase(
    toks: list[_Tok], i: int, table: dict[tuple[str, ...], FigureQualifier]
) -> tuple[tuple[str, ...], int]:
    for size in (3, 2, 1):
        words = tuple(_low(toks, k) for k in range(i, i + size))
        if words in table:
            return words, i + size
    return (), i


def _words_number(toks: list[_Tok], i: int) -> _Num | None:
    """Spelled-out integers: "seven", "twenty-five", "a hundred", "one hundred and twenty", "two dozen"."""
    if _word(toks, i) == "half" and _word(toks, i + 1) in ("a", "an") and _word(toks, i + 2) in _SCALES:
        return _Num(i + 3, _SCALES[_word(toks, i + 2)] / 2)
    total, group, j, end = 0, 0, i, None
    has_units = has_tens = has_hundreds = False
    last_scale = float("inf")
    while j < len(toks):
        w = _word(toks, j)
        nxt = _word(toks, j + 1)
        if w in ("a", "an") and j == i and (nxt in _SCALES or nxt == "dozen"):
            group, has_units = 1, True
        elif w in _UNITS and not has_units and (not has_tens or 0 < _UNITS[w] < 10):
            group += _UNITS[w]
            has_units = True
        elif w in _TENS and not has_tens and not has_units:
            group += _TENS[w]
            has_tens = True
        elif w == "hundred" and has_units and not has_tens and not has_hundreds and 0 < group < 10:
            group *= 100
            has_hundreds, has_units = True, False
        elif w in _SCALES and w != "hundred" and group > 0 and _SCALES[w] < last_scale:
            total += group * _SCALES[w]
            last_scale = _SCALES[w]
            group, has_units, has_tens, has_hundreds = 0, False, False, False
        elif w == "dozen" and group > 0 and total == 0 and end is not None:
            return _Num(j + 1, float(group * 12), approximate=True)
        elif (
            w == "and"
            and (has_hundreds or total)
            and not (has_units or has_tens)
            and (nxt in _UNITS or nxt in _TENS)
        ):
            j += 1
            continue
        elif (
            _low(toks, j) == "-"
            and has_tens
            and not has_units
            and _glued(toks, j - 1, j)
            and _glued(toks, j, j + 1)
            and 0 < _UNITS.get(nxt, 0) < 10
        ):
            j += 1
            continue
        else:
            break
        j += 1
        end = j
    if end is None or (total + group == 0 and _word(toks, i) != "zero"):
        return None
    return _Num(end, float(total + group))  # fmt: skip


def _digits_number(toks: list[_Tok], i: int) -> _Num | None:
    tok = toks[i]
    if tok.kind != "num":
        return None
    if _glued(toks, i - 1, i) and toks[i - 1].kind == "word":
        return None  # G20-style names
    if (
        _glued(toks, i - 1, i)
        and toks[i - 1].low == "-"
        and _glued(toks, i - 2, i - 1)
        and toks[i - 2].kind == "word"
    ):
        return None  # COVID-19, F-16
    if _glued(toks, i, i + 1) and toks[i + 1].kind == "word" or _low(toks, i + 1) == ":":
        return None  # 3rd, 82mm, 6:19
    if _glued(toks, i - 1, i) and toks[i - 1].low in ("$", "€", "£", "#", "/", ".", ":"):
        return None
    raw = tok.text.replace(",", "")
    value = float(raw)
    if re.fullmatch(r"1[89]\d\d|20\d\d|2100", tok.text):
        return None  # a year, not a count (news writes counts with a thousands comma)
    before = _word(toks, i - 2) if _low(toks, i - 1) == "." else _word(toks, i - 1)
    if value <= 31 and (
        before in _MONTHS
        or _word(toks, i + 1) in _MONTHS
        or _word(toks, i + 2) in _MONTHS
        and _word(toks, i + 1) == "of"
    ):
        return None  # day of month
    j = i + 1
    if _word(toks, j) in ("a", "p") and _low(toks, j + 1) == ".":
        return None  # 3 a.m.
    if _word(toks, j) in _SCALES:
        return _Num(j + 1, value * _SCALES[_word(toks, j)], scaled=True)
    if _word(toks, j) == "dozen":
        return _Num(j + 1, value * 12, approximate=True)
    return _Num(j, value)


def _vague_number(toks: list[_Tok], i: int) -> _Num | None:
    vague = _tables().vague
    w, j = _word(toks, i), i + 1
    if w in ("a", "an") and _word(toks, i + 1) in ("few", "couple", "handful"):
        w, j = _word(toks, i + 1), i + 2
    if w not in vague:
        return None
    reading = vague[w]
    if w in ("couple", "handful") and _word(toks, j) == "of":
        j += 1
    nxt = _word(toks, j)
    if nxt in _SCALES and w in ("few", "several", "couple"):
        scale = _SCALES[nxt]
        return _Num(j + 1, None, reading.low * scale, (reading.high + 1) * scale - 1, vague=True)
    if nxt == "of" and _word(toks, j + 1).rstrip("s") in _SCALES and _word(toks, j + 1).endswith("s"):
        scale = _SCALES[_word(toks, j + 1).rstrip("s")]
        return _Num(j + 2, None, reading.low * scale, (reading.high + 1) * scale - 1, vague=True)
    return _Num(j, None, reading.low, reading.high, vague=True)


def _fraction(toks: list[_Tok], i: int) -> _Num | None:
    """Handles "a third of", "two-thirds of", "half of", "one in five": a share, read as a percentage."""
    w = _word(toks, i)
    count, j = 1.0, i
    if w in ("a", "an", "one"):
        j = i + 1
    elif w in _UNITS and w != "one" and 1 < _UNITS[w] < 10:
        count, j = float(_UNITS[w]), i + 1
    if _low(toks, j) == "-" and j > i:
        j += 1
    frac = _word(toks, j)
    if frac in _FRACTIONS and (j > i or frac == "half") and _word(toks, j + 1) == "of":
        if frac.endswith("s") and count == 1 or not frac.endswith("s") and count > 1 and frac != "half":
            return None
        share = count * _FRACTIONS[frac] * 100
        return _Num(j + 2, round(share, 1), approximate=True, percent=True)
    if w == "one" and _word(toks, i + 1) == "in" and _word(toks, i + 2) == "every":
        j = i + 3
    elif w == "one" and _word(toks, i + 1) == "in":
        j = i + 2
    else:
        return None
    den = _digits_number(toks, j) if j < len(toks) and toks[j].kind == "num" else _words_number(toks, j)
    if den and den.value and den.value > 1:
        return _Num(den.end, round(100 / den.value, 1), approximate=True, percent=True)
    return None


def _number(toks: list[_Tok], i: int) -> _Num | None:
    if i >= len(toks):
        return None
    if _word(toks, i) == "one" and _word(toks, i - 1) in (
        "no",
        "every",
        "each",
        "any",
        "the",
        "this",
        "that",
    ):
        return None  # "no one", "every one", "the one who": pronouns, not counts
    if toks[i].kind == "num":
        return _digits_number(toks, i)
    return _fraction(toks, i) or _vague_number(toks, i) or _words_number(toks, i)


def _range_end(toks: list[_Tok], j: int, first: _Num, between: bool) -> tuple[_Num, int] | None:
    sep = _low(toks, j)
    if sep in ("-", "–", "—", "to") or (sep == "and" and between) or (sep == "or" and not first.vague):
        second = _number(toks, j + 1)
        if second and second.value is not None and first.value is not None and not second.vague:
            return second, second.end
    return None


def _unit_after(toks: list[_Tok], end: int, first: _Num, core: int) -> tuple[str | None, int] | None:
    """The unit written after a number ("percent", "%", "-day", "days") and the next token index.

    ``None`` when the number is an age ("5-year-old").
    """
    if first.percent:
        return "percent", end
    if _low(toks, end) == "%" or _word(toks, end) == "percent":
        return "percent", end + 1
    if _word(toks, end) == "per" and _word(toks, end + 1) == "cent":
        return "percent", end + 2
    if _word(toks, end) in _CURRENCY or _glued(toks, core - 1, core) and _low(toks, core - 1) in "$€£":
        return "currency", end
    k = end + 1 if _low(toks, end) == "-" and _glued(toks, end - 1, end) else end
    noun = _word(toks, k)
    singular = noun[:-1] if noun.endswith("s") else noun
    if singular in TIME_UNITS and not first.vague:
        if _word(toks, k + 1) == "old" or _low(toks, k + 1) == "-" and _word(toks, k + 2) == "old":
            return None
        return TIME_UNITS[singular], k + 1
    return None, end


def _parse_at(toks: list[_Tok], i: int, text: str) -> tuple[Quantity | None, int]:
    """The quantity starting at token ``i`` (with its qualifier) and the next token index."""
    tables = _tables()
    qual_words, j = _match_phrase(toks, i, tables.before)
    qualifier = tables.before.get(qual_words, FigureQualifier.EXACT)
    between = _word(toks, j) in ("between", "from") and not qual_words
    core = j + 1 if between else j
    first = _number(toks, core)
    if first is None:
        return None, i + 1
    value, low, high, end = first.value, first.low, first.high, first.end
    ranged = _range_end(toks, end, first, between)
    if ranged:
        second, end = ranged
        low, high, value = first.value, second.value, None
        if second.scaled and not first.scaled and low is not None and high is not None:
            scale = _scale_of(high)
            if low <= high / scale:
                low *= scale  # "2 to 3 million"
        if low is not None and high is not None and low > high:
            return None, first.end
        qualifier = FigureQualifier.BETWEEN
    elif between:
        return None, i + 1
    if (first.vague or first.approximate) and qualifier is FigureQualifier.EXACT:
        qualifier = FigureQualifier.ABOUT
    found = _unit_after(toks, end, first, core)
    if found is None:
        return None, end + 1  # an age: "5-year-old", "35 years old"
    unit, end = found
    after_words, after_end = _match_phrase(toks, end, tables.after)
    if after_words and qualifier in (FigureQualifier.EXACT, FigureQualifier.ABOUT):
        qualifier, end = tables.after[after_words], after_end
    elif _low(toks, end) == "-" and _word(toks, end + 1) == "plus" and _glued(toks, end - 1, end):
        qualifier, end = FigureQualifier.MORE_THAN, end + 2
    if value is not None and low is None and high is None:
        if qualifier in (FigureQualifier.MORE_THAN, FigureQualifier.AT_LEAST):
            low = value
        elif qualifier in (FigureQualifier.AT_MOST, FigureQualifier.FEWER_THAN, FigureQualifier.UP_TO):
            high = value
        elif qual_words in tables.upper_bound:
            high = value
    start_tok = toks[i]
    last = toks[end - 1]
    quantity = Quantity(
        text=text[start_tok.start : last.end],
        start=start_tok.start,
        end=last.end,
        core_start=toks[core].start,
        core_end=toks[max(core, min(end, first.end) - 1)].end if not ranged else toks[end - 1].end,
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        unit=unit,
        vague=first.vague,
        hedged=qual_words in tables.hedges,
    )
    return quantity, end


def _scale_of(value: float) -> float:
    for scale in sorted(_SCALES.values(), reverse=True):
        if value >= scale:
            return scale
    return 1.0


def find_quantities(text: str) -> list[Quantity]:
    """Every number phrase of ``text``, left to right, without overlaps."""
    toks = _tokens(text)
    found: list[Quantity] = []
    i = 0
    while i < len(toks):
        if toks[i].kind == "sym" and toks[i].low not in ("$",):
            i += 1
            continue
        quantity, nxt = _parse_at(toks, i, text)
        if quantity is not None:
            found.append(quantity)
        i = max(nxt, i + 1)
    return found


def parse_quantity(text: str) -> Quantity | None:
    """The reading of ``text`` when the whole of it is one number phrase, else ``None``."""
    toks = _tokens(text)
    if not toks:
        return None
    quantity, end = _parse_at(toks, 0, text)
    return quantity if quantity is not None and end == len(toks) else None


def parse_number(text: str) -> float | None:
    """The value of one exact number written in digits or words ("30,000", "twenty-five", "a dozen")."""
    quantity = parse_quantity(text.strip())
    if quantity is None or quantity.value is None or quantity.unit is not None:
        return None
    if quantity.qualifier not in (FigureQualifier.EXACT, FigureQualifier.ABOUT) or quantity.vague:
        return None
    return quantity.value
