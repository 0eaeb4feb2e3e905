"""Hand-made clusterings with scores worked out on paper."""

from __future__ import annotations

from collections.abc import Hashable

import pytest

from marsad.errors import ConfigError
from marsad.eval.clustering import (
    adjusted_rand_index,
    bcubed,
    pairwise,
    score_clustering,
)

GOLD_32: dict[int, Hashable] = {1: "x", 2: "x", 3: "x", 4: "y", 5: "y"}

# (predicted, gold, B3 P, B3 R, pair P, pair R, ARI), each computed by hand
CASES: list[tuple[dict[int, Hashable], dict[int, Hashable], float, float, float, float, float]] = [
    # identical up to label names
    ({1: 7, 2: 7, 3: 7, 4: 8, 5: 8}, GOLD_32, 1.0, 1.0, 1.0, 1.0, 1.0),
    # {1,2}{3,4,5} vs {1,2,3}{4,5}: B3 P = R = 11/15; pairs tp=2 fp=2 fn=2 tn=4; ARI = 8/48
    ({1: "a", 2: "a", 3: "b", 4: "b", 5: "b"}, GOLD_32, 11 / 15, 11 / 15, 0.5, 0.5, 1 / 6),
    # all singletons: B3 R = (3 * 1/3 + 2 * 1/2) / 5; no predicted pair
    ({i: i for i in range(1, 6)}, GOLD_32, 1.0, 0.4, 1.0, 0.0, 0.0),
    # one cluster: B3 P = (3 * 3/5 + 2 * 2/5) / 5 = 13/25; pairs tp=4 of 10 predicted
    ({i: 0 for i in range(1, 6)}, GOLD_32, 13 / 25, 1.0, 0.4, 1.0, 0.0),
    # one misplaced item: {1,2}{3}{4,5}; B3 R = (2/3+2/3+1/3+1+1)/5; pairs tp=2 fp=0 fn=2 tn=6
    ({1: "a", 2: "a", 3: "b", 4: "c", 5: "c"}, GOLD_32, 1.0, 11 / 15, 1.0, 0.5, 24 / 44),
]


@pytest.mark.parametrize(("predicted", "gold", "bp", "br", "pp", "pr", "ari"), CASES)
def test_clustering_scores_match_hand_computed(
    predicted: dict[int, Hashable],
    gold: dict[int, Hashable],
    bp: float,
    br: float,
    pp: float,
    pr: float,
    ari: float,
) -> None:
    b3 = bcubed(predicted, gold)
    assert b3.precision == pytest.approx(bp)
    assert b3.recall == pytest.approx(br)
    assert b3.f1 == pytest.approx(2 * bp * br / (bp + br))
    pw = pairwise(predicted, gold)
    assert (pw.precision, pw.recall) == pytest.approx((pp, pr))
    assert pw.f1 == pytest.approx(0.0 if pp + pr == 0 else 2 * pp * pr / (pp + pr))
    assert adjusted_rand_index(predicted, gold) == pytest.approx(ari)


@pytest.mark.parametrize(("predicted", "gold"), [(case[0], case[1]) for case in CASES])
def test_clustering_swapping_sides_swaps_precision_and_recall(
    predicted: dict[int, Hashable], gold: dict[int, Hashable]
) -> None:
    forward, backward = bcubed(predicted, gold), bcubed(gold, predicted)
    assert forward.precision == pytest.approx(backward.recall)
    assert forward.recall == pytest.approx(backward.precision)
    assert adjusted_rand_index(predicted, gold) == pytest.approx(
        adjusted_rand_index(gold, predicted)
    )


def test_clustering_ari_is_negative_below_chance() -> None:
    # every gold pair split, every predicted pair wrong: tp=0 fp=2 fn=2 tn=2
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    predicted = {"a": 1, "c": 1, "b": 2, "d": 2}
    assert adjusted_rand_index(predicted, gold) == pytest.approx(-0.5)


@pytest.mark.parametrize(
    "gold",
    [{"only": 1}, {"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 1}],
)
def test_clustering_degenerate_identical_partitions_score_one(gold: dict[str, int]) -> None:
    scores = score_clustering(dict(gold), gold)
    assert (scores.bcubed.f1, scores.pairwise.f1, scores.ari) == (1.0, 1.0, 1.0)


def test_clustering_score_clustering_counts_clusters() -> None:
    scores = score_clustering({1: "a", 2: "a", 3: "b", 4: "b", 5: "b"}, GOLD_32)
    assert (scores.items, scores.predicted_clusters, scores.gold_clusters) == (5, 2, 2)
    assert scores.bcubed.f1 == pytest.approx(11 / 15)


@pytest.mark.parametrize(
    ("predicted", "gold", "message"),
    [
        ({"a": 1}, {"a": 1, "b": 1}, "1 gold item"),
        ({"a": 1, "z": 2}, {"a": 1}, "1 predicted item"),
        ({}, {}, "empty"),
    ],
)
def test_clustering_rejects_mismatched_items(
    predicted: dict[str, int], gold: dict[str, int], message: str
) -> None:
    for scorer in (bcubed, pairwise, adjusted_rand_index, score_clustering):
        with pytest.raises(ConfigError, match=message):
            scorer(predicted, gold)
