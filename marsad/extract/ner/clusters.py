"""Word clusters for the CRF: spherical k-means over word2vec vectors, at several granularities.

A cluster id is a cheap, sparse stand-in for a word vector: words used alike (city names,
first names, ministries) share ids, so the CRF generalizes from a seen name to unseen ones.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

__all__ = ["kmeans_clusters"]

logger = logging.getLogger(__name__)


def kmeans_clusters(
    vectors: NDArray[np.float32],
    sizes: Sequence[int] = (64, 256, 1024),
    *,
    iterations: int = 12,
    seed: int = 13,
) -> NDArray[np.int32]:
    """Cluster ids of each row of ``vectors``, one column per size in ``sizes``.

    Rows are L2-normalized and clustered by cosine similarity (spherical k-means), starting
    from rows drawn with ``seed``, so the result is reproducible.

    Args:
        vectors: (words, dim) word vectors.
        sizes: the numbers of clusters, coarse to fine.
        iterations: k-means iterations per size.
        seed: seeds the initial centroids.

    Returns:
        An int32 array (words, len(sizes)).

    Example:
        >>> v = np.array([[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9]], dtype=np.float32)
        >>> ids = kmeans_clusters(v, (2,))
        >>> bool(ids[0, 0] == ids[1, 0] != ids[2, 0] == ids[3, 0])
        True
    """
    x = vectors / (np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9)
    rng = np.random.RandomState(seed)
    out = np.zeros((len(x), len(sizes)), dtype=np.int32)
    for column, k in enumerate(sizes):
        k = min(k, len(x))
        centroids = x[rng.choice(len(x), k, replace=False)].copy()
        assign = np.zeros(len(x), dtype=np.int64)
        for _ in range(iterations):
            assign = np.argmax(x @ centroids.T, axis=1)
            sums = np.zeros_like(centroids)
            np.add.at(sums, assign, x)
            norms = np.linalg.norm(sums, axis=1, keepdims=True)
            filled = norms[:, 0] > 0
            centroids[filled] = sums[filled] / norms[filled]
        out[:, column] = np.argmax(x @ centroids.T, axis=1)
        logger.info("clustered %d words into %d clusters", len(x), k)
    return out
