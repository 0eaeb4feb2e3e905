"""Periods: weekends, "بقية الأسبوع", decades ("السبعينيات"), seasons ("هذا الخريف") and the
early/middle/late part of a month ("أوائل مارس", "منتصف الشهر المقبل")."""

from __future__ import annotations

import datetime as dt

from marsad.extract.numbers import number_at
from marsad.extract.timex.base import Ctx, Hit, Resolved, Resolver
from marsad.extract.timex.calendar import fmt, season_value, shift
from marsad.extract.timex.dates import month_at, year_at
from marsad.extract.timex.relative import modifier
from marsad.extract.timex.tokens import Tok

__all__ = ["decade_tens", "part_rule", "period_at", "season_rule"]


def period_at(c: Ctx, start: int, j: int) -> Hit | None:
    """A weekend, the rest of a unit or a decade starting at token ``j``."""
    return _weekend(c, start, j) or _rest_of(c, start, j) or _decade(c, start, j)


def _weekend(c: Ctx, start: int, j: int) -> Hit | None:
    """ "عطلة نهاية الأسبوع", "نهاية هذا الأسبوع", "نهاية الأسبوع المقبل": ``YYYY-Www-WE``."""
    k = j + 1 if c.is_(j, "عطله") else j
    if not c.is_(k, "نهايه"):
        return None
    k += 1
    this = c.flag(c.lex.this, k)
    u = c.unit_at(this if this is not None else k)
    if u is None or u[0] != "week" or u[1] != "sg" or not (u[3] or this is not None):
        return None
    off, end = 0, u[2]
    m = modifier(c, end) if this is None else None
    if m is not None:
        off, end = m

    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        if anchor is None:
            return Resolved("")
        return Resolved(fmt(shift(anchor, "week", off), "week") + "-WE")

    return Hit(start, end, "date", "weekend", resolve)


def _rest_of(c: Ctx, start: int, j: int) -> Hit | None:
    """ "بقية الأسبوع", "باقي هذا الشهر", "بقية العام": from the anchor to the unit's end."""
    if not c.is_(j, "بقيه", "باقي"):
        return None
    k = j + 1
    this = c.flag(c.lex.this, k)
    u = c.unit_at(this if this is not None else k)
    if u is None or u[0] not in ("week", "month", "year") or u[1] != "sg" or not (u[3] or this):
        return None
    unit, end = u[0], u[2]
    m = modifier(c, end)
    if m is not None and m[0] == 0:
        end = m[1]

    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        if anchor is None:
            return Resolved("")
        if unit == "week":
            last = anchor + dt.timedelta(days=6 - anchor.weekday())
        elif unit == "month":
            last = shift(anchor.replace(day=1), "month", 1) - dt.timedelta(days=1)
        else:
            last = dt.date(anchor.year, 12, 31)
        return Resolved(anchor.isoformat(), last.isoformat())

    return Hit(start, end, "date", "day", resolve)


def _decade(c: Ctx, start: int, j: int) -> Hit | None:
    """ "السبعينيات", "ثمانينات القرن الماضي": the most recent such decade (TIMEX ``197``)."""
    if j >= len(c.toks) or c.toks[j].kind != "word":
        return None
    found = decade_tens(c.toks[j].text)
    if found is None:
        return None
    tens = found

    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        if anchor is None:
            return Resolved(f"XX{tens // 10}")
        century = anchor.year // 100
        year = century * 100 + tens
        if year > anchor.year:
            year -= 100
        return Resolved(f"{year // 10:03d}")

    return Hit(start, j + 1, "date", "decade", resolve)


def decade_tens(word: str) -> int | None:
    """The tens (20..90) a folded decade word names ("السبعينيات" -> 70), else ``None``.

    >>> decade_tens("السبعينيات"), decade_tens("الاجتماعات")
    (70, None)
    """
    w = word[2:] if word.startswith("ال") else word
    for suffix in ("يات", "ات"):
        if w.endswith(suffix) and len(w) > len(suffix) + 3:
            stem = w[: -len(suffix)]
            m = number_at((Tok(0, len(stem), stem, "word"),), 0)
            if m is not None and m.value in (20, 30, 40, 50, 60, 70, 80, 90):
                return int(m.value)
    return None


def season_rule(c: Ctx, i: int) -> Hit | None:
    """Seasons: "هذا الخريف", "الصيف الماضي", "فصل الشتاء المقبل", "ربيع 2024"."""
    j = i
    this = c.flag(c.lex.this, j)
    if this is not None:
        j = this
    has_fasl = c.is_(j, "فصل")
    if has_fasl:
        j += 1
    s = c.lex.seasons.match(c.toks, j)
    if s is None:
        return None
    season, k, _ = s
    months = c.lex.season_months[season]
    y = year_at(c, k, bare=True)
    if y is not None and not y[2]:
        year = y[0]
        return Hit(i, y[1], "date", "season", lambda a, n, d: Resolved(f"{year:04d}-{season}"))
    mode = 0
    m = modifier(c, k)
    if m is not None and not c.is_(k, "هذا", "هذه"):
        mode, k = m
    elif this is None and not has_fasl:
        return None

    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        if anchor is None:
            return Resolved(f"XXXX-{season}")
        return Resolved(season_value(season, months, anchor, mode))

    return Hit(i, k, "date", "season", resolve)


_MOD = {"early": "START", "mid": "MID", "late": "END"}  # TIMEX3 mod values
_FIRST = frozenset({"أول", "اول"})


def part_rule(c: Ctx, i: int) -> Hit | None:
    """Early/mid/late of a month or year: "أوائل مارس", "منتصف الشهر المقبل", "أواخر 2024".

    "أول" right before a month is its first day, not its first part: "أول يناير" is 1 January
    (Recognizers-Text: XXXX-01-01; Duckling: "في اول شباط")."""
    for table, part in ((c.lex.early, "early"), (c.lex.mid, "mid"), (c.lex.late, "late")):
        e = c.flag(table, i)
        if e is None:
            continue
        j = e + 1 if c.is_(e, "شهر") and month_at(c, e + 1) is not None else e
        mo = month_at(c, j, hijri=False)
        if mo is not None:
            y = year_at(c, mo.end, bare=True)
            end = y[1] if y else mo.end
            if part == "early" and j == e == i + 1 and mo.month and c.stem_in(i, _FIRST):
                part = "first"
            resolve = _part_month(mo.month, mo.offset, y[0] if y else None, part)
            return Hit(i, end, "date", "day", resolve, mod=_MOD.get(part))
    return None


def _part_month(month: int | None, offset: int | None, year: int | None, part: str) -> Resolver:
    from marsad.extract.timex.calendar import pick_year

    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        import calendar as _cal

        if month is None:
            if anchor is None:
                return Resolved("")
            base = shift(anchor.replace(day=1), "month", offset or 0)
            y, m = base.year, base.month
        else:
            m = month
            if year is not None:
                y = year
            elif anchor is not None:
                y = pick_year(m, None, anchor, direction)
            else:
                return Resolved(f"XXXX-{m:02d}")
        last = _cal.monthrange(y, m)[1]
        if part == "first":
            return Resolved(f"{y:04d}-{m:02d}-01")
        if part == "early":
            return Resolved(f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-10")
        if part == "late":
            return Resolved(f"{y:04d}-{m:02d}-21", f"{y:04d}-{m:02d}-{last:02d}")
        return Resolved(f"{y:04d}-{m:02d}-15")

    return resolve
