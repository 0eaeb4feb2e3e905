"""A dev-split student as student.py, plus soft-labelled sentences (soft_e5.py): their loss is
the cross-entropy of the student's CRF marginals (forward-backward) against the teacher's tag
posteriors, summed over tokens like the hard sentences' negative log-likelihood; batches mix
both kinds, the loss is the mean over a batch's sentences. The loop is train_network's
(length-sorted batches of 16 shuffled with the seed, Adam, gradient clipping at 5).
usage: soft_student.py PSEUDO.conll SOFT.pkl TAG [EPOCHS] [SEED] [WEIGHT]
"""

import pickle
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import torch
from common import config, epoch_scorer, lexicon, shipped_inputs, splits
from torch import nn

from marsad.eval.conll import read_conll
from marsad.extract.ner.neural_fit import _encode, _inputs, _net
from marsad.extract.ner.neural_train import _batch

pseudo_path, soft_path, tag = sys.argv[1], sys.argv[2], sys.argv[3]
epochs = int(sys.argv[4]) if len(sys.argv) > 4 else 30
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 13
weight = float(sys.argv[6]) if len(sys.argv) > 6 else 1.0
torch.set_num_threads(1)
t0 = time.time()
cfg = replace(config(), seed=seed)
lex = lexicon()
_, train, dev = splits()
vocab, matrix, context, encoder = shipped_inputs(lex)
pseudo = read_conll(Path(pseudo_path))
soft = pickle.loads(Path(soft_path).read_bytes())
hard_items = _encode(encoder, context, [*train, *pseudo])
soft_enc = _inputs(encoder, context, [list(t) for t, _ in soft])
# item: (Encoded, tag ids, soft targets or None)
items = [(e, y, None) for e, y in hard_items] + [
    (e, [0] * len(t), p.astype(np.float32)) for e, (t, p) in zip(soft_enc, soft, strict=True)
]
dev_inputs = _inputs(encoder, context, [s.tokens for s in dev])
print("hard", len(hard_items), "soft", len(soft), f"{time.time() - t0:.0f}s", flush=True)
evaluate = epoch_scorer(tag, dev, dev_inputs, lex, t0)


def soft_ce(net, em, mask, target):
    """Each sentence's cross-entropy of its CRF marginals against ``target``."""
    b, t, k = em.shape
    logz, alphas = net.log_partition(em, mask)
    end = net.end.unsqueeze(0).expand(b, k)
    betas = [end]
    for i in range(t - 2, -1, -1):
        nxt = torch.logsumexp(
            net.trans.unsqueeze(0) + (em[:, i + 1] + betas[0]).unsqueeze(1), dim=2
        )
        betas.insert(0, torch.where(mask[:, i + 1].unsqueeze(1), nxt, end))
    logp = torch.stack(alphas, 1) + torch.stack(betas, 1) - logz.view(b, 1, 1)
    return -((target * logp).sum(2) * mask.float()).sum(1)


net = _net(cfg, vocab, matrix, context)
rnd = random.Random(seed)
order = sorted(range(len(items)), key=lambda i: len(items[i][0].words))
batches = [order[i : i + 16] for i in range(0, len(order), 16)]
params = [p for p in net.parameters() if p.requires_grad]
opt = torch.optim.Adam(params, lr=cfg.lr)
for epoch in range(1, epochs + 1):
    net.train()
    rnd.shuffle(batches)
    total = 0.0
    for ids in batches:
        group = [items[i] for i in ids]
        words, task, prefixes, chars, flags, tags, mask, lengths, ctx = _batch(
            [(e, y) for e, y, _ in group]
        )
        em = net.emissions(words, task, prefixes, chars, flags, lengths, ctx)
        is_soft = torch.tensor([s is not None for _, _, s in group])
        loss_each = torch.zeros(len(group))
        if (~is_soft).any():
            loss_each = torch.where(~is_soft, net.sentence_nll(em, tags, mask), loss_each)
        if is_soft.any():
            target = torch.zeros(em.shape)
            for k, (_, _, s) in enumerate(group):
                if s is not None:
                    target[k, : len(s)] = torch.from_numpy(s)
            loss_each = torch.where(is_soft, weight * soft_ce(net, em, mask, target), loss_each)
        loss = loss_each.mean()
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(params, 5.0)
        opt.step()
        total += float(loss.detach())
    net.eval()
    print(f"epoch {epoch} loss {total / len(batches):.3f}", flush=True)
    evaluate(net, epoch)
