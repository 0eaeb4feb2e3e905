"""Arabic numbers: digits in any script, spelled cardinals and ordinals."""

from __future__ import annotations

import pytest

from marsad.extract.numbers import find_numbers, parse_digits


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7,591", 7591.0),
        ("1,234.5", 1234.5),
        ("9,23", 9.23),
        ("1.10", 1.1),
        (".77", 0.77),
        ("10", 10.0),
    ],
)
def test_numbers_parse_digits_separators(text: str, value: float) -> None:
    assert parse_digits(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value", "ordinal"),
    [
        ("٧٬٥٩١", 7591.0, False),
        ("۱۲۳", 123.0, False),
        ("-١٬٢٠٠٬٠٠٠٫٠٠", -1200000.0, False),
        ("ثلاث", 3.0, False),
        ("خمسة وعشرون", 25.0, False),
        ("ثلاث عشرة", 13.0, False),
        ("ثلاثمائة وخمسين", 350.0, False),
        ("ثلاث مئة", 300.0, False),
        ("ألفان", 2000.0, False),
        ("ثلاثة آلاف", 3000.0, False),
        ("100 ألف", 100000.0, False),
        ("20 مليار", 2e10, False),
        ("مليونين", 2e6, False),
        ("3 ملايين", 3e6, False),
        ("واحد وعشرون تريليون", 2.1e13, False),
        ("مليون ونصف", 1.5e6, False),
        ("واحد فاصلة واحد", 1.1, False),
        ("الحادي والعشرين", 21.0, True),
        ("الثالثة عشرة", 13.0, True),
        ("الأول", 1.0, True),
        ("المئة والخامسة والعشرون", 125.0, True),
        ("سالب خمسة", -5.0, False),
    ],
)
def test_numbers_find_numbers_values(text: str, value: float, ordinal: bool) -> None:
    found = find_numbers(text)
    assert len(found) == 1
    start, end, got, is_ordinal = found[0]
    assert (start, end) == (0, len(text))
    assert got == pytest.approx(value)
    assert is_ordinal is ordinal


def test_numbers_find_numbers_offsets_skip_conjunction() -> None:
    text = "بين ثلاثة وأربعة"
    found = find_numbers(text)
    assert [(text[s:e], v) for s, e, v, _ in found] == [("ثلاثة", 3.0), ("أربعة", 4.0)]


@pytest.mark.parametrize("text", ["المتين", "الواحد", "كتاب"])
def test_numbers_find_numbers_rejects_non_numbers(text: str) -> None:
    assert find_numbers(text) == []
