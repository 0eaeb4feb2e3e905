"""PLOVER-style JSON Lines: one event per line with named actors, sources and evidence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from marsad.exports.plover import plover_lines, plover_records, write_plover

FIELDS = {
    "id", "event_type", "mode", "context", "status", "date", "date_end", "actors", "targets",
    "location", "sources", "evidence", "description_ar", "description_en",
}  # fmt: skip


def test_plover_one_line_per_event(export: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    assert write_plover(export, path) == len(export["events"]) == 2
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "" and len(lines) == 3
    records = [json.loads(line) for line in lines[:-1]]
    assert all(set(r) == FIELDS for r in records)


def test_plover_fields_named_and_cited(export: dict[str, Any]) -> None:
    r = next(plover_records(export))
    assert (r["event_type"], r["mode"], r["status"], r["date"]) == (
        "CONSULT",
        "visit",
        "occurred",
        "2025-11-11",
    )
    assert r["actors"] == [
        {
            "id": "wd:Q7747",
            "name": "فلاديمير بوتين",
            "name_en": "Vladimir Putin",
            "type": "PERSON",
            "wikidata": "Q7747",
        }
    ]
    assert r["targets"][0]["name"] == r["location"]["name"] == "أستانا"
    assert [s["published"] for s in r["sources"]] == ["2025-11-11", "2025-11-12"]
    texts = {d["id"]: d["text"] for d in export["documents"]}
    for ev in r["evidence"]:
        assert texts[ev["doc"]][ev["start"] : ev["end"]] == ev["text"]


def test_plover_unknown_participant_keeps_its_id(export: dict[str, Any]) -> None:
    export["events"][1]["actors"].append("x:nobody")
    r = list(plover_records(export))[1]
    assert r["actors"][-1] == {
        "id": "x:nobody",
        "name": "x:nobody",
        "name_en": None,
        "type": None,
        "wikidata": None,
    }
    assert r["date"] is None and r["location"] is None


def test_plover_line_separators_escaped(export: dict[str, Any]) -> None:
    export["events"][0]["description_ar"] = "سطر\u2028آخر\nثالث"
    line = next(plover_lines(export))
    assert line.count("\n") == 1 and "\u2028" not in line
    assert json.loads(line)["description_ar"] == "سطر\u2028آخر\nثالث"
