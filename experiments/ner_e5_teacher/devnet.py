"""A dev-split student of the shipped recipe trained for a fixed number of epochs with its
weights kept (EXP/devnet_TAG.npz, the shipped format with the word vectors), for use as part
of a dev-split teacher; nothing is scored.
usage: devnet.py PSEUDO.conll TAG SEED EPOCHS [SOFT.pkl]"""

import sys
import time

import numpy as np
from common import EXP, student_setup

from marsad.extract.ner.neural_fit import _net
from marsad.extract.ner.neural_train import export_weights, train_network

pseudo_path, tag, seed, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
t0 = time.time()
cfg, _, _, shipped, data, _, _ = student_setup(
    pseudo_path, seed, sys.argv[5] if len(sys.argv) > 5 else None
)
vocab, matrix, context, _ = shipped
net = _net(cfg, vocab, matrix, context)
train_network(net, data, epochs=epochs, seed=seed, lr=cfg.lr)
np.savez_compressed(EXP / f"devnet_{tag}.npz", **export_weights(net))
print("wrote", EXP / f"devnet_{tag}.npz", f"{time.time() - t0:.0f}s", flush=True)
