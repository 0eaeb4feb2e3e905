"""The refit of the shipped network with the e5 teacher's pseudo-labels (what ships).

The student of the shipped recipe (`neural_fit.refit_neural`: the shipped vocabularies, word
vectors and context language models, the shipped config's seed and learning rate) trained on
every sentence of train.txt plus the pseudo-labelled sentences, for the shipped best epoch
count; written as OUT/network.npz in the shipped format. Nothing else of the model changes.
With SOFT.pkl (soft_e5.py), the teacher's unsure sentences join as soft targets.
usage: refit.py PSEUDO.conll OUT_DIR [SOFT.pkl]
"""

import json
import pickle
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from common import DATA, ROOT, config, lexicon, shipped_inputs

from marsad.eval.conll import read_conll
from marsad.extract.ner.neural_fit import _encode, _encode_soft, _net
from marsad.extract.ner.neural_train import export_weights, train_network

pseudo_path, out = Path(sys.argv[1]), Path(sys.argv[2])
soft = pickle.loads(Path(sys.argv[3]).read_bytes()) if len(sys.argv) > 3 else []
t0 = time.time()
meta = json.loads((ROOT / "meta.json").read_text("utf-8"))
shipped = meta["config"]
cfg = replace(config(), seed=shipped["seed"], lr=shipped["lr"], hidden=shipped["hidden"])
epochs = meta["best_epoch"]
lex = lexicon()
sentences = read_conll(DATA / "ner/anercorp/train.txt")
pseudo = read_conll(pseudo_path)
vocab, matrix, context, encoder = shipped_inputs(lex)
print(
    "train", len(sentences), "pseudo", len(pseudo), "soft", len(soft), "epochs", epochs, flush=True
)
net = _net(cfg, vocab, matrix, context)
data = _encode(encoder, context, [*sentences, *pseudo]) + _encode_soft(encoder, context, soft)
train_network(net, data, epochs=epochs, seed=cfg.seed, lr=cfg.lr)
out.mkdir(parents=True, exist_ok=True)
np.savez_compressed(out / "network.npz", **export_weights(net))
print("wrote", out / "network.npz", f"{time.time() - t0:.0f}s", flush=True)
