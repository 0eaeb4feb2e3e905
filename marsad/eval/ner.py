"""``marsad eval ner --data FILE``: entity-level exact-match scores of the NER tagger.

Reads a CoNLL file (ANERcorp's ``test.txt`` by default), tags each sentence, maps marsad's types
back to the corpus's (PERSON -> PERS, GPE -> LOC) and prints precision, recall and F1 per type,
the micro average over PERS/LOC/ORG (the headline) and the micro average with MISC.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

__all__ = ["add_arguments", "run"]

_DEFAULT_DATA = Path(os.environ.get("MARSAD_SHARED", "../shared")) / "data/ner/anercorp/test.txt"
HEADLINE = ("PERS", "LOC", "ORG")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``marsad eval ner``."""
    parser.add_argument("--data", type=Path, default=_DEFAULT_DATA, help="CoNLL file to score")
    parser.add_argument("--model", type=Path, default=None, help="model directory (shipped)")
    parser.add_argument(
        "--types", default=",".join(HEADLINE), help="types of the headline micro average"
    )
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")


def run(args: argparse.Namespace) -> int:
    """Score the tagger on ``args.data``; returns 0, or 2 when the file cannot be read."""
    from marsad.errors import ConfigError
    from marsad.eval.conll import read_conll, score_entities
    from marsad.extract.ner import NerTagger, to_corpus_tags

    try:
        sentences = read_conll(args.data)
        tagger = NerTagger.load(args.model)
    except (ConfigError, OSError) as err:
        print(f"marsad eval ner: {err}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    predicted = [to_corpus_tags(t) for t in tagger.tag_many([s.tokens for s in sentences])]
    seconds = time.perf_counter() - started
    # WikiANN spells the person type PER; ANERcorp (and the model's corpus tags) PERS
    gold = [[t[:2] + "PERS" if t[2:] == "PER" else t for t in s.tags] for s in sentences]
    types = tuple(t.strip() for t in args.types.split(",") if t.strip())
    headline = score_entities(gold, predicted, types=types)
    every = score_entities(gold, predicted)
    n_tokens = sum(len(s.tokens) for s in sentences)
    if args.json:
        out = {
            "data": str(args.data),
            "tokens": n_tokens,
            "tokens_per_second": round(n_tokens / seconds, 1),
            "per_type": {
                s.type: {"p": round(s.precision, 4), "r": round(s.recall, 4), "f1": round(s.f1, 4)}
                for s in every.per_type
            },
            "micro_f1": round(headline.micro.f1, 4),
            "micro_f1_all_types": round(every.micro.f1, 4),
        }
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    print(
        f"{args.data}: {len(sentences)} sentences, {n_tokens} tokens, "
        f"{n_tokens / seconds:.0f} tok/s"
    )
    print(f"{'type':<8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}{'pred':>7}")
    for s in (*every.per_type, headline.micro):
        name = s.type if s.type != "micro" else "micro(" + "/".join(types) + ")"
        print(f"{name:<8}{s.precision:8.4f}{s.recall:8.4f}{s.f1:8.4f}{s.gold:7d}{s.predicted:7d}")
    print(f"micro(all types) F1 {every.micro.f1:.4f}")
    return 0
