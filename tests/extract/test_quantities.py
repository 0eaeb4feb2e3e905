"""Quantities: money, percentages, measures, bounds and equivalents."""

from __future__ import annotations

import pytest

from marsad.extract.quantities import find_quantities


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("20 مليار دولار", 2e10, "USD", "money"),
        ("$10,000", 10000.0, "USD", "money"),
        ("500 يورو", 500.0, "EUR", "money"),
        ("مليون روبل", 1e6, "RUB", "money"),
        ("ثلاثة آلاف تنغي", 3000.0, "KZT", "money"),
        ("50 ريالا سعوديا", 50.0, "SAR", "money"),
        ("42 دينار كويتي", 42.0, "KWD", "money"),
        ("20 دولار و43 سنت", 20.43, "USD", "money"),
        ("7 في المائة", 7.0, "percent", "percent"),
        ("١٠٠٪", 100.0, "percent", "percent"),
        ("15 بالمئة", 15.0, "percent", "percent"),
        ("7,591 كيلومتراً", 7591.0, "km", "measure"),
        ("مليون برميل", 1e6, "bbl", "measure"),
        ("300 ميغاواط", 300.0, "MW", "measure"),
        ("5 أطنان", 5.0, "t", "measure"),
    ],
)
def test_quantities_find_quantities_units(text: str, value: float, unit: str, kind: str) -> None:
    (q,) = find_quantities(text)
    assert q.value == pytest.approx(value)
    assert (q.unit, q.kind) == (unit, kind)
    assert q.text == text


@pytest.mark.parametrize(
    ("text", "approx", "lower", "upper"),
    [
        ("أكثر من 20 مليار دولار", False, 2e10, None),
        ("أقل من 7 يورو", False, None, 7.0),
        ("حوالي 43 في المائة", True, None, None),
        ("نحو 500 شخص", True, None, None),
        ("قرابة مليون برميل", True, None, None),
        ("من 10 إلى 20 دولارا", False, 10.0, 20.0),
        ("10-20 $", False, 10.0, 20.0),
    ],
)
def test_quantities_find_quantities_bounds(
    text: str, approx: bool, lower: float | None, upper: float | None
) -> None:
    q = find_quantities(text)[0]
    assert q.approx is approx
    assert q.lower == (pytest.approx(lower) if lower is not None else None)
    assert q.upper == (pytest.approx(upper) if upper is not None else None)


def test_quantities_find_quantities_equivalent_in_brackets_is_one_quantity() -> None:
    text = "حدود بطول 7500 كيلومتر (4650 ميلًا) مع روسيا"
    (q,) = find_quantities(text)
    assert (q.value, q.unit, q.equivalent) == (7500.0, "km", (4650.0, "mi"))
    assert q.text == "7500 كيلومتر (4650 ميلًا)"
    assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "text",
    ["وصل في 11 نوفمبر 2025", "منذ عام 2003", "زيارة تستغرق يومين", "أحد المسؤولين"],
)
def test_quantities_find_quantities_leaves_dates_and_words(text: str) -> None:
    assert find_quantities(text) == []


def test_quantities_find_quantities_offsets_with_diacritics_and_tatweel() -> None:
    text = "بلغت الخسائر نحوَ ٣٠ ملـيار دولار"
    (q,) = find_quantities(text)
    assert q.text == text[q.start : q.end]
    assert q.text.startswith("نحوَ") and q.value == pytest.approx(3e10)
