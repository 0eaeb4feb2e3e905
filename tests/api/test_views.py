"""The pure views over an export: date ranges, sentences, the timeline without events."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.api.views import in_date_range, sentence_of, timeline


@pytest.mark.parametrize(
    ("value", "lo", "hi", "inside"),
    [
        ("2025-11-11", None, None, True),
        (None, None, None, True),
        (None, "2025", None, False),
        ("2025-11-11", "2025-11-01", "2025-11-30", True),
        ("2025-12-01", None, "2025-11-30", False),
        ("2025-11", "2025-11-12", None, True),
        ("2025-10", "2025-11-01", None, False),
        ("2025-11-30", None, "2025-11", True),
        ("2025", "2025-06-01", "2025-06-30", True),
    ],
)
def test_views_in_date_range(
    value: str | None, lo: str | None, hi: str | None, inside: bool
) -> None:
    assert in_date_range(value, lo, hi) is inside


@pytest.mark.parametrize(
    ("sentences", "start", "expected"),
    [([[0, 5], [6, 11]], 7, "world"), ([], 7, "world"), ([], 1, "hello")],
)
def test_views_sentence_of(sentences: list[list[int]], start: int, expected: str) -> None:
    doc = {"text": "hello\nworld", "sentences": sentences}
    assert sentence_of(doc, start, start + 2)["text"] == expected


def _export(**layers: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "documents": [],
        "entities": [],
        "times": [],
        "events": [],
        "facts": [],
        "conflicts": [],
    }
    base.update(layers)
    return base


def test_views_timeline_dated_documents_when_no_events() -> None:
    docs = [
        {"id": "a", "title": "A", "text": "a", "published": "2025-11-12"},
        {"id": "b", "title": None, "text": "بلا تاريخ نشر", "published": None},
        {"id": "c", "title": "C", "text": "c", "published": None},
    ]
    times = [
        {"doc": "b", "kind": "date", "value": "2025-11-01"},
        {"doc": "b", "kind": "date", "value": "2025-11-05"},
        {"doc": "c", "kind": "duration", "value": "P2D"},
    ]
    t = timeline(_export(documents=docs, times=times))
    assert t["kind"] == "documents"
    assert [(i["document"]["id"], i["date"], i["date_from"]) for i in t["items"]] == [
        ("b", "2025-11-01", "text"),
        ("a", "2025-11-12", "published"),
    ]
    assert [
        i["document"]["id"]
        for i in timeline(_export(documents=docs, times=times), date_from="2025-11-10")["items"]
    ] == ["a"]
