"""News sentences a saved e5 teacher is NOT sure of (some word's best tag under THRESHOLD) and
whose best path names something, with the teacher's tag posteriors: the soft targets of a
distilled student. Drawn in the package's order (corpus.raw_lines, neural_fit.draw_pseudo_labels:
seed 1000, sentences of 6-60 tokens, batches of 512), the first N kept.
usage: soft_e5.py CHECKPOINT OUT.pkl [N] [THRESHOLD]
"""

import pickle
import sys
import time

import numpy as np
from common import teacher_draw

from marsad.eval.conll import ConllSentence
from marsad.extract.ner.config import TAGS
from marsad.extract.ner.neural_fit import draw_pseudo_labels
from marsad.extract.ner.tagger import best_tags

teacher, lines, out, cfg, t0 = teacher_draw(sys.argv)
posts: dict[tuple[str, ...], np.ndarray] = {}


def label(batch):
    kept = []
    for tokens, post in zip(batch, teacher.posteriors(batch, 64), strict=True):
        if post.max(axis=1).min() >= cfg.pseudo_threshold:
            continue
        tags = tuple(best_tags(post, TAGS))
        if any(t != "O" for t in tags):
            posts[tuple(tokens)] = post.astype(np.float16)
            kept.append(ConllSentence(tuple(tokens), tags))
    return kept


kept = draw_pseudo_labels(lines, cfg, label)
data = [(s.tokens, posts[s.tokens]) for s in kept]
with open(out, "wb") as fh:
    pickle.dump(data, fh)
ents = sum(t.startswith("B-") for s in kept for t in s.tags)
print("kept", len(kept), "entities (best path)", ents, f"{time.time() - t0:.0f}s", flush=True)
