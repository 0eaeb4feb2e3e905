"""Unit tests of the batch-2 attribution rules: new cue verbs, subordinate attributions, titles
with a ``ل`` modifier, ``باسم`` possessors, generic subjects and carried cue subjects."""

from __future__ import annotations

import pytest

from marsad.extract.quotes import extract_quotes
from marsad.model import Document
from tests.extract.docs import annotated

Mention = tuple[str, str, str | None]


def _span(doc: Document, span: tuple[int, int] | None) -> str | None:
    return doc.text[span[0] : span[1]] if span else None


@pytest.mark.parametrize(
    ("text", "mentions", "speaker", "speaker_text", "content_start"),
    [
        (  # an attribution inside the cue's clause is no cue of its own
            "وأكدت وزارة الخارجية القطرية وفقا لوكالة الأنباء القطرية، وقوف دولة قطر مع المملكة "
            "في تصديها للأعمال الإجرامية.",
            [("وزارة الخارجية القطرية", "ORG", "o:mofa-qa")],
            "o:mofa-qa",
            "وزارة الخارجية القطرية",
            "وقوف دولة قطر",
        ),
        (  # a cue verb the batch-2 annotators accepted
            "وكشف مصدر رسمي تركي لصحيفة محلية أن تركيا اتخذت قرارا استراتيجيا بدعم المعارضة.",
            [("تركيا", "GPE", "g:tr")],
            None,
            "مصدر رسمي تركي",
            "تركيا اتخذت",
        ),
        (  # a person after باسم is the possessor, not the speaker
            "وقالت متحدثة باسم مكتب تيريزا ماي إن الاتفاق كان مثمرا جدا للبلدين.",
            [("تيريزا ماي", "PERSON", "p:may")],
            None,
            "متحدثة باسم مكتب تيريزا ماي",
            "الاتفاق كان",
        ),
        (  # a title with a ل modifier runs to the name; قوله is part of the relay
            "ونقلت الوكالة عن نائب وزير الخزانة لشؤون مكافحة الإرهاب آدم زوبين قوله إن "
            "العقوبات تعزز الضغط على الحكومة.",
            [("آدم زوبين", "PERSON", "p:szubin")],
            "p:szubin",
            "آدم زوبين",
            "العقوبات تعزز",
        ),
        (  # a name that starts like the article (أليكسي) still closes an apposition
            "أشار السفير الروسي لدى كازاخستان - أليكسي بورودافكين، في مقابلة، إلى أن العلاقات "
            "تتطور بسرعة كبيرة.",
            [("كازاخستان", "GPE", "g:kz"), ("أليكسي بورودافكين", "PERSON", "p:borodavkin")],
            "p:borodavkin",
            "أليكسي بورودافكين",
            "العلاقات تتطور",
        ),
        (  # subject before the verb, opening its clause after لكن
            "وانسحب ترمب من الاتفاق، لكن إيران تقول إنها لم تجن ثمار التزامها بنود الاتفاق.",
            [("ترمب", "PERSON", "p:trump"), ("إيران", "GPE", "g:ir")],
            "g:ir",
            "إيران",
            "لم تجن",
        ),
        (  # the person after بقيادة leads the wing; the site speaks
            "وأشار موقع إيسكرا الناطق باسم الجناح المعارض بقيادة لافازانيس إلى احتمال إجراء "
            "انتخابات مبكرة.",
            [("لافازانيس", "PERSON", "p:lafazanis")],
            None,
            "موقع إيسكرا الناطق باسم الجناح المعارض بقيادة لافازانيس",
            "احتمال",
        ),
        (  # a titled name before its cue; the adverb after the cue is no name
            "الرئيس السيسي قال بصراحة إن البلدين يمكنهما تحقيق نهضة اقتصادية كبرى.",
            [("السيسي", "PERSON", "p:sisi")],
            "p:sisi",
            "السيسي",
            "البلدين يمكنهما",
        ),
        (  # a name the tagger missed, before its role: the slot names the speaker
            "وقال ذبيح الله مجاهد المتحدث باسم طالبان إن ركاب السيارتين كانوا أجانب.",
            [("طالبان", "ORG", "o:taliban")],
            None,
            "ذبيح الله مجاهد المتحدث باسم طالبان",
            "ركاب السيارتين",
        ),
    ],
)
def test_quotes_generalize_one_quote_with_its_speaker(
    text: str, mentions: list[Mention], speaker: str | None, speaker_text: str, content_start: str
) -> None:
    doc = annotated(text, mentions)
    quotes = extract_quotes(doc)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.speaker == speaker
    assert _span(doc, q.speaker_span) == speaker_text
    assert q.text.startswith(content_start)


@pytest.mark.parametrize(
    "text",
    [
        "ويعتبر الكثير من الفلسطينيين زيارة المدينة المقدسة تطبيعا مع إسرائيل.",
        "وتشير الأرقام إلى أن الصادرات تراجعت بنسبة كبيرة.",
        'ونشرت صحف مقالا لوزير الخارجية بعنوان: "الجار ثم الدار، توصية أخلاقية أم ضرورة".',
        "ووفقا لآخر المعلومات الصادرة، بلغ الفائض التجاري الياباني 7 مليارات دولار.",
        # "يبلغ" amounts to, "فحسب" is "only": neither reports speech
        "لكن المبلغ الأخير الذي سددته اليونان، ويبلغ نحو ملياري يورو، سمح لها بالحصول على قرض.",
        "ولم تدرج العقوبات الأخيرة شركات شحن لكوريا الشمالية فحسب، بل طالت شركات صينية.",
        "وحققت الشركة الكشف على عمق 3600 متر، وتشير التقديرات الأولية إلى وجود احتياطيات كبيرة.",
        "وبين الكيانات التي أوردتها الوزارة شركات تتخذ من سوريا مقرا لها منذ سنوات طويلة.",
    ],
)
def test_quotes_generalize_no_speaker_no_quote(text: str) -> None:
    assert extract_quotes(annotated(text, [])) == ()


def test_quotes_generalize_zero_subject_takes_an_earlier_cue_subject() -> None:
    doc = annotated(
        "من جانبه، وصف وزير الإعلام الدكتور محمد المومني زيارة الأمير محمد بن سلمان بالتاريخية. "
        "وقال في تصريحات خاصة إن الزيارة تأتي في وقت مهم تمر به المنطقة.",
        [("محمد المومني", "PERSON", "p:momani"), ("محمد بن سلمان", "PERSON", "p:mbs")],
    )
    said = [q for q in extract_quotes(doc) if q.text.startswith("الزيارة تأتي")]
    assert [q.speaker for q in said] == ["p:momani"]


def test_quotes_generalize_subject_and_relative_clause_are_no_content() -> None:
    # the words before حذر are its subject with a relative clause, not something said
    text = "لكن تسيبراس، الذي ما زال يملك شعبية كبيرة لدى اليونانيين، حذر المعارضين من انتخابات."
    doc = annotated(text, [("تسيبراس", "PERSON", "p:tsipras")])
    assert extract_quotes(doc) == ()


def test_quotes_generalize_no_nisba_across_a_date() -> None:
    # "أهمية" ends like a nisba, but after a name and a date it opens the content
    doc = annotated(
        'أكدت دمشق ومسقط أمس أهمية "تضافر الجهود البناءة" لإنهاء النزاع في سورية.',
        [("دمشق", "GPE", "g:damascus"), ("مسقط", "GPE", "g:muscat")],
        [("أمس", "2025-11-10")],
    )
    (q,) = extract_quotes(doc)
    assert q.speaker == "g:damascus" and q.text.startswith("أهمية")


def test_quotes_generalize_attribution_is_no_speaker() -> None:
    doc = annotated(
        "وشددت وفقا لما نقلته وكالة الأنباء البحرينية، على أن هذه الجريمة لا تمت بصلة لأي دين.",
        [("وكالة الأنباء البحرينية", "ORG", "o:bna")],
    )
    (q,) = extract_quotes(doc)
    assert q.speaker_span is None or "وفقا" not in doc.text[slice(*q.speaker_span)]


def test_quotes_generalize_pronoun_subject_makes_the_slot_an_object() -> None:
    doc = annotated(
        "وفيما أدانت رئاسة الإقليم القصف، فإنها دعت حزب العمال الكردستاني إلى «إبعاد المعركة».",
        [("حزب العمال الكردستاني", "ORG", "o:pkk")],
    )
    (q,) = extract_quotes(doc)
    assert q.speaker != "o:pkk"


def test_quotes_generalize_zero_subject_takes_a_country_subject() -> None:
    doc = annotated(
        "وسعت الولايات المتحدة الاثنين عقوباتها على سوريا، وقالت إن الأفراد يؤمنون محروقات للنظام.",
        [("الولايات المتحدة", "GPE", "g:us"), ("سوريا", "GPE", "g:sy")],
    )
    (q,) = extract_quotes(doc)
    assert q.speaker == "g:us"


def test_quotes_generalize_verbal_noun_after_adam_is_no_cue() -> None:
    # "عدم كشف اسمه": كشف is a verbal noun; the cue is قال, its subject ends at الذي
    doc = annotated('وقال المصدر الذي طلب عدم كشف اسمه، "تم تأجيل الزيارة إلى موعد لاحق".', [])
    (q,) = extract_quotes(doc)
    assert q.cue == "وقال" and doc.text[slice(*q.speaker_span)] == "المصدر"  # type: ignore[misc]


def test_quotes_generalize_afad_with_ba_content() -> None:
    doc = annotated("وأفادت مصادر عسكرية بمصرع وإصابة عشرات المسلحين في غارات للتحالف.", [])
    (q,) = extract_quotes(doc)
    assert q.text.startswith("بمصرع") and q.speaker_span is not None


@pytest.mark.parametrize(
    ("text", "mentions", "speaker", "speaker_text"),
    [
        (  # the author named after the noun
            'وجاء في بيان الكرملين: "سيقوم رئيس كازاخستان بزيارة دولة إلى روسيا".',
            [("الكرملين", "ORG", "o:kremlin")],
            "o:kremlin",
            "الكرملين",
        ),
        (  # the author after ل: the army's statement
            "وجاء في بيان للجيش الإسرائيلي أنه نفذ غارات جوية عدة على أهداف في القطاع.",
            [],
            None,
            "للجيش الإسرائيلي",
        ),
        (  # the statement of the Royal Court is the subject of أعلن
            "وأعلن بيان للديوان الملكي أن الملك سلمان أجرى اتصالات مع قادة الدول.",
            [("الملك سلمان", "PERSON", "p:salman")],
            None,
            "بيان للديوان الملكي",
        ),
        (  # the text stands for the author named before it
            "ونشرت صحف مقالا لوزير الخارجية محمد جواد ظريف. وجاء في المقال "
            "“علينا جميعا أن نقبل حقيقة انقضاء عهد الألاعيب”.",
            [("محمد جواد ظريف", "PERSON", "p:zarif")],
            "p:zarif",
            "المقال",
        ),
    ],
)
def test_quotes_generalize_written_text_says(
    text: str, mentions: list[Mention], speaker: str | None, speaker_text: str
) -> None:
    doc = annotated(text, mentions)
    (q,) = extract_quotes(doc)
    assert (q.speaker, _span(doc, q.speaker_span)) == (speaker, speaker_text)


def test_quotes_generalize_jaa_without_a_text_is_no_cue() -> None:
    assert extract_quotes(annotated("وجاء في المرتبة الثانية فريق الهلال بعد فوزه.", [])) == ()


def test_quotes_generalize_possessive_is_no_bare_name() -> None:
    # "استدعاء سفيرها" carries a possessive: the object, not a name the tagger missed
    doc = annotated(
        "وأعلنت البحرين استدعاء سفيرها في طهران للتشاور. وأعلنت استدعاء سفيرها في طهران للتشاور.",
        [("البحرين", "GPE", "g:bh")],
    )
    assert [q.text.split()[0] for q in extract_quotes(doc)] == ["استدعاء", "استدعاء"]


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        ("وأكد بوتين قبوله الدعوة.", ["قبوله الدعوة"]),  # two words: content
        ("وأكد بوتين الموعد.", []),  # a single noun is no content (GUIDELINES section 1)
    ],
)
def test_quotes_generalize_object_of_two_words(text: str, contents: list[str]) -> None:
    doc = annotated(text, [("بوتين", "PERSON", "p:putin")])
    assert [q.text for q in extract_quotes(doc)] == contents


def test_quotes_generalize_dateline_place_is_no_antecedent() -> None:
    doc = annotated(
        "دبي، الإمارات العربية المتحدة (CNN)-- كشفت وزارة الدفاع الروسية، الخميس، معلومات عن "
        "الضربة، قائلة إن الطائرات أطلقت 28 صاروخا.",
        [("الإمارات العربية المتحدة", "GPE", "g:ae"), ("وزارة الدفاع الروسية", "ORG", "o:modru")],
    )
    assert [q.speaker for q in extract_quotes(doc)] == ["o:modru"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (  # a pledge with أن: what was pledged
            'وتعهد رئيس الوزراء الكندي، جاستن ترودو، أنه "سيستمر بالتحدث عن مسائل حقوق الإنسان".',
            "سيستمر بالتحدث عن مسائل حقوق الإنسان",
        ),
        (  # a pledge with بـ and a verbal noun
            "وتعهد رئيس الوزراء الأردني الجديد بسحب مشروع قانون ضريبة الدخل.",
            "بسحب مشروع قانون ضريبة الدخل",
        ),
    ],
)
def test_quotes_generalize_a_pledge_is_reported_speech(text: str, content: str) -> None:
    doc = annotated(text, [("جاستن ترودو", "PERSON", "p:trudeau")], every=True)
    (q,) = extract_quotes(doc)
    assert q.text == content
