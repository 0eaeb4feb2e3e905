"""The benchmark harness on a tiny SaudiNewsNet-shaped corpus (figures are not checked: speed
is measured by ``marsad bench``, never by unit tests)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from marsad.bench import bench_front, bench_full
from marsad.config import DEFAULT_STAGES
from marsad.errors import ConfigError

ARTICLES = [
    {
        "source": "test",
        "url": "http://example.org/1",
        "date_extracted": "2015-07-21 02:51:32",
        "title": "عنوان",
        "content": "وصل الرئيس إلى موسكو يوم الثلاثاء 21 يوليو 2015 في زيارة تستمر يومين.",
    },
    {"source": "test", "url": "", "date_extracted": "", "title": "", "content": ""},
    {
        "source": "test",
        "url": "http://example.org/3",
        "date_extracted": "2015-07-21 03:00:00",
        "title": "خبر",
        "content": "بلغ حجم التبادل التجاري 28 مليار دولار في عام 2023.",
    },
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "dataset").mkdir()
    with zipfile.ZipFile(tmp_path / "dataset" / "2015-07-21.zip", "w") as z:
        z.writestr("2015-07-21.json", json.dumps(ARTICLES, ensure_ascii=False))
    return tmp_path


def test_bench_front_counts_articles_and_rejections(corpus: Path) -> None:
    result = bench_front(corpus, 10)
    assert (result.articles, result.rejected) == (2, 1)
    assert result.tokens > 10


def test_bench_full_times_every_default_stage(corpus: Path) -> None:
    result = bench_full(corpus, 10)
    assert [name for name, _ in result.stage_seconds] == list(DEFAULT_STAGES)
    assert (result.totals.articles, result.totals.rejected, result.internal_errors) == (2, 1, 0)
    assert all(sec >= 0 for _, sec in result.stage_seconds)


@pytest.mark.parametrize("bench", [bench_front, bench_full])
def test_bench_refuses_bad_inputs(bench: object, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="positive"):
        bench(tmp_path, 0)  # type: ignore[operator]
    with pytest.raises(ConfigError, match="no SaudiNewsNet zips"):
        bench(tmp_path, 5)  # type: ignore[operator]
