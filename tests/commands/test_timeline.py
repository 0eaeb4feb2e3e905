"""Tests of ``marsad timeline`` on a store built from small hand-made documents."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest

from marsad.commands.timeline import filter_events, run
from marsad.extract.events import extract_events
from marsad.model import Document, Entity, EntityMention, Metadata, Provenance, TimeExpression
from marsad.store.sqlite import SqliteStore
from marsad.text.stages import segment_document

PUTIN = Entity("p:putin", "PERSON", "فلاديمير بوتين", "Vladimir Putin")
KZ = Entity("c:kz", "GPE", "كازاخستان", "Kazakhstan")
TOKAYEV = Entity("p:tokayev", "PERSON", "قاسم جومارت توكاييف", "Kassym-Jomart Tokayev")
RU = Entity("c:ru", "GPE", "روسيا", "Russia")


def _doc(
    doc_id: str, text: str, published: str, ents: list[tuple[str, Entity]], day: str
) -> Document:
    doc = segment_document(
        Document(text, Provenance(doc_id, "file", ""), Metadata(title=doc_id, published=published))
    )
    mentions = []
    for surface, e in ents:
        s = doc.text.index(surface)
        mentions.append(EntityMention(s, s + len(surface), surface, e.type, e.id))
    s = doc.text.index(day.split("|")[0])
    t = TimeExpression(s, s + len(day.split("|")[0]), day.split("|")[0], day.split("|")[1], "day")
    doc = doc.with_(entities=tuple(sorted(mentions, key=lambda m: m.start)), times=(t,))
    return doc.with_(events=extract_events(doc))


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    db = tmp_path / "m.db"
    docs = [
        _doc(
            "a1",
            "وصل الرئيس فلاديمير بوتين إلى كازاخستان الأربعاء في زيارة دولة.",
            "2024-11-27",
            [("فلاديمير بوتين", PUTIN), ("كازاخستان", KZ)],
            "الأربعاء|2024-11-27",
        ),
        _doc(
            "a2",
            "يبدأ الرئيس قاسم جومارت توكاييف اليوم زيارة رسمية إلى روسيا.",
            "2025-11-11",
            [("قاسم جومارت توكاييف", TOKAYEV), ("روسيا", RU)],
            "اليوم|2025-11-11",
        ),
        _doc(
            "a3",
            "اختتم بوتين أمس زيارة إلى كازاخستان.",
            "2024-11-29",
            [("بوتين", PUTIN), ("كازاخستان", KZ)],
            "أمس|2024-11-28",
        ),
    ]
    with SqliteStore.open(db) as st:
        for d in docs:
            st.put(d)
        st.put_entities([PUTIN, KZ, TOKAYEV, RU])
    return db


def _run(db: Path, **kw: str | None) -> int:
    args: dict[str, object] = {
        "db": db,
        "entity": None,
        "date_from": None,
        "date_to": None,
        "event_type": None,
    }
    args.update(kw)
    return run(argparse.Namespace(**args))


@pytest.mark.parametrize(
    ("filters", "expected", "absent"),
    [
        ({}, ["Vladimir Putin visits Kazakhstan", "Kassym-Jomart Tokayev visits Russia"], []),
        ({"entity": "Putin"}, ["Vladimir Putin visits Kazakhstan"], ["Tokayev"]),
        ({"entity": "توكاييف"}, ["Kassym-Jomart Tokayev visits Russia"], ["Putin"]),
        ({"date_from": "2025", "date_to": "2025-12"}, ["Tokayev"], ["Putin"]),
        ({"event_type": "assault"}, ["no event"], ["Putin"]),
    ],
)
def test_timeline_filters_and_sources(
    store: Path,
    capsys: pytest.CaptureFixture[str],
    filters: dict[str, str],
    expected: list[str],
    absent: list[str],
) -> None:
    assert _run(store, **filters) == 0
    out = capsys.readouterr().out
    for text in expected:
        assert text in out
    for text in absent:
        assert text not in out


def test_timeline_merges_reports_in_date_order(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(store)
    out = capsys.readouterr().out
    assert out.index("2024-11-27") < out.index("2025-11-11")
    putin_line = next(line for line in out.splitlines() if "sources:" in line and "a1" in line)
    assert "a3" in putin_line  # the two reports of the 2024 visit are one event


def test_timeline_missing_store(tmp_path: Path) -> None:
    assert _run(tmp_path / "none.db") == 2


@pytest.mark.parametrize("bad", ["garbage", "2025-13", "2025-02-30"])
def test_timeline_malformed_date_is_refused(
    store: Path, bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(store, date_from=bad) == 2
    assert f"--from must be an ISO date like 2025-11-11, 2025-11 or 2025, got {bad!r}" in (
        capsys.readouterr().err
    )


def test_timeline_filter_undated_dropped_by_range() -> None:
    events: list[dict[str, Any]] = [
        {"id": "e", "type": "CONSULT", "start": None, "actors": [], "targets": []}
    ]
    assert filter_events(events, {}, date_from="2024") == []
    assert filter_events(events, {}) == events
