"""A dev-split student of the shipped recipe, trained on the dev split's training part plus
pseudo-labelled sentences (a CoNLL file); every epoch's dev posteriors are kept and scored
alone, averaged 0.5/0.5 with the stacked dev CRF, and with the consistency step (8, 0.5).
usage: student.py PSEUDO.conll|none TAG [EPOCHS] [SEED]
"""

import pickle
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from common import EXP, config, f1, lexicon, shipped_inputs, smooth, splits

from marsad.eval.conll import read_conll, score_entities
from marsad.extract.ner.config import HEADLINE_TYPES, TAGS
from marsad.extract.ner.neural import NeuralModel
from marsad.extract.ner.neural_fit import _encode, _inputs, _net
from marsad.extract.ner.neural_train import export_weights, train_network

pseudo_path, tag = sys.argv[1], sys.argv[2]
epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 30
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 13
t0 = time.time()
cfg = replace(config(), seed=seed)
lex = lexicon()
_, train, dev = splits()
vocab, matrix, context, encoder = shipped_inputs(lex)
pseudo = [] if pseudo_path == "none" else read_conll(Path(pseudo_path))
data = _encode(encoder, context, [*train, *pseudo])
dev_inputs = _inputs(encoder, context, [s.tokens for s in dev])
print("data", len(data), "pseudo", len(pseudo), f"{time.time() - t0:.0f}s", flush=True)
stack = None
posts = {}


def evaluate(net, epoch):
    global stack
    model = NeuralModel(export_weights(net))
    pred = [[TAGS[i] for i in model.tag_ids(e)] for e in dev_inputs]
    alone = score_entities([s.tags for s in dev], pred, types=HEADLINE_TYPES).micro.f1
    post = [model.marginals(model.emissions(e)).astype(np.float32) for e in dev_inputs]
    posts[epoch] = post
    (EXP / f"student_{tag}.post.pkl").write_bytes(pickle.dumps(posts))
    line = f"EPOCH {epoch} alone {alone:.4f}"
    try:
        if stack is None:
            stack = pickle.loads((EXP / "crf_dev_post.pkl").read_bytes())["stack"]
        mixed = [0.5 * n + 0.5 * c for n, c in zip(post, stack, strict=True)]
        line += f" +stack {f1(dev, mixed):.4f} +consistency {f1(dev, smooth(mixed, dev, lex)):.4f}"
    except FileNotFoundError:
        pass
    print(line, f"{time.time() - t0:.0f}s", flush=True)
    return alone


net = _net(cfg, vocab, matrix, context)
train_network(net, data, epochs=epochs, evaluate=evaluate, seed=seed, lr=cfg.lr)
