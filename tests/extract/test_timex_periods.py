"""Periods of a year, event-relative offsets, stated years, decades and recent months."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.extract.times import find_times, find_times_unanchored

ANCHOR = dt.date(2024, 11, 27)


@pytest.mark.parametrize(
    ("text", "span", "value", "end_value"),
    [
        (
            "نمت التجارة في الأشهر الستة الأولى من عام 2023",
            "الأشهر الستة الأولى من عام 2023",
            "2023-01",
            "2023-06",
        ),
        (
            "تراجعت في الأشهر الثلاثة الأخيرة من عام 2022",
            "الأشهر الثلاثة الأخيرة من عام 2022",
            "2022-10",
            "2022-12",
        ),
        (
            "ارتفعت خلال النصف الثاني من العام الماضي",
            "النصف الثاني من العام الماضي",
            "2023-07",
            "2023-12",
        ),
        ("النصف الأول من 2021 كان صعبا", "النصف الأول من 2021", "2021-01", "2021-06"),
        (
            "الشهرين الأولين من العام الجاري",
            "الشهرين الأولين من العام الجاري",
            "2024-01",
            "2024-02",
        ),
    ],
)
def test_timex_periods_months_of_a_year(text: str, span: str, value: str, end_value: str) -> None:
    (t,) = find_times(text, ANCHOR)
    assert (t.text, t.value, t.end_value) == (span, value, end_value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("تنظم الدورة منذ عام 1998 بانتظام", "عام 1998", "1998"),
        ("أغلقت الحدود بعد يوم من إعلان النتائج", "يوم", "P1D"),
        ("وصل الوفد قبل يومين من القمة", "يومين", "P2D"),
    ],
)
def test_timex_periods_offsets_from_events_and_years(text: str, span: str, value: str) -> None:
    (t,) = find_times(text, ANCHOR)
    assert (t.text, t.value) == (span, value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("يعود الوفد بعد يومين من الآن", "2024-11-29"),
        ("قال منذ عام إن", "2023-11-27"),
    ],
)
def test_timex_periods_offsets_from_the_anchor_stay(text: str, value: str) -> None:
    assert [t.value for t in find_times(text, ANCHOR)] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("مقارنة بالعام الماضي 2019", "2019"),
        ("خلال العام الجاري 2020 نمت", "2020"),
        ("هذا العام (2021) كان", "2021"),
    ],
)
def test_timex_periods_stated_year_after_relative_year(text: str, value: str) -> None:
    (t,) = find_times_unanchored(text)
    assert t.value == value


@pytest.mark.parametrize(
    ("text", "value", "end_value"),
    [
        ("تغير كثيرا في العقدين الماضيين", "2000-01", "2019-12"),
        ("في الثلاثة عقود القادمة", "2030-01", "2059-12"),
        ("توترت العلاقات في الأشهر الأخيرة", "2024-08", "2024-10"),
        ("في الأيام القليلة الماضية", "2024-11-24", "2024-11-26"),
    ],
)
def test_timex_periods_decades_and_recent_units(text: str, value: str, end_value: str) -> None:
    (t,) = find_times(text, ANCHOR)
    assert (t.value, t.end_value) == (value, end_value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("أكد الموعد في مارس. وفي وقت لاحق من ذلك الشهر وقع الاتفاق", "2024-03"),
        ("تأسس النادي عام 1990 وفي ذلك العام فاز بالكأس", "1990"),
        ("في ذلك العام", ""),  # nothing named before it
    ],
)
def test_timex_periods_that_period_refers_back(text: str, value: str) -> None:
    assert find_times(text, ANCHOR)[-1].value == value


def test_timex_periods_that_is_today_stays_today() -> None:
    (t,) = find_times("وصل الوفد، وذلك اليوم الأربعاء 27 نوفمبر 2024", ANCHOR)
    assert (t.text, t.value) == ("اليوم الأربعاء 27 نوفمبر 2024", "2024-11-27")
