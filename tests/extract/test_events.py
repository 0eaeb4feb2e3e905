"""Unit tests of marsad.extract.events on hand-built documents."""

from __future__ import annotations

import pytest

from marsad.extract.events import extract_events
from marsad.model import Document, EntityMention, Metadata, Provenance, TimeExpression
from marsad.text.clean import clean_document
from marsad.text.stages import segment_document


def _doc(
    text: str,
    mentions: list[tuple[str, str, str]],
    times: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
    published: str = "2025-11-11",
) -> Document:
    doc = segment_document(
        clean_document(Document(text, Provenance("t", "stdin", ""), Metadata(published=published)))
    )
    ents = []
    for surface, kind, ident in mentions:
        start = doc.text.index(surface)
        ents.append(EntityMention(start, start + len(surface), surface, kind, ident))
    tx = []
    for surface, value, gran in times:
        start = doc.text.index(surface)
        tx.append(TimeExpression(start, start + len(surface), surface, value, gran))
    return doc.with_(entities=tuple(sorted(ents, key=lambda m: m.start)), times=tuple(tx))


def test_events_visit_actor_target_date_status() -> None:
    doc = _doc(
        "يبدأ الرئيس قاسم جومارت توكاييف اليوم زيارة رسمية إلى روسيا تستغرق يومين.",
        [("قاسم جومارت توكاييف", "PERSON", "wd:Q1"), ("روسيا", "GPE", "wd:Q159")],
        [("اليوم", "2025-11-11", "day")],
    )
    (ev,) = extract_events(doc)
    assert (ev.type, ev.mode) == ("CONSULT", "visit")
    assert [p.entity for p in ev.actors] == ["wd:Q1"]
    assert [p.entity for p in ev.targets] == ["wd:Q159"]
    assert ev.location is not None and ev.location.entity == "wd:Q159"
    assert ev.start == "2025-11-11"
    assert ev.status == "ongoing"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("من المقرر أن يزور بوتين كازاخستان الشهر المقبل.", "planned"),
        ("سيزور بوتين كازاخستان في زيارة دولة.", "planned"),
        ("زار بوتين كازاخستان في زيارة دولة.", "occurred"),
        ("نفى الكرملين أن يزور بوتين كازاخستان.", "denied"),
        ("ألغى بوتين زيارته إلى كازاخستان.", "cancelled"),
    ],
)
def test_events_status_from_markers(text: str, status: str) -> None:
    doc = _doc(
        text,
        [("بوتين", "PERSON", "wd:Q7747"), ("كازاخستان", "GPE", "wd:Q232")]
        + ([("الكرملين", "ORG", "kb:org:kremlin")] if "الكرملين" in text else []),
    )
    evs = [e for e in extract_events(doc) if e.mode == "visit"]
    assert evs and evs[0].status == status


def test_events_host_actor_is_the_receiver() -> None:
    doc = _doc(
        "استقبل أمير المنطقة الشرقية سفير كوريا لدى المملكة.",
        [("أمير المنطقة الشرقية", "PERSON", "kb:p:emir"), ("سفير كوريا", "PERSON", "x:amb")],
    )
    (ev,) = extract_events(doc)
    assert (ev.type, ev.mode) == ("CONSULT", "host")
    assert [p.entity for p in ev.actors] == ["kb:p:emir"]
    assert [p.entity for p in ev.targets] == ["x:amb"]


def test_events_same_event_in_one_article_is_one_record() -> None:
    doc = _doc(
        "وصل بوتين إلى كازاخستان في زيارة دولة. وتستمر زيارة بوتين يومين.",
        [("بوتين", "PERSON", "wd:Q7747"), ("كازاخستان", "GPE", "wd:Q232")],
    )
    doc = doc.with_(
        entities=(
            *doc.entities,
            EntityMention(
                doc.text.rindex("بوتين"),
                doc.text.rindex("بوتين") + 5,
                "بوتين",
                "PERSON",
                "wd:Q7747",
            ),
        )
    )
    evs = extract_events(doc)
    assert len([e for e in evs if e.type == "CONSULT"]) == 1


def test_events_trigger_without_participants_is_skipped() -> None:
    assert extract_events(_doc("جرت الزيارة في أجواء ودية.", [])) == ()
