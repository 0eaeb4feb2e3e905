"""``marsad bench``: throughput and peak memory of the pipeline's front half on real news.

The corpus is SaudiNewsNet (``../shared/data/corpora/saudinewsnet``: daily zips of JSON arrays).
The first ``n`` articles are written once to a JSON Lines file in a temporary folder, then timed
through the real ingestion (``marsad.ingest.read_inputs``), cleaning, normalization (the folded
view used for matching and search) and segmentation, in one process.
"""

from __future__ import annotations

import json
import resource
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from marsad.errors import ConfigError

__all__ = ["BenchResult", "bench_front", "saudinewsnet_articles"]


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


def saudinewsnet_articles(root: Path) -> Iterator[dict[str, str]]:
    """The SaudiNewsNet articles under ``root`` (its ``dataset/*.zip``), in file order."""
    zips = sorted((root / "dataset").glob("*.zip"))
    if not zips:
        raise ConfigError(f"no SaudiNewsNet zips under {root / 'dataset'}")
    for path in zips:
        with zipfile.ZipFile(path) as z:
            for name in sorted(z.namelist()):
                yield from json.loads(z.read(name))


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
        path = Path(tmp) / "saudinewsnet.jsonl"
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
                }
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += 1
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
