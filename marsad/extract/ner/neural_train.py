"""Training the BiLSTM-CRF tagger with torch (training only: tagging runs in numpy).

The network: frozen pretrained stem embeddings, a proclitic-chain embedding, a character CNN and
a few binary flags (shape, article, gazetteer), then one BiLSTM layer, a linear layer to tag
scores and a linear-chain CRF. :func:`export_weights` writes the arrays that
:mod:`marsad.extract.ner.neural` reads. Needs ``torch`` (``pip install torch==2.13.0``).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import torch  # type: ignore[import-not-found,unused-ignore]
from numpy.typing import NDArray
from torch import nn  # type: ignore[import-not-found,unused-ignore]

from marsad.extract.ner.encode import MAX_CHARS, N_FLAGS, Encoded
from marsad.extract.ner.neural import quantize_rows

__all__ = ["Net", "export_weights", "train_network"]

logger = logging.getLogger(__name__)


class Net(nn.Module):  # type: ignore[misc,unused-ignore]
    """Embeddings + char CNN + flags -> BiLSTM -> tag scores, with CRF transition scores."""

    def __init__(
        self,
        vectors: NDArray[np.float32],
        n_prefixes: int,
        n_chars: int,
        n_tags: int,
        *,
        n_task: int = 2,
        task_dim: int = 0,
        word_dropout: float = 0.2,
        hidden: int = 128,
        char_dim: int = 32,
        char_filters: int = 64,
        prefix_dim: int = 8,
        dropout: float = 0.5,
        context_dim: int = 0,
    ) -> None:
        super().__init__()
        self.word = nn.Embedding.from_pretrained(torch.from_numpy(vectors), freeze=True)  # type: ignore[no-untyped-call,unused-ignore]
        self.task_dim = task_dim
        self.word_dropout = word_dropout
        self.task = nn.Embedding(n_task, max(task_dim, 1))
        nn.init.zeros_(self.task.weight)
        self.prefix = nn.Embedding(n_prefixes, prefix_dim)
        self.char = nn.Embedding(n_chars, char_dim, padding_idx=0)
        self.conv = nn.Conv1d(char_dim, char_filters, 3)
        self.drop = nn.Dropout(dropout)
        self.context_dim = context_dim
        width = vectors.shape[1] + task_dim + prefix_dim + char_filters + N_FLAGS + context_dim
        self.lstm = nn.LSTM(width, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, n_tags)
        self.trans = nn.Parameter(torch.zeros(n_tags, n_tags))
        self.start = nn.Parameter(torch.zeros(n_tags))
        self.end = nn.Parameter(torch.zeros(n_tags))

    def emissions(
        self,
        words: torch.Tensor,
        task: torch.Tensor,
        prefixes: torch.Tensor,
        chars: torch.Tensor,
        flags: torch.Tensor,
        lengths: torch.Tensor,
        context: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """Tag scores (batch, time, tags) for padded inputs (``context``: the language
        models' states, (batch, time, context_dim), when the network reads them)."""
        b, t = words.shape
        c = self.char(chars.view(b * t, MAX_CHARS + 2)).transpose(1, 2)
        c = self.conv(c).max(dim=2).values.view(b, t, -1)
        parts = [self.word(words)]
        if self.task_dim:
            if self.training and self.word_dropout > 0:
                drop = torch.rand(task.shape) < self.word_dropout
                task = torch.where(drop & (task > 1), torch.ones_like(task), task)
            parts.append(self.task(task))
        extra = [] if context is None else [context]
        x = torch.cat([*parts, self.prefix(prefixes), c, flags, *extra], dim=2)
        x = self.drop(x)
        packed = nn.utils.rnn.pack_padded_sequence(
            x, lengths, batch_first=True, enforce_sorted=False
        )
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=t)
        out: torch.Tensor = self.out(self.drop(h))
        return out

    def log_partition(
        self, em: torch.Tensor, mask: torch.Tensor
    ) -> tuple[torch.Tensor, list[torch.Tensor]]:
        """Each sentence's log partition under the CRF, and the forward scores at every token
        (a padded token keeps its sentence's last)."""
        alphas = [self.start.unsqueeze(0) + em[:, 0]]
        for i in range(1, em.shape[1]):
            nxt = (
                torch.logsumexp(alphas[-1].unsqueeze(2) + self.trans.unsqueeze(0), dim=1) + em[:, i]
            )
            alphas.append(torch.where(mask[:, i].unsqueeze(1), nxt, alphas[-1]))
        return torch.logsumexp(alphas[-1] + self.end.unsqueeze(0), dim=1), alphas

    def sentence_nll(
        self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor
    ) -> torch.Tensor:
        """Each sentence's negative log-likelihood of its tag path under the CRF."""
        b = em.shape[0]
        maskf = mask.float()
        idx = torch.arange(b)
        emit = em.gather(2, tags.unsqueeze(2)).squeeze(2)
        steps = self.trans[tags[:, :-1], tags[:, 1:]]
        score = (emit * maskf).sum(1) + (steps * maskf[:, 1:]).sum(1) + self.start[tags[:, 0]]
        last = tags[idx, mask.sum(1) - 1]
        score = score + self.end[last]
        return self.log_partition(em, mask)[0] - score

    def nll(self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Mean negative log-likelihood of the gold tag paths under the CRF."""
        return self.sentence_nll(em, tags, mask).mean()

    def marginal_cross_entropy(
        self, em: torch.Tensor, mask: torch.Tensor, target: torch.Tensor
    ) -> torch.Tensor:
        """Each sentence's cross-entropy of its CRF tag marginals (forward-backward) against
        ``target`` (sentences x tokens x tags, a teacher's tag probabilities), summed over its
        tokens: soft distillation's loss, on the scale of :meth:`sentence_nll`."""
        b, t, k = em.shape
        logz, alphas = self.log_partition(em, mask)
        end = self.end.unsqueeze(0).expand(b, k)
        betas = [end]
        for i in range(t - 2, -1, -1):
            nxt = torch.logsumexp(
                self.trans.unsqueeze(0) + (em[:, i + 1] + betas[0]).unsqueeze(1), dim=2
            )
            betas.insert(0, torch.where(mask[:, i + 1].unsqueeze(1), nxt, end))
        logp = torch.stack(alphas, 1) + torch.stack(betas, 1) - logz.view(b, 1, 1)
        out: torch.Tensor = -((target * logp).sum(2) * mask.float()).sum(1)
        return out


#: a sentence's training target: its tag ids, or a teacher's tag probabilities (tokens x tags)
Target = list[int] | NDArray[np.float32]


def _batch(items: Sequence[tuple[Encoded, Target]]) -> tuple[Any, ...]:
    n = len(items)
    t = max(len(e.words) for e, _ in items)
    words = torch.zeros(n, t, dtype=torch.long)
    task = torch.zeros(n, t, dtype=torch.long)
    prefixes = torch.zeros(n, t, dtype=torch.long)
    chars = torch.zeros(n, t, MAX_CHARS + 2, dtype=torch.long)
    flags = torch.zeros(n, t, N_FLAGS)
    tags = torch.zeros(n, t, dtype=torch.long)
    mask = torch.zeros(n, t, dtype=torch.bool)
    first = items[0][0].context
    context = None if first is None else torch.zeros(n, t, first.shape[1])
    for i, (e, y) in enumerate(items):
        k = len(e.words)
        words[i, :k] = torch.from_numpy(e.words)
        task[i, :k] = torch.from_numpy(e.task)
        prefixes[i, :k] = torch.from_numpy(e.prefixes)
        chars[i, :k] = torch.from_numpy(e.chars)
        flags[i, :k] = torch.from_numpy(e.flags)
        if not isinstance(y, np.ndarray):  # soft targets leave tag 0, which no loss reads
            tags[i, :k] = torch.tensor(y)
        mask[i, :k] = True
        if context is not None and e.context is not None:
            context[i, :k] = torch.from_numpy(e.context)
    lengths = mask.sum(1)
    return words, task, prefixes, chars, flags, tags, mask, lengths, context


def _loss(
    net: Net,
    em: torch.Tensor,
    tags: torch.Tensor,
    mask: torch.Tensor,
    targets: Sequence[Target],
) -> torch.Tensor:
    """The batch's mean loss: a hard sentence's negative log-likelihood, a soft one's
    :meth:`Net.marginal_cross_entropy`."""
    soft = torch.tensor([isinstance(y, np.ndarray) for y in targets])
    if not soft.any():
        return net.nll(em, tags, mask)
    each = torch.zeros(len(targets))
    if not soft.all():
        each = torch.where(~soft, net.sentence_nll(em, tags, mask), each)
    target = torch.zeros(em.shape)
    for k, y in enumerate(targets):
        if isinstance(y, np.ndarray):
            target[k, : len(y)] = torch.from_numpy(y)
    each = torch.where(soft, net.marginal_cross_entropy(em, mask, target), each)
    return each.mean()


def train_network(
    net: Net,
    train: Sequence[tuple[Encoded, Target]],
    *,
    epochs: int,
    evaluate: Callable[[Net, int], float] | None = None,
    batch_size: int = 16,
    lr: float = 1e-3,
    seed: int = 13,
) -> tuple[float, int, dict[str, Any]]:
    """Train ``net`` with Adam; keep the weights of the epoch ``evaluate`` scores best.

    Args:
        net: the network.
        train: encoded sentences with their tag ids, or with soft targets (a teacher's tag
            probabilities, learnt through the CRF's marginals).
        epochs: passes over ``train``.
        evaluate: scores the network after each epoch (higher is better); without it the
            last epoch is kept.
        batch_size: sentences per update.
        lr: Adam's learning rate.
        seed: seeds the shuffling.

    Returns:
        The best score, its epoch (1-based) and the state dict of that epoch.
    """
    rnd = random.Random(seed)
    order = sorted(range(len(train)), key=lambda i: len(train[i][0].words))
    batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    params = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=lr)
    best: tuple[float, int, dict[str, Any]] = (-1.0, 0, {})
    for epoch in range(1, epochs + 1):
        net.train()
        rnd.shuffle(batches)
        started = time.time()
        total = 0.0
        for ids in batches:
            group = [train[i] for i in ids]
            words, task, prefixes, chars, flags, tags, mask, lengths, context = _batch(group)
            em = net.emissions(words, task, prefixes, chars, flags, lengths, context)
            loss = _loss(net, em, tags, mask, [y for _, y in group])
            opt.zero_grad()
            loss.backward()  # type: ignore[no-untyped-call,unused-ignore]
            nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()
            total += float(loss.detach())
        net.eval()
        score = evaluate(net, epoch) if evaluate is not None else float(epoch)
        logger.info(
            "epoch %d loss %.3f score %.4f (%.0fs)",
            epoch,
            total / len(batches),
            score,
            time.time() - started,
        )
        if score > best[0]:
            state = {k: v.detach().clone() for k, v in net.state_dict().items()}
            best = (score, epoch, state)
    return best


def export_weights(net: Net) -> dict[str, NDArray[Any]]:
    """The network's arrays under the names :mod:`marsad.extract.ner.neural` expects.

    Word vectors are stored as int8 with a float32 scale per row (they dominate the size), the
    task embeddings as float16, the rest as float32.
    """
    sd = {k: v.detach().cpu().numpy() for k, v in net.state_dict().items()}
    return {
        **quantize_rows(sd["word.weight"]),
        "task": sd["task.weight"][:, : net.task_dim].astype(np.float16),
        "prefix": sd["prefix.weight"].astype(np.float32),
        "char": sd["char.weight"].astype(np.float32),
        "conv_w": sd["conv.weight"].astype(np.float32),
        "conv_b": sd["conv.bias"].astype(np.float32),
        "f_wih": sd["lstm.weight_ih_l0"].astype(np.float32),
        "f_whh": sd["lstm.weight_hh_l0"].astype(np.float32),
        "f_b": (sd["lstm.bias_ih_l0"] + sd["lstm.bias_hh_l0"]).astype(np.float32),
        "b_wih": sd["lstm.weight_ih_l0_reverse"].astype(np.float32),
        "b_whh": sd["lstm.weight_hh_l0_reverse"].astype(np.float32),
        "b_b": (sd["lstm.bias_ih_l0_reverse"] + sd["lstm.bias_hh_l0_reverse"]).astype(np.float32),
        "out_w": sd["out.weight"].astype(np.float32),
        "out_b": sd["out.bias"].astype(np.float32),
        "trans": sd["trans"].astype(np.float32),
        "start": sd["start"].astype(np.float32),
        "end": sd["end"].astype(np.float32),
    }
