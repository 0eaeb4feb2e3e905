"""News sentences tagged by the fine-tuned e5 teacher, kept when it is sure (self-training).

The recipe of neural_fit.pseudo_label with the e5 teacher: corpus lines (raw text, tokens as
corpus._TOKEN cuts them, not folded: the teacher reads text as written) shuffled with seed
1000, sentences of 6-60 tokens, kept when every token's most likely tag has probability >= the
threshold and the sentence has an entity; the first N kept.
usage: pseudo_e5.py CHECKPOINT OUT.conll [N] [THRESHOLD]
"""

import random
import sys
import time

import numpy as np
import torch
from common import DATA, decode
from e5port import load
from ft import Tagger, batches, encode

from marsad.extract.ner.config import TAGS
from marsad.extract.ner.corpus import _TOKEN, _texts, corpus_sentences

ckpt, out = sys.argv[1], sys.argv[2]
want = int(sys.argv[3]) if len(sys.argv) > 3 else 6000
threshold = float(sys.argv[4]) if len(sys.argv) > 4 else 0.9
torch.set_num_threads(2)
t0 = time.time()
enc, tok, sp = load()
model = Tagger(enc)
state = torch.load(ckpt)
missing = model.load_state_dict(state, strict=False)
assert missing.missing_keys == ["enc.word.weight"], missing
model.eval()
lines = []
for text in _texts(DATA / "corpora"):
    for line in text.split("\n"):
        tokens = _TOKEN.findall(line)
        if len(tokens) > 2:
            lines.append(" ".join(tokens))
print("lines", len(lines), f"{time.time() - t0:.0f}s", flush=True)
random.Random(1000).shuffle(lines)
kept = []
seen = 0


def label(batch):
    items, owner = [], []
    for si, s in enumerate(batch):
        start = 0
        for pid, firsts in encode(tok, sp, s):
            items.append((pid, firsts, [0] * len(firsts)))
            owner.append((si, start))
            start += len(firsts)
    post = [np.zeros((len(s), len(TAGS)), dtype=np.float32) for s in batch]
    with torch.no_grad():
        for g, ids, lengths, _ in batches(items, 64, None):
            probs = torch.softmax(model(ids, lengths), -1).numpy()
            for k, i in enumerate(g):
                si, start = owner[i]
                firsts = items[i][1]
                post[si][start : start + len(firsts)] = probs[k, firsts]
    for s, p, tags in zip(batch, post, decode(post), strict=False):
        if p.max(axis=1).min() < threshold:
            continue
        if any(t != "O" for t in tags):
            kept.append((s, tags))


batch = []
for sentence in corpus_sentences(lines):
    if not 6 <= len(sentence) <= 60:
        continue
    batch.append(sentence)
    seen += 1
    if len(batch) == 512:
        label(batch)
        batch = []
        print("seen", seen, "kept", len(kept), f"{time.time() - t0:.0f}s", flush=True)
        if len(kept) >= want:
            break
with open(out, "w", encoding="utf-8") as fh:
    for s, tags in kept[:want]:
        for w, t in zip(s, tags, strict=True):
            fh.write(f"{w} {t}\n")
        fh.write("\n")
print("kept", min(want, len(kept)), "of", seen, f"{time.time() - t0:.0f}s", flush=True)
