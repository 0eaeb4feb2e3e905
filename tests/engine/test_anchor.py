"""Year anchors for undated articles from the dated events they report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from marsad.engine.anchor import anchor_undated, event_years
from marsad.model import Document, Metadata, Provenance, TimeExpression
from marsad.store.sqlite import SqliteStore

TEXT = "وصل الرئيس يوم 27 نوفمبر وغادر أمس."
DAY = TimeExpression(15, 24, "27 نوفمبر", "XXXX-11-27", "day")
YESTERDAY = TimeExpression(31, 34, "أمس", "", "day")


def _doc(doc_id: str, published: str | None) -> Document:
    meta = Metadata(published=published, published_from="metadata" if published else None)
    doc = Document(TEXT, Provenance(doc_id, "file", ""), meta)
    return doc.with_(times=(DAY, YESTERDAY))


def _event(docs: list[str], start: str | None, date_from: str | None = "text") -> dict[str, Any]:
    return {"docs": docs, "start": start, "date_from": date_from}


def test_anchor_undated_takes_the_year_of_its_dated_event() -> None:
    doc = _doc("a", None)
    (out,) = anchor_undated([doc], [_event([doc.id, "other"], "2024-11-27")], None)
    assert [(t.value, t.anchor) for t in out.times] == [("2024-11-27", "2024"), ("", None)]


@pytest.mark.parametrize(
    ("published", "events"),
    [
        ("2025-01-02", [_event(["ID"], "2024-11-27")]),  # dated: its own anchor stands
        (None, []),  # reports no dated event
        (None, [_event(["ID"], "2024-11-27"), _event(["ID"], "2025-03-01")]),  # two years
        (None, [_event(["ID"], "2024-11-27", "published")]),  # a fallback date is no anchor
        (None, [_event(["ID"], None)]),  # an undated event
    ],
)
def test_anchor_undated_leaves_others_alone(
    published: str | None, events: list[dict[str, Any]]
) -> None:
    doc = _doc("a", published)
    for e in events:
        e["docs"] = [doc.id]
    assert anchor_undated([doc], events, None) == [doc]


def test_anchor_undated_saves_the_times_layer(tmp_path: Path) -> None:
    doc = _doc("a", None)
    with SqliteStore.open(tmp_path / "m.db") as store:
        store.put(doc)
        anchor_undated([doc], [_event([doc.id], "2024-11-27")], store)
        assert store.get(doc.id).times[0].value == "2024-11-27"


def test_event_years_ignores_events_without_text_dates() -> None:
    events = [_event(["a"], "2024-11-27"), _event(["b"], "2024", "published"), _event(["c"], "")]
    assert event_years(events) == {"a": {2024}}
