from __future__ import annotations

import pytest

from marsad.corpus.facts import fact_to_export, find_conflicts, find_facts
from marsad.model import Document, EntityMention, Provenance, Quantity, TimeExpression
from marsad.pipeline import build_pipeline

PLACES = {"كازاخستان": "wd:Q232", "روسيا": "wd:Q159", "لروسيا": "wd:Q159"}


def _doc(
    text: str, figure: str, value: float, unit: str | None, kind: str, **q: object
) -> Document:
    doc = build_pipeline(["clean", "segment"])(Document(text, Provenance(text[:5], "file", "t")))
    mentions = []
    for surface, eid in PLACES.items():
        at = text.find(surface)
        while at != -1:
            if not any(m.start <= at < m.end for m in mentions):
                mentions.append(EntityMention(at, at + len(surface), surface, "GPE", eid))
            at = text.find(surface, at + 1)
    start = text.index(figure)
    quantity = Quantity(start, start + len(figure), figure, value, unit, kind=kind, **q)  # type: ignore[arg-type]
    times = []
    if "عام 2023" in text:
        t = text.index("عام 2023")
        times.append(TimeExpression(t, t + 8, "عام 2023", "2023", "year"))
    return doc.with_(entities=tuple(mentions), quantities=(quantity,), times=tuple(times))


BORDER_A = "تشترك كازاخستان مع روسيا في حدود برية بطول 7,591 كيلومتراً."
BORDER_B = "تعد كازاخستان شريكا لروسيا ولها حدود بطول 7500 كيلومتر مع جارتها."


def test_facts_border_lengths_conflict() -> None:
    a = _doc(BORDER_A, "7,591 كيلومتراً", 7591.0, "km", "measure")
    b = _doc(BORDER_B, "7500 كيلومتر", 7500.0, "km", "measure")
    (fa,), (fb,) = find_facts(a), find_facts(b)
    assert fa.attribute == fb.attribute == "border_length"
    assert fa.subject == fb.subject == ("wd:Q159", "wd:Q232")
    (conflict,) = find_conflicts([fa, fb])
    assert conflict["facts"] == [fa.id, fb.id]
    exported = fact_to_export(fa, a)
    assert exported["evidence"][0]["text"] == "7,591 كيلومتراً"


@pytest.mark.parametrize(
    ("value", "unit", "approx", "conflict"),
    [
        (7591.0, "km", False, False),  # the same figure
        (7600.0, "km", False, False),  # within 0.5 %
        (7500.0, "km", True, False),  # "about 7500" covers 7591
        (4716.9, "mi", False, False),  # the same border in miles
        (7000.0, "km", False, True),
    ],
)
def test_facts_tolerance_and_units(value: float, unit: str, approx: bool, conflict: bool) -> None:
    a = _doc(BORDER_A, "7,591 كيلومتراً", 7591.0, "km", "measure")
    text = f"تشترك كازاخستان مع روسيا في حدود بطول {value} ميل."
    b = _doc(text, str(value), value, unit, "measure", approx=approx)
    assert bool(find_conflicts([*find_facts(a), *find_facts(b)])) is conflict


def test_facts_year_qualifier_and_document_subject() -> None:
    text = (
        "زار الوفد روسيا. ثم زار كازاخستان وروسيا.\n"
        "وصل حجم التبادل التجاري في عام 2023 إلى 28 مليار دولار."
    )
    doc = _doc(text, "28 مليار دولار", 28e9, "USD", "money")
    (fact,) = find_facts(doc)
    assert fact.attribute == "trade_volume"
    assert fact.qualifier == "2023"
    assert fact.subject_from == "document"
    assert fact.subject == ("wd:Q159", "wd:Q232")


def test_facts_need_a_cue_near_the_figure() -> None:
    doc = _doc(
        "قالت كازاخستان وروسيا إن 7500 كيلومتر قطعها الموكب.",
        "7500 كيلومتر",
        7500.0,
        "km",
        "measure",
    )
    assert find_facts(doc) == ()


def test_facts_same_document_never_conflicts_with_itself() -> None:
    a = _doc(BORDER_A, "7,591 كيلومتراً", 7591.0, "km", "measure")
    fact = find_facts(a)[0]
    assert find_conflicts([fact, fact]) == []
