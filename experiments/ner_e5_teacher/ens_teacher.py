"""An ensemble teacher on the dev split: the e5 teacher's word posteriors averaged 0.5/0.5 with
the marginals of the shipped recipe's dev BiLSTM teacher (context network, no self-training,
30 epochs, seed SEED), then the e5 recipe of selection (raw corpus lines without diacritics,
draw seed 1000, 6-60 tokens, every token's best averaged tag at least 0.9, one entity); the
first 6,000 written as CoNLL for student.py.
usage: ens_teacher.py E5_CHECKPOINT SEED OUT.conll
"""

import logging
import sys
import time
from dataclasses import replace

import numpy as np
import torch
from common import config, corpus_lines, lexicon, saved_teacher, shipped_inputs, splits

from marsad.eval.conll import ConllSentence
from marsad.extract.ner.config import TAGS
from marsad.extract.ner.neural import NeuralModel
from marsad.extract.ner.neural_fit import _encode, _inputs, _net, draw_pseudo_labels
from marsad.extract.ner.neural_train import export_weights, train_network
from marsad.extract.ner.tagger import best_tags

logging.basicConfig(level=logging.INFO, format="%(message)s")
ckpt, seed, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
t0 = time.time()
cfg = replace(config(), seed=seed)
lex = lexicon()
_, train, _dev = splits()
vocab, matrix, context, encoder = shipped_inputs(lex)
net = _net(cfg, vocab, matrix, context)
train_network(net, _encode(encoder, context, train), epochs=30, seed=seed, lr=cfg.lr)
bilstm = NeuralModel(export_weights(net))
print("bilstm teacher trained", f"{time.time() - t0:.0f}s", flush=True)
torch.set_num_threads(2)
e5 = saved_teacher(ckpt)
lines = corpus_lines()


def label(batch: list[list[str]]) -> list[ConllSentence]:
    kept: list[ConllSentence] = []
    post_e5 = e5.posteriors(batch, 64)
    encoded = _inputs(encoder, context, batch)
    for tokens, p5, enc in zip(batch, post_e5, encoded, strict=True):
        mixed = 0.5 * p5 + 0.5 * bilstm.marginals(bilstm.emissions(enc)).astype(np.float32)
        if mixed.max(axis=1).min() < 0.9:
            continue
        tags = tuple(best_tags(mixed, TAGS))
        if any(t != "O" for t in tags):
            kept.append(ConllSentence(tuple(tokens), tags))
    return kept


kept = draw_pseudo_labels(lines, replace(cfg, pseudo_sentences=6000, pseudo_seed=1000), label)
with open(out, "w", encoding="utf-8") as fh:
    for s in kept:
        fh.write("".join(f"{w} {t}\n" for w, t in zip(s.tokens, s.tags, strict=True)) + "\n")
print("kept", len(kept), f"{time.time() - t0:.0f}s", flush=True)
