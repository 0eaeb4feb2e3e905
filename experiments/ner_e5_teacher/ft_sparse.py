"""The e5 teacher with trainable piece embeddings (session 22, rule U), updated sparsely
(SparseAdam on the rows a batch uses, AdamW on the rest), otherwise ``fine_tune``'s recipe on
the dev split; scored on dev after each epoch.

usage: ft_sparse.py OUT EPOCHS LR EMBEDDING_LR     (session 22: OUT 8 2e-4 2e-4)
"""

import math
import random
import sys
import time

import torch
from common import DATA
from ft import score_epoch
from torch import nn

from marsad.eval.conll import read_conll
from marsad.extract.ner.config import TAGS, split_dev
from marsad.extract.ner.e5_image import read_image
from marsad.extract.ner.e5_teacher import E5Teacher, _batches

out, epochs, lr, emb_lr = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
threads, seed, batch = 2, 13, 16
torch.set_num_threads(threads)
torch.manual_seed(seed)
rng = random.Random(seed)
train, dev = split_dev(read_conll(DATA / "ner/anercorp/train.txt"), 0.1)
teacher = E5Teacher.build(read_image())
word = teacher.tagger.enc.word
word.sparse = True
word.weight.requires_grad_(True)
items, _ = teacher.items([s.tokens for s in train], [s.tags for s in train])
dense = [
    p for n, p in teacher.tagger.named_parameters() if p.requires_grad and n != "enc.word.weight"
]
opt = torch.optim.AdamW(dense, lr=lr, weight_decay=0.01)
opt_e = torch.optim.SparseAdam([word.weight], lr=emb_lr)
steps = epochs * math.ceil(len(items) / batch)
warm = int(0.06 * steps)


def lam(s: int) -> float:
    return min((s + 1) / max(1, warm), max(0.0, (steps - s) / max(1, steps - warm)))


sched = torch.optim.lr_scheduler.LambdaLR(opt, lam)
sched_e = torch.optim.lr_scheduler.LambdaLR(opt_e, lam)
loss_fn = nn.CrossEntropyLoss(ignore_index=-100)
t0 = time.time()
for epoch in range(1, epochs + 1):
    teacher.tagger.train()
    for _, ids, lengths, labels in _batches(items, batch, rng, teacher.specials["pad"]):
        loss = loss_fn(teacher.tagger(ids, lengths).view(-1, len(TAGS)), labels.view(-1))
        opt.zero_grad()
        opt_e.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(dense, 1.0)
        opt.step()
        opt_e.step()
        sched.step()
        sched_e.step()
    score_epoch(teacher, dev, out, epoch, t0)
    if epoch == epochs:
        torch.save(teacher.tagger.state_dict(), f"{out}.ep{epoch}.pt")
