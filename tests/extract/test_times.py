"""Time expressions: offsets, values, granularity, tense-driven resolution."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.errors import ConfigError
from marsad.extract.times import find_times, find_times_unanchored

ANCHOR = dt.date(2025, 11, 11)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "value", "end_value", "gran"),
    [
        ("اليوم الثلاثاء 11 نوفمبر/تشرين الثاني 2025", "2025-11-11", None, "day"),
        ("الأربعاء 27 نوفمبر 2024", "2024-11-27", None, "day"),
        ("27 تشرين الثاني 2024", "2024-11-27", None, "day"),
        ("3 شتنبر 2024", "2024-09-03", None, "day"),
        ("يوليوز 2024", "2024-07", None, "month"),
        ("يومي 27 و28 نوفمبر", "2025-11-27", "2025-11-28", "day"),
        ("من 13 إلى 15 يوليو 2024", "2024-07-13", "2024-07-15", "day"),
        ("اليوم", "2025-11-11", None, "day"),
        ("أمس", "2025-11-10", None, "day"),
        ("غدا", "2025-11-12", None, "day"),
        ("الأسبوع الماضي", "2025-W45", None, "week"),
        ("الشهر المقبل", "2025-12", None, "month"),
        ("العام الجاري", "2025", None, "year"),
        ("في وقت سابق من هذا الشهر", "2025-11", None, "month"),
        ("منذ ثلاثة أيام", "2025-11-08", None, "day"),
        ("بعد يومين", "2025-11-13", None, "day"),
        ("هذا الخريف", "2025-FA", None, "season"),
        ("أغسطس الماضي", "2025-08", None, "month"),
        ("عام 2003", "2003", None, "year"),
        ("15 جمادى الأولى 1447 هـ", "2025-11-06", None, "day"),
        ("2016-04-21", "2016-04-21", None, "day"),
        ("21/04/2016", "2016-04-21", None, "day"),
        ("الثلاثاء الماضي", "2025-11-04", None, "day"),
        ("الخميس المقبل", "2025-11-13", None, "day"),
    ],
)
def test_times_find_times_values(text: str, value: str, end_value: str | None, gran: str) -> None:
    (t,) = find_times(text, ANCHOR)
    assert (t.value, t.end_value, t.granularity) == (value, end_value, gran)
    assert t.text == text and (t.start, t.end) == (0, len(text))
    assert t.anchor == ANCHOR.isoformat()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("تستغرق يومين", "P2D"),
        ("ما يقرب من ثلاث سنوات", "P3Y"),
        ("لمدة 3 ساعات", "PT3H"),
        ("ساعة ونصف", "PT1.5H"),
        ("خلال 24 ساعة", "PT24H"),
    ],
)
def test_times_find_times_durations(text: str, value: str) -> None:
    durations = [t for t in find_times(text, ANCHOR) if t.kind == "duration"]
    assert [t.value for t in durations] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("سيزور الرئيس موسكو في 12 مارس", "2026-03-12"),  # future marker س
        ("زار الرئيس موسكو في 12 مارس", "2025-03-12"),  # past verb
        ("من المقرر أن تعقد القمة في 2 فبراير", "2026-02-02"),
        ("وقع الاتفاق في 2 فبراير", "2025-02-02"),
        ("القمة يوم 12 نوفمبر", "2025-11-12"),  # no cue: the nearest
    ],
)
def test_times_find_times_year_from_tense(text: str, value: str) -> None:
    dates = [t for t in find_times(text, ANCHOR) if t.granularity == "day"]
    assert [t.value for t in dates] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("الساعة 3 و15 دقيقة عصرا", "2025-11-11T15:15"),
        ("3:18 صباحا", "2025-11-11T03:18"),
        ("الثالثة وربع بعد الظهر", "2025-11-11T15:15"),
    ],
)
def test_times_find_times_clock(text: str, value: str) -> None:
    (t,) = find_times(text, ANCHOR)
    assert (t.value, t.kind) == (value, "time")


def test_times_find_times_offsets_map_back_through_diacritics_and_digits() -> None:
    text = "وأعلنَ الكرملـين اليومَ الثلاثاء ١١ نوفمبر ٢٠٢٥ عن الزيارة"
    (t,) = find_times(text, ANCHOR)
    assert t.text == text[t.start : t.end]
    assert t.text.startswith("اليومَ") and t.text.endswith("٢٠٢٥")
    assert t.value == "2025-11-11"


def test_times_find_times_unanchored_leaves_relative_values_open() -> None:
    found = {t.text: t.value for t in find_times_unanchored("وصل أمس وسيعود في 12 نوفمبر")}
    assert found == {"أمس": "", "12 نوفمبر": "XXXX-11-12"}


def test_times_find_times_rejects_non_date_anchor() -> None:
    with pytest.raises(ConfigError, match="anchor"):
        find_times("اليوم", "2025-11-11")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["أحد المسؤولين قال", "عقد اجتماع", "2025 شخصا", "الربيع العربي"])
def test_times_find_times_ignores_look_alikes(text: str) -> None:
    assert find_times(text, ANCHOR) == []
