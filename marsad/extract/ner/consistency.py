"""Document-level label consistency: one name keeps one type across neighbouring sentences.

A news article names the same person, place or organization several times, and a tagger that
sees one sentence at a time finds some of these mentions and misses others. After the first
pass, each token's tag posterior is pulled towards the average *type* posterior of the other
occurrences of the same word (its stem, proclitics removed) in a window of neighbouring
sentences. Begin/inside shares stay the token's own; the BIO decoder then fixes the spans.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from marsad.errors import ConfigError

__all__ = ["Consistency", "smooth_posteriors"]

Array = NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Consistency:
    """How strongly and how far the document-level pull reaches (chosen on the dev split).

    Attributes:
        window: sentences on either side that count as the same document.
        weight: share of the document-level posterior in the mix (0 turns the pull off).
        min_len: shortest stem (in letters) that is pulled.
        min_occurrences: fewest occurrences of a stem in the window (itself included).
    """

    window: int = 8
    weight: float = 0.5
    min_len: int = 3
    min_occurrences: int = 2

    def __post_init__(self) -> None:
        if self.window < 0 or not 0.0 <= self.weight <= 1.0:
            raise ConfigError(
                f"consistency window must be >= 0 and weight in [0, 1], got {self.window}, "
                f"{self.weight}"
            )


def _type_columns(tags: Sequence[str]) -> list[tuple[int, int]]:
    """(begin index, inside index) of each entity type, in tag-set order."""
    types = sorted({t[2:] for t in tags if t != "O"}, key=lambda x: tags.index("B-" + x))
    return [(tags.index("B-" + t), tags.index("I-" + t)) for t in types]


def smooth_posteriors(
    posteriors: Sequence[Array],
    keys: Sequence[Sequence[str]],
    tags: Sequence[str],
    params: Consistency,
) -> list[Array]:
    """Mix each token's posterior with its word's average type posterior in the window.

    Args:
        posteriors: one (tokens, tags) array of tag probabilities per sentence, in document
            order.
        keys: the matching key of each token (its folded stem); tokens with equal keys are
            the same word.
        tags: the tag set (``O`` and ``B-``/``I-`` of each type), the columns of the arrays.
        params: window, weight and thresholds.

    Returns:
        New arrays of the same shapes (the inputs are not changed).

    Raises:
        ConfigError: the tag set has no ``O`` or a sentence's keys and posteriors differ in
            length.

    Example:
        >>> tags = ["O", "B-PERS", "I-PERS"]
        >>> p = [np.array([[0.2, 0.8, 0.0]], np.float32), np.array([[0.6, 0.4, 0.0]], np.float32)]
        >>> out = smooth_posteriors(p, [["سلتيك"], ["سلتيك"]], tags, Consistency(weight=0.5))
        >>> [round(float(x), 2) for x in out[1][0]]
        [0.5, 0.5, 0.0]
    """
    if "O" not in tags:
        raise ConfigError(f"tag set {list(tags)} has no O tag")
    if len(posteriors) != len(keys) or any(
        len(k) != p.shape[0] for k, p in zip(keys, posteriors, strict=True)
    ):
        raise ConfigError("smooth_posteriors needs one key per token of every sentence")
    out = [np.array(p, dtype=np.float32, copy=True) for p in posteriors]
    if params.weight == 0.0 or not posteriors:
        return out
    o = list(tags).index("O")
    cols = _type_columns(list(tags))
    # typed[i][j] = (P(O), P(type 1), ...) of token j of sentence i
    typed = [
        np.concatenate([p[:, o : o + 1]] + [p[:, [b]] + p[:, [i]] for b, i in cols], axis=1)
        for p in posteriors
    ]
    where: dict[str, list[tuple[int, int]]] = {}
    for i, sentence in enumerate(keys):
        for j, key in enumerate(sentence):
            if len(key) >= params.min_len:
                where.setdefault(key, []).append((i, j))
    lam = params.weight
    for places in where.values():
        if len(places) < params.min_occurrences:
            continue
        vectors = np.stack([typed[i][j] for i, j in places])
        if float(vectors[:, 1:].max()) < 0.01:  # never a name here: nothing to pull
            continue
        sent = np.array([i for i, _ in places])  # ascending: places are in document order
        lo = np.searchsorted(sent, sent - params.window, side="left")
        hi = np.searchsorted(sent, sent + params.window, side="right")
        near = hi - lo
        sums = np.concatenate([np.zeros((1, vectors.shape[1])), np.cumsum(vectors, axis=0)])
        q = (sums[hi] - sums[lo]) / near[:, None]  # mean type posterior in each window
        own = np.stack([posteriors[i][j] for i, j in places])
        new = np.zeros_like(own)
        new[:, o] = q[:, 0]
        for t, (b, ins) in enumerate(cols):
            total = own[:, b] + own[:, ins]
            share = np.where(total > 1e-6, own[:, b] / np.maximum(total, 1e-6), 0.5)
            new[:, b] = q[:, t + 1] * share
            new[:, ins] = q[:, t + 1] * (1.0 - share)
        mixed = (1.0 - lam) * own + lam * new
        for n, (i, j) in enumerate(places):
            if near[n] >= params.min_occurrences:
                out[i][j] = mixed[n]
    return out
