"""News sentences a saved e5 teacher is NOT sure of (some word's best tag under THRESHOLD) and
whose best path names something, with the teacher's tag posteriors: the soft targets of a
distilled student (the package's e5_teacher.unsure_e5: corpus.raw_lines, draw seed 1000,
sentences of 6-60 tokens, batches of 512), the first N kept, stored at half precision.
usage: soft_e5.py CHECKPOINT OUT.pkl [N] [THRESHOLD]
"""

import pickle
import sys
import time
from dataclasses import replace

import numpy as np
from common import teacher_draw

from marsad.extract.ner.config import TAGS
from marsad.extract.ner.e5_teacher import unsure_e5
from marsad.extract.ner.tagger import best_tags

teacher, lines, out, cfg, t0 = teacher_draw(sys.argv)
kept = unsure_e5(teacher, lines, replace(cfg, soft_sentences=cfg.pseudo_sentences))
with open(out, "wb") as fh:
    pickle.dump([(tokens, post.astype(np.float16)) for tokens, post in kept], fh)
ents = sum(t.startswith("B-") for _, post in kept for t in best_tags(post, TAGS))
print("kept", len(kept), "entities (best path)", ents, f"{time.time() - t0:.0f}s", flush=True)
