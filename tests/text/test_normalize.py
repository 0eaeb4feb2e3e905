from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.text.normalize import match_key, normalize

ARABIC_HEAVY = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFDFF),
        st.characters(min_codepoint=0xFE70, max_codepoint=0xFEFF),
        st.sampled_from(" \n.,،؟0123456789\u200f\u0640ـ"),
        st.characters(),
    ),
    max_size=80,
)


@given(ARABIC_HEAVY, st.booleans())
def test_normalize_offset_map_round_trips(text: str, fold: bool) -> None:
    n = normalize(text, fold=fold)
    assert len(n.map) == len(n.text)
    for i in range(len(n.text)):
        s, e = n.source_span(i, i + 1)
        assert 0 <= s < e <= len(text)
        # the normalized character comes from its source span: normalizing the span yields it
        assert n.text[i] in normalize(text[s:e], fold=fold).text
    # spans are monotonic: a later normalized character never maps before an earlier one
    assert list(n.map.starts) == sorted(n.map.starts)


@given(ARABIC_HEAVY)
def test_normalize_full_span_covers_whole_text_minus_edges(text: str) -> None:
    n = normalize(text, fold=True)
    if n.text:
        s, e = n.source_span(0, len(n.text))
        assert normalize(text[s:e], fold=True).text == n.text


@pytest.mark.parametrize(
    ("raw", "fold", "expected"),
    [
        ("الـ كريملِن", True, "الكريملن"),
        ("الـ كريملِن", False, "الكريملِن"),
        ("الـكرملين", True, "الكرملين"),
        ("كـــازاخستان", False, "كازاخستان"),
        ("٧٬٥٩١ و۱۲٫۵", False, "7,591 و12.5"),
        ("ﻻ ﷲ", False, "لا الله"),
        ("إسلامية أحمد آمال", True, "اسلاميه احمد امال"),
        ("مستشفى", True, "مستشفي"),
        ("مؤتمر رئيس", True, "موتمر رييس"),
        ("\u200fبوتين\u200e", False, "بوتين"),
    ],
)
def test_normalize_folds(raw: str, fold: bool, expected: str) -> None:
    assert normalize(raw, fold=fold).text == expected


def test_normalize_detached_article_maps_back_to_whole_phrase() -> None:
    raw = "أعلنه الـ كريملِن اليوم"
    n = normalize(raw, fold=True)
    start = n.text.index("الكريملن")
    s, e = n.source_span(start, start + len("الكريملن"))
    assert raw[s:e] == "الـ كريملِن"


def test_match_key_same_for_spelling_variants() -> None:
    assert match_key("أستانا") == match_key("استانا")
    assert match_key("بوتِين") == match_key("بوتين")
