"""A dev-split student of the shipped recipe trained for a fixed number of epochs with its
weights kept (EXP/devnet_TAG.npz, the shipped format with the word vectors), for use as part
of a dev-split teacher; nothing is scored.
usage: devnet.py PSEUDO.conll TAG SEED EPOCHS [SOFT.pkl]"""

import pickle
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from common import EXP, config, lexicon, shipped_inputs, splits

from marsad.eval.conll import read_conll
from marsad.extract.ner.neural_fit import _encode, _encode_soft, _net
from marsad.extract.ner.neural_train import export_weights, train_network

pseudo_path, tag, seed, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
soft = pickle.loads(Path(sys.argv[5]).read_bytes()) if len(sys.argv) > 5 else []
t0 = time.time()
cfg = replace(config(), seed=seed)
lex = lexicon()
_, train, _ = splits()
vocab, matrix, context, encoder = shipped_inputs(lex)
data = _encode(encoder, context, [*train, *read_conll(Path(pseudo_path))])
data += _encode_soft(encoder, context, soft)
net = _net(cfg, vocab, matrix, context)
train_network(net, data, epochs=epochs, seed=seed, lr=cfg.lr)
np.savez_compressed(EXP / f"devnet_{tag}.npz", **export_weights(net))
print("wrote", EXP / f"devnet_{tag}.npz", f"{time.time() - t0:.0f}s", flush=True)
