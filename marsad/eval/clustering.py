"""Scores of a predicted clustering against a gold clustering (story clustering, dedup groups).

A clustering is a mapping from item (any hashable: a DOCNO, a document id) to its cluster label
(any hashable; only equality of labels matters, so labels need not match between the two
clusterings). Both clusterings must cover exactly the same items.

Three families of scores, all pure functions over the two mappings:

* B-cubed (Bagga & Baldwin 1998; Amigó et al. 2009): per item, precision is the share of its
  predicted cluster that shares its gold cluster, recall the share of its gold cluster that shares
  its predicted cluster; both are averaged over items and F1 is their harmonic mean. It rewards
  getting singletons right, which matters when most stories have one article.
* Pairwise: every unordered pair of items is a decision "same cluster or not"; precision and
  recall of the "same" decisions. With no predicted pairs precision is 1.0 (nothing was claimed);
  with no gold pairs recall is 1.0 (nothing was missed).
* Adjusted Rand index (Hubert & Arabie 1985): agreement on all pairs, corrected for chance; 1.0 for
  identical clusterings, about 0.0 for a random one, negative below chance. It is 1.0 when the
  two clusterings agree on every pair (including the degenerate cases where chance agreement is
  already perfect).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from marsad.errors import ConfigError

K = TypeVar("K", bound=Hashable)

__all__ = [
    "PRF",
    "ClusteringScores",
    "adjusted_rand_index",
    "bcubed",
    "pairwise",
    "score_clustering",
]


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and their harmonic mean (0.0 when both are 0)."""

    precision: float
    recall: float
    f1: float


@dataclass(frozen=True, slots=True)
class ClusteringScores:
    """All scores of one predicted clustering against the gold one."""

    items: int
    predicted_clusters: int
    gold_clusters: int
    bcubed: PRF
    pairwise: PRF
    ari: float


def _f1(precision: float, recall: float) -> float:
    if precision + recall == 0.0:
        return 0.0
    return 2.0 * precision * recall / (precision + recall)


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _contingency(
    predicted: Mapping[K, Hashable], gold: Mapping[K, Hashable]
) -> tuple[Counter[tuple[Hashable, Hashable]], Counter[Hashable], Counter[Hashable]]:
    """Cell, row (predicted) and column (gold) sizes, after checking the item sets match."""
    if not gold:
        raise ConfigError("gold clustering is empty: there is nothing to score")
    if predicted.keys() != gold.keys():
        missing = [item for item in gold if item not in predicted]
        extra = [item for item in predicted if item not in gold]
        raise ConfigError(
            "predicted and gold clusterings must cover the same items: "
            f"{len(missing)} gold item(s) not predicted (first: {missing[:3]!r}), "
            f"{len(extra)} predicted item(s) not in gold (first: {extra[:3]!r})"
        )
    cells: Counter[tuple[Hashable, Hashable]] = Counter(
        (predicted[item], gold[item]) for item in gold
    )
    rows: Counter[Hashable] = Counter(predicted.values())
    cols: Counter[Hashable] = Counter(gold.values())
    return cells, rows, cols


def bcubed(predicted: Mapping[K, Hashable], gold: Mapping[K, Hashable]) -> PRF:
    """B-cubed precision, recall and F1, averaged over items.

    Args:
        predicted: item -> predicted cluster label.
        gold: item -> gold cluster label; the same items as ``predicted``.

    Returns:
        The averaged precision and recall and their harmonic mean.

    Raises:
        ConfigError: the item sets differ, or ``gold`` is empty.

    Example:
        >>> bcubed({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "x"}).precision
        1.0
    """
    cells, rows, cols = _contingency(predicted, gold)
    # an item in cell (p, g) sees n_pg items of its gold cluster inside its predicted cluster
    precision = sum(n * n / rows[p] for (p, _), n in cells.items()) / len(gold)
    recall = sum(n * n / cols[g] for (_, g), n in cells.items()) / len(gold)
    return PRF(precision, recall, _f1(precision, recall))


def pairwise(predicted: Mapping[K, Hashable], gold: Mapping[K, Hashable]) -> PRF:
    """Precision, recall and F1 of the "same cluster" decision over all unordered item pairs.

    Args:
        predicted: item -> predicted cluster label.
        gold: item -> gold cluster label; the same items as ``predicted``.

    Returns:
        Pair precision (1.0 when no pair is predicted), pair recall (1.0 when gold has no pair)
        and their harmonic mean.

    Raises:
        ConfigError: the item sets differ, or ``gold`` is empty.

    Example:
        >>> pairwise({"a": 1, "b": 1, "c": 2}, {"a": 0, "b": 0, "c": 0}).recall
        0.3333333333333333
    """
    cells, rows, cols = _contingency(predicted, gold)
    both = sum(_pairs(n) for n in cells.values())
    predicted_pairs = sum(_pairs(n) for n in rows.values())
    gold_pairs = sum(_pairs(n) for n in cols.values())
    precision = both / predicted_pairs if predicted_pairs else 1.0
    recall = both / gold_pairs if gold_pairs else 1.0
    return PRF(precision, recall, _f1(precision, recall))


def adjusted_rand_index(predicted: Mapping[K, Hashable], gold: Mapping[K, Hashable]) -> float:
    """The adjusted Rand index between the two clusterings.

    Computed from the pair confusion counts (same/different in each clustering) as
    ``2 (tp*tn - fn*fp) / ((tp+fn)(fn+tn) + (tp+fp)(fp+tn))``, which equals Hubert & Arabie's
    formula and is defined as 1.0 when the clusterings agree on every pair.

    Args:
        predicted: item -> predicted cluster label.
        gold: item -> gold cluster label; the same items as ``predicted``.

    Returns:
        The index, at most 1.0.

    Raises:
        ConfigError: the item sets differ, or ``gold`` is empty.

    Example:
        >>> adjusted_rand_index({"a": 1, "b": 1, "c": 2}, {"a": 5, "b": 5, "c": 6})
        1.0
    """
    cells, rows, cols = _contingency(predicted, gold)
    tp = sum(_pairs(n) for n in cells.values())
    fp = sum(_pairs(n) for n in rows.values()) - tp
    fn = sum(_pairs(n) for n in cols.values()) - tp
    tn = _pairs(len(gold)) - tp - fp - fn
    if fp == 0 and fn == 0:
        return 1.0
    # Python ints: no overflow on large corpora before the final division
    numerator = 2 * (tp * tn - fn * fp)
    denominator = (tp + fn) * (fn + tn) + (tp + fp) * (fp + tn)
    return numerator / denominator


def score_clustering(
    predicted: Mapping[K, Hashable], gold: Mapping[K, Hashable]
) -> ClusteringScores:
    """B-cubed, pairwise and adjusted Rand scores of ``predicted`` against ``gold``.

    Args:
        predicted: item -> predicted cluster label.
        gold: item -> gold cluster label; the same items as ``predicted``.

    Returns:
        The scores with the number of items and of clusters on each side.

    Raises:
        ConfigError: the item sets differ, or ``gold`` is empty.

    Example:
        >>> s = score_clustering({"a": 1, "b": 2}, {"a": 1, "b": 2})
        >>> (s.bcubed.f1, s.pairwise.f1, s.ari)
        (1.0, 1.0, 1.0)
    """
    return ClusteringScores(
        items=len(gold),
        predicted_clusters=len(set(predicted.values())),
        gold_clusters=len(set(gold.values())),
        bcubed=bcubed(predicted, gold),
        pairwise=pairwise(predicted, gold),
        ari=adjusted_rand_index(predicted, gold),
    )
