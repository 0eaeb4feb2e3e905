from __future__ import annotations

import pytest

from marsad.text.clean import clean_text


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Ru En", "language-switcher"),
        ("EN | FR", "language-switcher"),
        ("تعليق (0)", "comment-counter"),
        ("0 تعليق", "comment-counter"),
        ("تعليقات (12)", "comment-counter"),
        ("[إعلان رقم 2]", "advertisement"),
        ("إعلان", "advertisement"),
        ("الصورة: الموقع الرسمي لرئيس روسيا", "photo-credit"),
        ("صورة: مجلس الاتحاد الروسي", "photo-credit"),
        ("زعيمان يتصافحان في موسكو. (المصدر: وكالة ريا نوفوستي) |", "photo-credit"),
        ("المصدر: تاس", "source-line"),
        ("المصدر: https://example.com/a-b", "source-line"),
    ],
)
def test_clean_removes_furniture_lines(line: str, reason: str) -> None:
    raw = f"عنوان الخبر\nوصل الوفد إلى العاصمة اليوم.\n{line}\nوقال المتحدث إن الزيارة مهمة."
    result = clean_text(raw)
    assert [r.reason for r in result.removed] == [reason]
    assert result.removed[0].text == line
    assert line not in result.text


@pytest.mark.parametrize(
    "line",
    [
        "قال المصدر: إن الاجتماع سيعقد غدا في الرياض وسيبحث ملفات عدة.",
        "خلفية الزيارة",
        "- أوكرانيا على جدول الأعمال -",
        "وتعد الصورة العامة للاقتصاد مستقرة.",
    ],
)
def test_clean_keeps_article_lines(line: str) -> None:
    raw = f"وصل الوفد إلى العاصمة اليوم.\n{line}\nوقال المتحدث إن الزيارة مهمة."
    assert clean_text(raw).removed == ()


def test_clean_source_lines_become_metadata() -> None:
    r = clean_text("نص الخبر.\nالمصدر: رويترز\nالمصدر: https://news.example/x?id=1")
    assert r.credited_source == "رويترز"
    assert r.original_url == "https://news.example/x?id=1"


def test_clean_signature_only_in_trailing_furniture() -> None:
    raw = "نص الخبر الأول.\nمجموعة الرؤية الاستراتيجية\nالمصدر: تاس"
    assert [r.reason for r in clean_text(raw).removed] == ["signature", "source-line"]
    # the same short line with article text after it is a heading, not a signature
    raw2 = "نص الخبر الأول.\nمجموعة الرؤية الاستراتيجية\nنص بعد العنوان.\nالمصدر: تاس"
    assert [r.reason for r in clean_text(raw2).removed] == ["source-line"]


def test_clean_offsets_map_back_to_raw() -> None:
    raw = "Ru En\n\n  وصل الوفد.  \n\u00a0\nتعليق (0)\nغادر الوفد."
    r = clean_text(raw)
    assert r.text == "وصل الوفد.\nغادر الوفد."
    for i, ch in enumerate(r.text):
        s, e = r.map.span(i, i + 1)
        assert raw[s:e] == ch


def test_clean_hashtag_words_read_as_words() -> None:
    raw = "مصافحة #دونالد_ترمب و#كيم_جونغ_أون في my_file."
    r = clean_text(raw)
    assert r.text == "مصافحة #دونالد ترمب و#كيم جونغ أون في my_file."
    i = r.text.index("دونالد ترمب")
    assert raw[slice(*r.map.span(i, i + len("دونالد ترمب")))] == "دونالد_ترمب"


@pytest.mark.parametrize(
    ("raw", "text", "tags"),
    [
        (
            "نص الخبر.\nولم يتسن لرويترز التحقق من التقرير. سمات امريكا تركيا مظاهرات اسطنبول ",
            "نص الخبر.\nولم يتسن لرويترز التحقق من التقرير.",
            "سمات امريكا تركيا مظاهرات اسطنبول",
        ),
        ("نص الخبر.\n\xa0 سمات سيرجي لافروف موسكو ", "نص الخبر.", "سمات سيرجي لافروف موسكو"),
        ("نص الخبر. الوسوم: روسيا، قطر", "نص الخبر.", "الوسوم: روسيا، قطر"),
        ("نص الخبر.\nمن سمات الاقتصاد السعودي أنه متنوع.", None, None),
        ("قال إن سمات المرحلة واضحة", None, None),
    ],
)
def test_clean_a_closing_tag_list_is_furniture(
    raw: str, text: str | None, tags: str | None
) -> None:
    """A tag list at the end goes (with its offsets kept); "سمات" (traits) in a sentence stays."""
    r = clean_text(raw)
    if tags is None:
        assert r.removed == () and r.text == raw.strip()
        return
    assert r.text == text
    (gone,) = r.removed
    assert (gone.reason, gone.text, raw[gone.start : gone.end]) == ("tags", tags, tags)
