import pickle
import sys

import numpy as np
from common import EXP, f1, lexicon, smooth, splits

lex = lexicon()
_, _, dev = splits()
stack = pickle.loads((EXP / "crf_dev_post.pkl").read_bytes())["stack"]
nets = pickle.loads((EXP / "student_base13.post.pkl").read_bytes())
e5 = list(np.load(sys.argv[1], allow_pickle=True))
print("e5 alone (posterior decode)", round(f1(dev, e5), 4), "stack alone", round(f1(dev, stack), 4))
for w in (0.0, 0.2, 0.33, 0.5):
    rows = []
    for ep in range(20, 31):
        nn = nets[ep]
        if w == 0.0:
            m = [0.5 * a + 0.5 * b for a, b in zip(nn, stack, strict=True)]
        else:
            m = [
                (1 - w) * (0.5 * a + 0.5 * b) + w * c for a, b, c in zip(nn, stack, e5, strict=True)
            ]
        rows.append((f1(dev, m), f1(dev, smooth(m, dev, lex))))
    r = np.array(rows).mean(0)
    print(f"e5 weight {w}: +stack mean20-30 {r[0]:.4f} +consistency {r[1]:.4f}")
