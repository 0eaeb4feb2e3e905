"""Time expressions: offsets, values, granularity, tense-driven resolution."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.errors import ConfigError
from marsad.extract.times import find_times, find_times_unanchored
from marsad.extract.timex.base import Ctx
from marsad.extract.timex.starts import RULES, rules_at
from marsad.extract.timex.tokens import view_of

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
        ("يومي الثاني والثالث من أغسطس", "2025-08-02", "2025-08-03", "day"),
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
        # "عقد" after إلى is the verbal noun, and يتطلع looks ahead: قال alone is no past
        ("وقال إنه يتطلع إلى عقد قمة في 18 نوفمبر", "2025-11-18"),
        # "سأعود" looks ahead; the name "سامح" (س + ا + two letters) is no future verb
        ("سأعود إلى القاهرة الأحد", "2025-11-16"),
        ("اجتماع الوزير مع نظيره سامح شكري الاثنين", "2025-11-10"),
        # "سنويا" (annually) is no future verb
        ("بقيمة مليار دولار سنويا اعتبارا من 22 أكتوبر", "2025-10-22"),
    ],
)
def test_times_find_times_year_from_tense(text: str, value: str) -> None:
    dates = [t for t in find_times(text, ANCHOR) if t.granularity == "day"]
    assert [t.value for t in dates] == [value]


def test_times_an_ordinal_without_the_article_is_no_day() -> None:
    # "زيارة ثانية" counts visits; a day of the month is definite ("الثاني من أكتوبر")
    dates = [t for t in find_times("وهي زيارة ثانية في أكتوبر الماضي", ANCHOR) if t.kind == "date"]
    assert [(t.text, t.value) for t in dates] == [("أكتوبر الماضي", "2025-10")]
    dates = [t for t in find_times("وصل في الثاني من أكتوبر", ANCHOR) if t.kind == "date"]
    assert [t.value for t in dates] == ["2025-10-02"]


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("غادر مساء أمس الاثنين، في أول زيارة", [("مساء أمس الاثنين", "2025-11-10TEV")]),
        ("وصل الثلاثاء، في أول زيارة له", [("الثلاثاء", "2025-11-11")]),
        ("وصل الرياض السبت في أولى محطات جولته", [("السبت", "2025-11-08")]),
        ("جاء في أول", []),
        ("الثلاثاء الأول من أغسطس", [("الثلاثاء الأول من أغسطس", "2025-08-05")]),
        ("في أول أغسطس", [("أول أغسطس", "2025-08-01")]),
    ],
)
def test_times_bare_awwal_is_not_the_first_of_the_month(
    text: str, expected: list[tuple[str, str]]
) -> None:
    # "في أول زيارة" is "in the first visit": only a month after it makes "أول" a day
    assert [(t.text, t.value) for t in find_times(text, ANCHOR)] == expected


_RULE_SAMPLES = [
    "وصل اليوم الثلاثاء 11 نوفمبر/تشرين الثاني 2025 ثم عاد في 27.",
    "ثالث ثلاثاء في أيلول 2014 والاثنين الأخير من شهر آذار",
    "الربع الثالث من عام 2016 والأشهر التسعة الأولى من عام 2024 والنصف الأول من 2023",
    "يومي 27 و28 نوفمبر وما بين 3 و5 مايو ومن 13 إلى 15 يوليو",
    "في 22-4 و21/04/2016 و2014-2018 و3/2015 و22.04.2016",
    "عيد الفطر ويوم عيد الأضحى 2013 وأوائل مارس ومنتصف الشهر المقبل وأواخر 2024",
    "الأحد من الأسبوع الماضي وهذا الخريف وفصل الشتاء المقبل وربيع 2024",
    "منذ ثلاثة أيام وبعد يومين وقبل أسبوع، عطلة نهاية الأسبوع، بقية العام والسبعينيات",
    "الثلاثة عقود القادمة والخمس سنوات الماضية وفي وقت سابق من هذا الشهر وذلك العام",
    "من 5 إلى 6 مساء وعند الساعة 3 و15 دقيقة عصرا والثالثة وربع بعد الظهر وفي السابعة",
    "ما يقرب من ثلاث سنوات ولمدة 3 ساعات ونصف ساعة وخلال 24 ساعة وبضعة أيام",
    "صباح الثلاثاء ومساء أمس ومنتصف الليل وحتى الثلاثين وللعاشر من الشهر",
    "عام 2003 وسنة 1447 هـ و2015م ولعام 2014 والشهر التاسع وشهر 3 ورمضان 2019",
    "آخر يوم من أكتوبر، الأسبوع الأول من شهر عشرة 2014، يوم الأحد الثاني، اليوم الأخير من مايو",
    "الاثنين الأخير من شهر آذار، للربع الأول من هذا العام، بالربع الأخير من 2016",
    "يوم 27 نوفمبر، ما بين 3 و5 مايو، من 13 إلى 15 يوليو، هذا نوفمبر، شهر نوفمبر 2015",
    "الشهر التاسع من 2015، الخميس 12 مايو، أمس الأربعاء 5 مايو، يوم عيد الفطر، أواخر مايو",
    "اليوم الأربعاء، هذا الأسبوع الأحد، الأسبوع المقبل الخميس، فصل الصيف، باقي الشهر",
    "الآن، الليلة، بعد أسبوع، قبل يومين، في ذلك العام، هذا العام، الأيام الثلاثة الماضية",
    "بين 3 و5 مساء، من الساعة 3 إلى الساعة 4 بعد العصر، الثالثة - الرابعة عصرا",
    "قرابة الساعة 9، نحو الساعة 10 صباحا، حوالي الساعة 11، بحدود الساعة 8، عند الخامسة مساء",
    "نصف ساعة، نص ساعة، في الرابعة من العصر، صباح، ظهر اليوم، في 2014، من عام 2015",
    "حتى 27.، إلى 3.، عاد في 27، للعاشر.، ل 27.",
    "الثلاثاء الأخير من مايو، في عام 2014، صباحا 5 - 6 مساء، أول الليل، هذه السنة",
]


@pytest.mark.parametrize("text", _RULE_SAMPLES)
def test_times_rules_at_admits_every_rule_that_matches(text: str) -> None:
    view = view_of(text)
    c = Ctx(view.toks, view.text)
    starts = 0
    for i, tok in enumerate(c.toks):
        admitted = rules_at(tok)
        for rule, _ in RULES:
            h = rule(c, i)
            if h is not None and h.end > i:
                starts += 1
                assert rule in admitted, (rule.__name__, tok.text)
    assert starts > 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال المسؤولون إن الاجتماع ناقش الملفات", []),
        ("الربع", ["quarter_rule"]),
        ("،", []),
        ("2015", [r.__name__ for r, _ in RULES]),
    ],
)
def test_times_rules_at_gates_words(text: str, expected: list[str]) -> None:
    found = [r.__name__ for tok in view_of(text).toks for r in rules_at(tok)]
    assert found == expected


@pytest.mark.parametrize("prefix", ["", "و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل", "ولل"])
def test_times_rules_at_admits_number_words_with_clitics(prefix: str) -> None:
    from marsad.extract.numbers import _lexicon
    from marsad.extract.timex.starts import _number_word, _rules_for_word

    numbered = [r for r, gate in RULES if gate.numbers]
    words = [prefix + w for w in [*_lexicon().words, *_lexicon().minus, "ربع", "نصف", "ثلث"]]
    checked = 0
    for word in words:
        if _number_word(word):
            checked += 1
            assert set(numbered) <= set(_rules_for_word(word)), word
    assert checked > 0


@pytest.mark.parametrize(
    ("text", "value", "end"),
    [
        ("يزور الرياض يومي الجمعة والسبت", "2025-11-14", "2025-11-15"),
        # each day on its own is the nearest: Sunday ahead, Monday behind; the pair runs on
        ("يزور الرياض يومي الأحد والاثنين", "2025-11-09", "2025-11-10"),
    ],
)
def test_times_two_weekdays_make_one_range_forward(text: str, value: str, end: str) -> None:
    (t,) = find_times(text, ANCHOR)
    assert (t.value, t.end_value) == (value, end)


def test_times_awwal_before_a_month_is_its_first_day_not_its_first_part() -> None:
    """ "أول يناير" is 1 January (Recognizers-Text: XXXX-01-01; Duckling: "في اول شباط"), where
    "أوائل يناير" and "مطلع يناير" are its first ten days; "أول الشهر المقبل" stays a part."""
    text = "أول يناير وأوائل يناير ومطلع يناير وأول الشهر المقبل"
    found = [(t.text, t.value, t.end_value, t.mod) for t in find_times(text, ANCHOR)]
    assert found == [
        ("أول يناير", "2026-01-01", None, None),
        ("أوائل يناير", "2026-01-01", "2026-01-10", "START"),
        ("مطلع يناير", "2026-01-01", "2026-01-10", "START"),
        ("أول الشهر المقبل", "2025-12-01", "2025-12-10", "START"),
    ]


def test_times_a_part_of_a_month_carries_the_timex3_mod() -> None:
    text = "أوائل مارس ومنتصف الشهر المقبل وأواخر مايو و1 مارس"
    found = [(t.text, t.mod) for t in find_times(text, ANCHOR)]
    assert found == [
        ("أوائل مارس", "START"),
        ("منتصف الشهر المقبل", "MID"),
        ("أواخر مايو", "END"),
        ("1 مارس", None),
    ]
