"""Unit tests of the entity-resolution check (marsad.eval.entities), on hand-built gold."""

from __future__ import annotations

import pytest

from marsad.eval.entities import GoldMention, gold_mentions, name_matches, score
from marsad.eval.events_data import (
    EventArgument,
    EventsGold,
    GoldArticle,
    GoldEvent,
    GoldQuote,
    GoldSpan,
)
from marsad.model import Document, Entity, EntityMention, Provenance


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ("Sergey Lavrov", "Sergey Lavrov", True),
        ("Sergey Lavrov", "sergei lavrov", True),
        ("Kim Jong Un", "Kim Jong-un", True),
        ("Uralsk", "Oral", True),
        ("Turkey", "Türkiye", True),  # CLDR's name, as the KB gives it
        ("Group of Seven", "G7", True),
        ("Russia", "Moscow", False),
        ("Russia", None, False),
        ("Russia", "", False),
    ],
)
def test_entities_name_matches(gold: str, pred: str | None, expected: bool) -> None:
    assert name_matches(gold, pred) is expected


def _article(aid: str, corpus: str) -> GoldArticle:
    return GoldArticle(aid, corpus, None, "m", None, "k", None, "2025-01-01", "x", "t", 10, "h")


def _span(s: int, e: int) -> GoldSpan:
    return GoldSpan(s, e, "a")


def test_entities_gold_mentions_skip_seeds_anaphors_and_duplicates() -> None:
    ev = GoldEvent(
        "a#e1",
        "E1",
        "a",
        "CONSULT",
        None,
        "occurred",
        _span(0, 1),
        (EventArgument("Putin", _span(0, 5)),),
        (EventArgument("Russia", _span(10, 15)),),
        None,
        None,
        "l",
    )
    seed_ev = GoldEvent(
        "s#e1",
        "E1",
        "s",
        "CONSULT",
        None,
        "occurred",
        _span(0, 1),
        (EventArgument("Putin", _span(0, 5)),),
        (),
        None,
        None,
        "l",
    )
    quotes = (
        GoldQuote("a#q1", "a", _span(20, 30), False, "Putin", "name", _span(0, 5), None),
        GoldQuote("a#q2", "a", _span(40, 50), False, "Putin", "anaphor", _span(35, 37), None),
    )
    gold = EventsGold((_article("a", "ant"), _article("s", "seeds")), quotes, (ev, seed_ev))
    got = gold_mentions(gold)
    assert [(m.article_id, m.start, m.name) for m in got] == [
        ("a", 0, "Putin"),
        ("a", 10, "Russia"),
    ]


def _doc(*mentions: tuple[int, int, str]) -> Document:
    ents = tuple(EntityMention(s, e, "x" * (e - s), "PERSON", eid) for s, e, eid in mentions)
    return Document("x" * 100, Provenance("t", "stdin", ""), entities=ents)


@pytest.mark.parametrize(
    ("pred_ids", "kb_correct", "pair_tp", "pair_pred"),
    [
        (("kb:putin", "kb:putin", "kb:russia"), 3, 1, 1),
        (("kb:putin", "x:1", "kb:russia"), 2, 0, 0),
        (("kb:putin", "kb:putin", "kb:putin"), 2, 1, 3),
    ],
)
def test_entities_score_counts(
    pred_ids: tuple[str, str, str], kb_correct: int, pair_tp: int, pair_pred: int
) -> None:
    golds = [
        GoldMention("a", 0, 5, "Vladimir Putin", "actor"),
        GoldMention("b", 0, 5, "Vladimir Putin", "actor"),
        GoldMention("b", 10, 15, "Russia", "target"),
    ]
    docs = {"a": _doc((0, 5, pred_ids[0])), "b": _doc((0, 5, pred_ids[1]), (10, 15, pred_ids[2]))}
    ents = {
        "kb:putin": Entity("kb:putin", "PERSON", "ب", "Vladimir Putin"),
        "kb:russia": Entity("kb:russia", "GPE", "ر", "Russia"),
        "x:1": Entity("x:1", "PERSON", "ب", "Butin"),
    }
    s = score(golds, docs, ents)
    assert (s.kb_correct, s.pair_tp, s.pair_pred, s.pair_gold) == (
        kb_correct,
        pair_tp,
        pair_pred,
        1,
    )
    assert s.n_gold == 3 and s.detected == 3


def test_entities_score_missed_mention() -> None:
    golds = [GoldMention("a", 50, 60, "Russia", "target")]
    s = score(golds, {"a": _doc((0, 5, "kb:russia"))}, {})
    assert (s.detected, s.link_r, s.name_acc) == (0, 0.0, 0.0)
