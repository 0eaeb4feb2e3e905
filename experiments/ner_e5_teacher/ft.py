"""Fine-tune the e5 port for ANERcorp NER; score on the dev split (or test) alone.

usage: ft.py OUT [--epochs N] [--lr X] [--full] [--limit-batches N]
"""

from __future__ import annotations

import argparse
import math
import random
import time

import numpy as np
import torch
from common import DATA, decode
from e5port import Encoder, Tokenizer, load
from torch import nn

from marsad.eval.conll import read_conll, score_entities
from marsad.extract.ner.config import HEADLINE_TYPES, TAGS, split_dev

MAX_PIECES = 254


class Tagger(nn.Module):
    def __init__(self, enc: Encoder) -> None:
        super().__init__()
        self.enc = enc
        self.head = nn.Linear(384, len(TAGS))
        self.drop = nn.Dropout(0.1)

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        return self.head(self.drop(self.enc(ids, lengths)))


def encode(
    tok: Tokenizer, sp: dict[str, int], tokens: list[str]
) -> list[tuple[list[int], list[int]]]:
    """Chunks of (piece ids with bos/eos, index of each word's first piece)."""
    chunks: list[tuple[list[int], list[int]]] = []
    ids = [sp["bos"]]
    firsts: list[int] = []
    for w in tokens:
        p = tok.word(w) or [sp["unk"]]
        p = p[:8]
        if len(ids) + len(p) > MAX_PIECES:
            chunks.append(([*ids, sp["eos"]], firsts))
            ids, firsts = [sp["bos"]], []
        firsts.append(len(ids))
        ids.extend(p)
    chunks.append(([*ids, sp["eos"]], firsts))
    return chunks


def batches(
    items: list[tuple[list[int], list[int], list[int]]], size: int, rng: random.Random | None
):
    order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    groups = [order[i : i + size] for i in range(0, len(order), size)]
    if rng is not None:
        rng.shuffle(groups)
    for g in groups:
        rows = [items[i] for i in g]
        t = max(len(r[0]) for r in rows)
        ids = torch.full((len(rows), t), 1, dtype=torch.long)
        labels = torch.full((len(rows), t), -100, dtype=torch.long)
        for k, (pid, firsts, tags) in enumerate(rows):
            ids[k, : len(pid)] = torch.tensor(pid)
            for f, tg in zip(firsts, tags, strict=True):
                labels[k, f] = tg
        yield g, ids, torch.tensor([len(r[0]) for r in rows]), labels


def items_of(tok, sp, sentences, with_tags=True):
    out = []
    owner = []
    for si, s in enumerate(sentences):
        tags = [TAGS.index(t) for t in s.tags] if with_tags else [0] * len(s.tokens)
        start = 0
        for pid, firsts in encode(tok, sp, list(s.tokens)):
            out.append((pid, firsts, tags[start : start + len(firsts)]))
            owner.append((si, start))
            start += len(firsts)
    return out, owner


def posteriors(model: Tagger, items, owner, sentences, size=32) -> list[np.ndarray]:
    model.eval()
    post = [np.zeros((len(s.tokens), len(TAGS)), dtype=np.float32) for s in sentences]
    with torch.no_grad():
        for g, ids, lengths, _ in batches(items, size, None):
            probs = torch.softmax(model(ids, lengths), -1).numpy()
            for k, i in enumerate(g):
                si, start = owner[i]
                firsts = items[i][1]
                post[si][start : start + len(firsts)] = probs[k, firsts]
    return post


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--full", action="store_true", help="train on all of train.txt, score test")
    ap.add_argument("--limit-batches", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    enc, tok, sp = load()
    enc.word.weight.requires_grad_(False)
    model = Tagger(enc)
    sentences = read_conll(DATA / "ner/anercorp/train.txt")
    if args.full:
        train, dev = sentences, read_conll(DATA / "ner/anercorp/test.txt")
    else:
        train, dev = split_dev(sentences, 0.1)
    print(len(train), len(dev), flush=True)
    tr_items, _ = items_of(tok, sp, train)
    dv_items, dv_owner = items_of(tok, sp, dev)
    n_pieces = sum(len(i[0]) for i in tr_items)
    print("train chunks", len(tr_items), "pieces", n_pieces, flush=True)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    steps = args.epochs * math.ceil(len(tr_items) / args.batch)
    warm = int(0.06 * steps)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / max(1, warm), max(0.0, (steps - s) / max(1, steps - warm)))
    )
    loss_fn = nn.CrossEntropyLoss(ignore_index=-100)
    step = 0
    for epoch in range(1, args.epochs + 1):
        model.train()
        t0 = time.time()
        total = 0.0
        for nb, (_, ids, lengths, labels) in enumerate(batches(tr_items, args.batch, rng)):
            logits = model(ids, lengths)
            loss = loss_fn(logits.view(-1, len(TAGS)), labels.view(-1))
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            step += 1
            total += float(loss.detach())
            if nb % 50 == 0:
                print(
                    f"epoch {epoch} batch {nb} loss {total / (nb + 1):.4f} {time.time() - t0:.0f}s",
                    flush=True,
                )
            if args.limit_batches and nb + 1 >= args.limit_batches:
                break
        t1 = time.time()
        post = posteriors(model, dv_items, dv_owner, dev)
        pred = decode(post)
        res = score_entities([s.tags for s in dev], pred, types=HEADLINE_TYPES)
        per = {s.type: round(s.f1, 4) for s in res.per_type}
        print(
            f"EPOCH {epoch} train {t1 - t0:.0f}s eval {time.time() - t1:.0f}s micro "
            f"P {res.micro.precision:.4f} R {res.micro.recall:.4f} F1 {res.micro.f1:.4f} {per}",
            flush=True,
        )
        torch.save(
            {k: v for k, v in model.state_dict().items() if k != "enc.word.weight"},
            f"{args.out}.ep{epoch}.pt",
        )
        np.save(f"{args.out}.ep{epoch}.post.npy", np.array(post, dtype=object), allow_pickle=True)
        if args.limit_batches:
            break


if __name__ == "__main__":
    main()
