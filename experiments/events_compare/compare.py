"""Rule N's check: do the events of the annotated set fall when the NER model changes?

    python compare.py analyse OUT.pkl        # the annotated articles, analysed with the
                                             # models installed now (pickled documents)
    python compare.py compare A.pkl B.pkl    # A shipped, B candidate

Prints type, type+actors and full F1 of the held-out part (which contains the fresh batch) for
both, fresh alone, and the paired bootstrap over held-out articles (2,000 resamples, seed 0) of
full F1 (B) - full F1 (A) with its 90% interval. The figures are those of
`marsad eval events --shared-data ../shared/data`. Set MARSAD_SHARED_DATA to the data folder
(default ../../../shared/data from here).
"""

from __future__ import annotations

import os
import pickle
import random
import sys
from pathlib import Path

from marsad.eval import events as ev
from marsad.eval.events_data import load_validated

DATA = Path(
    os.environ.get("MARSAD_SHARED_DATA", Path(__file__).resolve().parents[3] / "shared/data")
)
Counts = dict[str, tuple[list[int], int, int]]  # article -> (tp per level, predicted, gold)


def per_article(gold: ev.EventsGold, texts: dict[str, str], path: str, ids: set[str]) -> Counts:
    docs = pickle.loads(Path(path).read_bytes())
    names, arts, remap, preds = ev._predict(gold, docs)
    out: Counts = {}
    for a in arts:
        if a.article_id not in ids:
            continue
        doc, raw = docs[a.article_id], texts[a.article_id]
        golds = [e for e in gold.events if e.article_id == a.article_id]
        found = preds[a.article_id]
        unknown = ev.unknown_mentions(doc, names, remap)
        tps = [
            ev._match_greedy(ev._event_pairs(doc, raw, found, golds, names, level, unknown=unknown))
            for level in (0, 1, 2)
        ]
        out[a.article_id] = (tps, len(found), len(golds))
    return out


def f1(counts: Counts, ids: list[str], level: int = 2) -> float:
    tp = sum(counts[i][0][level] for i in ids)
    total = sum(counts[i][1] + counts[i][2] for i in ids)
    return 2 * tp / total if total else 0.0


def main(argv: list[str]) -> None:
    gold, texts = load_validated(DATA)
    if argv[1] == "analyse":
        Path(argv[2]).write_bytes(pickle.dumps(ev.analyse(gold, texts)))
        return
    _, held = ev.split(gold)
    fresh = {a.article_id for a in gold.articles if a.split == "heldout"}
    a, b = (per_article(gold, texts, p, held) for p in argv[2:4])
    ids = sorted(a)
    for level, name in ((0, "type"), (1, "type+actors"), (2, "full")):
        tps = [sum(c[i][0][level] for i in ids) for c in (a, b)]
        print(
            f"held-out {name}: A {f1(a, ids, level):.4f} ({tps[0]} right)"
            f" B {f1(b, ids, level):.4f} ({tps[1]} right)"
        )
    part = [i for i in ids if i in fresh]
    print(f"fresh full: A {f1(a, part):.4f} B {f1(b, part):.4f}")
    rng = random.Random(0)
    diffs = []
    for _ in range(2000):
        draw = [rng.choice(ids) for _ in ids]
        diffs.append(f1(b, draw) - f1(a, draw))
    diffs.sort()
    print(
        f"{len(ids)} articles; full F1 B - A {f1(b, ids) - f1(a, ids):+.4f};"
        f" 90% interval [{diffs[100]:+.4f}, {diffs[1899]:+.4f}]"
    )


if __name__ == "__main__":
    main(sys.argv)
