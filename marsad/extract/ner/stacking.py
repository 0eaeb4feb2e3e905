"""Document-level features for a second-pass (stacked) CRF.

The first-pass CRF tags every sentence; the second pass sees, for each token, what the first
pass said about the *other* occurrences of the same word (its stem) in the neighbouring
sentences (the same article, in practice) and about the token itself and its neighbours. At
training time the first-pass posteriors must come from models that did not see the sentence
(cross-fitted folds), so the second pass learns how far to trust them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from marsad.errors import ConfigError

__all__ = ["doc_features", "network_features"]

Array = NDArray[np.float32]


def _bucket(x: float) -> str:
    return "h" if x >= 0.8 else "m" if x >= 0.5 else "l"


#: confidence buckets of a network's best tag: (label, upper bound of the probability)
_CONFIDENCE = (("a", 0.5), ("b", 0.7), ("c", 0.9), ("d", 0.97))


def network_features(posteriors: Array, tags: Sequence[str]) -> list[list[str]]:
    """Feature strings from a network's tag probabilities (tokens, tags) for one sentence.

    The second pass learns how far to trust a network that did not see the sentence: its best
    tag (``nn=``), that tag with a confidence bucket (``nnc=``, ``a`` under 0.5 to ``e`` at
    0.97 and over) and the tag paired with each neighbour's (``nn-1=``, ``nn+1=``).

    Example:
        >>> p = np.array([[0.1, 0.9, 0.0], [0.4, 0.0, 0.6]], np.float32)
        >>> network_features(p, ["O", "B-ORG", "I-ORG"])[1]
        ['nn=I-ORG', 'nnc=I-ORG|b', 'nn-1=B-ORG|I-ORG']
    """
    best = [tags[int(i)] for i in posteriors.argmax(axis=1)]
    out: list[list[str]] = []
    for j, tag in enumerate(best):
        top = float(posteriors[j].max())
        bucket = next((b for b, bound in _CONFIDENCE if top < bound), "e")
        feats = [f"nn={tag}", f"nnc={tag}|{bucket}"]
        if j > 0:
            feats.append(f"nn-1={best[j - 1]}|{tag}")
        if j + 1 < len(best):
            feats.append(f"nn+1={tag}|{best[j + 1]}")
        out.append(feats)
    return out


def doc_features(
    posteriors: Sequence[Array],
    keys: Sequence[Sequence[str]],
    tags: Sequence[str],
    window: int = 8,
    min_len: int = 3,
    network: Sequence[Array] | None = None,
) -> list[list[list[str]]]:
    """Feature strings from first-pass posteriors, one list per token of each sentence.

    Args:
        posteriors: first-pass tag probabilities (tokens, tags) per sentence, in document
            order.
        keys: the folded stem of each token.
        tags: the tag set (the arrays' columns), ``O`` and ``B-``/``I-`` of each type.
        window: sentences on either side that count as the same document.
        min_len: shortest stem whose other occurrences are looked up.
        network: a network's tag probabilities per sentence, whose :func:`network_features`
            join each token's (a network the second pass learns to read).

    Returns:
        For each sentence, for each token, strings such as ``d1=B-PERS`` (the token's own
        first-pass tag), ``dk=ORG:h`` (the dominant type of the word's other occurrences and
        its strength) and ``dn=2`` (how many there are, bucketed).

    Raises:
        ConfigError: keys and posteriors differ in shape, or ``network`` in length.

    Example:
        >>> tags = ["O", "B-ORG", "I-ORG"]
        >>> p = [np.array([[0.1, 0.9, 0.0]], np.float32), np.array([[0.7, 0.3, 0.0]], np.float32)]
        >>> doc_features(p, [["سلتيك"], ["سلتيك"]], tags)[1][0]
        ['d1=O', 'dk=ORG:h', 'dn=1', 'd-1=<S>', 'd+1=</S>']
    """
    if len(posteriors) != len(keys) or any(
        len(k) != p.shape[0] for k, p in zip(keys, posteriors, strict=True)
    ):
        raise ConfigError("doc_features needs one key per token of every sentence")
    if network is not None and len(network) != len(posteriors):
        raise ConfigError(f"{len(network)} network marginals for {len(posteriors)} sentences")
    tags = list(tags)
    types = sorted({t[2:] for t in tags if t != "O"}, key=lambda x: tags.index("B-" + x))
    names = ["O", *types]
    o = tags.index("O")
    cols = [(tags.index("B-" + t), tags.index("I-" + t)) for t in types]
    typed = [
        np.concatenate([p[:, o : o + 1]] + [p[:, [b]] + p[:, [i]] for b, i in cols], axis=1)
        for p in posteriors
    ]
    best = [[tags[int(x)] for x in p.argmax(axis=1)] for p in posteriors]
    where: dict[str, list[tuple[int, int]]] = {}
    for i, sentence in enumerate(keys):
        for j, key in enumerate(sentence):
            if len(key) >= min_len:
                where.setdefault(key, []).append((i, j))
    doc: dict[tuple[int, int], list[str]] = {}
    for places in where.values():
        if len(places) < 2:
            continue
        vectors = np.stack([typed[i][j] for i, j in places])
        sent = np.array([i for i, _ in places])  # ascending: places are in document order
        lo = np.searchsorted(sent, sent - window, side="left")
        hi = np.searchsorted(sent, sent + window, side="right")
        count = hi - lo - 1  # the other occurrences in the window
        sums = np.concatenate([np.zeros((1, vectors.shape[1])), np.cumsum(vectors, axis=0)])
        q = (sums[hi] - sums[lo] - vectors) / np.maximum(count, 1)[:, None]
        for n, place in enumerate(places):
            if count[n] > 0:
                top = int(q[n].argmax())
                c = int(count[n])
                doc[place] = [
                    f"dk={names[top]}:{_bucket(float(q[n, top]))}",
                    "dn=" + ("1" if c == 1 else "2" if c < 4 else "4"),
                ]
    out: list[list[list[str]]] = []
    for i, sentence in enumerate(keys):
        n_tok = len(sentence)
        out.append(
            [
                [
                    "d1=" + best[i][j],
                    *doc.get((i, j), ()),
                    "d-1=" + (best[i][j - 1] if j > 0 else "<S>"),
                    "d+1=" + (best[i][j + 1] if j + 1 < n_tok else "</S>"),
                ]
                for j in range(n_tok)
            ]
        )
    if network is not None:
        out = [
            [a + b for a, b in zip(d, network_features(p, tags), strict=True)]
            for d, p in zip(out, network, strict=True)
        ]
    return out
