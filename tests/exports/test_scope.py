"""Narrowing an export to a story or a date range keeps it valid and consistent."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.errors import ConfigError
from marsad.exports.analysis import validate
from marsad.exports.scope import Scope, apply_scope


@pytest.mark.parametrize(
    ("scope", "docs", "events", "conflicts"),
    [
        (Scope(), 2, 2, 1),
        (Scope(story="S-1"), 2, 2, 1),
        (Scope(date_from="2025-11-12"), 1, 1, 0),
        (Scope(date_to="2025-11-11"), 1, 2, 0),
        (Scope(date_from="2025-11"), 2, 2, 1),
        (Scope(date_from="2025-12-01"), 0, 0, 0),
    ],
)
def test_scope_keeps_a_valid_export(
    export: dict[str, Any], scope: Scope, docs: int, events: int, conflicts: int
) -> None:
    out = apply_scope(export, scope)
    assert validate(out) == []
    assert len(out["documents"]) == docs
    assert len(out["events"]) == events
    assert len(out["conflicts"]) == conflicts
    kept = {d["id"] for d in out["documents"]}
    for e in out["entities"]:
        assert e["mentions"] and {m["doc"] for m in e["mentions"]} <= kept
    for ev in out["events"]:
        assert {s["doc"] for s in ev["evidence"]} <= kept


def test_scope_does_not_change_the_export(export: dict[str, Any]) -> None:
    n = len(export["events"][0]["evidence"])
    apply_scope(export, Scope(date_from="2025-11-12"))
    assert len(export["events"][0]["evidence"]) == n


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"date_from": "11/11/2025"}, "date_from must be an ISO date"),
        ({"date_to": "2025-1"}, "date_to must be an ISO date"),
        ({"date_from": "2025-13-01"}, "date_from must be an ISO date"),
        ({"date_to": "2025-02-30"}, "date_to must be an ISO date"),
        ({"story": "S-1", "date_from": "2025"}, "not both"),
        ({"date_from": "2025-12-01", "date_to": "2025-11-01"}, "is after"),
    ],
)
def test_scope_bad_arguments(kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Scope(**kwargs)


def test_scope_unknown_story(export: dict[str, Any]) -> None:
    with pytest.raises(ConfigError, match="no story 'S-9'"):
        apply_scope(export, Scope(story="S-9"))
