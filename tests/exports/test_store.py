"""The export of a whole store, read-only: merged events, facts, stories recomputed."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from marsad.exports.analysis import validate
from marsad.exports.store import analysis_from_store
from marsad.model import Document, EventMention, Participant
from marsad.store.sqlite import SqliteStore


def _with_visit(doc: Document, sentence: int) -> Document:
    putin = next(m for m in doc.entities if m.entity == "wd:Q7747")
    astana = next(m for m in doc.entities if m.entity == "wd:Q1520")
    s = doc.sentences[sentence]

    def part(m: Any) -> Participant:
        return Participant(m.entity, m.start, m.end, m.text)

    return doc.with_(
        events=(
            EventMention(
                doc.id, "CONSULT", "visit", "occurred", (part(putin),), (), part(astana),
                "2025-11-11", None, "day", (putin.start, putin.end), (s.start, s.end),
                putin.text, doc.text[s.start : s.end], doc.metadata.published,
            ),
        )
    )  # fmt: skip


@pytest.fixture
def store_path(tmp_path: Path, handmade: SimpleNamespace) -> Path:
    hand = handmade
    a, b = hand.documents()
    path = tmp_path / "s.db"
    with SqliteStore.open(path) as store:
        for doc in (_with_visit(a, 0), _with_visit(b, 0)):
            store.put(doc)
            store.set_story(doc.id, "S-1")
        store.put_entities([hand.PUTIN, hand.ASTANA, hand.FORMULA])
    return path


def test_store_analysis_is_valid_with_merged_events(store_path: Path) -> None:
    before = store_path.stat().st_mtime_ns
    with SqliteStore.open(store_path) as store:
        export = analysis_from_store(store)
    assert validate(export) == []
    assert len(export["documents"]) == 2
    (event,) = export["events"]
    assert event["type"] == "CONSULT" and event["actors"] == ["wd:Q7747"]
    assert {s["doc"] for s in event["evidence"]} == {d["id"] for d in export["documents"]}
    (story,) = export["stories"]
    assert story["id"] == "S-1" and len(story["docs"]) == 2 and story["summary"]
    assert story["start"] == "2025-11-11" and story["end"] == "2025-11-12"
    names = {e["id"]: e["name"] for e in export["entities"]}
    assert names["wd:Q7747"] == "فلاديمير بوتين"
    assert store_path.stat().st_mtime_ns == before  # nothing written


def test_store_given_layers_are_kept_missing_ones_computed(store_path: Path) -> None:
    given: dict[str, list[dict[str, Any]]] = {"events": [], "facts": []}
    with SqliteStore.open(store_path) as store:
        export = analysis_from_store(store, layers=lambda _s: given)
    assert export["events"] == [] and export["facts"] == []
    assert export["stories"][0]["id"] == "S-1"
