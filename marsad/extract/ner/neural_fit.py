"""Fitting the BiLSTM-CRF inside ``marsad train ner`` (vocabularies, dev selection, refit).

Imports torch (a training extra) only when called.
"""

from __future__ import annotations

import json
import logging
import random
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from marsad.errors import ConfigError
from marsad.eval.conll import ConllSentence, score_entities
from marsad.extract.ner.config import HEADLINE_TYPES, TAGS, TrainConfig
from marsad.extract.ner.context import ContextModel
from marsad.extract.ner.corpus import corpus_sentences
from marsad.extract.ner.encode import Encoded, Encoder
from marsad.extract.ner.features import FEATURES_FILE, Lexicon, fold, split_proclitic
from marsad.extract.ner.neural import NeuralModel

__all__ = [
    "SoftSentence",
    "build_vocab",
    "candidate_batches",
    "cross_fitted_marginals",
    "draw_pseudo_labels",
    "pseudo_label",
    "refit_neural",
    "train_neural",
]

logger = logging.getLogger(__name__)

Vocab = dict[str, list[str]]
#: a sentence for soft distillation: its tokens and a teacher's tag probabilities (tokens x tags)
SoftSentence = tuple[tuple[str, ...], NDArray[np.float32]]
_Kept = TypeVar("_Kept")


def build_vocab(
    cfg: TrainConfig,
    lex: Lexicon,
    vectors: dict[str, NDArray[np.float32]],
    sentences: Sequence[ConllSentence],
) -> tuple[Vocab, NDArray[np.float32]]:
    """The vocabularies (pretrained words, proclitics, characters, training stems) and the
    L2-normalized pretrained matrix aligned with ``vocab["words"]``."""
    needed: set[str] = set()
    stems: Counter[str] = Counter()
    for s in sentences:
        for tok in s.tokens:
            folded = fold(tok)
            stem = split_proclitic(folded, lex.counts)[1]
            needed.update((folded, stem))
            stems[stem] += 1
    words = ["<pad>", "<unk>"] + [
        w for i, w in enumerate(vectors) if i < cfg.vocab_size or w in needed
    ]
    matrix = np.zeros((len(words), cfg.dim), dtype=np.float32)
    for i, w in enumerate(words[2:], 2):
        matrix[i] = vectors[w]
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-6
    rules = json.loads(FEATURES_FILE.read_text(encoding="utf-8"))
    prefixes = ["<pad>", "<unk>", "", *sorted(set(rules["proclitics"]))]
    char_counts = Counter(c for s in sentences for t in s.tokens for c in fold(t))
    chars = ["<pad>", "<unk>", *sorted(c for c, n in char_counts.items() if n >= 2)]
    task_words = ["<pad>", "<unk>"]
    if cfg.task_dim:
        task_words += sorted(w for w, n in stems.items() if n >= cfg.task_min_count)
    vocab = {"words": words, "prefixes": prefixes, "chars": chars, "task_words": task_words}
    return vocab, matrix


def _inputs(
    encoder: Encoder, context: ContextModel | None, sentences: Sequence[Sequence[str]]
) -> list[Encoded]:
    encoded = [encoder.encode(s) for s in sentences]
    if context is None:
        return encoded
    return [e for lo in range(0, len(encoded), 64) for e in context.attach(encoded[lo : lo + 64])]


def _encode(
    encoder: Encoder, context: ContextModel | None, sentences: Sequence[ConllSentence]
) -> list[tuple[Encoded, list[int]]]:
    inputs = _inputs(encoder, context, [s.tokens for s in sentences])
    return [(e, [TAGS.index(t) for t in s.tags]) for e, s in zip(inputs, sentences, strict=True)]


def _encode_soft(
    encoder: Encoder, context: ContextModel | None, soft: Sequence[SoftSentence]
) -> list[tuple[Encoded, Any]]:
    """Soft sentences as training items: the teacher's probabilities are the targets."""
    inputs = _inputs(encoder, context, [list(tokens) for tokens, _ in soft])
    return [(e, p.astype(np.float32)) for e, (_, p) in zip(inputs, soft, strict=True)]


_PSEUDO_BATCH = 512
_PSEUDO_LENGTHS = (6, 60)  # tokens of a candidate sentence, both included


def pseudo_label(
    teacher: NeuralModel,
    encoder: Encoder,
    context: ContextModel | None,
    corpus: Path,
    cfg: TrainConfig,
) -> list[ConllSentence]:
    """News sentences tagged by ``teacher``, kept when it is sure of them (self-training).

    The lines of the folded ``corpus`` are shuffled with ``cfg.pseudo_seed``; sentences of 6 to
    60 tokens are tagged in batches, and a sentence is kept when the marginal probability of
    every token's most likely tag is at least ``cfg.pseudo_threshold`` and it has an entity.

    Returns:
        The first ``cfg.pseudo_sentences`` kept sentences with the teacher's best tags.
    """

    def label(batch: list[list[str]]) -> list[ConllSentence]:
        kept: list[ConllSentence] = []
        for tokens, enc in zip(batch, _inputs(encoder, context, batch), strict=True):
            if teacher.marginals(teacher.emissions(enc)).max(axis=1).min() < cfg.pseudo_threshold:
                continue
            tags = tuple(TAGS[i] for i in teacher.tag_ids(enc))
            if any(t != "O" for t in tags):
                kept.append(ConllSentence(tuple(tokens), tags))
        return kept

    lines = corpus.read_text(encoding="utf-8").split("\n")
    return draw_pseudo_labels(lines, cfg, label)


def candidate_batches(lines: list[str], cfg: TrainConfig) -> Iterator[list[list[str]]]:
    """Self-training's candidates, whatever the teacher: ``lines`` shuffled (in place) with
    ``cfg.pseudo_seed``, their sentences of 6 to 60 tokens in batches of 512 (the last may be
    shorter), read only as far as the caller asks."""
    random.Random(cfg.pseudo_seed).shuffle(lines)
    batch: list[list[str]] = []
    for sentence in corpus_sentences(lines):
        if not _PSEUDO_LENGTHS[0] <= len(sentence) <= _PSEUDO_LENGTHS[1]:
            continue
        batch.append(sentence)
        if len(batch) == _PSEUDO_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def draw_pseudo_labels(
    lines: list[str],
    cfg: TrainConfig,
    label: Callable[[list[list[str]]], list[_Kept]],
) -> list[_Kept]:
    """Self-training's draw: the :func:`candidate_batches` of ``lines`` given to ``label``
    until it has kept ``cfg.pseudo_sentences``; the first that many are returned."""
    kept: list[_Kept] = []
    seen = 0
    for batch in candidate_batches(lines, cfg):
        seen += len(batch)
        kept.extend(label(batch))
        if len(kept) >= cfg.pseudo_sentences:
            break
    logger.info("self-training: kept %d of %d corpus sentences", len(kept), seen)
    return kept[: cfg.pseudo_sentences]


def _net(
    cfg: TrainConfig, vocab: Vocab, matrix: NDArray[np.float32], context: ContextModel | None
) -> Any:
    import torch  # type: ignore[import-not-found,unused-ignore]

    from marsad.extract.ner.neural_train import Net

    random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    torch.set_num_threads(1)
    return Net(
        matrix, len(vocab["prefixes"]), len(vocab["chars"]), len(TAGS), hidden=cfg.hidden,
        n_task=len(vocab["task_words"]), task_dim=cfg.task_dim,
        context_dim=0 if context is None else context.dim,
    )  # fmt: skip


def train_neural(
    cfg: TrainConfig,
    lex: Lexicon,
    vectors: dict[str, NDArray[np.float32]],
    sentences: Sequence[ConllSentence],
    train: Sequence[ConllSentence],
    dev: Sequence[ConllSentence],
    context: ContextModel | None = None,
    extra: Sequence[ConllSentence] = (),
    soft: Sequence[SoftSentence] = (),
) -> tuple[dict[str, Any], Vocab, dict[str, Any]]:
    """Train on ``train`` (and ``extra``, sentences outside the vocabularies, such as
    :func:`pseudo_label`'s, and ``soft``, sentences with a teacher's tag probabilities) for
    ``cfg.epochs`` epochs, keeping the best epoch on ``dev`` (the network reads ``context``'s
    language-model states when given).

    Returns:
        The exported weights, the vocabularies and figures (``dev_bilstm_micro_f1``,
        ``best_epoch``).
    """
    from marsad.extract.ner.neural_train import export_weights, train_network

    vocab, matrix = build_vocab(cfg, lex, vectors, sentences)
    encoder = Encoder.from_vocab(vocab, lex)
    data = _encode(encoder, context, [*train, *extra]) + _encode_soft(encoder, context, soft)
    if cfg.wikiann is not None and cfg.wikiann_sentences > 0:
        from marsad.eval.conll import read_conll

        silver = read_conll(cfg.wikiann)
        random.Random(cfg.seed).shuffle(silver)
        data += _encode(
            encoder,
            context,
            [
                ConllSentence(s.tokens, tuple(t.replace("-PER", "-PERS") for t in s.tags))
                for s in silver[: cfg.wikiann_sentences]
            ],
        )
    dev_inputs = _inputs(encoder, context, [s.tokens for s in dev])
    gold = [s.tags for s in dev]

    def evaluate(net: Any, epoch: int) -> float:
        model = NeuralModel(export_weights(net))
        pred = [[TAGS[i] for i in model.tag_ids(e)] for e in dev_inputs]
        return score_entities(gold, pred, types=HEADLINE_TYPES).micro.f1

    net = _net(cfg, vocab, matrix, context)
    best_f1, best_epoch, state = train_network(
        net, data, epochs=cfg.epochs, evaluate=evaluate, seed=cfg.seed, lr=cfg.lr
    )
    net.load_state_dict(state)
    figures = {"dev_bilstm_micro_f1": round(best_f1, 4), "best_epoch": best_epoch}
    return export_weights(net), vocab, figures


def refit_neural(
    cfg: TrainConfig,
    lex: Lexicon,
    vectors: dict[str, NDArray[np.float32]],
    vocab: Vocab,
    sentences: Sequence[ConllSentence],
    epochs: int,
    context: ContextModel | None = None,
    extra: Sequence[ConllSentence] = (),
    soft: Sequence[SoftSentence] = (),
) -> dict[str, Any]:
    """The same recipe on every sentence of ``train.txt`` (and ``extra`` and ``soft``) for
    ``epochs`` epochs."""
    from marsad.extract.ner.neural_train import export_weights, train_network

    _, matrix = build_vocab(cfg, lex, vectors, sentences)
    encoder = Encoder.from_vocab(vocab, lex)
    net = _net(cfg, vocab, matrix, context)
    data = _encode(encoder, context, [*sentences, *extra]) + _encode_soft(encoder, context, soft)
    train_network(net, data, epochs=epochs, seed=cfg.seed, lr=cfg.lr)
    return export_weights(net)


def cross_fitted_marginals(
    cfg: TrainConfig,
    lex: Lexicon,
    vectors: dict[str, NDArray[np.float32]],
    vocab: Vocab,
    sentences: Sequence[ConllSentence],
    epochs: int,
    context: ContextModel | None = None,
    folds: int = 5,
) -> list[NDArray[np.float32]]:
    """Tag marginals of every sentence from a network that did not see it.

    The sentences are cut into ``folds`` contiguous folds (documents stay whole); each fold
    is tagged by a network of the refit recipe (no self-training) trained on the other folds
    for ``epochs`` epochs, so a second pass learns how good the network's tags are on new
    text (:func:`.stack_train.train_stacked_crf`).

    Raises:
        ConfigError: fewer than two folds, or fewer sentences than folds.
    """
    from marsad.extract.ner.neural_train import export_weights, train_network

    n = len(sentences)
    if folds < 2 or n < folds:
        raise ConfigError(f"cross-fitting needs 2+ folds and as many sentences, got {folds}, {n}")
    _, matrix = build_vocab(cfg, lex, vectors, sentences)
    encoder = Encoder.from_vocab(vocab, lex)
    out: list[NDArray[np.float32]] = []
    for k in range(folds):
        lo, hi = n * k // folds, n * (k + 1) // folds
        net = _net(cfg, vocab, matrix, context)
        rest = [*sentences[:lo], *sentences[hi:]]
        train_network(net, _encode(encoder, context, rest), epochs=epochs, seed=cfg.seed, lr=cfg.lr)
        model = NeuralModel(export_weights(net))
        held = _inputs(encoder, context, [s.tokens for s in sentences[lo:hi]])
        out += [model.marginals(em) for em in model.emissions_many(held)]
        logger.info("cross-fitted network fold %d of %d", k + 1, folds)
    return out
