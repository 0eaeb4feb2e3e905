"""Two students in the ensemble (session 20): the stacked dev CRF, the e5-taught student and the
soft-distilled student of the same seed, averaged at the weights of a small grid, then the
consistency step; mean of epochs 20-30 per seed, from the saved dev posteriors of `student.py`
(student_e5ep8_SEED.post.pkl and student_soft_SEED.post.pkl in E5_WORK)."""

import pickle

import numpy as np
from common import EXP, f1, lexicon, smooth, splits

lex = lexicon()
_, _, dev = splits()
stack = pickle.loads((EXP / "crf_dev_post.pkl").read_bytes())["stack"]
GRID = [(0.5, 0.25, 0.25), (1 / 3, 1 / 3, 1 / 3), (0.3, 0.35, 0.35), (0.4, 0.3, 0.3)]
for seed in (13, 14, 15):
    e5 = pickle.loads((EXP / f"student_e5ep8_{seed}.post.pkl").read_bytes())
    soft = pickle.loads((EXP / f"student_soft_{seed}.post.pkl").read_bytes())
    rows = []
    for ep in range(20, 31):
        shipped = [0.5 * a + 0.5 * c for a, c in zip(e5[ep], stack, strict=True)]
        row = [f1(dev, smooth(shipped, dev, lex))]
        for wc, we, ws in GRID:
            mixed = [
                wc * c + we * a + ws * s for a, s, c in zip(e5[ep], soft[ep], stack, strict=True)
            ]
            row.append(f1(dev, smooth(mixed, dev, lex)))
        rows.append(row)
    means = np.array(rows).mean(0)
    cells = " ".join(
        f"({wc:.2f}, {we:.2f}, {ws:.2f}): {m:.4f}"
        for (wc, we, ws), m in zip(GRID, means[1:], strict=True)
    )
    print(f"seed {seed} shipped {means[0]:.4f} {cells}", flush=True)
