"""Positions inside a month: "ثالث ثلاثاء في أيلول 2014", "الاثنين الأخير من شهر آذار",
"اليوم الأخير من أكتوبر", "الأسبوع الأول من شهر عشرة 2014"."""

from __future__ import annotations

import calendar as _cal
import datetime as dt

from marsad.extract.timex.base import Ctx, Hit, Resolved, Resolver
from marsad.extract.timex.calendar import fmt, nth_weekday, pick_year, shift
from marsad.extract.timex.dates import Month, month_at, year_at

__all__ = ["months_of_year_rule", "nth_rule", "quarter_rule"]

_OF = ("من", "في", "ب")


def _ordinal(c: Ctx, i: int) -> tuple[int, int] | None:
    """1..5 or -1 (last) at ``i``."""
    if c.stem_in(i, c.lex.last_ordinal):
        return -1, i + 1
    o = c.ordinal_at(i, 1, 5)
    if o is not None and o[1] == i + 1:
        return o
    return None


def _year_spec(c: Ctx, i: int) -> tuple[int | None, int | None, int]:
    """An explicit year or a relative one ("السنة القادمة") after a month: (year, offset, end)."""
    j = i + 1 if c.is_(i, *_OF) else i
    y = year_at(c, j, bare=True, spelled=True)
    if y is not None and not y[2]:
        return y[0], None, y[1]
    u = c.unit_at(j)
    if u is not None and u[0] == "year" and u[3]:
        for table, off in ((c.lex.past, -1), (c.lex.future, 1), (c.lex.current, 0)):
            e = c.flag(table, u[2])
            if e is not None:
                return None, off, e
    return None, None, i


def _month_spec(c: Ctx, i: int) -> tuple[Month, int | None, int | None, int] | None:
    j = i + 1 if c.is_(i, *_OF) else i
    mo = month_at(c, j, hijri=False)
    if mo is None:
        return None
    year, offset, end = _year_spec(c, mo.end)
    return mo, year, offset, max(end, mo.end)


def nth_rule(c: Ctx, i: int) -> Hit | None:
    """The n-th (or last) weekday, day or week of a month."""
    target: str | None = None
    weekday: int | None = None
    n: int | None = None
    j = i
    o = _ordinal(c, j)
    if o is not None:  # "ثالث ثلاثاء", "آخر يوم", "أول أسبوع", "ثالث يوم ثلاثاء"
        n, j = o
        if c.is_(j, "يوم") and c.lex.weekdays.match(c.toks, j + 1) is not None:
            j += 1
        w = c.lex.weekdays.match(c.toks, j)
        u = c.unit_at(j)
        if w is not None:
            weekday, j, target = w[0], w[1], "weekday"
        elif u is not None and u[0] in ("day", "week") and u[1] == "sg":
            target, j = u[0], u[2]
    else:  # "الثلاثاء الأخير", "اليوم الأخير", "الأسبوع الأول"
        k = i + 1 if c.is_(i, "يوم") else i
        w = c.lex.weekdays.match(c.toks, k)
        u = c.unit_at(k)
        if w is not None:
            weekday, k, target = w[0], w[1], "weekday"
        elif c.is_(k, "اليوم"):
            target, k = "day", k + 1
        elif u is not None and u[0] == "week" and u[1] == "sg" and u[3]:
            target, k = "week", u[2]
        else:
            return None
        o = _ordinal(c, k)
        if o is None:
            return None
        n, j = o
    if target is None or n is None:
        return None
    spec = _month_spec(c, j)
    if spec is None:
        if target == "week":
            return _week_of_year(c, i, j, n)
        if target == "weekday" and o is not None and n > 0 and not c.is_(j, "من", "في"):
            # "يوم الأحد الثاني": in the anchor's month
            spec = (Month(None, j, offset=0), None, None, j)
        else:
            return None
    mo, year, year_off, end = spec
    return Hit(
        i,
        end,
        "date",
        "week" if target == "week" else "day",
        _resolver(target, n, weekday, mo, year, year_off),
    )


def _resolver(
    target: str, n: int, weekday: int | None, mo: Month, year: int | None, year_off: int | None
) -> Resolver:
    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        if mo.month is None:
            if anchor is None:
                return Resolved("")
            base = shift(anchor.replace(day=1), "month", mo.offset or 0)
            y, m = base.year, base.month
        else:
            m = mo.month
            if year is not None:
                y = year
            elif anchor is None:
                return Resolved("")
            elif year_off is not None:
                y = anchor.year + year_off
            else:
                y = pick_year(m, None, anchor, direction)
        last = _cal.monthrange(y, m)[1]
        if target == "weekday" and weekday is not None:
            d = nth_weekday(y, m, weekday, n)
            return Resolved(d.isoformat() if d else "")
        if target == "day":
            day = last if n == -1 else n
            return Resolved(dt.date(y, m, day).isoformat())
        monday = nth_weekday(y, m, 0, n)
        if n == -1 and monday is not None and monday.day + 6 > last:
            monday = monday - dt.timedelta(days=7)  # the last week that ends in the month
        return Resolved(fmt(monday, "week") if monday else "")

    return resolve


def _year_of(c: Ctx, j: int) -> tuple[int | None, int | None, int] | None:
    """ "من عام 2015", "العام المقبل", "من هذا العام": (year, offset, end)."""
    k = j + 1 if c.is_(j, *_OF) else j
    this = c.flag(c.lex.this, k)
    if this is not None:
        u = c.unit_at(this)
        if u is not None and u[0] == "year" and u[1] == "sg":
            return None, 0, u[2]
        return None
    year, offset, end = _year_spec(c, j)
    if year is None and offset is None:
        return None
    return year, offset, end


def _the_year(year: int | None, offset: int | None, anchor: dt.date | None) -> int | None:
    """The year a :func:`_year_of` spec names: its own, else the anchor's moved by the offset."""
    if year is not None:
        return year
    return anchor.year + (offset or 0) if anchor else None


def _week_of_year(c: Ctx, i: int, j: int, n: int) -> Hit | None:
    """ "الأسبوع الثالث من عام 2027": ISO week ``n`` of the year (-1: its last week)."""
    spec = _year_of(c, j)
    if spec is None:
        return None
    year, offset, end = spec

    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        y = _the_year(year, offset, anchor)
        if y is None:
            return Resolved("")
        w = dt.date(y, 12, 28).isocalendar()[1] if n == -1 else n
        return Resolved(f"{y:04d}-W{w:02d}")

    return Hit(i, end, "date", "week", resolve)


def quarter_rule(c: Ctx, i: int) -> Hit | None:
    """ "الربع الثالث من عام 2016", "الربع الأول من هذا العام": its months as a range."""
    if not c.is_(i, "الربع", "للربع", "بالربع"):
        return None
    o = _ordinal(c, i + 1)
    if o is None or o[0] > 4:
        return None
    q = 4 if o[0] == -1 else o[0]
    spec = _year_of(c, o[1])
    if spec is None:
        return None
    year, offset, end = spec

    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        y = _the_year(year, offset, anchor)
        if y is None:
            return Resolved("")
        return Resolved(f"{y:04d}-{3 * q - 2:02d}", f"{y:04d}-{3 * q:02d}")

    return Hit(i, end, "date", "month", resolve)


def months_of_year_rule(c: Ctx, i: int) -> Hit | None:
    """The first or last months of a year as a range of months: "الأشهر التسعة الأولى من عام
    2024" (2024-01..2024-09), "الأشهر الثلاثة الأخيرة من العام الماضي", "النصف الأول من 2023",
    "الشهرين الأولين من العام"."""
    j = i
    if c.word(j) in ("في", "خلال"):
        return None
    n: int | None = None
    if c.stem_in(j, frozenset({"النصف"})):
        n, j = 6, j + 1
        o = _ordinal(c, j)
        if o is None or o[0] not in (1, 2, -1):
            return None
        first = o[0] == 1
        j = o[1]
    else:
        u = c.unit_at(j)
        if u is None or u[0] != "month" or not u[3] or u[1] == "sg":
            return None
        j = u[2]
        if u[1] == "du":
            n = 2
        else:
            cnt = c.int_at(j, 2, 11)
            if cnt is None:
                return None
            n, j = cnt
        o = _ordinal(c, j)
        if o is None and c.word(j) in ("الاولين", "الاوليين"):
            o = (1, j + 1)
        if o is None or o[0] not in (1, -1):
            return None
        first, j = o[0] == 1, o[1]
    spec = _year_of(c, j)
    if spec is None:
        return None
    year, offset, end = spec
    lo, hi = (1, n) if first else (13 - n, 12)

    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        y = _the_year(year, offset, anchor)
        if y is None:
            return Resolved("")
        return Resolved(f"{y:04d}-{lo:02d}", f"{y:04d}-{hi:02d}")

    return Hit(i, end, "date", "month", resolve)
