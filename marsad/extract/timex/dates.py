"""Calendar dates: day-month-year in words or digits, both month-name systems, Hijri dates,
day ranges, months and years alone, numeric dates and holidays."""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass

from marsad.extract.numbers import number_at
from marsad.extract.timex.base import Ctx, Hit, Resolved, Resolver
from marsad.extract.timex.calendar import (
    gregorian_to_hijri_year,
    hijri_to_gregorian,
    nearest,
    pick_year,
    shift,
)
from marsad.extract.timex.tokens import Tok

__all__ = ["Month", "date_rule", "day_at", "month_at", "year_at", "year_rule"]

_RANGE_SEPS = ("-", "الي", "حتي", "لغايه", "و", "ل", "وحتي", "والي")
_DAY_OF = ("من", "في", "ب")


@dataclass(frozen=True, slots=True)
class Month:
    month: int | None  # None: relative month ("هذا الشهر") with offset
    end: int
    hijri: bool = False
    offset: int | None = None  # relative month offset from the anchor's month
    ambiguous: bool = False


def month_at(c: Ctx, i: int, *, hijri: bool = True) -> Month | None:
    """A month at ``i``: a name in either system (with "نوفمبر/تشرين الثاني" alternates), "شهر
    3", "الشهر التاسع", or a month relative to the anchor ("هذا الشهر", "الشهر المقبل")."""
    j = i + 1 if c.stem_in(i, frozenset({"شهر"})) else i
    m = c.lex.months.match(c.toks, j)
    if m is not None:
        month, k, _ = m
        ambiguous = j == i and c.toks[i].text in c.lex.ambiguous_months
        # "نوفمبر/تشرين الثاني", "نوفمبر (تشرين الثاني)"
        if c.is_(k, "/", "(", "-"):
            alt = c.lex.months.match(c.toks, k + 1)
            if alt is not None and alt[0] == month:
                k = alt[1] + (1 if c.is_(alt[1], ")") else 0)
        return Month(month, k, ambiguous=ambiguous)
    if j > i:
        n = c.int_at(j, 1, 12)
        if n is not None:
            return Month(n[0], n[1])
    if c.is_(i, "الشهر") or (j > i and c.word(i).endswith("الشهر")):
        o = c.ordinal_at(i + 1, 1, 12)
        if o is not None:
            return Month(o[0], o[1])
    rel = relative_month(c, i)
    if rel is not None:
        return Month(None, rel[1], offset=rel[0])
    if hijri:
        h = c.lex.hijri_months.match(c.toks, j)
        if h is not None:
            amb = c.toks[j].text in c.lex.ambiguous_hijri
            return Month(h[0], h[1], hijri=True, ambiguous=amb)
    return None


def relative_month(c: Ctx, i: int) -> tuple[int, int] | None:
    """ "هذا الشهر", "الشهر الجاري", "الشهر الماضي", "الشهر المقبل": (offset, end)."""
    j = i
    this = c.flag(c.lex.this, i)
    if this is not None:
        j = this
    u = c.unit_at(j)
    if u is None or u[0] != "month" or not u[3] or u[1] != "sg":
        return None
    k = u[2]
    if this is not None:
        return 0, k
    for table, off in ((c.lex.past, -1), (c.lex.future, 1), (c.lex.current, 0)):
        e = c.flag(table, k)
        if e is not None:
            return off, e
    return None


def year_at(
    c: Ctx, i: int, *, bare: bool = True, spelled: bool = False
) -> tuple[int, int, bool] | None:
    """A year: "2025", "عام 2025", "لعام 2014", "سنة 1447 هـ": ``(year, end, hijri)``."""
    j = i
    u = c.unit_at(i)
    if u is not None and u[0] == "year" and u[1] == "sg":
        j = u[2]
    elif c.is_(i, "من", "في") and c.unit_at(i + 1) is not None:
        u = c.unit_at(i + 1)
        if u is not None and u[0] == "year" and u[1] == "sg":
            j = u[2]
    if j == i and not bare:
        return None
    if j >= len(c.toks):
        return None
    t = c.toks[j]
    if t.kind == "num" and t.text.isdigit() and len(t.text) in (3, 4):
        y = int(t.text)
        k = j + 1
    elif (j > i or spelled) and t.kind == "word":
        n = c.int_at(j, 1000 if j == i else 100, 2200)
        if n is None:
            return None
        y, k = n
    else:
        return None
    if not 100 <= y <= 2200 or (j == i and t.kind == "num" and len(t.text) != 4):
        return None
    hijri = False
    if c.stem_in(k, c.lex.hijri_markers):
        hijri, k = True, k + 1
    elif c.stem_in(k, c.lex.gregorian_markers):
        k += 1
    return y, k, hijri


def day_at(c: Ctx, i: int) -> tuple[int, int] | None:
    """A day of the month: "27", "الحادي والعشرين", "اليوم الثالث من", "ثالث يوم من"."""
    if i >= len(c.toks):
        return None
    t = c.toks[i]
    if t.kind == "num":
        if t.text.isdigit() and len(t.text) <= 2 and 1 <= int(t.text) <= 31:
            return int(t.text), i + 1
        return None
    if c.is_(i, "اليوم", "يوم"):
        o = c.ordinal_at(i + 1, 1, 31)
        if o is not None:
            return o
    o = c.ordinal_at(i, 1, 31)
    if o is not None:
        if c.is_(o[1], "يوم"):
            return o[0], o[1] + 1
        # a day is definite, "الثاني من مارس": "زيارة ثانية في آذار" counts visits
        if t.text.lstrip("وف").startswith(("ال", "لل", "بال")):
            return o
        return None
    n = c.int_at(i, 1, 31)
    return n


def _attached_ordinal(t: Tok) -> int | None:
    """The day ordinal of a word with a conjunction attached ("والثالث" = 3), else None."""
    bare = Tok(t.start + 1, t.end, t.text[1:], "word")
    m = number_at((bare,), 0)
    if m is None or not m.ordinal or not m.value.is_integer() or not 1 <= m.value <= 31:
        return None
    return int(m.value)


def _weekday_prefix(c: Ctx, i: int) -> tuple[int | None, int, int]:
    """Optional "[اليوم|أمس] [يوم] الثلاثاء[،] [الموافق]": (weekday, offset, end)."""
    j, offset = i, 0
    d = c.lex.days.match(c.toks, j)
    if d is not None and d[1] == j + 1:
        offset, j = d[0], d[1]
    if c.is_(j, "يوم"):
        j += 1
    w = c.lex.weekdays.match(c.toks, j)
    if w is None:
        return None, 0, i
    if not c.toks[j].text[w[2] :].startswith("ال") and not c.is_(j - 1, "يوم"):
        return None, 0, i  # a bare "أحد" is "one of" far more often than Sunday
    j = w[1]
    if c.is_(j, "،", ","):
        j += 1
    if c.is_(j, "الموافق"):
        j += 1
    return w[0], offset, j


def _resolve_date(
    year: int | None,
    month: Month,
    day: int | None,
    day2: int | None,
    weekday: int | None,
    hijri_year: bool,
    mode: int | None = None,
) -> tuple[str, Resolver]:
    gran = "day" if day is not None else "month"

    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        del now
        if mode is not None:
            direction = mode
            if mode == 0 and anchor is not None and month.month is not None and year is None:
                # "27 نوفمبر الجاري": the anchor's year
                return _resolve_date(anchor.year, month, day, day2, weekday, False)[1](
                    anchor, None, 0
                )
        if month.hijri or hijri_year:
            return _resolve_hijri(year, month, day, day2, anchor, direction)
        if month.month is None:
            if anchor is None:
                return Resolved("")
            base = shift(anchor.replace(day=1), "month", month.offset or 0)
            y, m = base.year, base.month
        else:
            m = month.month
            if year is not None:
                y = year
            elif anchor is not None:
                y = pick_year(m, day, anchor, direction, weekday if day2 is None else None)
            else:
                y = 0
        ystr = f"{y:04d}" if y else "XXXX"
        if day is None:
            return Resolved(f"{ystr}-{m:02d}")
        last = _cal.monthrange(y or 2000, m)[1]
        d1 = min(day, last)
        v = f"{ystr}-{m:02d}-{d1:02d}"
        if day2 is not None:
            return Resolved(v, f"{ystr}-{m:02d}-{min(day2, last):02d}")
        return Resolved(v)

    return gran, resolve


def _resolve_hijri(
    year: int | None,
    month: Month,
    day: int | None,
    day2: int | None,
    anchor: dt.date | None,
    direction: int,
) -> Resolved:
    m = month.month or 1
    if year is not None and year > 1600:  # "رمضان 2019": the one in that Gregorian year
        hy = gregorian_to_hijri_year(dt.date(year, 7, 1))
        for cand in (hy - 1, hy, hy + 1):
            g = hijri_to_gregorian(cand, m, day or 1)
            if g is not None and g.year == year:
                year = cand
                break
    if year is None:
        if anchor is None:
            return Resolved("")
        hy = gregorian_to_hijri_year(anchor)
        cands = [hijri_to_gregorian(y, m, day or 1) for y in (hy - 1, hy, hy + 1)]
        best = nearest([c for c in cands if c is not None], anchor, direction)
        if best is None:
            return Resolved("")
        year = (hy - 1) + cands.index(best)
    start = hijri_to_gregorian(year, m, day or 1)
    if start is None:
        return Resolved("")
    if day is None:
        nxt = hijri_to_gregorian(year + (m == 12), m % 12 + 1, 1)
        end = (nxt - dt.timedelta(days=1)) if nxt else start
        return Resolved(start.isoformat(), end.isoformat())
    if day2 is not None:
        end2 = hijri_to_gregorian(year, m, day2)
        return Resolved(start.isoformat(), end2.isoformat() if end2 else None)
    return Resolved(start.isoformat())


def date_rule(c: Ctx, i: int) -> Hit | None:
    """Day-month(-year) dates, with an optional weekday before and day ranges."""
    weekday, _, j = _weekday_prefix(c, i)
    if weekday is not None and j < len(c.toks) and c.toks[j].kind == "num":
        from marsad.extract.timex.numeric import numeric_rule

        num = numeric_rule(c, j)
        if num is not None:
            return Hit(i, num.end, num.kind, num.gran, num.resolve)
    hit = _day_month(c, i, j, weekday, ranged=True)
    if hit is not None:
        return hit
    hit = _day_month(c, i, j, weekday, ranged=False)
    if hit is not None or weekday is not None:
        return hit
    return _month_day(c, i, j)


def _day_month(c: Ctx, i: int, j: int, weekday: int | None, *, ranged: bool) -> Hit | None:
    start_j = j
    if ranged:
        if c.is_(j, "ما") and c.is_(j + 1, "بين"):
            j += 2
        elif c.is_(j, "يومي", "بين", "من"):
            j += 1
        else:
            return None
    elif c.is_(j, "يوم") or (weekday is not None and c.is_(j, "في")):
        j += 1
    d = day_at(c, j)
    if d is not None:
        day, k = d
        day2 = None
        if c.is_(k, *_RANGE_SEPS) or (
            k < len(c.toks)
            and c.toks[k].text.startswith("و")
            and c.toks[k].kind == "word"
            and len(c.toks[k].text) > 1
        ):
            kk = k + 1 if c.is_(k, *_RANGE_SEPS) else k
            if kk == k:  # "و28" as one token
                t = c.toks[k]
                rest = t.text[1:]
                if rest.isdigit() and 1 <= int(rest) <= 31:
                    day2, k = int(rest), k + 1
                elif (second := _attached_ordinal(t)) is not None and second > day:
                    day2, k = second, k + 1  # "الثاني والثالث من أغسطس"
            else:
                d2 = day_at(c, kk)
                if d2 is not None and d2[0] > day:
                    day2, k = d2[0], d2[1]
        if ranged and day2 is None:
            return None
        del start_j
        k2 = k + 1 if c.is_(k, "من", "في", "/", "-", ".", "،") else k
        mo = month_at(c, k2)
        if mo is None and k2 != k:
            mo = month_at(c, k)
        if mo is not None:
            y = year_at(
                c, mo.end if not c.is_(mo.end, "،", ",", "/", "من") else mo.end + 1, spelled=True
            )
            if y is None and c.is_(mo.end, "،", ",", "من"):
                y = None
            end = y[1] if y else mo.end
            if mo.ambiguous and y is None and c.toks[j].kind != "num":
                return None
            mode: int | None = None
            if y is None and mo.month is not None:
                for table, off in ((c.lex.past, -1), (c.lex.future, 1), (c.lex.current, 0)):
                    e = c.flag(table, end)
                    if e is not None and not c.is_(end, "هذا", "هذه"):
                        mode, end = off, e
                        break
            gran, resolve = _resolve_date(
                y[0] if y else None, mo, day, day2, weekday, bool(y and y[2]), mode
            )
            return Hit(i, end, "date", gran, resolve)
        if (
            weekday is not None
            and day2 is None
            and (c.toks[j].kind == "num" or c.ordinal_at(j, 1, 31) is not None)
            # "الثلاثاء، في أول زيارة", "السبت في أولى محطات جولته": "the first visit/stop",
            # not the 1st (a day of the month is masculine: "السبت الأول من")
            and c.word(j) not in ("اول", "اولي", "الاولي")
        ):
            # "السبت السادس عشر": the day of the month nearest the anchor with that weekday
            return Hit(i, k, "date", "day", _weekday_day(weekday, day))
        if weekday is None and day2 is None and c.is_(j - 1, "يوم") and c.toks[j].kind == "num":
            # "يوم 27": that day of the month nearest the anchor
            return Hit(i, k, "date", "day", _day_only(day))
    return None


def _day_only(day: int) -> Resolver:
    """A day of the month stated alone: that day of the anchor's month."""

    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        if anchor is None:
            return Resolved(f"XXXX-XX-{day:02d}")
        last = _cal.monthrange(anchor.year, anchor.month)[1]
        return Resolved(anchor.replace(day=min(day, last)).isoformat())

    return resolve


def _month_day(c: Ctx, i: int, j: int) -> Hit | None:
    # month first: "يوليو 13-15", "سبتمبر الحادي والعشرين من 1978"
    this = c.flag(c.lex.this, j)
    if this is not None:
        mo = month_at(c, this, hijri=False)
        if mo is not None and mo.month is not None and mo.end == this + 1:
            month = mo.month
            return Hit(
                i,
                mo.end,
                "date",
                "month",
                lambda a, n, d: Resolved(f"{a.year:04d}-{month:02d}" if a else f"XXXX-{month:02d}"),
            )
    if True:
        mo = month_at(c, j, hijri=True)
        if mo is not None and mo.month is not None:
            dash = c.is_(mo.end, "-", "/") and c.adjacent(mo.end)
            if c.is_(mo.end, "بين") and day_at(c, mo.end + 1) is not None:
                dash = True  # "شهر نوفمبر بين 19 و 20"
            d = day_at(c, mo.end + 1 if dash else mo.end)
            if d is not None and not (
                c.toks[mo.end].kind == "num" and len(c.toks[mo.end].text) > 2
            ):
                day, k = d
                day2 = None
                if c.is_(k, *_RANGE_SEPS):
                    d2 = day_at(c, k + 1)
                    if d2 is not None and d2[0] > day:
                        day2, k = d2
                y = year_at(c, k + 1 if c.is_(k, "من", "،", ",") else k, spelled=True)
                end = y[1] if y else k
                gran, resolve = _resolve_date(
                    y[0] if y else None, mo, day, day2, None, bool(y and y[2])
                )
                return Hit(i, end, "date", gran, resolve)
            y = year_at(c, mo.end + 1 if c.is_(mo.end, "من", "،", ",") else mo.end, spelled=True)
            if y is None and mo.month is not None and not mo.hijri:
                mod = _month_modifier(c, mo.end)
                if mod is not None:
                    return Hit(i, mod[1], "date", "month", _month_rel(mo.month, mod[0]))
            if (
                mo.ambiguous
                and y is None
                and not (mo.hijri is False and c.stem_in(j, frozenset({"شهر"})))
            ):
                return None
            if mo.hijri and y is None:
                return None
            if y is None and c.is_(i, "الشهر", "هذا", "هذه"):
                return None  # a relative month alone is the relative rule's
            gran, resolve = _resolve_date(
                y[0] if y else None, mo, None, None, None, bool(y and y[2])
            )
            return Hit(i, y[1] if y else mo.end, "date", gran, resolve)
    return None


def _month_modifier(c: Ctx, i: int) -> tuple[int, int] | None:
    for table, off in ((c.lex.past, -1), (c.lex.future, 1)):
        e = c.flag(table, i)
        if e is not None:
            return off, e
    return None


def _month_rel(month: int, direction: int) -> Resolver:
    """ "أغسطس الماضي": the last August before the anchor's month; "المقبل": the next one."""

    def resolve(anchor: dt.date | None, now: dt.datetime | None, _: int) -> Resolved:
        if anchor is None:
            return Resolved(f"XXXX-{month:02d}")
        y = anchor.year
        if direction < 0 and month >= anchor.month:
            y -= 1
        elif direction > 0 and month <= anchor.month:
            y += 1
        return Resolved(f"{y:04d}-{month:02d}")

    return resolve


def _weekday_day(weekday: int, day: int) -> Resolver:
    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        if anchor is None:
            return Resolved(f"XXXX-XX-{day:02d}")
        cands = []
        for k in range(-12, 13):
            first = shift(anchor.replace(day=1), "month", k)
            try:
                d = first.replace(day=day)
            except ValueError:
                continue
            if d.weekday() == weekday:
                cands.append(d)
        best = nearest(cands, anchor, direction)
        return Resolved(best.isoformat() if best else "")

    return resolve


def year_rule(c: Ctx, i: int) -> Hit | None:
    """A year alone: "عام 2025", "في 2014", "2015م", "1447 هـ"."""
    y = year_at(c, i, bare=True)
    if y is None:
        return None
    year, end, hijri = y
    if end == i + 1 and not (
        c.is_(
            i - 1,
            "في",
            "منذ",
            "حتي",
            "عام",
            "بحلول",
            "قبل",
            "بعد",
            "خلال",
            "مطلع",
            "نهايه",
            "اواخر",
            "اوائل",
            "منتصف",
            "بدايه",
            "الي",
            "من",
            "و",
            "سنه",
            "العام",
            "،",
            "(",
        )
    ):
        # a bare four-digit number is a year only where a year is expected
        return None
    if hijri:

        def resolve_h(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
            start = hijri_to_gregorian(year, 1, 1)
            end_ = hijri_to_gregorian(year + 1, 1, 1)
            if start is None or end_ is None:
                return Resolved("")
            return Resolved(start.isoformat(), (end_ - dt.timedelta(days=1)).isoformat())

        return Hit(i, end, "date", "year", resolve_h)
    return Hit(i, end, "date", "year", lambda a, n, d: Resolved(f"{year:04d}"))
