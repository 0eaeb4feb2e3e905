"""The year of an undated article, only from a year the text calls current or past."""

from __future__ import annotations

import pytest

from marsad.extract.timex.estimate import estimate_date


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("ارتفعت الصادرات مقارنة بالعام الماضي 2016", 2017),
        ("تراجعت المبيعات في عام 2019 الماضي", 2020),
        ("خلال العام الجاري 2021 نمت الإيرادات", 2021),
    ],
)
def test_timex_estimate_reads_current_and_previous_year(text: str, year: int) -> None:
    est = estimate_date(text)
    assert est is not None
    assert est.year == year
    assert est.day is None


@pytest.mark.parametrize(
    "text",
    [
        "تأسست الشركة عام 2003 في دبي",  # a year mentioned is not the article's year
        "وصل الوفد يومي 3 و4 مارس",
        "العام الماضي 2016 وخلال العام الجاري 2016",  # contradictory cues: no estimate
        "",
    ],
)
def test_timex_estimate_abstains_without_a_cue(text: str) -> None:
    assert estimate_date(text) is None


def test_timex_estimate_gives_day_month_dates_its_year() -> None:
    from marsad.extract.temporal_stages import times_stage
    from marsad.model import Document, Provenance

    text = "زاد الإنتاج مقارنة بالعام الماضي 2023. ويعقد المنتدى يومي 27 و28 نوفمبر، أمس."
    out = times_stage()(Document(raw=text, provenance=Provenance("t", "file", "2025-01-01")))
    by_text = {t.text: t for t in out.times}
    day = next(t for k, t in by_text.items() if "نوفمبر" in k)
    assert (day.value, day.end_value, day.anchor) == ("2024-11-27", "2024-11-28", "2024")
    assert by_text["أمس"].value == ""  # a weak anchor gives no day
