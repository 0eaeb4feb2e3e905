"""Unit tests of the round-2 argument rules of marsad.extract.events: dual subjects, companion
triggers, coordinated actors, country adjectives and standalone gatherings."""

from __future__ import annotations

import pytest

from marsad.extract.event_duals import dual_kind, resolve_dual
from marsad.extract.events import extract_events
from marsad.model import Document, EntityMention
from tests.extract.docs import annotated

_PUTIN = ("بوتين", "PERSON", "wd:Q7747")
_TOKAYEV = ("توكاييف", "PERSON", "kb:person:kassym-jomart-tokayev")


def _doc(text: str, mentions: list[tuple[str, str, str]]) -> Document:
    return annotated(text, mentions, every=True)


@pytest.mark.parametrize(
    ("text", "mentions", "type_", "actors"),
    [
        (
            "استقبل بوتين توكاييف في الكرملين. ومن المتوقع أن يوقع الزعيمان وثائق ثنائية.",
            [_PUTIN, _TOKAYEV],
            "AGREE",
            {"wd:Q7747", "kb:person:kassym-jomart-tokayev"},
        ),
        (
            "تعد كازاخستان شريكا لروسيا. ومن المقرر أن توقع الدولتان على عدة وثائق.",
            [("كازاخستان", "GPE", "wd:Q232"), ("روسيا", "LOC", "wd:Q159")],
            "AGREE",
            {"wd:Q232", "wd:Q159"},
        ),
        (
            "في مستهل قمتهما التاريخية تحدث بوتين مع توكاييف.",
            [_PUTIN, _TOKAYEV],
            "CONSULT",
            {"wd:Q7747", "kb:person:kassym-jomart-tokayev"},
        ),
    ],
)
def test_events_dual_subject_resolves_to_two_parties(
    text: str, mentions: list[tuple[str, str, str]], type_: str, actors: set[str]
) -> None:
    evs = [e for e in extract_events(_doc(text, mentions)) if e.type == type_]
    assert evs, [(e.type, e.trigger_text) for e in extract_events(_doc(text, mentions))]
    assert {p.entity for p in evs[-1].actors} == actors


@pytest.mark.parametrize(
    ("words", "kind"),
    [("وقع الجانبان اتفاقية", "state"), ("سيخاطب الرئيسان المنتدى", "person"), ("زار بوتين", None)],
)
def test_events_dual_kind_of_the_subject(words: str, kind: str | None) -> None:
    doc = _doc(words + ".", [])
    toks = [t for t in doc.tokens if t.is_word]
    ti = 2 if "المنتدى" in words else 0
    assert dual_kind(toks, ti, ti) == kind


def test_events_dual_needs_two_linked_parties() -> None:
    one = EntityMention(0, 5, "بوتين", "PERSON", "wd:Q7747")
    nil = EntityMention(6, 11, "دونالد", "PERSON", "x:abc")
    assert resolve_dual("person", [one, nil], {}) == ()


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("أطلقت روسيا صاروخا على أوكرانيا الأسبوع الماضي.", "wd:Q159"),
        ("وأطلقت كييف صواريخ بعيدة المدى على روسيا.", "wd:Q212"),  # Kyiv stands for Ukraine
    ],
)
def test_events_launch_verb_with_missile_is_an_assault(text: str, actor: str) -> None:
    doc = _doc(
        text,
        [("روسيا", "LOC", "wd:Q159"), ("أوكرانيا", "LOC", "wd:Q212"), ("كييف", "GPE", "wd:Q1899")],
    )
    (ev,) = extract_events(doc)
    assert (ev.type, ev.mode) == ("ASSAULT", "missile")
    assert [p.entity for p in ev.actors] == [actor]


def test_events_launch_verb_without_missile_is_no_event() -> None:
    doc = _doc("أطلقت روسيا مبادرة جديدة مع أوكرانيا.", [("روسيا", "LOC", "wd:Q159")])
    assert extract_events(doc) == ()


def test_events_coordinated_actors_all_act() -> None:
    doc = _doc(
        "انتهت الضربات التي نفذتها الولايات المتحدة وبريطانيا وفرنسا في سوريا.",
        [
            ("الولايات المتحدة", "GPE", "wd:Q30"),
            ("بريطانيا", "LOC", "wd:Q145"),
            ("فرنسا", "GPE", "wd:Q142"),
            ("سوريا", "LOC", "wd:Q858"),
        ],
    )
    (ev,) = extract_events(doc)
    assert [p.entity for p in ev.actors] == ["wd:Q30", "wd:Q145", "wd:Q142"]


def test_events_country_adjectives_of_the_subject_are_actors() -> None:
    doc = _doc(
        "ونفذت القوات الأميركية والبريطانية ضربات جوية في سوريا.",
        [
            ("الأميركية", "MISC", "wd:Q30"),
            ("البريطانية", "MISC", "wd:Q145"),
            ("سوريا", "LOC", "wd:Q858"),
        ],
    )
    (ev,) = extract_events(doc)
    assert ev.type == "ASSAULT"
    assert [p.entity for p in ev.actors] == ["wd:Q30", "wd:Q145"]


_ISRAEL = ("الإسرائيلي", "MISC", "wd:Q801")


@pytest.mark.parametrize(
    ("text", "mentions", "type_", "actors", "targets"),
    [
        # the country adjective of a subject before its verb ("شنت")
        (
            "وقال المرصد إن المقاتلات الروسية شنت غارات جوية على مواقع في جنوب سوريا.",
            [("الروسية", "MISC", "wd:Q159"), ("سوريا", "LOC", "wd:Q858")],
            "ASSAULT",
            ["wd:Q159"],
            None,
        ),
        # a verb whose pronoun points back at the attack noun: its subject attacks
        (
            "قتل 12 شخصا في غارات جوية نفذها الجيش السوري على قرية في محافظة حلب.",
            [("السوري", "MISC", "wd:Q858"), ("حلب", "GPE", "kb:city:sy:aleppo")],
            "ASSAULT",
            ["wd:Q858"],
            None,
        ),
        (
            "وقتل ستة على الأقل في تفجير انتحاري نفذه أعضاء من حركة الشباب على فندق.",
            [("حركة الشباب", "ORG", "kb:org:shabaab")],
            "ASSAULT",
            ["kb:org:shabaab"],
            None,
        ),
        # a country adjective closing an indefinite subject right after the verb
        (
            "قصفت طائرات حربية إسرائيلية أكثر من 12 موقعا لحركة حماس في قطاع غزة.",
            [("إسرائيلية", "MISC", "wd:Q801"), ("حماس", "ORG", "kb:org:hamas")],
            "ASSAULT",
            ["wd:Q801"],
            ["kb:org:hamas"],
        ),
        # "من قبل X" names the agent of a passive act
        (
            "تعرضت محافظة إدلب لقصف جوي من قبل مقاتلات روسية، السبت.",
            [("إدلب", "GPE", "kb:city:sy:idlib"), ("روسية", "MISC", "wd:Q159")],
            "ASSAULT",
            ["wd:Q159"],
            ["kb:city:sy:idlib"],
        ),
        # the subject of a support verb, or of "أعلن", before the event noun
        (
            "شن سلاح الجو الإسرائيلي، السبت، سلسلة غارات على مواقع لحركة حماس.",
            [_ISRAEL, ("حماس", "ORG", "kb:org:hamas")],
            "ASSAULT",
            ["wd:Q801"],
            None,
        ),
        (
            "أعلن الجيش الإسرائيلي، الثلاثاء، اعتقال 21 فلسطينيا في الضفة الغربية.",
            [_ISRAEL],
            "COERCE",
            ["wd:Q801"],
            None,
        ),
        # a quotation mark between the subject's adjective and the verb
        (
            "وأكد أن الجيش الكوري الجنوبي «سيرد فورا» إذا أطلقت الشمال النار.",
            [("الكوري الجنوبي", "MISC", "wd:Q884")],
            "THREATEN",
            ["wd:Q884"],
            None,
        ),
        # the adjective of another verb's subject ("أدانت الحكومة اليمنية"): nobody claims it
        (
            "أدانت الحكومة اليمنية بشدة التفجير الإرهابي الذي استهدف مسجدا.",
            [("اليمنية", "MISC", "wd:Q805")],
            "ASSAULT",
            [],
            None,
        ),
    ],
)
def test_events_who_acts_in_an_attack_or_arrest(
    text: str,
    mentions: list[tuple[str, str, str]],
    type_: str,
    actors: list[str],
    targets: list[str] | None,
) -> None:
    ev = next(e for e in extract_events(_doc(text, mentions)) if e.type == type_)
    assert [p.entity for p in ev.actors] == actors
    if targets is not None:
        assert [p.entity for p in ev.targets] == targets


def test_events_forum_is_not_folded_into_a_visit() -> None:
    doc = _doc(
        "يبدأ توكاييف زيارة إلى روسيا. ويخاطب الرئيسان المشاركين في المنتدى بين روسيا وكازاخستان.",
        [_TOKAYEV, ("روسيا", "LOC", "wd:Q159"), ("كازاخستان", "GPE", "wd:Q232")],
    )
    kinds = [(e.type, e.mode) for e in extract_events(doc)]
    assert kinds.count(("CONSULT", "meet")) == 1 and ("CONSULT", "visit") in kinds
