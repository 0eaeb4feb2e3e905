"""Gate: event detection and cross-article merging on the held-out part of the events gold set.

Quote-independent: the quote extractor is not run, so these figures move only with events,
entities and times.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from marsad.eval.events import Scores, analyse, score, split
from marsad.eval.events_data import EventsGold, load_validated
from marsad.model import Document


@pytest.fixture(scope="module")
def analysed(shared_data: Path) -> tuple[EventsGold, dict[str, str], dict[str, Document]]:
    gold, texts = load_validated(shared_data)
    return gold, texts, analyse(gold, texts)


@pytest.fixture(scope="module")
def heldout(analysed: tuple[EventsGold, dict[str, str], dict[str, Document]]) -> Scores:
    gold, texts, docs = analysed
    _, held = split(gold)
    return score(gold, texts, docs, held, quotes=False)


@pytest.fixture(scope="module")
def fresh(analysed: tuple[EventsGold, dict[str, str], dict[str, Document]]) -> Scores:
    """The held-out articles annotated after the extractors were written (batch 2 on)."""
    gold, texts, docs = analysed
    ids = {a.article_id for a in gold.articles if a.split == "heldout"}
    assert ids, "no held-out-fresh articles in the gold set"
    return score(gold, texts, docs, ids, quotes=False)


def test_gate_events_type_f1(heldout: Scores, check_floor: Callable[[str, float], None]) -> None:
    check_floor("events_heldout_type_f1", heldout.events_type.f1)


def test_gate_events_full_f1(heldout: Scores, check_floor: Callable[[str, float], None]) -> None:
    assert heldout.events_full.tp <= heldout.events_actors.tp <= heldout.events_type.tp
    assert heldout.events_targets.tp <= heldout.events_actors.tp
    check_floor("events_heldout_full_f1", heldout.events_full.f1)


def test_gate_events_merge_bcubed(
    heldout: Scores, check_floor: Callable[[str, float], None]
) -> None:
    p, r = heldout.merge_bcubed
    check_floor("events_heldout_merge_bcubed_f1", 2 * p * r / (p + r) if p + r else 0.0)


def test_gate_events_fresh_full_f1(
    fresh: Scores, check_floor: Callable[[str, float], None]
) -> None:
    assert fresh.events_full.tp <= fresh.events_actors.tp <= fresh.events_type.tp
    check_floor("events_fresh_full_f1", fresh.events_full.f1)
