"""``marsad eval stories``: story clustering against the hand-labelled ANT set.

The gold week is split by day: the first three days are the dev part (the threshold is chosen
there, from a fixed grid), the last four the held-out part the figure is reported on. Clustering
runs on each part separately, in date order, as it would on a live stream.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

__all__ = ["add_arguments", "evaluate", "run"]

#: thresholds tried on the dev days; the time window keeps the clusterer's default (a one-week
#: gold set cannot measure it)
GRID = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--archive", type=Path, help="ANT multisource archive (default: shared)")
    parser.add_argument("--no-entities", action="store_true", help="text similarity only")


def evaluate(archive: Path | None = None, *, entities: bool = True) -> dict[str, Any]:
    """Scores of the story clusterer on the gold set: dev sweep and held-out figures."""
    from marsad.corpus.stories import StoryClusterer, StoryDoc, story_features
    from marsad.eval.clustering import score_clustering
    from marsad.eval.stories_data import default_archive, gold_clustering, load_story_articles
    from marsad.model import Document, Provenance
    from marsad.pipeline import build_pipeline
    from marsad.resolve.gazetteer import find_kb_mentions
    from marsad.resolve.kb import KnowledgeBase

    articles = load_story_articles(archive or default_archive())
    kb = KnowledgeBase.load() if entities else None
    pipeline = build_pipeline(["clean", "segment"])
    feats: list[tuple[StoryDoc, str]] = []
    for a in articles:
        ents: set[str] = set()
        if kb is not None:
            doc = pipeline(Document(a.title + "\n" + a.text, Provenance(a.gold.docno, "file", "")))
            ents = {m.entity for m in find_kb_mentions(doc, kb) if m.entity}
        feats.append(
            (story_features(a.gold.docno, a.title, a.text, a.gold.date, ents), a.gold.story)
        )
    days = sorted({f.day for f, _ in feats if f.day})
    dev_days = set(days[:3])
    parts = {
        "dev": [(f, g) for f, g in feats if f.day in dev_days],
        "heldout": [(f, g) for f, g in feats if f.day not in dev_days],
    }

    def score(part: str, threshold: float) -> Any:
        items = parts[part]
        predicted = StoryClusterer(threshold=threshold).add_all([f for f, _ in items])
        return score_clustering(predicted, {f.id: g for f, g in items})

    sweep = {t: score("dev", t).bcubed.f1 for t in GRID}
    best = max(GRID, key=lambda t: (sweep[t], -t))
    held = score("heldout", best)
    baseline = score_clustering(
        {f.id: f.id for f, _ in parts["heldout"]},
        gold_clustering(
            a.gold for a in articles if a.gold.docno in {f.id for f, _ in parts["heldout"]}
        ),
    )
    return {
        "articles": {k: len(v) for k, v in parts.items()},
        "dev_sweep_bcubed_f1": sweep,
        "threshold": best,
        "heldout": held,
        "heldout_singletons_bcubed_f1": baseline.bcubed.f1,
    }


def run(args: argparse.Namespace) -> int:
    result = evaluate(args.archive, entities=not args.no_entities)
    print(f"articles: dev {result['articles']['dev']}, held-out {result['articles']['heldout']}")
    print(
        "dev sweep (B-cubed F1): "
        + ", ".join(f"{t}: {f:.3f}" for t, f in result["dev_sweep_bcubed_f1"].items())
    )
    held = result["heldout"]
    print(f"threshold chosen on dev: {result['threshold']}")
    print(
        f"held-out B-cubed P {held.bcubed.precision:.3f} R {held.bcubed.recall:.3f}"
        f" F1 {held.bcubed.f1:.3f}; pairwise F1 {held.pairwise.f1:.3f}; ARI {held.ari:.3f}"
    )
    print(
        f"held-out all-singletons baseline B-cubed F1 {result['heldout_singletons_bcubed_f1']:.3f}"
    )
    return 0
