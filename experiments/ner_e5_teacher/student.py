"""A dev-split student of the shipped recipe, trained on the dev split's training part plus
pseudo-labelled sentences (a CoNLL file); every epoch's dev posteriors are kept and scored
alone, averaged 0.5/0.5 with the stacked dev CRF, and with the consistency step (8, 0.5).
With SOFT.pkl (soft_e5.py), the teacher's unsure sentences join with its tag probabilities as
targets, learnt through the student's CRF marginals (soft distillation).
usage: student.py PSEUDO.conll|none TAG [EPOCHS] [SEED] [SOFT.pkl]
"""

import sys
import time

from common import epoch_scorer, student_setup

from marsad.extract.ner.neural_fit import _inputs, _net
from marsad.extract.ner.neural_train import train_network

pseudo_path, tag = sys.argv[1], sys.argv[2]
epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 30
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 13
t0 = time.time()
cfg, lex, dev, shipped, data, pseudo, soft = student_setup(
    pseudo_path, seed, sys.argv[5] if len(sys.argv) > 5 else None
)
vocab, matrix, context, encoder = shipped
dev_inputs = _inputs(encoder, context, [s.tokens for s in dev])
print(
    "data",
    len(data),
    "pseudo",
    len(pseudo),
    "soft",
    len(soft),
    f"{time.time() - t0:.0f}s",
    flush=True,
)
evaluate = epoch_scorer(tag, dev, dev_inputs, lex, t0)
net = _net(cfg, vocab, matrix, context)
train_network(net, data, epochs=epochs, evaluate=evaluate, seed=seed, lr=cfg.lr)
