"""Soft distillation for the BiLSTM-CRF student (soft_student.py; refit.py with SOFT.pkl):
sentences whose targets are a teacher's tag posteriors are learnt through the cross-entropy of the
student's CRF marginals (forward-backward) against them, beside hard-labelled sentences (the
CRF's negative log-likelihood). Both are summed over a sentence's tokens; a batch's loss is the
mean over its sentences. The loop is train_network's (length-sorted batches of 16 shuffled
with the seed, Adam, gradient clipping at 5); the last epoch is kept."""

import random

import numpy as np
import torch
from torch import nn

from marsad.extract.ner.neural_fit import _encode, _inputs
from marsad.extract.ner.neural_train import _batch


def mixed_items(encoder, context, hard, soft):
    """(Encoded, tag ids, soft targets or None) for the hard ConllSentences and the soft
    (tokens, posteriors) pairs."""
    items = [(e, y, None) for e, y in _encode(encoder, context, hard)]
    encoded = _inputs(encoder, context, [list(t) for t, _ in soft])
    return items + [
        (e, [0] * len(t), p.astype(np.float32)) for e, (t, p) in zip(encoded, soft, strict=True)
    ]


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


def train_mixed(net, items, *, epochs, seed, lr, weight=1.0, after_epoch=None):
    rnd = random.Random(seed)
    order = sorted(range(len(items)), key=lambda i: len(items[i][0].words))
    batches = [order[i : i + 16] for i in range(0, len(order), 16)]
    params = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=lr)
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
                soft = weight * soft_ce(net, em, mask, target)
                loss_each = torch.where(is_soft, soft, loss_each)
            loss = loss_each.mean()
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()
            total += float(loss.detach())
        net.eval()
        print(f"epoch {epoch} loss {total / len(batches):.3f}", flush=True)
        if after_epoch is not None:
            after_epoch(net, epoch)
