"""Pseudo-labels of an ensemble teacher (session 21, rule E): a NER model directory (the
shipped one, or a dev-split one assembled from the dev CRFs and dev students) tags the raw
corpus lines in the e5 teacher's draw (raw_lines, seed 1000, 6-60 tokens), one sentence at a
time (the lines are shuffled, so the stacked pass sees no neighbours and no consistency step
runs); a sentence is kept when every token's best tag is at least THRESHOLD likely and it names
something. Written as CoNLL.
usage: ens_label.py MODEL_DIR OUT.conll [N] [THRESHOLD]"""

import sys
import time
from collections import Counter
from pathlib import Path

from common import config, corpus_lines

from marsad.eval.conll import ConllSentence
from marsad.extract.ner.neural_fit import draw_pseudo_labels
from marsad.extract.ner.tagger import NerTagger, best_tags

t0 = time.time()
model, out = Path(sys.argv[1]), Path(sys.argv[2])
want = int(sys.argv[3]) if len(sys.argv) > 3 else 6000
threshold = float(sys.argv[4]) if len(sys.argv) > 4 else 0.9
tagger = NerTagger.load(model)
cfg = config(pseudo_sentences=want, pseudo_threshold=threshold, pseudo_seed=1000)
tried = 0


def label(batch: list[list[str]]) -> list[ConllSentence]:
    global tried
    kept = []
    for tokens in batch:
        tried += 1
        (post,) = tagger.posteriors_many([tokens])
        if post.max(axis=1).min() < threshold:
            continue
        tags = tuple(best_tags(post, tagger.corpus_tags))
        if any(t != "O" for t in tags):
            kept.append(ConllSentence(tuple(tokens), tags))
    return kept


kept = draw_pseudo_labels(corpus_lines(), cfg, label)
with open(out, "w", encoding="utf-8") as fh:
    for s in kept:
        fh.write("".join(f"{w} {t}\n" for w, t in zip(s.tokens, s.tags, strict=True)) + "\n")
begins = Counter(t for s in kept for t in s.tags if t.startswith("B-"))
print("kept", len(kept), "of", tried, dict(begins), f"{time.time() - t0:.0f}s", flush=True)
