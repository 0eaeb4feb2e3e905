"""Indefinite counts ("عشرات الآلاف", "بمليارات الدولارات") as approximate ranges."""

from __future__ import annotations

import pytest

from marsad.extract.numbers import vague_number_at
from marsad.extract.quantities import find_quantities
from marsad.extract.timex.tokens import view_of


@pytest.mark.parametrize(
    ("text", "lower", "upper", "unit", "kind", "span"),
    [
        (
            "تكلف المشروع عشرات المليارات من الدولارات",
            1e10,
            1e11,
            "USD",
            "money",
            "عشرات المليارات من الدولارات",
        ),
        ("استثمارات بمليارات الدولارات في المنطقة", 1e9, 1e10, "USD", "money", "مليارات الدولارات"),
        ("شارك عشرات الآلاف من المتظاهرين", 1e4, 1e5, None, "number", "عشرات الآلاف"),
        ("فقدت الشركة بضعة ملايين يورو", 3e6, 1e7, "EUR", "money", "بضعة ملايين يورو"),
        ("نزح مئات الآلاف من السكان", 1e5, 1e6, None, "number", "مئات الآلاف"),
        ("أصيب مئات الأشخاص", 100.0, 1000.0, None, "number", "مئات"),
        ("وصل آلاف الزوار", 1000.0, 10000.0, None, "number", "آلاف"),
    ],
)
def test_timex_vague_counts_are_ranges(
    text: str, lower: float, upper: float, unit: str | None, kind: str, span: str
) -> None:
    (q,) = find_quantities(text)
    assert q.lower == pytest.approx(lower)
    assert q.upper == pytest.approx(upper)
    assert q.value == pytest.approx(lower)
    assert (q.unit, q.kind, q.approx, q.text) == (unit, kind, True, span)


@pytest.mark.parametrize(
    ("text", "lower", "upper"),
    [
        ("أكثر من عشرات الآلاف", 1e4, 1e5),
        ("أقل من آلاف", None, 1000.0),
    ],
)
def test_timex_vague_bounds_keep_their_direction(
    text: str, lower: float | None, upper: float
) -> None:
    (q,) = find_quantities(text)
    assert q.lower == lower
    assert q.upper == pytest.approx(upper)
    assert q.text == text


@pytest.mark.parametrize("text", ["ثلاثة آلاف", "خمس مئات", "عدة وثائق", "ثلاثمائة"])
def test_timex_vague_leaves_exact_counts_alone(text: str) -> None:
    qs = find_quantities(text)
    assert all(not q.approx and q.lower is None for q in qs)


def test_timex_vague_number_at_reads_clitics() -> None:
    m = vague_number_at(view_of("وبعشرات الآلاف").toks, 0)
    assert m is not None
    assert (m.lower, m.upper, m.prefix, m.end_tok) == (1e4, 1e5, 2, 2)
