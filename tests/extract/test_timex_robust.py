"""The time tagger never raises on text it cannot read, wherever the text is cut."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.extract.times import find_times

ANCHOR = dt.date(2015, 8, 7)

# words that start a rule (prepositions, clock and day-part words, numbers, months, weekdays)
# and the punctuation between them: any sequence of them is a text the tagger must survive
_PIECES = [
    "في", "عند", "حوالي", "نحو", "منذ", "من", "إلى", "حتى", "بين", "و", "يوم", "يومي",
    "الساعة", "السابعة", "الحادية", "عشرة", "صباحا", "مساء", "ظهر", "مساء", "أمس", "اليوم",
    "غدا", "الثلاثاء", "الخميس", "مطلع", "أواخر", "منتصف", "الماضي", "المقبل", "الأسبوع",
    "العام", "الشهر", "نوفمبر", "تشرين", "الثاني", "أغسطس", "الخريف", "رمضان", "هـ", "م",
    "2014", "2015", "11", "3", "22.04.2016", ".2014", "4.", "1..2016", "3/", "/2015", "-",
    "/", ".", "،", ":", "12:30", "٢٠١٥",
]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "متعهدا خلال خطابه في",  # a rule read the token after the text's last "في"
        "الذي تمتع به في .2014",  # a number token that is only a dot and digits
        "في 1..2016",
        "عبر خطي السير رقم 2 و",  # the minutes after "و" were read past the end
        "حوالي",
        "عند",
    ],
)
def test_times_survive_text_cut_after_a_rule_word(text: str) -> None:
    for k in range(1, len(text.split()) + 1):
        find_times(" ".join(text.split()[:k]), ANCHOR)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8))
def test_times_never_raise_on_sequences_of_time_words(words: list[str]) -> None:
    text = " ".join(words)
    for found in find_times(text, ANCHOR):
        assert text[found.start : found.end] == found.text
