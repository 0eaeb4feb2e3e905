"""``marsad eval summaries``: extractive summaries on EASC, against lead and TextRank baselines.

EASC (``summarization/easc``) pairs each article (``Articles/<name>.txt``) with five human
extractive summaries (``Summaries/<name>_<A..E>.txt``; names match case-insensitively). Every
method summarizes every article at the same length budget (by default the mean word count of the
article's five references; ``--ratio`` uses a share of the article instead), sentences from
:func:`marsad.text.segment.split_sentences`. Each summary is scored with ROUGE-1/2/L
(:mod:`marsad.eval.rouge`: ``match_key`` folding and Light10 light stemming, or none with
``--no-stem``) against the five references, averaged over references, then over articles.
"""

from __future__ import annotations

import argparse
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from marsad.errors import ConfigError

if TYPE_CHECKING:
    from marsad.corpus.summarize import SummaryWeights
from marsad.eval.rouge import paired_bootstrap

__all__ = ["EascArticle", "MethodScores", "add_arguments", "evaluate", "read_easc", "run"]

log = logging.getLogger(__name__)

DEFAULT_EASC = Path("../shared/data/summarization/easc")
METHODS = ("lead", "textrank", "marsad")


@dataclass(frozen=True, slots=True)
class EascArticle:
    """One EASC article and its reference summaries."""

    name: str
    text: str
    references: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MethodScores:
    """Mean ROUGE F1 (and recall) of one method over the articles, and its speed."""

    method: str
    rouge1_f: float
    rouge2_f: float
    rougeL_f: float  # the metric's usual name
    rouge1_r: float
    rouge2_r: float
    rougeL_r: float
    articles: int
    seconds: float
    per_article_rouge2_f: tuple[float, ...] = ()  # for paired significance tests


def read_easc(root: Path) -> list[EascArticle]:
    """The EASC articles under ``root`` with their references, sorted by name.

    Raises:
        ConfigError: ``root`` has no ``Articles`` folder, or an article has no summary.
    """
    art_dir, sum_dir = root / "Articles", root / "Summaries"
    if not art_dir.is_dir() or not sum_dir.is_dir():
        raise ConfigError(f"{root} is not an EASC folder (needs Articles/ and Summaries/)")
    refs: dict[str, list[Path]] = {}
    for p in sum_dir.iterdir():
        base, _, _letter = p.stem.rpartition("_")
        refs.setdefault(base.lower(), []).append(p)
    out = []
    for p in sorted(art_dir.iterdir(), key=lambda q: q.stem.lower()):
        key = p.stem.lower()
        if key not in refs:
            raise ConfigError(f"EASC article {p.name!r} has no reference summary in {sum_dir}")
        texts = tuple(r.read_text(encoding="utf-8-sig") for r in sorted(refs[key]))
        out.append(EascArticle(p.stem, p.read_text(encoding="utf-8-sig"), texts))
    return out


def evaluate(
    articles: list[EascArticle],
    methods: tuple[str, ...] = METHODS,
    *,
    ratio: float | None = None,
    stem: bool = True,
    weights: SummaryWeights | None = None,
) -> list[MethodScores]:
    """Summarize every article with every method at one budget and score with ROUGE.

    ``weights`` (default: the shipped ones) are the ``marsad`` method's feature weights.
    """
    from marsad.corpus.summarize import DEFAULT_WEIGHTS, summarize_document
    from marsad.eval.rouge import average, rouge_multi, rouge_tokens
    from marsad.text.segment import split_sentences

    prepared = []
    for a in articles:
        sentences = split_sentences(a.text)
        refs = [rouge_tokens(r, stem=stem) for r in a.references]
        if ratio is None:
            budget = round(sum(len(r.split()) for r in a.references) / len(a.references))
        else:
            budget = round(ratio * len(a.text.split()))
        prepared.append((a, sentences, refs, max(1, budget)))
    results = []
    for method in methods:
        scores = []
        t0 = time.perf_counter()
        summaries = [
            summarize_document(
                a.text,
                sents,
                max_sentences=len(sents) or 1,
                max_words=budget,
                method=method,  # type: ignore[arg-type]
                weights=weights or DEFAULT_WEIGHTS,
            )
            for a, sents, _refs, budget in prepared
        ]
        seconds = time.perf_counter() - t0
        for (a, _s, refs, _b), summary in zip(prepared, summaries, strict=True):
            text = " ".join(a.text[s.start : s.end] for s in summary)
            scores.append(rouge_multi(rouge_tokens(text, stem=stem), refs))
        m = average(scores)
        results.append(
            MethodScores(
                method,
                m.rouge1.f1,
                m.rouge2.f1,
                m.rougeL.f1,
                m.rouge1.recall,
                m.rouge2.recall,
                m.rougeL.recall,
                len(articles),
                seconds,
                tuple(sc.rouge2.f1 for sc in scores),
            )
        )
    return results


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``marsad eval summaries``."""
    parser.add_argument(
        "--easc", type=Path, default=DEFAULT_EASC, help="EASC folder (default: %(default)s)"
    )
    parser.add_argument(
        "--ratio",
        type=float,
        default=None,
        help="budget as a share of the article's words (default: mean reference length)",
    )
    parser.add_argument("--no-stem", action="store_true", help="ROUGE on folded words only")
    parser.add_argument("--methods", default=",".join(METHODS), help="comma-separated methods")


def run(args: argparse.Namespace) -> int:
    """Print the ROUGE table of every method; returns 0."""
    methods = tuple(m.strip() for m in args.methods.split(",") if m.strip())
    unknown = [m for m in methods if m not in METHODS]
    if unknown:
        raise ConfigError(f"unknown summary methods {unknown}: choose from {list(METHODS)}")
    articles = read_easc(args.easc)
    results = evaluate(articles, methods, ratio=args.ratio, stem=not args.no_stem)
    budget = f"{args.ratio:.0%} of the article" if args.ratio else "mean reference length"
    tok = "match_key" if args.no_stem else "match_key + Light10"
    print(f"EASC {args.easc}: {len(articles)} articles x 5 references; budget {budget}; {tok}")
    print(
        f"{'method':<10} {'R1-F':>7} {'R2-F':>7} {'RL-F':>7} {'R1-R':>7} {'R2-R':>7} "
        f"{'RL-R':>7} {'docs/s':>8}"
    )
    for r in results:
        speed = r.articles / r.seconds if r.seconds else 0.0
        print(
            f"{r.method:<10} {r.rouge1_f:7.4f} {r.rouge2_f:7.4f} {r.rougeL_f:7.4f} "
            f"{r.rouge1_r:7.4f} {r.rouge2_r:7.4f} {r.rougeL_r:7.4f} {speed:8.1f}"
        )
    by_method = {r.method: r for r in results}
    if "marsad" in by_method:
        for base in ("lead", "textrank"):
            if base in by_method:
                test = paired_bootstrap(
                    by_method["marsad"].per_article_rouge2_f, by_method[base].per_article_rouge2_f
                )
                print(
                    f"marsad - {base} ROUGE-2 F: {test.difference:+.4f}"
                    f" (95% CI {test.low:+.4f} .. {test.high:+.4f}; paired bootstrap,"
                    f" {test.samples} samples, one-sided p {test.p_value:.3f})"
                )
    return 0
