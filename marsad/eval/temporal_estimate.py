"""How well the date of an undated article is estimated from its content.

Dated articles are taken from the ANT corpus (the date in each file name) and SaudiNewsNet (the
date each article was crawled, within a day of publication); their date is hidden and
:func:`marsad.extract.timex.estimate.estimate_date` reads one from the text alone. The sample is
deterministic: members are picked by a hash of their name, so the same articles are read on
every run.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from marsad.errors import ConfigError

__all__ = [
    "DatedArticle",
    "EstimateScore",
    "PubDateScore",
    "dated_articles",
    "score_estimates",
    "score_pubdates",
]

logger = logging.getLogger(__name__)

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_ANT_DATE = re.compile(r"-(\d{8})\.txt$")
_ANT = ("ant/antcorpus_multisource_v2.1.tar.xz", "ant/antcorpus_v1.1_jawharafm.tar.gz")


@dataclass(frozen=True, slots=True)
class DatedArticle:
    """An article whose date is known: its id, text and date."""

    id: str
    text: str
    date: dt.date


@dataclass(frozen=True, slots=True)
class EstimateScore:
    """Shares over ``n`` articles: right year, within 31 days, and left undated."""

    n: int
    right_year: int
    within_31_days: int
    undated: int
    wrong_year: int

    @property
    def year_accuracy(self) -> float:
        """Right year over the articles that got an estimate."""
        dated = self.n - self.undated
        return self.right_year / dated if dated else 0.0

    @property
    def days_accuracy(self) -> float:
        """Within 31 days over the articles that got an estimate with a day."""
        dated = self.n - self.undated
        return self.within_31_days / dated if dated else 0.0

    @property
    def undated_share(self) -> float:
        return self.undated / self.n if self.n else 0.0


@dataclass(frozen=True, slots=True)
class PubDateScore:
    """Publication dates read from the text: how many found, exact, within a day."""

    n: int
    found: int
    exact: int
    within_day: int

    @property
    def precision(self) -> float:
        """Within a day over found (SaudiNewsNet dates are crawl dates, a day late at most)."""
        return self.within_day / self.found if self.found else 0.0


def _picked(name: str, one_in: int) -> bool:
    return zlib.crc32(name.encode("utf-8")) % one_in == 0


def _ant(archive: Path, one_in: int) -> Iterator[DatedArticle]:
    with tarfile.open(archive) as tar:
        for info in tar:
            m = _ANT_DATE.search(info.name)
            if m is None or not info.isfile() or not _picked(info.name, one_in):
                continue
            handle = tar.extractfile(info)
            if handle is None:
                continue
            body = _TEXT.search(handle.read().decode("utf-8", "replace"))
            if body is None or not body.group(1).strip():
                continue
            try:
                date = dt.datetime.strptime(m.group(1), "%Y%m%d").date()
            except ValueError:
                continue
            yield DatedArticle(f"ant:{Path(info.name).stem}", body.group(1).strip(), date)


def _snn(folder: Path, one_in: int) -> Iterator[DatedArticle]:
    for archive in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(archive) as zf:
            for member in zf.namelist():
                rows = json.loads(zf.read(member).decode("utf-8"))
                for k, row in enumerate(rows):
                    key = f"snn:{archive.stem}:{k}"
                    text = str(row.get("content") or "").strip()
                    stamp = str(row.get("date_extracted") or "")[:10]
                    if not text or not _picked(key, one_in):
                        continue
                    try:
                        date = dt.date.fromisoformat(stamp)
                    except ValueError:
                        continue
                    yield DatedArticle(key, text, date)


def dated_articles(corpora: Path, one_in: int = 60) -> list[DatedArticle]:
    """A deterministic sample (about one article in ``one_in``) of ANT and SaudiNewsNet.

    Args:
        corpora: the ``corpora`` folder of the shared data.
        one_in: keep an article when a hash of its name is divisible by this.

    Returns:
        The sampled articles with their dates.

    Raises:
        ConfigError: a corpus archive is missing.

    Example:
        >>> arts = dated_articles(Path("/work/shared/data/corpora"))  # doctest: +SKIP
    """
    if one_in < 1:
        raise ConfigError(f"one_in must be at least 1, got {one_in}")
    out: list[DatedArticle] = []
    for rel in _ANT:
        path = corpora / rel
        if not path.is_file():
            raise ConfigError(f"{path}: ANT archive not found")
        out.extend(_ant(path, one_in))
    snn = corpora / "saudinewsnet" / "dataset"
    if not snn.is_dir():
        raise ConfigError(f"{snn}: SaudiNewsNet dataset folder not found")
    out.extend(_snn(snn, one_in))
    logger.info("%d dated articles sampled", len(out))
    return out


def score_estimates(articles: Iterable[DatedArticle]) -> EstimateScore:
    """Hide each article's date, estimate it from the text and compare.

    A year-only estimate counts as within 31 days only when it is all the estimate says and
    the right year does not make it so: ``within_31_days`` needs an estimated day.
    """
    from marsad.extract.timex.estimate import estimate_date

    n = right = near = undated = wrong = 0
    for art in articles:
        n += 1
        est = estimate_date(art.text)
        if est is None:
            undated += 1
            continue
        if est.year == art.date.year:
            right += 1
        else:
            wrong += 1
            logger.debug("%s: estimated %s, dated %s", art.id, est, art.date)
        if est.day is not None and abs((est.day - art.date).days) <= 31:
            near += 1
    return EstimateScore(n, right, near, undated, wrong)


def score_pubdates(articles: Iterable[DatedArticle]) -> PubDateScore:
    """Read each article's publication date from its text and compare with the known date."""
    from marsad.extract.pubdate import find_publication_date

    n = found = exact = near = 0
    for art in articles:
        n += 1
        got = find_publication_date(art.text)
        if got is None:
            continue
        found += 1
        exact += int(got[0] == art.date)
        near += int(abs((got[0] - art.date).days) <= 1)
    return PubDateScore(n, found, exact, near)
