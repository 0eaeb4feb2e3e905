"""An estimate of an undated article's year from what its text says about years.

The only cue used is a year the text names as the current one ("العام الجاري 2018", "خلال العام
الحالي 2018") or as the previous one ("العام الماضي 2017", "عام 2017 الماضي": the article is
from 2018). Weaker cues were measured and dropped: on ANT and SaudiNewsNet with the date hidden
(``marsad eval estimate``), the latest year an article mentions is its own year in about one case
in four, and the latest year used for a day-month date ("27 نوفمبر") is right in fewer than one
in five. Cue words are in ``resources/time/pubdate.json`` (``estimate``).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from marsad.extract.timex.tokens import tokenize
from marsad.model import TimeExpression
from marsad.resources import load_json
from marsad.text.normalize import match_key

__all__ = ["DateEstimate", "estimate_date"]

logger = logging.getLogger(__name__)

_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True, slots=True)
class DateEstimate:
    """The estimated year of an article, an estimated day when one is known, and the span of
    the expression it was read from."""

    year: int
    day: dt.date | None
    start: int
    end: int


def _words(text: str) -> list[str]:
    return [t.text for t in tokenize(match_key(text)) if t.kind == "word"]


def estimate_date(text: str, times: Sequence[TimeExpression] | None = None) -> DateEstimate | None:
    """The year of an undated article, from a year its text calls current or past.

    Args:
        text: the article text.
        times: its time expressions when already found (unanchored); found here otherwise.

    Returns:
        The estimate, or ``None`` when the text names no year as current or previous (most
        articles): a weaker guess is wrong more often than right.

    Example:
        >>> estimate_date("ارتفعت المبيعات مقارنة بالعام الماضي 2017").year
        2018
    """
    if times is None:
        from marsad.extract.times import find_times_unanchored

        times = find_times_unanchored(text)
    cfg = load_json("time", "pubdate.json")["estimate"]
    year_words = frozenset(match_key(w) for w in cfg["year_words"])
    previous = frozenset(match_key(w) for w in cfg["previous"])
    current = frozenset(match_key(w) for w in cfg["current"])
    nb, na = int(cfg["window_before"]), int(cfg["window_after"])
    votes: Counter[int] = Counter()
    first: dict[int, TimeExpression] = {}
    for t in times:
        if t.kind != "date" or not _YEAR.fullmatch(t.value):
            continue
        before = _words(text[max(0, t.start - 40) : t.start])[-nb:]
        after = _words(text[t.end : t.end + 30])[:na]
        inside = _words(t.text)
        near = before + inside + after
        if not any(w in year_words for w in near):
            continue
        mods = {w for w in inside if w in previous or w in current}
        if not mods:  # "عام 2017 الماضي": the cue is outside the expression
            mods = {w for w in before + after if w in previous or w in current}
        if not mods or (mods & previous and mods & current):
            continue
        year = int(t.value) + (1 if mods & previous else 0)
        votes[year] += 1
        first.setdefault(year, t)
    if not votes:
        return None
    (year, n), *rest = votes.most_common()
    if rest and rest[0][1] == n:
        logger.debug("year estimate: tie between %s", votes)
        return None
    t = first[year]
    return DateEstimate(year, None, t.start, t.end)
