"""Place-name keys: a folded exact key and a looser transliteration skeleton.

``name_key`` folds case, diacritics, apostrophes and punctuation so that
"Ḥalab", "Halab" and "HALAB" share a key, and "Dar'a" becomes "dara".
``skeleton`` is a deliberately lossy key for Arabic/Persian/Slavic
transliteration variants ("Daraa", "Dar'a", "Deraa"; "Deir ez-Zor", "Dayr az
Zawr"): only used as a fallback when no exact key matches.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["is_latin_key", "name_key", "skeleton", "strip_article"]

# letters that NFKD does not decompose into ASCII + combining marks
_SPECIAL = str.maketrans(
    {
        "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
        "ð": "d", "Ð": "d", "ł": "l", "Ł": "l", "ı": "i", "þ": "th", "Þ": "th", "ŧ": "t", "ħ": "h",
        "Ħ": "h", "ƒ": "f", "ʻ": "", "ʼ": "", "ʿ": "", "ʾ": "", "’": "", "‘": "", "'": "", "`": "",
        "´": "", "ʹ": "", "′": "", ".": "",
    }
)  # fmt: skip
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/,;:()\[\]\"“”«»&+]+")
_NON_KEY = re.compile(r"[^0-9a-z ]")
_ARTICLES = frozenset("al el ad ar as az ash an at ath adh ed er es ez en et ud ur us uz un ut ul il".split())
_SKELETON_RULES = (
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ph", "f"), ("kh", "h"), ("gh", "g"), ("dh", "d"),
    ("th", "t"), ("sh", "s"), ("ch", "s"), ("q", "k"), ("c", "k"), ("j", "g"), ("z", "s"), ("x", "ks"),
)  # fmt: skip
_VOWELS = re.compile(r"(?<!^)[aeiouyw]")
_DOUBLE = re.compile(r"(.)\1+")


def name_key(name: str) -> str:
    """Lower-case ASCII key: diacritics, apostrophes and dots removed, separators to one space."""
    text = unicodedata.normalize("NFKD", name.translate(_SPECIAL))
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_SPECIAL)
    text = _SEPARATORS.sub(" ", text.casefold())
    return " ".join(text.split())


def is_latin_key(key: str) -> bool:
    """True when a key is non-empty and made of ASCII letters, digits and spaces only."""
    return bool(key) and not _NON_KEY.search(key) and any(c.isalpha() for c in key)


def strip_article(key: str) -> str:
    """Drop a leading English "the" from a key ("the hague" is kept by callers that try both)."""
    return key[4:] if key.startswith("the ") else key


def skeleton(key: str) -> str:
    """Consonant skeleton of a name key, ignoring Arabic articles, vowels and doubled letters."""
    words = key.split()
    kept = [w for i, w in enumerate(words) if not (i > 0 and w in _ARTICLES) or len(words) == 1]
    if kept and kept[0] in _ARTICLES and len(kept) > 1:
        kept = kept[1:]
    out = []
    for word in kept:
        folded = word
        for old, new in _SKELETON_RULES:
            folded = folded.replace(old, new)
        if len(folded) > 1 and not folded.startswith("h"):
            folded = folded.replace("h", "")
        out.append(_DOUBLE.sub(r"\1", _VOWELS.sub("", folded)))
    return "".join(out)
