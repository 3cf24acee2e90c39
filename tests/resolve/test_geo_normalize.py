"""Name keys and transliteration skeletons of the gazetteer."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.resolve.geo.normalize import is_latin_key, name_key, skeleton


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Ḥalab", "halab"),
        ("HALAB", "halab"),
        ("Dar'a", "dara"),
        ("Darʿā", "dara"),
        ("U.S.", "us"),
        ("Deir ez-Zor", "deir ez zor"),
        ("Washington, D.C.", "washington dc"),
        ("Şanlıurfa", "sanliurfa"),
        ("  Old   City ", "old city"),
    ],
)
def test_name_key(name, key):
    assert name_key(name) == key


@pytest.mark.parametrize(
    "variants",
    [
        ("Daraa", "Deraa", "Dar'a"),
        ("Deir ez-Zor", "Dayr az Zawr", "Deir al-Zour"),
        ("Raqqa", "Ar-Raqqah"),
        ("Kharkiv", "Kharkov"),
        ("Homs", "Ḩimş"),
    ],
)
def test_transliteration_variants_share_a_skeleton(variants):
    assert len({skeleton(name_key(v)) for v in variants}) == 1


@pytest.mark.parametrize(("a", "b"), [("Aleppo", "Damascus"), ("Homs", "Hama"), ("Mosul", "Basra")])
def test_different_places_keep_different_skeletons(a, b):
    assert skeleton(name_key(a)) != skeleton(name_key(b))


@pytest.mark.parametrize(("key", "latin"), [("aleppo", True), ("حلب", False), ("", False), ("123", False)])
def test_is_latin_key(key, latin):
    assert is_latin_key(key) is latin


@given(st.text(max_size=40))
def test_name_key_is_idempotent_and_trimmed(text):
    key = name_key(text)
    assert name_key(key) == key
    assert key == key.strip()
    assert "  " not in key
