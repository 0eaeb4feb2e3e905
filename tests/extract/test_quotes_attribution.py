"""Unit tests of quote attribution (marsad.extract.quotes and quotes_speaker) on built documents."""

from __future__ import annotations

import pytest

from marsad.extract.quotes import extract_quotes
from marsad.model import Document
from tests.extract.docs import annotated

Mention = tuple[str, str, str | None]


def _span(doc: Document, span: tuple[int, int] | None) -> str | None:
    return doc.text[span[0] : span[1]] if span else None


@pytest.mark.parametrize(
    ("text", "mentions", "speaker", "content"),
    [
        (  # an addressee (ل-) after the speaker is not the speaker
            "وعبر مترجم، قال كيم لترمب إن البشر لن يصدقوا ما يحدث هنا.",
            [("كيم", "PERSON", "p:kim"), ("ترمب", "PERSON", "p:trump")],
            "p:kim",
            "البشر لن يصدقوا ما يحدث هنا",
        ),
        (  # preposed attribution
            "وبحسب لافروف، فإن موسكو وأستانا لديهما تفاهم مشترك حول الأمن.",
            [("لافروف", "PERSON", "p:lavrov")],
            "p:lavrov",
            "موسكو وأستانا لديهما تفاهم مشترك حول الأمن",
        ),
        (  # a verbal-noun object opens the content, no complementizer
            "وفي مقال نشر قبيل الزيارة، أكد توكاييف دعم بلاده للحوار السلمي.",
            [("توكاييف", "PERSON", "p:tokayev")],
            "p:tokayev",
            "دعم بلاده للحوار السلمي",
        ),
        (  # a relative pronoun before the cue points at the mention before it
            "أعرب ترمب عن أمله في علاقة مع نظيره فلاديمير بوتين، الذي اعتبر أنه آن الأوان "
            "لإجراء محادثات جوهرية.",
            [("ترمب", "PERSON", "p:trump"), ("فلاديمير بوتين", "PERSON", "p:putin")],
            "p:putin",
            "آن الأوان لإجراء محادثات جوهرية",
        ),
        (  # content prep إلى after the subject
            "وفي سبتمبر، دعا توكاييف إلى حل سلمي للصراع في المنطقة.",
            [("توكاييف", "PERSON", "p:tokayev")],
            "p:tokayev",
            "حل سلمي للصراع في المنطقة",
        ),
    ],
)
def test_quotes_attribution_speaker_and_content(
    text: str, mentions: list[Mention], speaker: str, content: str
) -> None:
    quotes = extract_quotes(annotated(text, mentions))
    assert len(quotes) == 1
    assert quotes[0].speaker == speaker
    assert quotes[0].text == content


@pytest.mark.parametrize(
    ("text", "speaker_span", "content"),
    [
        (  # a name the tagger missed: bare words closed by a comma and إن
            "وقال أوشاكوف، الثلاثاء، إن أرمينيا تظل عضوا كاملا في التحالف.",
            "أوشاكوف",
            "أرمينيا تظل عضوا كاملا في التحالف",
        ),
        (  # نقلت X عن Y: Y is the speaker, even after a comma
            "ونقلت فرانس برس، عن جنرال أميركي، أن الضربات كانت مركزة لتجنب القوات.",
            "جنرال أميركي",
            "الضربات كانت مركزة لتجنب القوات",
        ),
        (  # an outlet that is itself the source; its quoted name hides no complementizer
            'وذكرت شبكة "سي إن إن" الأميركية أن الزعيم همس بهذه الكلمات لنظيره.',
            'شبكة "سي إن إن" الأميركية',
            "الزعيم همس بهذه الكلمات لنظيره",
        ),
        (  # a role with its name set beside it by commas
            "قال وزير الدفاع الإسرائيلي، أفيغدور ليبرمان، إن الضربة دمرت أغلب البنى التحتية.",
            "وزير الدفاع الإسرائيلي، أفيغدور ليبرمان",
            "الضربة دمرت أغلب البنى التحتية",
        ),
        (  # a dual and a construct plural head the slot like their singular
            "وتابع وزيرا الداخلية في بيانهما أن أزمة الهجرة تتطلب ردا أوروبيا.",
            "وزيرا الداخلية",
            "أزمة الهجرة تتطلب ردا أوروبيا",
        ),
        (
            "وأوضح مسؤولو الشرطة أنها ما زالت تتحرى سبب الانفجار.",
            "مسؤولو الشرطة",
            "ما زالت تتحرى سبب الانفجار",
        ),
    ],
)
def test_quotes_attribution_unlinked_speaker_span(
    text: str, speaker_span: str, content: str
) -> None:
    doc = annotated(text, [])
    (q,) = extract_quotes(doc)
    assert q.speaker is None
    assert _span(doc, q.speaker_span) == speaker_span
    assert q.text == content


def test_quotes_attribution_honorific_keeps_its_span_and_takes_the_antecedent() -> None:
    doc = annotated(
        "استقبل الأمير سعود السفير الكوري في مكتبه. من جانبه، أكد سموه دعم الحكومة للاستثمار "
        "في المنطقة الشرقية.",
        [("الأمير سعود", "PERSON", "p:saud"), ("الكوري", "MISC", None)],
    )
    (q,) = extract_quotes(doc)
    assert q.speaker == "p:saud"
    assert _span(doc, q.speaker_span) == "سموه"
    assert q.text.startswith("دعم الحكومة")


def test_quotes_attribution_participle_takes_the_main_subject() -> None:
    doc = annotated(
        "كشفت وزارة الدفاع الروسية، الخميس، معلومات عن الضربة، قائلا إن المقاتلات أطلقت 60 صاروخا.",
        [("الروسية", "MISC", None)],
    )
    (q,) = extract_quotes(doc)
    assert _span(doc, q.speaker_span) == "وزارة الدفاع الروسية"
    assert q.text == "المقاتلات أطلقت 60 صاروخا"


def test_quotes_attribution_object_first_verb_has_zero_subject() -> None:
    doc = annotated(
        "قال توكاييف إن العلاقات ممتازة بين البلدين. ووصف الزيارة المرتقبة بأنها حدث بارز "
        "في العلاقات.",
        [("توكاييف", "PERSON", "p:tokayev")],
    )
    quotes = extract_quotes(doc)
    assert [q.speaker for q in quotes] == ["p:tokayev", "p:tokayev"]


def test_quotes_attribution_cue_followed_by_quotation_is_direct() -> None:
    doc = annotated(
        'وقال كيري في مؤتمر صحافي "توافقنا على تسريع بيع بعض الأسلحة الضرورية".',
        [("كيري", "PERSON", "p:kerry")],
    )
    (q,) = extract_quotes(doc)
    assert q.direct and q.speaker == "p:kerry" and q.cue == "وقال"
    assert q.text == "توافقنا على تسريع بيع بعض الأسلحة الضرورية"


@pytest.mark.parametrize(
    "text",
    [
        "أُعلن رسمياً لأول مرة في أبريل عن التحضيرات لزيارة الرئيس هذا الخريف.",
        "ومن المقرر أن توقع الدولتان على عدة وثائق خلال الزيارة المقبلة.",
        "نقل الجيش المساعدات الإنسانية إلى المدينة المنكوبة صباح أمس.",
        'وافتتح المعرض تحت شعار "الحرف المهنية محركات النمو الاقتصادي" أمس في العاصمة.',
        "وجاءت الزيارة بعد أشهر من التوتر، مما يشير إلى أن العلاقات تتحسن ببطء.",
        "الجدير ذكره أن الصين تطالب بالسيادة على معظم مناطق البحر.",  # the outlet's own aside
    ],
)
def test_quotes_attribution_not_speech(text: str) -> None:
    assert extract_quotes(annotated(text, [])) == ()


def test_quotes_attribution_impersonal_cue_is_skipped() -> None:
    doc = annotated(
        "ويذكر أن وزير الدفاع قال إن الضربة دمرت أغلب البنى التحتية للعدو.",
        [],
    )
    (q,) = extract_quotes(doc)
    assert q.cue == "قال"
    assert q.text == "الضربة دمرت أغلب البنى التحتية للعدو"


def test_quotes_attribution_zero_subject_skips_a_name_inside_a_prepositional_phrase() -> None:
    doc = annotated(
        "قال توكاييف إن الزيارة مهمة جدا للبلدين. وخلال لقائه برئيس جمهورية تتارستان - رستم "
        "مينيخانوف، وصف الزيارة المرتقبة بأنها حدث بارز في العلاقات.",
        [("توكاييف", "PERSON", "p:tokayev"), ("رستم مينيخانوف", "PERSON", "p:minikhanov")],
    )
    quotes = extract_quotes(doc)
    assert [q.speaker for q in quotes] == ["p:tokayev", "p:tokayev"]


@pytest.mark.parametrize("prep", ["وحول", "وبشأن", "وإزاء", "وتجاه"])
def test_quotes_attribution_zero_subject_skips_a_topic_after_a_preposition(prep: str) -> None:
    """ "وحول الصين ...، بدا المسؤول مطمئنا، وقال": China is the topic, not the speaker."""
    doc = annotated(
        f"{prep} الصين أكبر دولة مستهلكة للطاقة في العالم، بدا المسؤول مطمئنا، وقال إن "
        "المشكلة الوحيدة للصين هي المخزونات.",
        [("الصين", "GPE", "c:china")],
    )
    (quote,) = extract_quotes(doc)
    assert quote.speaker is None
    assert _span(doc, quote.speaker_span) == "المسؤول"


def test_quotes_attribution_complementizer_with_a_first_person_pronoun() -> None:
    """ "قال إننا نريد": إننا opens the content (no bare name), the subject is zero, and the
    country after مع is no antecedent."""
    doc = annotated(
        "وتحدث أموس هوكستين عن العلاقات مع الخليج. وبالنسبة للاتفاق مع إيران، قال إننا نريد "
        "من الجانب الإيراني أن ينفذ الاتفاق.",
        [("أموس هوكستين", "PERSON", "p:hochstein"), ("إيران", "GPE", "c:iran")],
    )
    (quote,) = extract_quotes(doc)
    assert quote.speaker == "p:hochstein"
    assert quote.text.startswith("نريد من الجانب")


def test_quotes_attribution_a_witness_speaks() -> None:
    """ "وقال شاهد عيان يدعى أحمد اكاي لرويترز إن": the eyewitness named after his role is
    the speaker, and the one of the next cue."""
    doc = annotated(
        "وتبنت جبهة التحرير الهجوم. وقال شاهد عيان يدعى أحمد اكاي لرويترز إن إحدى المرأتين "
        "أطلقت خمسة أعيرة نارية. وأضاف أن الشرطة حذرتها مرة أخرى.",
        [
            ("جبهة التحرير", "ORG", "o:front"),
            ("أحمد اكاي", "PERSON", "p:akay"),
            ("رويترز", "ORG", "o:reuters"),
        ],
    )
    assert [q.speaker for q in extract_quotes(doc)] == ["p:akay"] * 2


def test_quotes_attribution_demonstrative_description_is_the_subject() -> None:
    """ "وتؤكد هذه الدول الثلاث أن": the description is the subject (GUIDELINES section 1,
    anaphor), not an object before a zero subject pointing at the last person named."""
    doc = annotated(
        "والتقى وزير الخارجية الأمريكي جون كيري نظيره الروسي. وتتهم بريطانيا وفرنسا "
        "والولايات المتحدة النظام السوري بتنفيذ هجمات. وتؤكد هذه الدول الثلاث أن النظام "
        "السوري هو الوحيد الذي يمتلك مروحيات.",
        [("جون كيري", "PERSON", "p:kerry")],
    )
    (quote,) = extract_quotes(doc)
    assert (quote.speaker, _span(doc, quote.speaker_span)) == (None, "هذه الدول الثلاث")


def test_quotes_apposed_name_stops_at_the_last_token() -> None:
    from marsad.extract.quotes_lexicon import load_cues
    from marsad.extract.quotes_speaker import apposed_name

    doc = annotated("وزير الخارجية لدى روسيا", [("روسيا", "GPE", "wd:Q159")])
    toks = list(doc.tokens)
    slot = toks[:2]  # "وزير الخارجية", then "لدى" + a place running to the end of the text
    assert apposed_name(toks, slot, len(toks) + 5, load_cues(), doc.entities) is None


@pytest.mark.parametrize(
    ("text", "mentions", "speaker"),
    [
        (  # a role posted to a place, then its name between commas
            "وقالت سفيرة الولايات المتحدة إلى الأمم المتحدة، نيكي هايلي، إن الإجراءات غير مسبوقة.",
            [
                ("الولايات المتحدة", "GPE", "c:us"),
                ("الأمم المتحدة", "ORG", "o:un"),
                ("نيكي هايلي", "PERSON", "p:haley"),
            ],
            "p:haley",
        ),
        (  # a role with its ل modifier, then the name between commas, before the cue
            "وكان المفوض الأوروبي للشؤون الاقتصادية، بيار موسكوفيسي، قال في وقت سابق إن "
            "الاتحاد الأوروبي سيستجيب لأي تهديدات جديدة.",
            [("بيار موسكوفيسي", "PERSON", "p:moscovici"), ("الاتحاد الأوروبي", "ORG", "o:eu")],
            "p:moscovici",
        ),
        (  # a feminine role word heads the slot like its masculine form
            "وقالت نائبة وزير الخارجية في كوريا الشمالية، تشوي سون هوي، إن القمة قد تلغى.",
            [("كوريا الشمالية", "GPE", "c:kp"), ("تشوي سون هوي", "PERSON", "p:choe")],
            "p:choe",
        ),
    ],
)
def test_quotes_attribution_role_at_a_place_then_its_name(
    text: str, mentions: list[tuple[str, str, str]], speaker: str
) -> None:
    (q,) = extract_quotes(annotated(text, mentions))
    assert q.speaker == speaker


def test_quotes_two_known_names_after_the_cue_are_speaker_then_addressee() -> None:
    doc = annotated(
        "وأبلغ بوتين نتنياهو خلال المكالمة الهاتفية أن موسكو ملتزمة بالاتفاق.",
        [("بوتين", "PERSON", "wd:Q7747"), ("نتنياهو", "PERSON", "wd:Q43723")],
    )
    (quote,) = extract_quotes(doc)
    assert quote.speaker == "wd:Q7747"


def test_quotes_a_name_split_in_two_by_the_tagger_keeps_its_last_part() -> None:
    doc = annotated(
        "وقال دونالد ترمب إن المحادثات كانت جيدة.",
        [("دونالد", "PERSON", None), ("ترمب", "PERSON", "wd:Q22686")],
    )
    (quote,) = extract_quotes(doc)
    assert quote.speaker == "wd:Q22686"
