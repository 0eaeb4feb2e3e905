"""A third student in the ensemble (session 21, rule T): the stacked dev CRF, the e5-taught and
the soft student of a seed, and a third student, averaged (CRF at c, the networks (1 - c) / 3
each), then the consistency step; mean of epochs 20-30 per seed, from the saved dev posteriors
of `student.py` in E5_WORK. The third student is A, the BiLSTM-taught student of the same seed
(student_bilstm_SEED), or B, the e5-taught student of the next seed (13 -> 14 -> 15 -> 13).
Reference: the shipped two-student ensemble (0.3, 0.35, 0.35).
usage: threenet.py [SEED ...]"""

import pickle
import sys

import numpy as np
from common import EXP, f1, lexicon, smooth, splits

lex = lexicon()
_, _, dev = splits()
stack = pickle.loads((EXP / "crf_dev_post.pkl").read_bytes())["stack"]
NEXT = {13: 14, 14: 15, 15: 13}


def load(name):
    return pickle.loads((EXP / f"student_{name}.post.pkl").read_bytes())


for seed in [int(a) for a in sys.argv[1:]] or [13, 14, 15]:
    e5, soft = load(f"e5ep8_{seed}"), load(f"soft_{seed}")
    thirds = {"A": load(f"bilstm_{seed}"), "B": load(f"e5ep8_{NEXT[seed]}")}
    rows = []
    for ep in range(20, 31):
        ref = [
            0.3 * c + 0.35 * a + 0.35 * s for a, s, c in zip(e5[ep], soft[ep], stack, strict=True)
        ]
        row = [f1(dev, smooth(ref, dev, lex))]
        for third in thirds.values():
            for wc in (0.25, 0.30):
                wn = (1 - wc) / 3
                mixed = [
                    wc * c + wn * (a + s + t)
                    for a, s, t, c in zip(e5[ep], soft[ep], third[ep], stack, strict=True)
                ]
                row.append(f1(dev, smooth(mixed, dev, lex)))
        rows.append(row)
    m = np.array(rows).mean(0)
    print(
        f"seed {seed} ref {m[0]:.4f} A(.25) {m[1]:.4f} A(.30) {m[2]:.4f}"
        f" B(.25) {m[3]:.4f} B(.30) {m[4]:.4f}",
        flush=True,
    )
