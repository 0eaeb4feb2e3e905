"""The publication date of an article, read from its text when metadata lacks it.

Every full date in the text (day, month and year stated) is a candidate; each is scored by general
cues and the best one above a threshold wins:

* "اليوم" right before it ("أعلنه الكرملين اليوم الثلاثاء 11 نوفمبر 2025"): the article says
  the event is today;
* a weekday stated with it that agrees with the date (and a penalty when it disagrees);
* its place: a dateline at the top of the text, a line of its own, a publication label before it
  ("نشر في", "بتاريخ", "آخر تحديث");
* a historical cue before it ("منذ", "عام") lowers it.

The weights are in ``resources/time/pubdate.json``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from marsad.extract.times import find_times_unanchored
from marsad.extract.timex.lexicon import time_lexicon
from marsad.extract.timex.tokens import PhraseTable, view_of
from marsad.resources import load_json

__all__ = ["PubDateCandidate", "find_publication_date", "publication_date_candidates"]

logger = logging.getLogger(__name__)

_FULL_DAY = re.compile(r"\d{4}-\d\d-\d\d")


@dataclass(frozen=True, slots=True)
class PubDateCandidate:
    """A full date in the text, its span and its score."""

    date: dt.date
    start: int
    end: int
    score: float


def publication_date_candidates(text: str) -> list[PubDateCandidate]:
    """Every full date of ``text`` with its publication-date score, best first.

    Example:
        >>> publication_date_candidates("قال الكرملين اليوم الثلاثاء 11 نوفمبر 2025")[0].date
        datetime.date(2025, 11, 11)
    """
    cfg = load_json("time", "pubdate.json")
    weights: dict[str, float] = cfg["weights"]
    labels = PhraseTable((w, True) for w in cfg["labels"])
    historical = PhraseTable((w, True) for w in cfg["historical"])
    lex = time_lexicon()
    out: list[PubDateCandidate] = []
    for t in find_times_unanchored(text):
        if (
            t.kind != "date"
            or t.granularity != "day"
            or t.end_value
            or not _FULL_DAY.fullmatch(t.value)
        ):
            continue
        try:
            date = dt.date.fromisoformat(t.value)
        except ValueError:
            continue
        score = weights["base"]
        before = view_of(text[max(0, t.start - 60) : t.start])
        span = view_of(t.text)
        toks = before.toks
        last = [x.text for x in toks[-3:]]
        if (
            span.toks and lex.days.match(span.toks, 0) is not None and span.toks[0].text == "اليوم"
        ) or "اليوم" in last:
            score += weights["today"]
        w = lex.weekdays.match(span.toks, 0) or lex.weekdays.match(span.toks, 1)
        if w is not None:
            score += (
                weights["weekday_agrees"]
                if w[0] == date.weekday()
                else weights["weekday_disagrees"]
            )
        if t.start < cfg["top_chars"]:
            score += weights["top"]
        line_start = text.rfind("\n", 0, t.start) + 1
        line_end = text.find("\n", t.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if len(line.strip()) - len(t.text) <= cfg["own_line_slack"]:
            score += weights["own_line"]
        if any(labels.match(toks, k) is not None for k in range(max(0, len(toks) - 4), len(toks))):
            score += weights["label"]
        if any(
            historical.match(toks, k) is not None for k in range(max(0, len(toks) - 2), len(toks))
        ):
            score += weights["historical"]
        out.append(PubDateCandidate(date, t.start, t.end, score))
    if out:
        latest = max(c.date for c in out)
        out = [
            PubDateCandidate(
                c.date, c.start, c.end, c.score + (weights["latest"] if c.date == latest else 0.0)
            )
            for c in out
        ]
    out.sort(key=lambda c: (-c.score, c.start))
    return out


def find_publication_date(text: str) -> tuple[dt.date, int, int] | None:
    """The publication date the text states, with the span that states it, or ``None``.

    Args:
        text: the article text.

    Returns:
        ``(date, start, end)`` of the best-scored full date when its score reaches the
        threshold in ``resources/time/pubdate.json``; ``None`` otherwise.

    Example:
        >>> find_publication_date("موسكو - أعلن الكرملين اليوم الثلاثاء 11 نوفمبر 2025 ...")
        (datetime.date(2025, 11, 11), 22, 51)
    """
    cands = publication_date_candidates(text)
    if not cands:
        return None
    threshold = float(load_json("time", "pubdate.json")["threshold"])
    best = cands[0]
    logger.debug("publication date candidates: %s", cands[:3])
    if best.score < threshold:
        return None
    return best.date, best.start, best.end
