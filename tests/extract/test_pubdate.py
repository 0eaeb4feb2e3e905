"""The publication date read from the text."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.extract.pubdate import find_publication_date
from marsad.extract.temporal_stages import pubdate_stage, times_stage
from marsad.model import Document, Metadata, Provenance


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "أعلن الكرملين اليوم الثلاثاء 11 نوفمبر/تشرين الثاني 2025 أن الزيارة ستبدأ.",
            "2025-11-11",
        ),
        ("موسكو - وصل الرئيس إلى أستانا الأربعاء 27 نوفمبر 2024، في زيارة.", "2024-11-27"),
        ("عنوان الخبر\n2024-03-05\nنص الخبر يذكر أن الاتفاق وقع في 1 يناير 2020.", "2024-03-05"),
        ("نشر في 5 مارس 2024\n" + "نص طويل " * 60 + "منذ عام 2003 والمنتدى قائم.", "2024-03-05"),
    ],
)
def test_pubdate_find_publication_date_scored_rules(text: str, date: str) -> None:
    found = find_publication_date(text)
    assert found is not None
    got, start, end = found
    assert got.isoformat() == date
    assert 0 <= start < end <= len(text)


@pytest.mark.parametrize(
    "text",
    ["لا تاريخ في هذا النص.", "المنتدى قائم " * 50 + "منذ عام 2003.", "في 27 نوفمبر زار الرئيس."],
)
def test_pubdate_find_publication_date_none_without_a_stated_date(text: str) -> None:
    assert find_publication_date(text) is None


def test_pubdate_find_publication_date_prefers_today_with_agreeing_weekday() -> None:
    text = "وقع الاتفاق في 1 يناير 2020. وقال المتحدث اليوم الثلاثاء 11 نوفمبر 2025 إن التنفيذ بدأ."
    found = find_publication_date(text)
    assert found is not None and found[0] == dt.date(2025, 11, 11)
    assert text[found[1] : found[2]].endswith("2025")


def _doc(text: str, published: str | None = None) -> Document:
    meta = Metadata(published=published, published_from="metadata" if published else None)
    return Document(raw=text, provenance=Provenance("t", "file", "2025-01-01"), metadata=meta)


def test_pubdate_stage_sets_published_from_text_and_keeps_metadata() -> None:
    run = pubdate_stage().run
    doc = run(_doc("قال المتحدث اليوم الثلاثاء 11 نوفمبر 2025 إن التنفيذ بدأ."))
    assert (doc.metadata.published, doc.metadata.published_from) == ("2025-11-11", "text")
    kept = run(_doc("اليوم الثلاثاء 11 نوفمبر 2025", published="2025-11-12"))
    assert (kept.metadata.published, kept.metadata.published_from) == ("2025-11-12", "metadata")


def test_pubdate_times_stage_anchors_on_published_or_leaves_unresolved() -> None:
    run = times_stage().run
    anchored = run(_doc("وصل أمس", published="2025-11-11"))
    assert [t.value for t in anchored.times] == ["2025-11-10"]
    loose = run(_doc("وصل أمس"))
    assert [(t.value, t.anchor) for t in loose.times] == [("", None)]


@pytest.mark.parametrize(
    "text",
    [
        "في 12 سبتمبر من عام 1943 نفذت القوات عملية إنزال.",  # history told near the top
        "اعتقل الصحفي في 22 يوليو 2014 في طهران وما زال محتجزا.",
    ],
)
def test_pubdate_find_publication_date_needs_more_than_a_top_date(text: str) -> None:
    assert find_publication_date(text) is None
