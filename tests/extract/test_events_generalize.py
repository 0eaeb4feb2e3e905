"""Unit tests of the general event rules: datelines, titled objects, nominal triggers, arrival
verbs and clause-bound dates (hand-built documents)."""

from __future__ import annotations

import pytest

from marsad.extract.events import dateline_end, extract_events
from tests.extract.docs import annotated


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("الرياض (CNN) -- استقبل الملك", "الرياض (CNN) -- "),
        (
            "دبي، الإمارات العربية المتحدة (CNN)— وقعت إسرائيل",
            "دبي، الإمارات العربية المتحدة (CNN)— ",
        ),
        ("الرياض - واس: أكد الوزير", "الرياض - "),
        ("استقبل الملك سلمان اليوم - أمس - الوزير", ""),
        ("زار بوتين موسكو.", ""),
    ],
)
def test_events_dateline_end(text: str, prefix: str) -> None:
    assert text[: dateline_end(text)] == prefix


def test_events_dateline_places_are_not_participants() -> None:
    doc = annotated(
        "دبي، الإمارات (CNN)— وقعت إسرائيل ومصر، الأحد، صفقة كبرى للغاز.",
        [
            ("دبي", "GPE", "wd:dubai"),
            ("الإمارات", "GPE", "wd:uae"),
            ("إسرائيل", "GPE", "wd:israel"),
            ("مصر", "GPE", "wd:egypt"),
        ],
    )
    (ev,) = extract_events(doc)
    assert {p.entity for p in ev.actors} == {"wd:israel", "wd:egypt"}


def test_events_preposition_before_title_marks_target() -> None:
    doc = annotated(
        "أجرى الملك سلمان اتصالا هاتفيا مع الرئيس التركي رجب طيب أردوغان.",
        [("الملك سلمان", "PERSON", "wd:salman"), ("رجب طيب أردوغان", "PERSON", "wd:erdogan")],
    )
    (ev,) = extract_events(doc)
    assert (ev.type, ev.mode) == ("CONSULT", "phone")
    assert [p.entity for p in ev.actors] == ["wd:salman"]
    assert [p.entity for p in ev.targets] == ["wd:erdogan"]


def test_events_definite_noun_object_of_other_trigger_takes_no_subject() -> None:
    doc = annotated(
        "أدان الملك عبدالله الثاني حادث التفجير الذي استهدف مسجدا في السعودية.",
        [("الملك عبدالله الثاني", "PERSON", "wd:abdullah"), ("السعودية", "GPE", "wd:ksa")],
    )
    found = {(e.type, p.entity) for e in extract_events(doc) for p in e.actors}
    assert ("ACCUSE", "wd:abdullah") in found
    assert ("ASSAULT", "wd:abdullah") not in found


@pytest.mark.parametrize(
    ("text", "actor", "etype", "mode"),
    [
        ("أعربت دولة الكويت عن إدانتها للهجوم على المسجد.", "الكويت", "ACCUSE", "condemn"),
        ("أكدت الوزارة وقوف البحرين إلى جانب السعودية.", "البحرين", "SUPPORT", "solidarity"),
        ("أعربت الكويت عن تضامنها مع السعودية.", "الكويت", "SUPPORT", "solidarity"),
        ("اتفق الوزيران المعلم وبن علوي على تنسيق الجهود.", "المعلم", "AGREE", "policy"),
    ],
)
def test_events_nominal_triggers(text: str, actor: str, etype: str, mode: str) -> None:
    names = ["الكويت", "البحرين", "السعودية", "المعلم", "بن علوي"]
    kinds = {"المعلم": "PERSON", "بن علوي": "PERSON"}
    doc = annotated(text, [(n, kinds.get(n, "GPE"), f"wd:{n}") for n in names if n in text])
    evs = [e for e in extract_events(doc) if (e.type, e.mode) == (etype, mode)]
    assert evs and f"wd:{actor}" in {p.entity for p in evs[0].actors}


@pytest.mark.parametrize(
    ("text", "mentions", "visits"),
    [
        ("وصل الوزير عادل الجبير إلى موسكو.", [("عادل الجبير", "PERSON"), ("موسكو", "GPE")], 1),
        ("وصلت الطائرة السعودية إلى عدن.", [("عدن", "GPE")], 0),
        (
            "دخلت عمان على خط الوساطة للوصول إلى حل في سوريا.",
            [("عمان", "GPE"), ("سوريا", "GPE")],
            0,
        ),
    ],
)
def test_events_arrival_verbs_need_a_person_or_organization(
    text: str, mentions: list[tuple[str, str]], visits: int
) -> None:
    doc = annotated(text, [(s, k, f"wd:{s}") for s, k in mentions])
    assert sum(e.mode == "visit" for e in extract_events(doc)) == visits


@pytest.mark.parametrize(
    ("text", "times", "start"),
    [
        ("قالت الوزارة اليوم إن لافروف سيزور قطر.", [("اليوم", "2025-11-11")], None),
        (
            "قالت الوزارة اليوم إن لافروف سيزور قطر الخميس.",
            [("اليوم", "2025-11-11"), ("الخميس", "2025-11-13")],
            "2025-11-13",
        ),
        ("زار لافروف قطر اليوم.", [("اليوم", "2025-11-11")], "2025-11-11"),
    ],
)
def test_events_date_stays_in_the_trigger_clause(
    text: str, times: list[tuple[str, str]], start: str | None
) -> None:
    doc = annotated(text, [("لافروف", "PERSON", "wd:lavrov"), ("قطر", "GPE", "wd:qatar")], times)
    (ev,) = [e for e in extract_events(doc) if e.mode == "visit"]
    assert ev.start == start
