"""The second, blind annotation of twelve dev articles and the agreement score."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from marsad.eval.events_agreement import SECOND_DIR, agreement
from marsad.eval.events_data import EventsGold, load_gold, load_texts, validate
from marsad.eval.events_schema import GoldEvent, GoldQuote

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("MARSAD_SHARED", REPO.parent / "shared")) / "data"
needs_texts = pytest.mark.skipif(
    not (SHARED / "corpora").is_dir(), reason="shared corpora not present"
)


@pytest.fixture(scope="module")
def both() -> tuple[EventsGold, EventsGold, dict[str, str]]:
    gold, second = load_gold(), load_gold(SECOND_DIR)
    return gold, second, load_texts(second.articles, SHARED, REPO)


def _gold_rows(
    gold: EventsGold, second: EventsGold
) -> tuple[tuple[GoldQuote, ...], tuple[GoldEvent, ...]]:
    """The gold set's quotes and events of the articles the second annotation covers."""
    ids = {a.article_id for a in second.articles}
    return (
        tuple(q for q in gold.quotes if q.article_id in ids),
        tuple(e for e in gold.events if e.article_id in ids),
    )


def test_second_annotation_covers_dev_articles_of_the_gold_set() -> None:
    gold, second = load_gold(), load_gold(SECOND_DIR)
    rows = {a.article_id: a for a in gold.articles}
    assert len(second.articles) == 12
    assert all(rows[a.article_id] == a for a in second.articles)  # the same references
    assert len(second.events) >= 30 and len(second.quotes) >= 50


@needs_texts
def test_second_annotation_anchors_match_the_texts(
    both: tuple[EventsGold, EventsGold, dict[str, str]],
) -> None:
    _, second, texts = both
    assert validate(second, texts) > 200


@needs_texts
def test_agreement_of_the_gold_with_itself_is_complete(
    both: tuple[EventsGold, EventsGold, dict[str, str]],
) -> None:
    gold, second, texts = both
    a = agreement(gold, EventsGold(second.articles, *_gold_rows(gold, second)), texts)
    assert (a.events_full.p, a.events_full.r, a.quotes_speaker.f1) == (1.0, 1.0, 1.0)
    assert a.events_targets.f1 == 1.0


@needs_texts
def test_agreement_drops_with_other_actors_and_dates(
    both: tuple[EventsGold, EventsGold, dict[str, str]],
) -> None:
    gold, second, texts = both
    quotes, events = _gold_rows(gold, second)
    undated = tuple(replace(e, date=None) for e in events if e.date is not None)
    no_actors = tuple(replace(e, actors=()) for e in events if e.actors)
    a = agreement(gold, EventsGold(second.articles, quotes, undated + no_actors), texts)
    assert a.events_type.tp > a.events_actors.tp > a.events_full.tp
    b = agreement(gold, second, texts)  # people agree on less than the gold with itself
    assert 0.5 < b.events_full.f1 < b.events_actors.f1 < b.events_type.f1 < 1.0
    assert b.quotes_speaker.f1 > 0.9


@needs_texts
def test_agreement_on_targets_drops_with_other_targets(
    both: tuple[EventsGold, EventsGold, dict[str, str]],
) -> None:
    gold, second, texts = both
    quotes, events = _gold_rows(gold, second)
    untargeted = tuple(replace(e, targets=()) for e in events)
    a = agreement(gold, EventsGold(second.articles, quotes, untargeted), texts)
    with_targets = sum(1 for e in events if e.targets)
    assert a.events_actors.tp - a.events_targets.tp == with_targets
