"""Unit tests of marsad.extract.quotes on hand-built documents."""

from __future__ import annotations

import pytest

from marsad.extract.quotes import extract_quotes, key_variants
from tests.extract.docs import annotated


@pytest.mark.parametrize(
    ("text", "mentions", "speaker", "content"),
    [
        (
            "قال وزير الخارجية عادل الجبير إن المحادثات كانت مثمرة جدا.",
            [("عادل الجبير", "PERSON", "wd:Q1")],
            "wd:Q1",
            "المحادثات كانت مثمرة جدا",
        ),
        (
            "وأكدت الوزارة لوكالة تاس أن الزيارة ستتم في موعدها المحدد.",
            [("الوزارة", "ORG", "kb:org:m"), ("وكالة تاس", "ORG", "kb:org:tass")],
            "kb:org:m",
            "الزيارة ستتم في موعدها المحدد",
        ),
        (
            "وقال المتحدث باسم الكرملين دميتري بيسكوف إن بوتين سيزور البلاد قريبا.",
            [("الكرملين", "ORG", "kb:org:kremlin"), ("دميتري بيسكوف", "PERSON", "wd:Q2")],
            "wd:Q2",
            "بوتين سيزور البلاد قريبا",
        ),
    ],
)
def test_quotes_indirect_speaker_and_content(
    text: str, mentions: list[tuple[str, str, str | None]], speaker: str, content: str
) -> None:
    quotes = extract_quotes(annotated(text, mentions))
    assert len(quotes) == 1
    assert quotes[0].speaker == speaker
    assert quotes[0].text == content
    assert not quotes[0].direct


def test_quotes_bare_role_keeps_span_without_speaker() -> None:
    doc = annotated("وقال السكرتير الصحفي الرئاسي الكازاخستاني إن اللقاء سيعقد غدا في العاصمة.", [])
    (q,) = extract_quotes(doc)
    assert q.speaker is None
    assert q.speaker_span is not None
    assert doc.text[q.speaker_span[0] : q.speaker_span[1]] == "السكرتير الصحفي الرئاسي الكازاخستاني"


@pytest.mark.parametrize("attribution", ["بحسب ما أعلنه", "حسبما أعلن"])
def test_quotes_postposed_cue_takes_preceding_content(attribution: str) -> None:
    doc = annotated(
        f"ستعقد القمة الأولى بين البلدين في الربيع المقبل، {attribution} ترامب.",
        [("ترامب", "PERSON", "wd:Q22686")],
    )
    (q,) = extract_quotes(doc)
    assert q.speaker == "wd:Q22686"
    assert q.text.startswith("ستعقد القمة") and q.text.endswith("المقبل")


def test_quotes_participle_continues_previous_speaker() -> None:
    doc = annotated(
        "قال لافروف إن الحوار مستمر بين الطرفين، مشيرا إلى أن اللقاء المقبل سيكون في موسكو.",
        [("لافروف", "PERSON", "wd:Q3"), ("موسكو", "GPE", "wd:Q649")],
    )
    quotes = extract_quotes(doc)
    assert [q.speaker for q in quotes] == ["wd:Q3", "wd:Q3"]
    assert quotes[0].text == "الحوار مستمر بين الطرفين"


def test_quotes_direct_marks_are_found() -> None:
    doc = annotated("وقال الوزير: «نحن مستعدون للحوار مع الجميع دون شروط».", [])
    quotes = extract_quotes(doc)
    assert any(q.direct and q.text.startswith("نحن مستعدون") for q in quotes)


@pytest.mark.parametrize(
    ("key", "expected"), [("وقال", "قال"), ("فاكد", "اكد"), ("لوكاله", "وكاله")]
)
def test_quotes_key_variants_strip_clitics(key: str, expected: str) -> None:
    assert expected in key_variants(key)


def test_quotes_zero_subject_takes_the_later_named_subject() -> None:
    """A cue with no subject continues whoever was named last as a cue's subject, even when that
    cue gave no quote ("وأكد توكاييف الموعد"), not the speaker quoted before."""
    text = (
        "وصرح المتحدث رسلان زيلديباي بأن الزيارة تهدف إلى تعميق التعاون الشامل بين البلدين. "
        "وأكد توكاييف نفسه الموعد في أكتوبر. "
        "وفي وقت لاحق، خلال لقائه برئيس تتارستان، وصف الزيارة المرتقبة بأنها حدث بارز في العلاقات."
    )
    doc = annotated(
        text,
        [
            ("رسلان زيلديباي", "PERSON", "p:zheldibay"),
            ("توكاييف", "PERSON", "p:tokayev"),
            ("تتارستان", "GPE", "r:tatarstan"),
        ],
    )
    assert [q.speaker for q in extract_quotes(doc)] == ["p:zheldibay", "p:tokayev"]


def test_quotes_relay_verb_without_source_is_no_cue() -> None:
    """ "نقل تحيات" moves greetings: the content of the cue before it runs on past it."""
    text = "وأفادت الوكالة بأن ولي العهد نقل تحيات الملك إلى الملكة إليزابيث خلال اللقاء."
    doc = annotated(text, [("الوكالة", "ORG", "o:spa"), ("الملكة إليزابيث", "PERSON", "p:e")])
    (quote,) = extract_quotes(doc)
    assert quote.speaker == "o:spa"
    assert quote.text.startswith("ولي العهد نقل تحيات")


def test_quotes_relay_from_a_pronoun_quotes_whom_it_points_back_to() -> None:
    """ "نقلت وكالة فارس عنه قوله": the agency relays the man named before, not itself."""
    text = (
        "وأكد ظريف في مستهل زيارته لدمشق أهمية الاجتماع الثلاثي. "
        "ونقلت وكالة فارس عنه قوله إن جميع الأراضي السورية يجب أن تبقى موحدة."
    )
    doc = annotated(text, [("ظريف", "PERSON", "p:zarif"), ("وكالة فارس", "ORG", "o:fars")])
    (quote,) = extract_quotes(doc)
    assert quote.speaker == "p:zarif"
    assert quote.text == "جميع الأراضي السورية يجب أن تبقى موحدة"


def test_quotes_a_cue_after_sabaq_an_is_the_main_verb() -> None:
    """ "وسبق وأن قال قراقع": سبق أن is "had already"; أن blocks the cue elsewhere."""
    doc = annotated(
        "وسبق وأن قال قراقع إن الأسير المضرب عن الطعام يمر بوضع صحي خطير.",
        [("قراقع", "PERSON", "p:qaraqe")],
    )
    (quote,) = extract_quotes(doc)
    assert quote.speaker == "p:qaraqe"
    assert extract_quotes(annotated("وطلب منه أن قال إن الوضع خطير جدا.", [])) == ()


def test_quotes_a_blocked_cue_does_not_cut_the_content_before_it() -> None:
    """ "أن يقول" is no cue, so the content of قال runs past it to the full stop."""
    doc = annotated("وقال الوزير إنه يريد أن يقول الحقيقة للجميع.", [])
    assert [q.text for q in extract_quotes(doc)] == ["يريد أن يقول الحقيقة للجميع"]


@pytest.mark.parametrize(
    ("text", "when", "speaker"),
    [
        # the date after the cue is no subject: the speaker is the one named before "قد قال"
        (
            "وكان الجنرال جون نيكولسون قد قال الأربعاء إن كابول هي محور جهدنا الرئيسي.",
            "الأربعاء",
            "p:nicholson",
        ),
        # the subject after the date
        ("وقال أمس الجنرال جون نيكولسون إن كابول هي محور جهدنا الرئيسي.", "أمس", "p:nicholson"),
    ],
)
def test_quotes_date_after_the_cue_is_not_the_speaker(text: str, when: str, speaker: str) -> None:
    doc = annotated(
        text,
        [("جون نيكولسون", "PERSON", "p:nicholson"), ("كابول", "GPE", "c:kabul")],
        [(when, "2018-03-14")],
    )
    (quote,) = extract_quotes(doc)
    assert quote.speaker == speaker
    assert quote.speaker_span is not None
    assert doc.text[slice(*quote.speaker_span)] == "جون نيكولسون"


@pytest.mark.parametrize("connective", ["بيد", "غير", "إلا"])
def test_quotes_an_after_a_connective_is_no_content_of_an_earlier_cue(connective: str) -> None:
    # "مشددة" reads as a cue; the "أن" of "بيد أن" opens a new clause, not its content
    doc = annotated(
        "وفرضت إجراءات أمنية مشددة لمواجهة عدد من المظاهرات المتوقعة، "
        f"{connective} أن ترامب قال إنه يعتقد أن البريطانيين يحبونه كثيرا.",
        [("ترامب", "PERSON", "p:trump")],
    )
    (quote,) = extract_quotes(doc)
    assert quote.speaker == "p:trump"
    assert quote.text == "يعتقد أن البريطانيين يحبونه كثيرا"


def test_quotes_dateline_is_no_content_of_the_first_cue() -> None:
    # "... (CNN)— كشفت X": the dateline before the cue is where the outlet writes from
    doc = annotated(
        "دبي، الإمارات العربية المتحدة (CNN)— كشفت وزارة الدفاع الروسية، الخميس، معلومات عن "
        "الضربة التي وجهها الجيش ضد أهداف في سوريا.",
        [("وزارة الدفاع الروسية", "ORG", "o:mod")],
    )
    assert not [q for q in extract_quotes(doc) if "CNN" in q.text]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # a dual verb: both ministers speak
        (
            "والتقى لافروف نظيره المصري شكري في موسكو، وأكدا أن العلاقات بين البلدين متينة.",
            "العلاقات بين البلدين متينة",
        ),
        # a plural participle after the main clause: its subject speaks
        (
            "وانتقد لافروف وشكري العقوبات الجديدة، مشيرين إلى أنها تضر بالتجارة.",
            "تضر بالتجارة",
        ),
    ],
)
def test_quotes_dual_and_plural_cue_forms(text: str, content: str) -> None:
    doc = annotated(text, [("لافروف", "PERSON", "p:lavrov"), ("شكري", "PERSON", "p:shoukry")])
    assert [q.text for q in extract_quotes(doc)] == [content]
