"""Arabic time expressions with exact offsets, resolved to TIMEX3-style values.

:func:`find_times` runs the rules of :mod:`marsad.extract.timex` over the folded view of a text
(diacritics, tatweel and digit scripts normalized, offsets mapped back), keeps the longest match
at each position, joins a date with the time of day that follows it and "من ... إلى ..." pairs
into ranges, and resolves each against the anchor (the publication date).

A date stated without its year ("12 نوفمبر") and a bare weekday are resolved from the tense
around them: future markers (س/سوف + verb, "من المقرر", "المرتقبة", "المقبل") pick the next
occurrence, past markers ("الماضي", past-tense reporting verbs) the last one, and with neither the
one nearest the anchor. With no anchor (:func:`find_times_unanchored`), what needs one is left
unresolved TIMEX-style: "XXXX-11-12", "XXXX-WXX-2", and ``""`` for relative days ("أمس").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re

from marsad.errors import ConfigError
from marsad.extract.timex.base import Ctx, Hit, Resolved
from marsad.extract.timex.calendar import season_span
from marsad.extract.timex.lexicon import time_lexicon
from marsad.extract.timex.starts import RULES, rules_at
from marsad.extract.timex.tokens import view_of
from marsad.model import TimeExpression

__all__ = ["find_times", "find_times_unanchored", "season_months", "with_year"]

logger = logging.getLogger(__name__)

_RULES = tuple(rule for rule, _ in RULES)  # tried in this order at each token
_RANGE_OPEN = ("من", "بين")
_BEFORE_NOUN = ("الي", "علي")  # folded إلى، على
_RANGE_SEP = ("الي", "حتي", "وحتي", "والي", "لغايه", "و", "-", "ل")
_JOIN_TIME = ("في", "عند", "،", ",", "على", "علي", "و")
_SENTENCE_END = frozenset(".!?؟\n")
_CUE_LEFT, _CUE_RIGHT = 10, 6


def find_times(text: str, anchor: dt.datetime | dt.date) -> list[TimeExpression]:
    """Time expressions of ``text``, resolved against ``anchor``.

    Args:
        text: the article text as is (diacritics, tatweel, any digit script).
        anchor: the reference date or datetime (usually the publication date). A datetime
            also anchors times of day ("الآن", "بعد ساعتين") and time zones.

    Returns:
        Expressions in text order; ``text[e.start:e.end] == e.text``.

    Raises:
        ConfigError: ``anchor`` is not a date.

    Example:
        >>> [(e.text, e.value) for e in find_times("وصل أمس", dt.date(2025, 11, 11))]
        [('أمس', '2025-11-10')]
    """
    if not isinstance(anchor, dt.date):
        raise ConfigError(f"anchor must be a date or datetime, got {anchor!r}")
    return _find(text, anchor)


def find_times_unanchored(text: str) -> list[TimeExpression]:
    """Like :func:`find_times` with no reference date: relative values stay unresolved."""
    return _find(text, None)


def season_months(value: str) -> tuple[str, str] | None:
    """The first and last months of a season value (``YYYY-SS``), None for any other value:
    an event "في الخريف المقبل" runs from September to November, and a winter ends in the
    next year.

    Example:
        >>> season_months("2015-FA")
        ('2015-09', '2015-11')
        >>> season_months("2014-WI")
        ('2014-12', '2015-02')
        >>> season_months("2015-09") is None
        True
    """
    year, _, season = value.partition("-")
    months = time_lexicon().season_months.get(season)
    if months is None or not year.isdigit():
        return None
    first, last = season_span(int(year), months)
    return first.isoformat()[:7], last.isoformat()[:7]


def with_year(times: list[TimeExpression], year: int) -> list[TimeExpression]:
    """Unanchored expressions with a weak anchor: the year of a day-month date ("27 نوفمبر",
    ``XXXX-11-27``) and of a month alone set to ``year``; everything that needs a full date
    ("أمس", a bare weekday) stays unresolved. ``anchor`` is the year alone ("2024"), which
    tells a weak anchor from a publication date.

    Example:
        >>> [t.value for t in with_year(find_times_unanchored("وصل يوم 27 نوفمبر"), 2024)]
        ['2024-11-27']
    """
    out: list[TimeExpression] = []
    for t in times:
        if t.kind == "date" and t.value.startswith("XXXX-") and t.value[5:7].isdigit():
            end = t.end_value
            if end is not None and end.startswith("XXXX-"):
                end = f"{year:04d}{end[4:]}"
            t = dataclasses.replace(
                t, value=f"{year:04d}{t.value[4:]}", end_value=end, anchor=f"{year:04d}"
            )
        out.append(t)
    return out


def _find(text: str, anchor: dt.datetime | dt.date | None) -> list[TimeExpression]:
    view = view_of(text)
    c = Ctx(view.toks, view.text)
    hits = _join(c, _scan(c))
    if isinstance(anchor, dt.datetime):
        day: dt.date | None = anchor.date()
        now: dt.datetime | None = anchor
    else:
        day, now = anchor, None
    out: list[TimeExpression] = []
    anchor_s = anchor.isoformat() if anchor is not None else None
    for h, extra in hits:
        direction = _tense(c, h.start, h.end)
        try:
            r = h.resolve(day, now, direction)
        except (ValueError, OverflowError) as exc:  # an impossible date ("31 فبراير")
            logger.debug(
                "cannot resolve %r: %s",
                view.text[c.toks[h.start].start : c.toks[h.end - 1].end],
                exc,
            )
            continue
        end_value = r.end
        if extra is not None:
            r2 = extra.resolve(day, now, direction)
            if extra.kind == "time" and h.kind == "date":
                r = Resolved(_with_time(r.value, r2.value))
                end_value = None
            else:
                end_value = _after_start(r.value, r2.end or r2.value)
                if h.kind == "time":
                    r = Resolved(_align_pm(r.value, end_value))
        start = c.toks[h.start].start + _conj_prefix(c, h.start)
        last = max(h.end, extra.end) if extra is not None else h.end
        s, e = view.source_span(start, c.toks[last - 1].end)
        kind = extra.kind if extra is not None and extra.kind == "time" else h.kind
        gran = extra.gran if extra is not None and extra.kind == "time" else h.gran
        if kind == "anaphor":
            r = Resolved(_antecedent(out, gran))
            kind, end_value = "date", None
        out.append(TimeExpression(s, e, text[s:e], r.value, gran, kind, anchor_s, end_value, h.mod))
    return out


def _scan(c: Ctx) -> list[Hit]:
    hits: list[Hit] = []
    i, n = 0, len(c.toks)
    while i < n:
        best: Hit | None = None
        for rule in rules_at(c.toks[i]):  # most tokens start no rule
            h = rule(c, i)
            if h is not None and h.end > i and (best is None or h.end > best.end):
                best = h
        if best is None:
            i += 1
            continue
        hits.append(best)
        i = best.end
    return hits


def _join(c: Ctx, hits: list[Hit]) -> list[tuple[Hit, Hit | None]]:
    """Pairs a date with the time after it, and "من X إلى Y" / "X - Y" into ranges."""
    out: list[tuple[Hit, Hit | None]] = []
    k = 0
    while k < len(hits):
        h = hits[k]
        nxt = hits[k + 1] if k + 1 < len(hits) else None
        if nxt is not None:
            gap = [c.word(t) for t in range(h.end, nxt.start)]
            if (
                h.kind == "date"
                and h.gran == "day"
                and nxt.kind == "time"
                and len(gap) <= 1
                and all(g in _JOIN_TIME for g in gap)
            ):
                out.append((h, nxt))
                k += 2
                continue
            if (
                h.kind == "time"
                and h.gran == "part"
                and nxt.kind == "date"
                and nxt.gran == "day"
                and not gap
            ):
                # "صباح الثلاثاء", "مساء أمس"
                out.append((Hit(h.start, nxt.end, nxt.kind, nxt.gran, nxt.resolve), h))
                k += 2
                continue
            if (
                h.kind == nxt.kind == "date"
                and h.gran == nxt.gran == "day"
                and not gap
                and h.start > 0
                and c.word(h.start - 1) == "يومي"
                and c.word(nxt.start).startswith("و")
            ):
                # "يومي الجمعة والسبت": two days, the second after the first
                out.append((Hit(h.start - 1, nxt.end, h.kind, h.gran, h.resolve, 0), nxt))
                k += 2
                continue
            opened = h.start > 0 and c.word(h.start - 1) in _RANGE_OPEN
            if (
                len(gap) == 1
                and gap[0] in _RANGE_SEP
                and h.kind == nxt.kind
                and h.kind != "duration"
                and (opened or gap[0] in ("-", "الي", "حتي"))
            ):
                start = h.start - 1 if opened else h.start
                out.append((Hit(start, nxt.end, h.kind, h.gran, h.resolve, 0), nxt))
                k += 2
                continue
        out.append((h, None))
        k += 1
    return out


_GRAN_WIDTH = {"year": 4, "month": 7, "day": 10}
_STATED = re.compile(r"(\d{4}|XXXX)(-\d\d(-\d\d)?)?")


def _antecedent(found: list[TimeExpression], gran: str) -> str:
    """The value "ذلك الشهر" refers to: the last date before it stated at least to ``gran``
    ("في أكتوبر ... وفي وقت لاحق من ذلك الشهر" is that October); ``""`` when none."""
    width = _GRAN_WIDTH[gran]
    for t in reversed(found):
        v = t.end_value or t.value
        if t.kind != "date" or len(v) < width or not _STATED.fullmatch(v[:width]):
            continue
        if v[:4] != "XXXX" or width > 4:
            return v[:width]
    return ""


def _after_start(start: str, end: str) -> str:
    """The end of a range of days resolved on its own, moved to the week after its start when
    it came out before it ("من الأحد إلى الاثنين" read near a Thursday: Monday is the next
    one, not the one three days back).

    >>> _after_start("2018-07-08", "2018-07-02")
    '2018-07-09'
    >>> _after_start("2018-07-06", "2018-07-07")
    '2018-07-07'
    """
    if len(start) != 10 or len(end) != 10 or end >= start:
        return end
    try:
        a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        return end
    return (b + dt.timedelta(days=7)).isoformat() if (a - b).days < 7 else end


def _align_pm(start: str, end: str) -> str:
    """ "من الساعة 3 إلى الساعة 4 بعد العصر": the first hour takes the second's afternoon."""
    try:
        sh, eh = int(start[start.index("T") + 1 :][:2]), int(end[end.index("T") + 1 :][:2])
    except ValueError:
        return start
    if sh < 12 <= eh and sh + 12 <= eh:
        i = start.index("T") + 1
        return f"{start[:i]}{sh + 12:02d}{start[i + 2 :]}"
    return start


def _with_time(date_value: str, time_value: str) -> str:
    t = time_value[time_value.index("T") :] if "T" in time_value else ""
    return date_value + t


def _conj_prefix(c: Ctx, i: int) -> int:
    """1 when token ``i`` carries a conjunction و/ف that is not part of the expression."""
    w = c.word(i)
    if len(w) < 3 or w[0] not in "وف":
        return 0
    lex = c.lex
    for table in (
        lex.days,
        lex.weekdays,
        lex.months,
        lex.units,
        lex.this,
        lex.now,
        lex.holidays,
        lex.seasons,
        lex.early,
        lex.mid,
        lex.late,
        lex.approx,
        lex.within,
        lex.clock,
        lex.hijri_months,
        lex.earlier_in,
        lex.tonight,
    ):
        if table.match(c.toks, i, clitics=False) is not None:
            return 0
    from marsad.extract.numbers import _lexicon

    if w in _lexicon().words or w in ("وقت",):
        return 0
    return 1


def _tense(c: Ctx, start: int, end: int) -> int:
    """+1 future, -1 past, 0 unknown, from cue words around tokens ``[start, end)``."""
    lex = c.lex
    future = past = 0
    lo = start
    while lo > 0 and start - lo < _CUE_LEFT:
        t = c.toks[lo - 1]
        if t.text in _SENTENCE_END or "\n" in c.text[t.end : c.toks[lo].start]:
            break
        lo -= 1
    hi = end
    while hi < len(c.toks) and hi - end < _CUE_RIGHT:
        t = c.toks[hi]
        if t.text in _SENTENCE_END or "\n" in c.text[c.toks[hi - 1].end : t.start]:
            break
        hi += 1
    for i in [*range(lo, start), *range(end, hi)]:
        w = c.toks[i].text
        if lex.future_cues.match(c.toks, i) is not None:
            future += 1
        elif lex.past_cues.match(c.toks, i) is not None and c.word(i - 1) not in _BEFORE_NOUN:
            past += 1  # not "إلى عقد قمة": after a preposition عقد is the verbal noun
        elif _future_verb(w, lex.future_prefix_exceptions):
            future += 1
    if future > past:
        return 1
    if past > future:
        return -1
    return 0


def _future_verb(w: str, exceptions: frozenset[str]) -> bool:
    """س + an imperfect verb ("سيجري", "ستتناول", "وسنعود"); the first person's أ is folded to
    ا, so "سا" needs a stem of three letters after it ("ساعود", not "سامح" or "ساعة")."""
    if len(w) > 4 and w[0] in "وف":
        w = w[1:]
    if len(w) < 4 or w[0] != "س" or w[1] not in "يتنا" or w in exceptions:
        return False
    return w[1] != "ا" or len(w) >= 5
