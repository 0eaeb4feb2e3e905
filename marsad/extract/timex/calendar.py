"""Calendar arithmetic for resolving time expressions, and TIMEX3-style value strings.

Values: ``2025-11-11`` (day), ``2025-11`` (month), ``2025`` (year), ``2025-W46`` (ISO week),
``2025-FA`` (season: SP, SU, FA, WI), ``202`` (decade), ``2025-11-11T15:30`` (time), ``P2D`` /
``PT3H`` (durations). Unresolved parts are ``X`` ("XXXX-11-12").
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging

__all__ = [
    "add_months",
    "easter",
    "fmt",
    "hijri_to_gregorian",
    "nearest",
    "nth_weekday",
    "pick_year",
    "season_span",
    "season_value",
    "shift",
    "weekday_date",
]

logger = logging.getLogger(__name__)

Date = dt.date


def add_months(d: Date, n: int) -> Date:
    """``d`` moved by ``n`` months, the day clamped to the month's length."""
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return Date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def shift(d: Date, unit: str, n: float) -> Date:
    """``d`` moved by ``n`` units (day, week, month, year, decade, century)."""
    k = int(n)
    if unit == "day":
        return d + dt.timedelta(days=k)
    if unit == "week":
        return d + dt.timedelta(weeks=k)
    if unit == "month":
        return add_months(d, k)
    if unit == "year":
        return add_months(d, 12 * k)
    if unit == "decade":
        return add_months(d, 120 * k)
    if unit == "century":
        return add_months(d, 1200 * k)
    return d


def fmt(d: Date, gran: str) -> str:
    """The value string of ``d`` at a granularity."""
    if gran == "year":
        return f"{d.year:04d}"
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "week":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if gran == "decade":
        return f"{d.year // 10:03d}"
    if gran == "century":
        return f"{d.year // 100:02d}"
    return d.isoformat()


def nearest(candidates: list[Date], anchor: Date, direction: int) -> Date | None:
    """The candidate a tense ``direction`` points to: -1 latest not after the anchor,
    +1 earliest not before it, 0 the closest (ties go to the later one)."""
    if not candidates:
        return None
    if direction < 0:
        past = [c for c in candidates if c <= anchor]
        return max(past) if past else min(candidates)
    if direction > 0:
        fut = [c for c in candidates if c >= anchor]
        return min(fut) if fut else max(candidates)
    return min(candidates, key=lambda c: (abs((c - anchor).days), -c.toordinal()))


def pick_year(
    month: int, day: int | None, anchor: Date, direction: int, weekday: int | None = None
) -> int:
    """The year of a date stated without one ("12 نوفمبر"), from the anchor and the tense.

    A weekday stated with the date ("الخميس 15 أغسطس") keeps only the years where it fits.
    """
    cands: list[Date] = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        if day is None:
            # a month: compare its last day (past) or first day (future) with the anchor
            last = Date(y, month, calendar.monthrange(y, month)[1])
            first = Date(y, month, 1)
            if first <= anchor <= last:
                return y
            cands.append(last if last < anchor else first)
            continue
        try:
            c = Date(y, month, day)
        except ValueError:
            continue
        if weekday is None or c.weekday() == weekday:
            cands.append(c)
    if not cands and weekday is not None:
        return pick_year(month, day, anchor, direction)
    if not cands:
        return anchor.year
    best = nearest(cands, anchor, direction)
    return best.year if best else anchor.year


def weekday_date(anchor: Date, weekday: int, mode: int) -> Date:
    """The date of a weekday: mode -2 strictly before the anchor ("الثلاثاء الماضي"), +2
    strictly after ("المقبل"), -1 on or before, +1 on or after, 0 the nearest."""
    delta = (weekday - anchor.weekday()) % 7
    after = anchor + dt.timedelta(days=delta)
    before = anchor - dt.timedelta(days=(7 - delta) % 7)
    if mode == 2:
        return after if delta else anchor + dt.timedelta(days=7)
    if mode == -2:
        return before if delta else anchor - dt.timedelta(days=7)
    if mode == 1:
        return after
    if mode == -1:
        return before
    return before if (anchor - before) < (after - anchor) else after


def season_span(year: int, months: tuple[int, int]) -> tuple[Date, Date]:
    """First and last day of the season of ``year`` that runs over ``months`` (first, last): a
    winter (December to February) ends in the next year.

    Example:
        >>> season_span(2014, (12, 2))
        (datetime.date(2014, 12, 1), datetime.date(2015, 2, 28))
    """
    start_m, end_m = months
    end_y = year + 1 if end_m < start_m else year
    return Date(year, start_m, 1), Date(end_y, end_m, calendar.monthrange(end_y, end_m)[1])


def season_value(season: str, months: tuple[int, int], anchor: Date, mode: int) -> str:
    """``YYYY-SS`` for a season: mode 0 this one, -1 the last one, +1 the next one."""
    spans = [
        (y, *season_span(y, months))
        for y in (anchor.year - 2, anchor.year - 1, anchor.year, anchor.year + 1)
    ]
    current = [y for y, s, e in spans if s <= anchor <= e]
    if mode == 0:
        if current:
            return f"{current[0]:04d}-{season}"
        return f"{anchor.year:04d}-{season}"
    if mode < 0:
        past = [y for y, s, e in spans if e < anchor]
        return f"{max(past):04d}-{season}"
    fut = [y for y, s, e in spans if s > anchor]
    return f"{min(fut):04d}-{season}"


def easter(year: int) -> Date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return Date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> Date | None:
    """The ``n``-th (1-based; -1 the last) ``weekday`` of a month."""
    last = calendar.monthrange(year, month)[1]
    days = [
        Date(year, month, d)
        for d in range(1, last + 1)
        if Date(year, month, d).weekday() == weekday
    ]
    if n == -1:
        return days[-1]
    return days[n - 1] if 1 <= n <= len(days) else None


def _tabular_hijri(y: int, m: int, d: int) -> Date:
    # The arithmetical (tabular) Islamic calendar: may differ from Umm al-Qura by a day or two.
    jd = d + int(29.5 * (m - 1) + 0.99) + (y - 1) * 354 + (3 + 11 * y) // 30 + 1948439 - 1
    return Date.fromordinal(jd - 1721424)


def hijri_to_gregorian(y: int, m: int, d: int) -> Date | None:
    """The Gregorian date of a Hijri date (Umm al-Qura via ``hijridate`` when available)."""
    if not (1 <= m <= 12 and 1 <= d <= 30):
        return None
    try:
        from hijridate import Hijri

        g = Hijri(y, m, d).to_gregorian()
        return Date(g.year, g.month, g.day)
    except (ImportError, OverflowError, ValueError) as exc:
        logger.debug("hijri %d-%d-%d outside Umm al-Qura tables (%s)", y, m, d, exc)
    try:
        return _tabular_hijri(y, m, d)
    except (ValueError, OverflowError):
        return None


def gregorian_to_hijri_year(d: Date) -> int:
    """The Hijri year a Gregorian date falls in (for holidays stated with a Gregorian year)."""
    try:
        from hijridate import Gregorian

        return int(Gregorian(d.year, d.month, d.day).to_hijri().year)
    except (ImportError, OverflowError, ValueError):
        return int((d.toordinal() - 227015) / 354.367) + 1
