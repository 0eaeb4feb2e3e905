"""Extractive summaries of one article and of a story told by several articles.

Every sentence is a bag of folded, clitic-stripped word keys (:func:`marsad.text.segment.tokenize`)
weighted by how rare the word is in Arabic news (the folded word counts in
``resources/text/vocab.tsv.gz``: common words such as "في" or "قال" weigh almost nothing). A
sentence scores by

* centrality: the cosine of its vector with the centroid of the text (or of the story);
* position: how early it comes in its article (news puts the essentials first): half
  ``1/sqrt(i+1)``, half the relative position ``1 - i/n``;
* length: very short sentences (captions, datelines) are held back.

Sentences are then picked by maximal marginal relevance (MMR, Carbonell & Goldstein 1998): each
pick trades its score against its similarity to what was already picked, and a sentence that
repeats a picked one (word-set Jaccard or containment over ``redundancy``) is never picked. That
rule is what keeps wire copies of the same sentence in several sources out of a story summary.
Every summary sentence is a :class:`~marsad.model.Sentence` span of its own article, so it cites
its document and offsets.

Two baselines are kept here for comparison (``method="lead"``: the first sentences;
``method="textrank"``: PageRank over the sentence-similarity graph, Mihalcea & Tarau 2004).
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np
import numpy.typing as npt

from marsad.errors import ConfigError
from marsad.model import Sentence
from marsad.text.segment import tokenize, vocabulary

__all__ = [
    "Method",
    "SummaryWeights",
    "score_sentences",
    "summarize_document",
    "summarize_documents",
]

log = logging.getLogger(__name__)

Method = Literal["marsad", "lead", "textrank"]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class SummaryWeights:
    """How the sentence score mixes its features, and how MMR trades score for novelty."""

    centrality: float = 1.0
    position: float = 1.0
    length: float = 0.2
    mmr_lambda: float = 0.7
    redundancy: float = 0.7
    min_words: int = 6


DEFAULT_WEIGHTS = SummaryWeights()


@lru_cache(maxsize=1)
def _background() -> tuple[dict[str, int], float]:
    """Folded word counts of a news corpus, and the log of their total (for IDF-like weights)."""
    counts = vocabulary()
    return counts, math.log(sum(counts.values()) + 1.0)


def _weight(key: str) -> float:
    counts, log_total = _background()
    return max(0.0, log_total - math.log(counts.get(key, 0) + 1.0))


def _keys(text: str, sentence: Sentence) -> list[str]:
    return [t.key for t in tokenize(text, sentence.start, sentence.end) if t.is_word and t.key]


@dataclass(frozen=True, slots=True)
class _Unit:
    """A candidate sentence: where it comes from and its weighted bag of words."""

    doc: int
    index: int  # position in its document
    count: int  # sentences in its document
    sentence: Sentence
    keys: frozenset[str]
    words: int


def _units(docs: Sequence[tuple[str, Sequence[Sentence]]]) -> list[_Unit]:
    units = []
    for d, (text, sentences) in enumerate(docs):
        for i, s in enumerate(sentences):
            if not 0 <= s.start <= s.end <= len(text):
                raise ConfigError(
                    f"sentence {s.start}..{s.end} lies outside a text of {len(text)} characters"
                )
            keys = _keys(text, s)
            units.append(_Unit(d, i, len(sentences), s, frozenset(keys), len(keys)))
    return units


def _matrix(units: Sequence[_Unit], docs_text: Sequence[str]) -> FloatArray:
    """Rows: sentences; columns: word keys; values: tf x background weight, L2-normalized."""
    vocab: dict[str, int] = {}
    rows: list[Counter[str]] = []
    for u in units:
        c = Counter(_keys(docs_text[u.doc], u.sentence))
        rows.append(c)
        for k in c:
            vocab.setdefault(k, len(vocab))
    m = np.zeros((len(units), max(1, len(vocab))), dtype=np.float64)
    for r, c in enumerate(rows):
        for k, tf in c.items():
            m[r, vocab[k]] = (1.0 + math.log(tf)) * _weight(k)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return np.asarray(m / np.where(norms > 0, norms, 1.0), dtype=np.float64)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """max(Jaccard, containment of the smaller set): 1.0 for a repeated or quoted sentence."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return max(inter / len(a | b), inter / min(len(a), len(b)) if min(len(a), len(b)) >= 4 else 0)


def _textrank(units: Sequence[_Unit], damping: float = 0.85) -> FloatArray:
    n = len(units)
    w = np.zeros((n, n), dtype=np.float64)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = units[i], units[j]
            if a.words > 1 and b.words > 1:
                sim = len(a.keys & b.keys) / (math.log(a.words) + math.log(b.words))
                w[i, j] = w[j, i] = sim
    out = w.sum(axis=1, keepdims=True)
    trans = np.divide(w, out, out=np.zeros_like(w), where=out > 0)
    score = np.full(n, 1.0 / max(n, 1))
    for _ in range(100):
        new = (1 - damping) / n + damping * trans.T @ score
        if np.abs(new - score).sum() < 1e-8:
            return np.asarray(new, dtype=np.float64)
        score = new
    return np.asarray(score, dtype=np.float64)


def _marsad_scores(units: Sequence[_Unit], m: FloatArray, w: SummaryWeights) -> FloatArray:
    centroid = m.sum(axis=0)
    norm = np.linalg.norm(centroid)
    cent = m @ (centroid / norm) if norm > 0 else np.zeros(len(units))
    # Half a steep lead bias (the first sentences), half the relative place in the article.
    pos = np.array(
        [0.5 / math.sqrt(u.index + 1) + 0.5 * (1.0 - u.index / max(1, u.count)) for u in units]
    )
    length = np.array([min(1.0, u.words / (2 * w.min_words)) for u in units])
    score: FloatArray = w.centrality * cent + w.position * pos + w.length * length
    short = np.array([u.words < w.min_words for u in units])
    return np.asarray(np.where(short, score * 0.5, score), dtype=np.float64)


def score_sentences(
    text: str,
    sentences: Sequence[Sentence],
    *,
    method: Method = "marsad",
    weights: SummaryWeights = DEFAULT_WEIGHTS,
) -> list[float]:
    """A salience score per sentence of one text (higher is more summary-worthy).

    Raises:
        ConfigError: an unknown method, or a sentence outside the text.

    Example:
        >>> t = "وصل الوزير إلى الرياض. وقال الوزير إن الرياض تستضيف المؤتمر."
        >>> len(score_sentences(t, [Sentence(0, 22), Sentence(23, len(t))]))
        2
    """
    units = _units([(text, sentences)])
    if not units:
        return []
    if method == "lead":
        return [1.0 / (u.index + 1) for u in units]
    if method == "textrank":
        return [float(x) for x in _textrank(units)]
    if method == "marsad":
        return [float(x) for x in _marsad_scores(units, _matrix(units, [text]), weights)]
    raise ConfigError(f"unknown summary method {method!r}: use marsad, lead or textrank")


def _select(
    units: Sequence[_Unit],
    scores: Sequence[float],
    m: FloatArray | None,
    *,
    max_sentences: int,
    max_words: int | None,
    weights: SummaryWeights,
    mmr: bool,
) -> list[int]:
    """Indices of the picked units, within both budgets.

    With ``mmr``, scores are traded against similarity to the picked units and repeats are
    skipped; without, units are taken in score order (the baselines).
    """
    if max_sentences < 1:
        raise ConfigError(f"max_sentences must be at least 1, got {max_sentences}")
    if max_words is not None and max_words < 1:
        raise ConfigError(f"max_words must be at least 1, got {max_words}")
    picked: list[int] = []
    left = set(range(len(units)))
    words = 0
    top = max(scores) if scores else 1.0
    norm = top if top > 0 else 1.0
    while left and len(picked) < max_sentences:
        best, best_val = -1, -math.inf
        for i in sorted(left):
            if mmr and any(
                _overlap(units[i].keys, units[j].keys) >= weights.redundancy for j in picked
            ):
                continue
            val = scores[i] / norm
            if mmr and picked and m is not None:
                sim = max(float(m[i] @ m[j]) for j in picked)
                val = weights.mmr_lambda * val - (1 - weights.mmr_lambda) * sim
            if val > best_val:
                best, best_val = i, val
        if best < 0:
            break
        left.discard(best)
        size = max(1, units[best].words)
        if max_words is not None and picked and words + size > max_words:
            continue  # too long for what is left of the budget; a shorter one may fit
        picked.append(best)
        words += size
        if max_words is not None and words >= max_words:
            break
    return picked


def summarize_document(
    text: str,
    sentences: Sequence[Sentence],
    *,
    max_sentences: int = 3,
    max_words: int | None = None,
    method: Method = "marsad",
    weights: SummaryWeights = DEFAULT_WEIGHTS,
) -> list[Sentence]:
    """An extractive summary of one text: its best sentences, in text order.

    Args:
        text: the text the sentences index into.
        sentences: its sentences (:func:`marsad.text.segment.split_sentences`).
        max_sentences: at most this many sentences.
        max_words: and at most this many words (the first sentence is always kept).
        method: ``"marsad"`` (the default), or the ``"lead"`` / ``"textrank"`` baselines.
        weights: feature weights of the ``marsad`` method.

    Returns:
        The chosen sentences, ordered by offset.

    Raises:
        ConfigError: a bad budget, an unknown method or a sentence outside the text.

    Example:
        >>> t = "انعقد المؤتمر في الرياض. وحضره وزراء الطاقة من عشرين دولة. ثم انتهى."
        >>> [t[s.start:s.end] for s in summarize_document(t, [Sentence(0, 24),
        ...     Sentence(25, 58), Sentence(59, 67)], max_sentences=1)]
        ['وحضره وزراء الطاقة من عشرين دولة.']
    """
    units = _units([(text, sentences)])
    if not units:
        return []
    m = _matrix(units, [text]) if method == "marsad" else None
    scores = score_sentences(text, sentences, method=method, weights=weights)
    picked = _select(
        units,
        scores,
        m,
        max_sentences=max_sentences,
        max_words=max_words,
        weights=weights,
        mmr=method == "marsad",
    )
    return sorted((units[i].sentence for i in picked), key=lambda s: s.start)


def summarize_documents(
    docs: Sequence[tuple[str, str, Sequence[Sentence]]],
    *,
    max_sentences: int = 5,
    max_words: int | None = None,
    weights: SummaryWeights = DEFAULT_WEIGHTS,
) -> list[tuple[str, Sentence]]:
    """A summary of a story told by several documents, each sentence cited to its document.

    Sentences are scored against the centroid of the whole story, so what several sources say
    ranks high, and a sentence that repeats one already picked (a wire copy in another outlet)
    is left out.

    Args:
        docs: ``(doc_id, text, sentences)`` per document, in the order to present them (for
            instance by publication time).
        max_sentences: at most this many sentences.
        max_words: and at most this many words.
        weights: feature weights.

    Returns:
        ``(doc_id, sentence)`` pairs in output order: by document (in the order given), then by
        offset.

    Raises:
        ConfigError: a bad budget, duplicate document ids or a sentence outside its text.

    Example:
        >>> a = "أعلنت الوزارة افتتاح المستشفى الجديد في جدة اليوم."
        >>> summarize_documents([("x", a, [Sentence(0, len(a))]), ("y", a, [Sentence(0, len(a))])])
        [('x', Sentence(start=0, end=50))]
    """
    ids = [d[0] for d in docs]
    if len(set(ids)) != len(ids):
        dup = next(i for i in ids if ids.count(i) > 1)
        raise ConfigError(f"document id {dup!r} appears twice in the story")
    texts = [d[1] for d in docs]
    units = _units([(d[1], d[2]) for d in docs])
    if not units:
        return []
    m = _matrix(units, texts)
    scores = [float(x) for x in _marsad_scores(units, m, weights)]
    picked = _select(
        units,
        scores,
        m,
        max_sentences=max_sentences,
        max_words=max_words,
        weights=weights,
        mmr=True,
    )
    order = sorted(picked, key=lambda i: (units[i].doc, units[i].sentence.start))
    return [(ids[units[i].doc], units[i].sentence) for i in order]
