"""Numeric dates ("21/04/2016", "2014-2018"), a day of the month stated alone ("عاد في 27."),
and named holidays (Gregorian, Hijri, Easter, n-th weekday)."""

from __future__ import annotations

import datetime as dt

from marsad.extract.timex.base import Ctx, Hit, Resolved
from marsad.extract.timex.calendar import (
    easter,
    gregorian_to_hijri_year,
    hijri_to_gregorian,
    nearest,
    nth_weekday,
    pick_year,
)
from marsad.extract.timex.dates import Month, _day_only, _resolve_date, day_at, year_at

__all__ = ["day_alone_rule", "holiday_rule", "numeric_rule"]


_CLAUSE_END = frozenset(".!?؟،,;)")


def day_alone_rule(c: Ctx, i: int) -> Hit | None:
    """ "عاد في 27." / "حتى الثلاثين": a day of the month after a preposition, ending a clause."""
    w = c.word(i)
    prep = next(
        (p for p in ("في", "الي", "حتي", "ل") if w == p or (p == "ل" and w.startswith("لل"))), None
    )
    if prep is None:
        return None
    if prep == "ل":
        o = c.ordinal_at(i, 1, 31)
        d = o
    else:
        d = day_at(c, i + 1)
    if d is None or c.word(i + 1) == "اول":  # "في أول": "in the first (place)", not the 1st
        return None
    day, k = d
    if k < len(c.toks) and c.toks[k].text not in _CLAUSE_END:
        return None
    return Hit(i + (0 if prep == "ل" else 1), k, "date", "day", _day_only(day))


def numeric_rule(c: Ctx, i: int) -> Hit | None:
    """Numeric dates: 21/04/2016, 2016-04-21, 22.04.2016, 3/2015, 2015/3, 22/04."""
    t = c.toks[i]
    if t.kind != "num":
        return None
    parts_ok = all(p.isdigit() for p in t.text.split("."))  # not ".2014" nor "1..2016"
    if t.text.count(".") == 2 and parts_ok:  # "22.04.2016" is one token
        a, b, y = (int(p) for p in t.text.split("."))
        return _dmy(i, i + 1, a, b, y)
    if t.text.count(".") == 1 and parts_ok and i and c.toks[i - 1].text == "في":
        a, b = (int(p) for p in t.text.split("."))
        return _md(i, i + 1, a, b)
    if not t.text.isdigit():
        return None
    parts = [int(t.text)]
    widths = [len(t.text)]
    seps: list[str] = []
    j = i + 1
    while (
        len(parts) < 3
        and j + 1 < len(c.toks)
        and c.toks[j].text in "/-."
        and c.toks[j].kind == "sym"
    ):
        nt = c.toks[j + 1]
        if nt.kind != "num" or not nt.text.isdigit() or not c.adjacent(j) or not c.adjacent(j + 1):
            break
        seps.append(c.toks[j].text)
        parts.append(int(nt.text))
        widths.append(len(nt.text))
        j += 2
    if len(parts) == 3 and len(set(seps)) == 1:
        if widths[0] == 4:
            return _dmy(i, j, parts[2], parts[1], parts[0])
        y = parts[2] + (2000 if widths[2] == 2 and parts[2] < 50 else 1900 if widths[2] == 2 else 0)
        return _dmy(i, j, parts[0], parts[1], y)
    if (
        len(parts) == 2
        and seps[0] == "-"
        and widths == [4, 4]
        and all(1800 <= p <= 2200 for p in parts)
    ):
        y1, y2 = parts  # "2014-2018"
        if y1 < y2:
            return Hit(i, j, "date", "year", lambda an, n, d: Resolved(f"{y1:04d}", f"{y2:04d}"))
    if (
        len(parts) == 2
        and seps[0] == "-"
        and max(widths) <= 2
        and c.is_(i - 1, "في", "يوم")
        and 1 <= parts[0] <= 31
        and 1 <= parts[1] <= 12
    ):
        return _md(i, j, parts[1], parts[0])  # "في 22-4"
    if len(parts) == 2 and seps[0] == "-" and widths[1] == 4 and 1 <= parts[0] <= 12:
        m1, y1 = parts  # "3-2015"
        return Hit(i, j, "date", "month", lambda an, n, d: Resolved(f"{y1:04d}-{m1:02d}"))
    if len(parts) == 2 and seps[0] == "/":
        a, b = parts
        if widths[1] == 4 and 1 <= a <= 12:
            return Hit(i, j, "date", "month", lambda an, n, d: Resolved(f"{b:04d}-{a:02d}"))
        if widths[0] == 4 and 1 <= b <= 12:
            return Hit(i, j, "date", "month", lambda an, n, d: Resolved(f"{a:04d}-{b:02d}"))
        if widths[0] <= 2 and widths[1] <= 2:
            if 1 <= a <= 31 and 1 <= b <= 12:
                return _md(i, j, b, a)
            if 1 <= a <= 12 and 13 <= b <= 31:
                return _md(i, j, a, b)
    return None


def _dmy(i: int, j: int, d: int, m: int, y: int) -> Hit | None:
    if not 1 <= m <= 12 and 1 <= d <= 12:
        d, m = m, d
    try:
        date = dt.date(y, m, d)
    except ValueError:
        return None
    return Hit(i, j, "date", "day", lambda a, n, dr: Resolved(date.isoformat()))


def _md(i: int, j: int, m: int, d: int) -> Hit | None:
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    gran, resolve = _resolve_date(None, Month(m, j), d, None, None, False)
    return Hit(i, j, "date", gran, resolve)


def holiday_rule(c: Ctx, i: int) -> Hit | None:
    """Named holidays: "عيد الفطر", "عيد الأضحى 2013", "عيد الميلاد"."""
    h = c.lex.holidays.match(c.toks, i)
    if h is None and c.is_(i, "يوم"):
        h = c.lex.holidays.match(c.toks, i + 1)
    if h is None:
        return None
    (cal, month, day), end, _ = h
    y = year_at(c, end, bare=True)
    year = y[0] if y else None
    if y:
        end = y[1]

    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        if cal == "nth":
            weekday, nth = divmod(day, 10)
            if year is not None:
                d = nth_weekday(year, month, weekday, nth)
                return Resolved(d.isoformat() if d else "")
            if anchor is None:
                return Resolved("")
            found_n = [
                nth_weekday(y, month, weekday, nth)
                for y in (anchor.year - 1, anchor.year, anchor.year + 1)
            ]
            best_n = nearest([x for x in found_n if x is not None], anchor, direction)
            return Resolved(best_n.isoformat() if best_n else "")
        if cal == "easter":
            if year is not None:
                return Resolved(easter(year).isoformat())
            if anchor is None:
                return Resolved("")
            cands = [easter(y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
            best_e = nearest(cands, anchor, direction)
            return Resolved(best_e.isoformat() if best_e else "")
        if cal == "gregorian":
            if year is not None:
                return Resolved(dt.date(year, month, day).isoformat())
            if anchor is None:
                return Resolved(f"XXXX-{month:02d}-{day:02d}")
            yy = pick_year(month, day, anchor, direction)
            return Resolved(dt.date(yy, month, day).isoformat())
        ref = dt.date(year, 7, 1) if year is not None else anchor
        if ref is None:
            return Resolved("")
        hy = gregorian_to_hijri_year(ref)
        hcands = [hijri_to_gregorian(x, month, day) for x in (hy - 1, hy, hy + 1)]
        found = [x for x in hcands if x is not None]
        if year is not None:
            found = [x for x in found if x.year == year] or found
            return Resolved(found[0].isoformat())
        best = nearest(found, ref, direction)
        return Resolved(best.isoformat() if best else "")

    return Hit(i, end, "date", "day", resolve)
