"""Named-entity recognition: a CRF (with a numpy BiLSTM-CRF) trained on ANERcorp.

>>> from marsad.extract.ner import NerTagger
>>> NerTagger.load().tag(["زار", "الرئيس", "بوتين", "موسكو"])  # doctest: +SKIP
['O', 'O', 'B-PERSON', 'B-LOC']
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from marsad.errors import ConfigError
from marsad.extract.ner.tagger import MODEL_DIR, NerTagger, to_corpus_tags, to_marsad_tags

__all__ = ["MODEL_DIR", "NerTagger", "benchmark", "to_corpus_tags", "to_marsad_tags"]


def benchmark(tokens: int = 100_000, path: Path | None = None) -> dict[str, float]:
    """Tagging speed of a model (default: the shipped one) on pseudo-sentences.

    Sentences of 12 to 40 tokens are drawn with a fixed seed from the model's lexicon, weighted
    by corpus frequency, so word repetition is like news text, and tagged 20 at a time (about
    one article, as :meth:`NerTagger.tag_document` does). Runs in the calling thread; set
    ``OMP_NUM_THREADS=1`` to keep numpy on one core.

    Args:
        tokens: how many tokens to tag (at least 1,000).
        path: a model directory; the shipped model when ``None``.

    Returns:
        ``{"tokens": n, "seconds": s, "tokens_per_second": n / s, "load_seconds": l}``.

    Raises:
        ConfigError: ``tokens`` is below 1,000.

    Example:
        >>> benchmark(2_000)["tokens_per_second"] > 0  # doctest: +SKIP
        True
    """
    if tokens < 1_000:
        raise ConfigError(f"benchmark tokens must be at least 1000, got {tokens}")
    started = time.perf_counter()
    tagger = NerTagger.load(path)
    load_seconds = time.perf_counter() - started
    counts = tagger.lexicon.counts
    words = list(counts)[:20_000]
    weights = [counts[w] for w in words]
    rnd = random.Random(13)
    sentences: list[list[str]] = []
    total = 0
    while total < tokens:
        n = min(rnd.randint(12, 40), tokens - total)
        sentences.append(rnd.choices(words, weights=weights, k=n))
        total += n
    started = time.perf_counter()
    for start in range(0, len(sentences), 20):  # about one news article at a time
        tagger.tag_many(sentences[start : start + 20])
    seconds = time.perf_counter() - started
    return {
        "tokens": float(total),
        "seconds": seconds,
        "tokens_per_second": total / seconds,
        "load_seconds": load_seconds,
    }
