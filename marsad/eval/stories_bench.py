"""Throughput of incremental story assignment as the store grows (``marsad eval stories --bench``).

The labelled ANT week is replayed as several consecutive weeks (each copy shifted by seven days
and marked so it is a new document), stored and assigned in batches, oldest first. For each batch
the time of :func:`marsad.engine.stories.assign_stories` alone is recorded: with the per-story
state in the store it depends on the batch and on the candidate stories, not on the corpus size,
so the time per document stays flat while the store grows.
"""

from __future__ import annotations

import logging
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from marsad.errors import ConfigError

__all__ = ["BatchTiming", "benchmark_assign"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BatchTiming:
    """One batch: how many documents the store held before it, its size and its time."""

    stored_before: int
    docs: int
    seconds: float

    @property
    def ms_per_doc(self) -> float:
        return 1000.0 * self.seconds / self.docs if self.docs else 0.0


def benchmark_assign(
    archive: Path | None = None, *, weeks: int = 4, batch: int = 50
) -> list[BatchTiming]:
    """Time :func:`assign_stories` per batch over ``weeks`` replays of the labelled week.

    Args:
        archive: the ANT archive (default: the shared data).
        weeks: how many shifted copies of the week to store (1..52).
        batch: documents per batch (>= 1).

    Returns:
        One timing per batch, in order.

    Raises:
        ConfigError: ``weeks`` or ``batch`` out of range.
    """
    from marsad.engine.stories import assign_stories
    from marsad.eval.stories_data import default_archive, load_story_articles
    from marsad.model import Document, Metadata, Provenance
    from marsad.pipeline import build_pipeline
    from marsad.store.sqlite import SqliteStore

    if not 1 <= weeks <= 52:
        raise ConfigError(f"weeks must be in [1, 52], got {weeks}")
    if batch < 1:
        raise ConfigError(f"batch must be >= 1, got {batch}")
    articles = sorted(
        load_story_articles(archive or default_archive()), key=lambda a: a.gold.published
    )
    pipeline = build_pipeline(["clean", "pubdate", "segment", "link"])
    base = [
        pipeline(Document(a.text, Provenance(a.gold.docno, "file", ""), Metadata(title=a.title)))
        for a in articles
    ]
    timings: list[BatchTiming] = []
    with tempfile.TemporaryDirectory() as tmp, SqliteStore.open(Path(tmp) / "b.db") as store:
        stream: list[Document] = []
        for week in range(weeks):
            for a, doc in zip(articles, base, strict=True):
                day = (a.gold.date + timedelta(7 * week)).isoformat()
                stream.append(
                    doc.with_(
                        id=f"{a.gold.docno}-w{week}",
                        metadata=Metadata(title=doc.metadata.title, published=day),
                    )
                )
        for i in range(0, len(stream), batch):
            docs = stream[i : i + batch]
            before = store.count()
            for doc in docs:
                store.put(doc)
            started = time.perf_counter()
            assign_stories(docs, store)
            timings.append(BatchTiming(before, len(docs), time.perf_counter() - started))
            logger.info("batch at %d stored: %.1f ms/doc", before, timings[-1].ms_per_doc)
    return timings
