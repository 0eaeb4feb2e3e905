"""``marsad eval dedup``: near-duplicate detection on SaudiNewsNet against exact-copy pseudo-gold.

SaudiNewsNet (``corpora/saudinewsnet/dataset/*.zip``, one JSON array of articles per day) has no
duplicate labels, but its outlets carry identical wire copies. The pseudo-gold is built from
those: an article whose folded word sequence (:func:`marsad.corpus.dedup.text_words`) equals that
of an earlier article is a duplicate of that group. Articles are added to a
:class:`~marsad.corpus.dedup.DedupIndex` one at a time in corpus order (days in order, articles in
file order), as they would arrive, and the links it returns are scored:

* recall: the share of pseudo-gold duplicates linked to an article of their exact-copy group;
* precision on the pseudo-gold: the share of links made for pseudo-gold duplicates that point
  into their group;
* strict precision: correct links over all links (links for articles with no exact earlier copy,
  the near-duplicates this is for, count as wrong here: a lower bound, to read with the hand-checked
  sample that ``--sample`` writes);
* throughput: articles indexed per second (normalization included), single process.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from marsad.errors import ConfigError

__all__ = [
    "DedupScores",
    "add_arguments",
    "read_saudinewsnet",
    "run",
    "score_dedup",
]

log = logging.getLogger(__name__)

DEFAULT_CORPUS = Path("../shared/data/corpora/saudinewsnet/dataset")


@dataclass(frozen=True, slots=True)
class Article:
    """One SaudiNewsNet article: ``doc_id`` is ``<day>:<position in the day's file>``."""

    doc_id: str
    source: str
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class DedupScores:
    """The outcome of one run (see the module docstring for the definitions)."""

    articles: int
    gold_duplicates: int
    links: int
    correct: int
    wrong_group: int
    near_only: int
    recall: float
    precision_gold: float
    precision_strict: float
    seconds: float
    articles_per_second: float
    last_quarter_per_second: float
    near_pairs: tuple[tuple[str, str], ...]
    missed: tuple[tuple[str, str], ...]


def read_saudinewsnet(folder: Path, days: int | None = None) -> Iterator[Article]:
    """The articles of SaudiNewsNet's daily zips, days in order (the first ``days`` if given).

    Raises:
        ConfigError: the folder has no zip files.
    """
    zips = sorted(folder.glob("*.zip"))
    if not zips:
        raise ConfigError(f"no SaudiNewsNet zip files in {folder}")
    for zpath in zips[:days] if days else zips:
        with zipfile.ZipFile(zpath) as z:
            for name in z.namelist():
                items = json.loads(z.read(name).decode("utf-8"))
                for i, item in enumerate(items):
                    yield Article(
                        f"{zpath.stem}:{i}",
                        str(item.get("source") or ""),
                        str(item.get("title") or ""),
                        str(item.get("content") or ""),
                    )


def score_dedup(
    articles: list[Article],
    *,
    threshold: float,
    num_perm: int,
    shingle: int,
    containment: float,
) -> DedupScores:
    """Index ``articles`` in order and score the links against exact-copy pseudo-gold."""
    from marsad.corpus.dedup import DedupIndex, text_words

    keys = {a.doc_id: " ".join(text_words(a.text)) for a in articles}
    index = DedupIndex(threshold, num_perm, shingle=shingle, containment=containment)
    links: dict[str, str | None] = {}
    quarter = max(1, len(articles) // 4)
    t0 = time.perf_counter()
    t_last = t0
    for i, a in enumerate(articles):
        if i == len(articles) - quarter:
            t_last = time.perf_counter()
        links[a.doc_id] = index.add(a.doc_id, a.text)
    t1 = time.perf_counter()
    seconds = t1 - t0

    first: dict[str, str] = {}
    gold = correct = wrong = near = n_links = 0
    near_pairs: list[tuple[str, str]] = []
    missed: list[tuple[str, str]] = []
    for a in articles:
        key = keys[a.doc_id]
        link = links[a.doc_id]
        n_links += link is not None
        is_gold = bool(key) and key in first
        if is_gold:
            gold += 1
            if link is not None and keys[link] == key:
                correct += 1
            else:
                missed.append((a.doc_id, first[key]))
                wrong += link is not None
        elif link is not None:
            near += 1
            near_pairs.append((a.doc_id, link))
        if key:
            first.setdefault(key, a.doc_id)
    return DedupScores(
        articles=len(articles),
        gold_duplicates=gold,
        links=n_links,
        correct=correct,
        wrong_group=wrong,
        near_only=near,
        recall=correct / gold if gold else 0.0,
        precision_gold=correct / (correct + wrong) if correct + wrong else 0.0,
        precision_strict=correct / n_links if n_links else 0.0,
        seconds=seconds,
        articles_per_second=len(articles) / seconds if seconds else 0.0,
        last_quarter_per_second=quarter / (t1 - t_last) if t1 > t_last else 0.0,
        near_pairs=tuple(near_pairs),
        missed=tuple(missed),
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``marsad eval dedup``."""
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help="folder of SaudiNewsNet daily zips (default: %(default)s)",
    )
    parser.add_argument("--days", type=int, default=None, help="only the first N days")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--num-perm", type=int, default=128)
    parser.add_argument("--shingle", type=int, default=3)
    parser.add_argument("--containment", type=float, default=0.9)
    parser.add_argument(
        "--sample",
        type=int,
        default=0,
        help="write N random near-only links and N misses for a hand check",
    )
    parser.add_argument("--sample-out", type=Path, default=Path("dedup_sample.jsonl"))
    parser.add_argument("--seed", type=int, default=13)


def _excerpt(text: str, n: int = 300) -> str:
    return " ".join(text.split())[:n]


def _overlap(a: str, b: str, shingle: int) -> tuple[float, float]:
    """Jaccard and containment (of the smaller set) of the shingle sets of two texts."""
    from marsad.corpus.dedup import shingle_hashes, text_words

    x = set(shingle_hashes(text_words(a), shingle).tolist())
    y = set(shingle_hashes(text_words(b), shingle).tolist())
    inter = len(x & y)
    if not inter:
        return 0.0, 0.0
    return inter / len(x | y), inter / min(len(x), len(y))


def run(args: argparse.Namespace) -> int:
    """Run the evaluation and print the figures; returns 0."""
    articles = list(read_saudinewsnet(args.corpus, args.days))
    s = score_dedup(
        articles,
        threshold=args.threshold,
        num_perm=args.num_perm,
        shingle=args.shingle,
        containment=args.containment,
    )
    print(f"articles                {s.articles}")
    print(f"pseudo-gold duplicates  {s.gold_duplicates}")
    print(f"links made              {s.links}")
    print(f"  to the exact group    {s.correct}")
    print(f"  elsewhere (gold docs) {s.wrong_group}")
    print(f"  near-only (no exact)  {s.near_only}")
    print(f"recall                  {s.recall:.4f}")
    print(f"precision (gold docs)   {s.precision_gold:.4f}")
    print(f"precision (strict)      {s.precision_strict:.4f}")
    print(
        f"throughput              {s.articles_per_second:.1f} articles/s "
        f"({s.seconds:.1f} s, single process, incremental add; "
        f"last quarter {s.last_quarter_per_second:.1f} articles/s)"
    )
    if args.sample:
        rng = random.Random(args.seed)
        by_id = {a.doc_id: a for a in articles}
        rows = []
        for kind, pairs in (("near", s.near_pairs), ("missed", s.missed)):
            for doc, other in rng.sample(list(pairs), min(args.sample, len(pairs))):
                a, b = by_id[doc], by_id[other]
                jac, cont = _overlap(a.text, b.text, args.shingle)
                rows.append(
                    {
                        "kind": kind,
                        "doc": doc,
                        "other": other,
                        "jaccard": round(jac, 3),
                        "containment": round(cont, 3),
                        "sources": [a.source, b.source],
                        "titles": [a.title, b.title],
                        "words": [len(a.text.split()), len(b.text.split())],
                        "texts": [_excerpt(a.text), _excerpt(b.text)],
                    }
                )
        with open(args.sample_out, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"wrote {len(rows)} sample pairs to {args.sample_out}")
    return 0
