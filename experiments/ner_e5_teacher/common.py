"""Shared pieces of the session-16 NER experiments (dev split protocol of the model card)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from marsad.eval.conll import read_conll
from marsad.extract.ner.config import TAGS, TrainConfig, split_dev
from marsad.extract.ner.consistency import Consistency, smooth_posteriors
from marsad.extract.ner.context import ContextModel
from marsad.extract.ner.encode import Encoder
from marsad.extract.ner.features import Lexicon, fold, split_proclitic
from marsad.extract.ner.neural import NeuralModel
from marsad.extract.ner.tagger import best_tags
from marsad.extract.ner.train import _score_posteriors

ROOT = Path(__file__).resolve().parents[2] / "marsad/resources/models/ner"
DATA = Path(
    os.environ.get("MARSAD_SHARED_DATA", Path(__file__).resolve().parents[3] / "shared/data")
)
EXP = Path(os.environ.get("E5_WORK", "build/e5-teacher"))
EXP.mkdir(parents=True, exist_ok=True)


def config(**kw):
    return TrainConfig(
        train=DATA / "ner/anercorp/train.txt",
        anetac=DATA / "names/anetac",
        wikidata=DATA / "names/wikidata",
        corpora=DATA / "corpora",
        out=EXP / "out",
        work=EXP / "work",
        **kw,
    )


def lexicon() -> Lexicon:
    return Lexicon.load(ROOT / "lexicon.tsv.gz", ROOT / "gazetteer.tsv.gz")


def splits():
    sentences = read_conll(DATA / "ner/anercorp/train.txt")
    train, dev = split_dev(sentences, 0.1)
    return sentences, train, dev


def decode(post):
    return [best_tags(p, TAGS) for p in post]


def f1(gold, post) -> float:
    """Micro F1 (PERS/LOC/ORG) of the BIO-constrained best paths, as `marsad train ner` scores."""
    return _score_posteriors(gold, post)


def shipped_inputs(lex: Lexicon):
    """The shipped model's vocabularies, word vectors (the network's int8 rows dequantized),
    context language models and encoder: what every dev network of these experiments reads."""
    vocab = json.loads((ROOT / "vocab.json").read_text("utf-8"))
    with np.load(ROOT / "network.npz") as a:
        matrix = NeuralModel({k: a[k] for k in a.files}).word
    with np.load(ROOT / "context.npz") as a:
        context = ContextModel({k: a[k].astype(np.float32) for k in a.files}, matrix)
    return vocab, matrix, context, Encoder.from_vocab(vocab, lex)


def smooth(post, gold, lex, window=8, weight=0.5):
    keys = [[split_proclitic(fold(t), lex.counts)[1] for t in s.tokens] for s in gold]
    return smooth_posteriors(post, keys, TAGS, Consistency(window=window, weight=weight))
