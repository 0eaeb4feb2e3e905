"""Fine-tune the e5 teacher (marsad.extract.ner.e5_teacher.fine_tune) and score it alone.

After each epoch the tagger is saved (OUT.epK.pt, without the frozen piece embeddings) and, but
with --all, scored on the dev split (or, with --full, on test: once, after a choice) with its
posteriors saved (OUT.epK.post.npy).
usage: ft.py OUT [--epochs N] [--lr X] [--full | --all]

--all trains on every sentence of train.txt and scores nothing (the refit's teacher).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch
from common import DATA

from marsad.eval.conll import ConllSentence, read_conll, score_entities
from marsad.extract.ner.config import HEADLINE_TYPES, TAGS, split_dev
from marsad.extract.ner.e5_teacher import E5Teacher, fine_tune
from marsad.extract.ner.tagger import best_tags


def score_epoch(
    teacher: E5Teacher, dev: list[ConllSentence], out: str, epoch: int, t0: float
) -> None:
    """Print the teacher's dev figures after ``epoch``; save its posteriors (OUT.epK.post.npy)."""
    post = teacher.posteriors([s.tokens for s in dev])
    res = score_entities(
        [s.tags for s in dev], [best_tags(p, TAGS) for p in post], types=HEADLINE_TYPES
    )
    per = {s.type: round(s.f1, 4) for s in res.per_type}
    print(
        f"EPOCH {epoch} {time.time() - t0:.0f}s micro P {res.micro.precision:.4f} "
        f"R {res.micro.recall:.4f} F1 {res.micro.f1:.4f} {per}",
        flush=True,
    )
    np.save(f"{out}.ep{epoch}.post.npy", np.array(post, dtype=object), allow_pickle=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--seed", type=int, default=13)
    which = ap.add_mutually_exclusive_group()
    which.add_argument("--full", action="store_true", help="train on all of train.txt, score test")
    which.add_argument(
        "--all", action="store_true", help="train on all of train.txt, score nothing"
    )
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    sentences = read_conll(DATA / "ner/anercorp/train.txt")
    if args.full:
        train, dev = sentences, read_conll(DATA / "ner/anercorp/test.txt")
    elif args.all:
        train, dev = sentences, []
    else:
        train, dev = split_dev(sentences, 0.1)
    print(len(train), len(dev), flush=True)
    t0 = time.time()

    def after_epoch(teacher: E5Teacher, epoch: int) -> None:
        state = teacher.tagger.state_dict()
        torch.save(
            {k: v for k, v in state.items() if k != "enc.word.weight"}, f"{args.out}.ep{epoch}.pt"
        )
        if not dev:
            print(f"EPOCH {epoch} {time.time() - t0:.0f}s (nothing scored)", flush=True)
            return
        score_epoch(teacher, dev, args.out, epoch, t0)

    fine_tune(
        train, epochs=args.epochs, lr=args.lr, batch=args.batch, seed=args.seed,
        threads=args.threads, after_epoch=after_epoch,
    )  # fmt: skip


if __name__ == "__main__":
    main()
