"""``marsad bench``: speed and memory, measured on the shared corpora (never in unit tests)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["register"]

DEFAULT_CORPUS = Path("../shared/data/corpora/saudinewsnet")


def register(sub: Any) -> None:
    p = sub.add_parser("bench", help="measure articles/s, tokens/s and peak memory")
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="SaudiNewsNet folder")
    p.add_argument("-n", "--articles", type=int, default=5000)
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--ner", action="store_true", help="also time the NER tagger (tokens/s)")
    p.add_argument(
        "--full",
        action="store_true",
        help="time the whole default pipeline and the store, stage by stage (use a smaller -n)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from marsad.bench import bench_front, bench_full
    from marsad.errors import MarsadError

    stages: dict[str, float] = {}
    try:
        if args.full:
            full = bench_full(args.corpus, args.articles)
            result = full.totals
            stages = {f"s_{name}": round(sec, 2) for name, sec in full.stage_seconds}
            stages["s_store"] = round(full.store_seconds, 2)
            stages["internal_errors"] = full.internal_errors
        else:
            result = bench_front(args.corpus, args.articles)
    except MarsadError as exc:
        print(f"marsad bench: {exc}", file=sys.stderr)
        return 2
    figures: dict[str, Any] = {
        "stage": "full pipeline + store" if args.full else "ingest+clean+normalize+segment",
        "articles": result.articles,
        "rejected": result.rejected,
        "tokens": result.tokens,
        "seconds": round(result.seconds, 2),
        "articles_per_s": round(result.articles_per_s, 1),
        "tokens_per_s": round(result.tokens_per_s),
        "peak_rss_mb": round(result.peak_rss_mb, 1),
        **stages,
    }
    if args.ner:
        from marsad.extract.ner import benchmark

        ner = benchmark(100_000)
        figures.update({f"ner_{k}": round(v, 1) for k, v in ner.items()})
    if args.json:
        print(json.dumps(figures))
    else:
        for k, v in figures.items():
            print(f"{k:>16}: {v}")
    return 0
