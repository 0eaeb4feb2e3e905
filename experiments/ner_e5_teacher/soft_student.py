"""A dev-split student as student.py, plus soft-labelled sentences (soft_e5.py) learnt through
the cross-entropy of the student's CRF marginals against the teacher's posteriors (soft.py).
usage: soft_student.py PSEUDO.conll SOFT.pkl TAG [EPOCHS] [SEED] [WEIGHT]
"""

import pickle
import sys
import time
from dataclasses import replace
from pathlib import Path

import torch
from common import config, epoch_scorer, lexicon, shipped_inputs, splits
from soft import mixed_items, train_mixed

from marsad.eval.conll import read_conll
from marsad.extract.ner.neural_fit import _inputs, _net

pseudo_path, soft_path, tag = sys.argv[1], sys.argv[2], sys.argv[3]
epochs = int(sys.argv[4]) if len(sys.argv) > 4 else 30
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 13
weight = float(sys.argv[6]) if len(sys.argv) > 6 else 1.0
torch.set_num_threads(1)
t0 = time.time()
cfg = replace(config(), seed=seed)
lex = lexicon()
_, train, dev = splits()
vocab, matrix, context, encoder = shipped_inputs(lex)
pseudo = read_conll(Path(pseudo_path))
soft = pickle.loads(Path(soft_path).read_bytes())
items = mixed_items(encoder, context, [*train, *pseudo], soft)
dev_inputs = _inputs(encoder, context, [s.tokens for s in dev])
print("items", len(items), "soft", len(soft), f"{time.time() - t0:.0f}s", flush=True)
evaluate = epoch_scorer(tag, dev, dev_inputs, lex, t0)
net = _net(cfg, vocab, matrix, context)
train_mixed(net, items, epochs=epochs, seed=seed, lr=cfg.lr, weight=weight, after_epoch=evaluate)
