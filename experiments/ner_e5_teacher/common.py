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


def epoch_scorer(tag, dev, dev_inputs, lex, started):
    """The dev protocol's per-epoch scoring of a student: its dev posteriors kept (all epochs so
    far, in EXP/student_TAG.post.pkl) and its micro F1 printed alone, averaged 0.5/0.5 with the
    stacked dev CRF (crfdev.py; skipped when absent) and with the consistency step (8, 0.5).
    Returns evaluate(net, epoch) -> F1 alone."""
    import pickle
    import time

    from marsad.eval.conll import score_entities
    from marsad.extract.ner.config import HEADLINE_TYPES
    from marsad.extract.ner.neural_train import export_weights

    posts = {}
    stack = []

    def evaluate(net, epoch):
        model = NeuralModel(export_weights(net))
        pred = [[TAGS[i] for i in model.tag_ids(e)] for e in dev_inputs]
        alone = score_entities([s.tags for s in dev], pred, types=HEADLINE_TYPES).micro.f1
        post = [model.marginals(model.emissions(e)).astype(np.float32) for e in dev_inputs]
        posts[epoch] = post
        (EXP / f"student_{tag}.post.pkl").write_bytes(pickle.dumps(posts))
        line = f"EPOCH {epoch} alone {alone:.4f}"
        if not stack and (EXP / "crf_dev_post.pkl").exists():
            stack.extend(pickle.loads((EXP / "crf_dev_post.pkl").read_bytes())["stack"])
        if stack:
            mixed = [0.5 * n + 0.5 * c for n, c in zip(post, stack, strict=True)]
            line += (
                f" +stack {f1(dev, mixed):.4f} +consistency {f1(dev, smooth(mixed, dev, lex)):.4f}"
            )
        print(line, f"{time.time() - started:.0f}s", flush=True)
        return alone

    return evaluate


def saved_teacher(ckpt):
    """An e5 teacher with the tagger weights of a checkpoint (ft.py; the frozen piece
    embeddings are the image's, so they are the one key the checkpoint lacks)."""
    import torch

    from marsad.extract.ner.e5_image import read_image
    from marsad.extract.ner.e5_teacher import E5Teacher

    teacher = E5Teacher.build(read_image())
    missing = teacher.tagger.load_state_dict(torch.load(ckpt), strict=False)
    assert missing.missing_keys == ["enc.word.weight"], missing
    return teacher


def corpus_lines():
    """The corpora's raw lines as the teacher reads them (corpus.raw_lines)."""
    from marsad.extract.ner.corpus import _texts, raw_lines

    return raw_lines(_texts(DATA / "corpora"))


def teacher_draw(argv):
    """The arguments ``CHECKPOINT OUT [N] [THRESHOLD]`` of a script that draws corpus sentences
    with a saved teacher: (teacher on two threads, the corpus lines, OUT, the draw's config
    (N sentences at THRESHOLD, draw seed 1000), the start time)."""
    import time

    import torch

    started = time.time()
    ckpt, out = argv[1], argv[2]
    want = int(argv[3]) if len(argv) > 3 else 6000
    threshold = float(argv[4]) if len(argv) > 4 else 0.9
    torch.set_num_threads(2)
    teacher = saved_teacher(ckpt)
    lines = corpus_lines()
    print("lines", len(lines), f"{time.time() - started:.0f}s", flush=True)
    cfg = config(pseudo_sentences=want, pseudo_threshold=threshold, pseudo_seed=1000)
    return teacher, lines, out, cfg, started


def student_setup(pseudo_path, seed, soft_path=None):
    """What a dev-split student of the shipped recipe trains on: the config at ``seed``, the
    lexicon, the dev split, the shipped inputs (vocabularies, word vectors, context models,
    encoder) and the encoded data: the split's training part plus the pseudo-labelled CoNLL
    file (``"none"``: no file) and, with ``soft_path`` (soft_e5.py), the soft sentences.
    Returns (cfg, lex, dev, (vocab, matrix, context, encoder), data, pseudo, soft)."""
    import pickle
    from dataclasses import replace

    from marsad.extract.ner.neural_fit import _encode, _encode_soft

    soft = pickle.loads(Path(soft_path).read_bytes()) if soft_path else []
    cfg = replace(config(), seed=seed)
    lex = lexicon()
    _, train, dev = splits()
    vocab, matrix, context, encoder = shipped_inputs(lex)
    pseudo = [] if pseudo_path == "none" else read_conll(Path(pseudo_path))
    data = _encode(encoder, context, [*train, *pseudo]) + _encode_soft(encoder, context, soft)
    return cfg, lex, dev, (vocab, matrix, context, encoder), data, pseudo, soft
