"""The shipped self-training recipe's dev teacher (context network, no self-training, epoch 30)
and its 6,000 pseudo-labelled sentences (draw 1000 + seed), written as CoNLL.
usage: teacher_bilstm.py SEED OUT.conll"""

import sys
import time
from dataclasses import replace

from common import DATA, EXP, config, lexicon, shipped_inputs, splits

from marsad.extract.ner.corpus import write_folded_corpus
from marsad.extract.ner.neural import NeuralModel
from marsad.extract.ner.neural_fit import _encode, _net, pseudo_label
from marsad.extract.ner.neural_train import export_weights, train_network

seed, out = int(sys.argv[1]), sys.argv[2]
t0 = time.time()
cfg = replace(config(), seed=seed, pseudo_seed=1000 + seed)
lex = lexicon()
_, train, dev = splits()
vocab, matrix, context, encoder = shipped_inputs(lex)
corpus = EXP / "folded.txt"
if not corpus.exists():
    write_folded_corpus(DATA / "corpora", corpus)
print("corpus", f"{time.time() - t0:.0f}s", flush=True)
net = _net(cfg, vocab, matrix, context)
train_network(net, _encode(encoder, context, train), epochs=30, seed=seed, lr=cfg.lr)
print("teacher trained", f"{time.time() - t0:.0f}s", flush=True)
pseudo = pseudo_label(NeuralModel(export_weights(net)), encoder, context, corpus, cfg)
with open(out, "w", encoding="utf-8") as fh:
    for s in pseudo:
        fh.write("".join(f"{w} {t}\n" for w, t in zip(s.tokens, s.tags, strict=True)) + "\n")
print("kept", len(pseudo), f"{time.time() - t0:.0f}s", flush=True)
