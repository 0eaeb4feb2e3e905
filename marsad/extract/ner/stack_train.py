"""Training the second-pass (stacked) CRF of :mod:`marsad.extract.ner.stacking`.

The first-pass posteriors of the training sentences come from cross-fitted CRFs: the
sentences are cut into contiguous folds (documents stay whole), and each fold is tagged by a
CRF trained on the other folds, so the second pass sees first-pass output as good (and as
wrong) as it will be on new text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np
import pycrfsuite
from numpy.typing import NDArray

from marsad.errors import ConfigError
from marsad.eval.conll import ConllSentence
from marsad.extract.ner.config import TAGS, TrainConfig
from marsad.extract.ner.features import Lexicon, fold, sentence_features, split_proclitic
from marsad.extract.ner.stacking import doc_features
from marsad.extract.ner.tagger import NerTagger

__all__ = ["cross_fitted_posteriors", "fit_crf", "train_stacked_crf"]

logger = logging.getLogger(__name__)

TrainCrf = Callable[[list[ConllSentence], Lexicon, Path, TrainConfig], pycrfsuite.Tagger]


def fit_crf(
    rows: Iterable[tuple[list[list[str]], list[str]]], path: Path, cfg: TrainConfig
) -> pycrfsuite.Tagger:
    """Train a CRF (L-BFGS with ``cfg``'s c1, c2 and iterations) on ``(features, tags)`` rows,
    write it to ``path`` and return a tagger opened on it."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for features, tags in rows:
        trainer.append(features, tags)
    trainer.set_params(
        {
            "c1": cfg.c1,
            "c2": cfg.c2,
            "max_iterations": cfg.crf_iterations,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(path))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def cross_fitted_posteriors(
    sentences: Sequence[ConllSentence],
    lex: Lexicon,
    cfg: TrainConfig,
    train_crf: TrainCrf,
    folds: int = 5,
) -> list[NDArray[np.float32]]:
    """First-pass CRF posteriors of every sentence from a CRF that did not see it.

    Raises:
        ConfigError: fewer than two folds, or fewer sentences than folds.
    """
    n = len(sentences)
    if folds < 2 or n < folds:
        raise ConfigError(f"cross-fitting needs 2+ folds and as many sentences, got {folds}, {n}")
    out: list[NDArray[np.float32]] = []
    for k in range(folds):
        lo, hi = n * k // folds, n * (k + 1) // folds
        rest = list(sentences[:lo]) + list(sentences[hi:])
        crf = train_crf(rest, lex, cfg.work / f"crf.fold{k}.crfsuite", cfg)
        out += NerTagger(crf, lex, TAGS).posteriors_many([s.tokens for s in sentences[lo:hi]])
        logger.info("cross-fitted fold %d of %d", k + 1, folds)
    return out


def train_stacked_crf(
    sentences: Sequence[ConllSentence],
    lex: Lexicon,
    path: Path,
    cfg: TrainConfig,
    train_crf: TrainCrf,
    network: Sequence[NDArray[np.float32]] | None = None,
    first: Sequence[NDArray[np.float32]] | None = None,
) -> pycrfsuite.Tagger:
    """Train the second-pass CRF on ``sentences`` (in document order); returns a tagger.

    ``network`` holds a network's tag marginals of each sentence, from networks that did not
    see it (:func:`.neural_fit.cross_fitted_marginals`): the second pass then also learns to
    read a network's tags (:func:`.stacking.network_features`). ``first``: the sentences'
    :func:`cross_fitted_posteriors` when the caller has them already (else computed here).

    Raises:
        ConfigError: ``network`` does not hold one array per sentence.
    """
    if network is not None and len(network) != len(sentences):
        raise ConfigError(f"{len(network)} network marginals for {len(sentences)} sentences")
    if first is None:
        first = cross_fitted_posteriors(sentences, lex, cfg, train_crf, cfg.stack_folds)
    keys = [[split_proclitic(fold(t), lex.counts)[1] for t in s.tokens] for s in sentences]
    docs = doc_features(first, keys, TAGS, window=cfg.stack_window, network=network)
    cache: dict[str, dict[str, str]] = {}
    rows = (
        (
            [a + b for a, b in zip(sentence_features(s.tokens, lex, cache), d, strict=True)],
            list(s.tags),
        )
        for s, d in zip(sentences, docs, strict=True)
    )
    return fit_crf(rows, path, cfg)
