"""``marsad bench``: throughput and peak memory of the pipeline on real news.

The corpus is SaudiNewsNet (``../shared/data/corpora/saudinewsnet``: daily zips of JSON arrays).
The first ``n`` articles are written once to a JSON Lines file in a temporary folder, then timed
in one process, either through the front half (:func:`bench_front`: ingestion, cleaning,
normalization and segmentation) or through the whole default pipeline and the SQLite store
(:func:`bench_full`, with the time spent in each stage).
"""

from __future__ import annotations

import json
import logging
import resource
import tempfile
import time
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from marsad.errors import ConfigError

logger = logging.getLogger(__name__)

__all__ = ["BenchResult", "FullBenchResult", "bench_front", "bench_full", "saudinewsnet_articles"]


@dataclass(frozen=True, slots=True)
class BenchResult:
    articles: int
    rejected: int
    tokens: int
    seconds: float
    peak_rss_mb: float

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    @property
    def tokens_per_s(self) -> float:
        return self.tokens / self.seconds


@dataclass(frozen=True, slots=True)
class FullBenchResult:
    """Figures of :func:`bench_full`: the totals and the seconds spent in each stage."""

    totals: BenchResult
    stage_seconds: tuple[tuple[str, float], ...]
    store_seconds: float
    internal_errors: int


def saudinewsnet_articles(root: Path) -> Iterator[dict[str, str]]:
    """The SaudiNewsNet articles under ``root`` (its ``dataset/*.zip``), in file order."""
    zips = sorted((root / "dataset").glob("*.zip"))
    if not zips:
        raise ConfigError(f"no SaudiNewsNet zips under {root / 'dataset'}")
    for path in zips:
        with zipfile.ZipFile(path) as z:
            for name in sorted(z.namelist()):
                yield from json.loads(z.read(name))


def _write_sample(corpus: Path, n: int, folder: Path) -> Path:
    """Write the first ``n`` SaudiNewsNet articles of ``corpus`` as JSON Lines in ``folder``."""
    path = folder / "saudinewsnet.jsonl"
    written = 0
    with path.open("w", encoding="utf-8") as fh:
        for art in saudinewsnet_articles(corpus):
            if written == n:
                break
            record = {
                "text": art.get("content", ""),
                "title": art.get("title"),
                "url": art.get("url"),
                "source": art.get("source"),
                "published": (art.get("date_extracted") or "")[:10] or None,
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    return path


def bench_front(corpus: Path, n: int = 5000) -> BenchResult:
    """Time ingest + clean + normalize + segment on the first ``n`` SaudiNewsNet articles."""
    from marsad.ingest import read_inputs
    from marsad.model import Document
    from marsad.text.clean import clean_document
    from marsad.text.normalize import normalize
    from marsad.text.stages import segment_document

    if n <= 0:
        raise ConfigError(f"number of articles must be positive, got {n}")
    with tempfile.TemporaryDirectory() as tmp:
        path = _write_sample(corpus, n, Path(tmp))
        articles = rejected = tokens = 0
        start = time.perf_counter()
        for item in read_inputs([str(path)]):
            if not isinstance(item, Document):
                rejected += 1
                continue
            doc = segment_document(clean_document(item))
            normalize(doc.text, fold=True)
            articles += 1
            tokens += len(doc.tokens)
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return BenchResult(articles, rejected, tokens, seconds, peak)


def bench_full(corpus: Path, n: int = 500) -> FullBenchResult:
    """Time the default pipeline and the SQLite store on the first ``n`` SaudiNewsNet articles.

    Each stage is timed on its own; storing (one transaction per document, with the search
    index and the near-duplicate index) is timed apart. Corpus-level steps (entity clustering,
    event merging, stories) are not included.

    Args:
        corpus: the SaudiNewsNet folder.
        n: how many articles to read.

    Returns:
        The totals and the seconds per stage, in pipeline order.

    Raises:
        ConfigError: ``n`` is not positive or the corpus has no zips.

    Example:
        >>> bench_full(Path("../shared/data/corpora/saudinewsnet"), 50)  # doctest: +SKIP
    """
    from marsad.config import DEFAULT_STAGES
    from marsad.errors import MarsadError
    from marsad.ingest import read_inputs
    from marsad.model import Document
    from marsad.pipeline import build_pipeline
    from marsad.store.sqlite import SqliteStore

    if n <= 0:
        raise ConfigError(f"number of articles must be positive, got {n}")
    pipeline = build_pipeline(DEFAULT_STAGES)
    spent: dict[str, float] = defaultdict(float)
    stored = 0.0
    articles = rejected = tokens = errors = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = _write_sample(corpus, n, Path(tmp))
        store = SqliteStore.open(Path(tmp) / "bench.db")
        try:
            start = time.perf_counter()
            for item in read_inputs([str(path)]):
                if not isinstance(item, Document):
                    rejected += 1
                    continue
                doc = item
                try:
                    for stage in pipeline.stages:
                        t0 = time.perf_counter()
                        doc = stage(doc)
                        spent[stage.name] += time.perf_counter() - t0
                except MarsadError:
                    rejected += 1
                    continue
                except Exception:  # a stage bug: counted and logged, as the engine does
                    logger.exception("internal error on %s", item.provenance.source)
                    errors += 1
                    continue
                t0 = time.perf_counter()
                store.put(doc)
                stored += time.perf_counter() - t0
                articles += 1
                tokens += len(doc.tokens)
            seconds = time.perf_counter() - start
        finally:
            store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    totals = BenchResult(articles, rejected, tokens, seconds, peak)
    per_stage = tuple((name, spent[name]) for name in pipeline.names)
    return FullBenchResult(totals, per_stage, stored, errors)
