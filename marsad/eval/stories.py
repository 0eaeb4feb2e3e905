"""``marsad eval stories``: story clustering against the hand-labelled ANT set.

The gold week is split by day: the first three days are the dev part (the threshold is chosen
there, from a fixed grid), the last four the held-out part the figure is reported on. Clustering
runs on each part separately, in date order, as it would on a live stream. The articles go
through the stages the stories read (linked entities, times, events), as in ``marsad analyze``.

A second held-out figure withholds the publication date of every fourth article (by id hash),
with the years the pipeline resolved from it (dates become ``XXXX-MM-DD``): undated articles must
still find their story. ``--bench WEEKS`` times incremental assignment instead
(:mod:`marsad.eval.stories_bench`).
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import Any

__all__ = ["add_arguments", "evaluate", "run", "story_documents"]

#: thresholds tried on the dev days; the time window keeps the clusterer's default (a one-week
#: gold set cannot measure it)
GRID = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--archive", type=Path, help="ANT multisource archive (default: shared)")
    parser.add_argument("--no-entities", action="store_true", help="text similarity only")
    parser.add_argument(
        "--bench",
        type=int,
        metavar="WEEKS",
        help="instead: time incremental assignment over WEEKS replays of the week",
    )


def story_documents(archive: Path | None = None, *, entities: bool = True) -> list[Any]:
    """The gold articles run through the pipeline the stories need, with their gold stories.

    Returns:
        ``(features, gold story)`` pairs (:class:`marsad.corpus.stories.StoryDoc`, str).
    """
    from marsad.engine.stories import document_features
    from marsad.eval.stories_data import default_archive, load_story_articles
    from marsad.model import Document, Metadata, Provenance
    from marsad.pipeline import build_pipeline

    articles = load_story_articles(archive or default_archive())
    stages = ["clean", "pubdate", "segment", "link", "times", "events"]
    pipeline = build_pipeline(stages if entities else stages[:1])
    out: list[Any] = []
    for a in articles:
        doc = pipeline(
            Document(
                a.text,
                Provenance(a.gold.docno, "file", ""),
                Metadata(title=a.title, published=a.gold.date.isoformat()),
                id=a.gold.docno,
            )
        )
        feats = document_features(doc)
        if not entities:
            feats = replace(feats, entities=frozenset(), dates=frozenset(), events=())
        out.append((feats, a.gold.story))
    return out


def evaluate(
    archive: Path | None = None,
    *,
    entities: bool = True,
    settings: dict[str, float] | None = None,
    items: list[Any] | None = None,
) -> dict[str, Any]:
    """Scores of the story clusterer on the gold set: dev sweep and held-out figures.

    Args:
        archive: the ANT archive (default: the shared data).
        entities: use entities, named days and events (else text similarity only).
        settings: keyword settings of :class:`StoryClusterer` other than the threshold.
        items: precomputed :func:`story_documents` (to compare settings without re-running).

    Returns:
        Article counts, the dev sweep, the chosen threshold, the held-out scores, the
        all-singletons baseline and the held-out score with a quarter of the articles undated.
    """
    from marsad.corpus.stories import StoryClusterer
    from marsad.eval.clustering import score_clustering

    feats = items if items is not None else story_documents(archive, entities=entities)
    days = sorted({f.day for f, _ in feats if f.day})
    dev_days = set(days[:3])
    parts = {
        "dev": [(f, g) for f, g in feats if f.day in dev_days],
        "heldout": [(f, g) for f, g in feats if f.day not in dev_days],
    }
    extra = settings or {}

    def score(pairs: list[Any], threshold: float) -> Any:
        clusterer = StoryClusterer(threshold=threshold, **extra)  # type: ignore[arg-type]
        predicted = clusterer.add_all([f for f, _ in pairs])
        return score_clustering(predicted, {f.id: g for f, g in pairs})

    sweep = {t: score(parts["dev"], t).bcubed.f1 for t in GRID}
    best = max(GRID, key=lambda t: (sweep[t], -t))
    held = score(parts["heldout"], best)
    # every fourth article (by id) loses its date: undated articles must find their story
    undated = [
        (_undated(f) if int(_digest(f.id), 16) % 4 == 0 else f, g) for f, g in parts["heldout"]
    ]
    baseline = score_clustering(
        {f.id: f.id for f, _ in parts["heldout"]}, {f.id: g for f, g in parts["heldout"]}
    )
    return {
        "articles": {k: len(v) for k, v in parts.items()},
        "dev_sweep_bcubed_f1": sweep,
        "threshold": best,
        "heldout": held,
        "heldout_quarter_undated": score(undated, best),
        "heldout_singletons_bcubed_f1": baseline.bcubed.f1,
    }


def _undated(feats: Any) -> Any:
    """The features without the publication day, and without the years it resolved."""
    from marsad.corpus.stories import EventKey

    def year_less(value: str) -> str:
        return "XXXX" + value[4:]

    return replace(
        feats,
        day=None,
        dates=frozenset(map(year_less, feats.dates)),
        events=tuple(
            EventKey(e.type, e.entities, year_less(e.start) if e.start else None)
            for e in feats.events
        ),
    )


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()[:8]


def run(args: argparse.Namespace) -> int:
    if args.bench:
        from marsad.eval.stories_bench import benchmark_assign

        for b in benchmark_assign(args.archive, weeks=args.bench):
            print(f"stored {b.stored_before:5d}  batch {b.docs:3d}  {b.ms_per_doc:6.1f} ms/doc")
        return 0
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
    undated = result["heldout_quarter_undated"]
    print(f"held-out with a quarter of the articles undated: B-cubed F1 {undated.bcubed.f1:.3f}")
    print(
        f"held-out all-singletons baseline B-cubed F1 {result['heldout_singletons_bcubed_f1']:.3f}"
    )
    return 0
