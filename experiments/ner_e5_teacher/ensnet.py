"""Rule E (session 21): the ensemble-taught student (student_ens_SEED in E5_WORK) in the dev
ensemble, from saved posteriors: (i) in place of the e5-taught student (CRF 0.3, ensemble-taught
0.35, soft 0.35), (ii) as a third network (CRF 0.25, the three 0.25 each); then consistency
(8, 0.5); mean of epochs 20-30. The e5-taught and soft students' posteriors are read from
REF_WORK (session 16's folder). Reference: the shipped (CRF 0.3, e5 0.35, soft 0.35).
usage: ensnet.py [SEED ...]"""

import os
import pickle
import sys
from pathlib import Path

import numpy as np
from common import EXP, f1, lexicon, smooth, splits

REF = Path(os.environ.get("REF_WORK", EXP))
lex = lexicon()
_, _, dev = splits()
stack = pickle.loads((REF / "crf_dev_post.pkl").read_bytes())["stack"]


def load(folder, name):
    return pickle.loads((folder / f"student_{name}.post.pkl").read_bytes())


for seed in [int(a) for a in sys.argv[1:]] or [13, 14, 15]:
    e5, soft = load(REF, f"e5ep8_{seed}"), load(REF, f"soft_{seed}")
    ens = load(EXP, f"ens_{seed}")
    rows = []
    for ep in range(20, 31):
        z = list(zip(e5[ep], soft[ep], ens[ep], stack, strict=True))
        ref = [0.3 * c + 0.35 * a + 0.35 * s for a, s, _, c in z]
        swap = [0.3 * c + 0.35 * t + 0.35 * s for _, s, t, c in z]
        third = [0.25 * (c + a + s + t) for a, s, t, c in z]
        rows.append([f1(dev, smooth(p, dev, lex)) for p in (ref, swap, third)])
    m = np.array(rows).mean(0)
    print(f"seed {seed} ref {m[0]:.4f} (i) swap {m[1]:.4f} (ii) third {m[2]:.4f}", flush=True)
