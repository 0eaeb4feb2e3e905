"""Expressions resolved against the anchor: "اليوم", "أمس", weekdays, "الأسبوع الماضي",
"العام الجاري", "منذ ثلاثة أيام", "بعد يومين", seasons; and durations ("تستغرق يومين")."""

from __future__ import annotations

import datetime as dt

from marsad.extract.timex.base import Ctx, Hit, Resolved, Resolver
from marsad.extract.timex.calendar import fmt, shift, weekday_date

__all__ = ["duration_rule", "modifier", "relative_rule", "weekday_rule"]

_UNIT_CODE = {
    "second": "S",
    "minute": "M",
    "hour": "H",
    "day": "D",
    "week": "W",
    "month": "M",
    "year": "Y",
    "decade": "Y",
    "century": "Y",
}
_UNIT_SCALE = {"decade": 10, "century": 100}
_DATE_GRAN = {
    "day": "day",
    "week": "day",
    "month": "month",
    "year": "year",
    "decade": "year",
    "century": "year",
}


def modifier(c: Ctx, i: int) -> tuple[int, int] | None:
    """ "الماضي" -1, "المقبل" +1, "الجاري"/"الحالي" 0: (offset, end)."""
    for table, off in ((c.lex.past, -1), (c.lex.future, 1), (c.lex.current, 0)):
        e = c.flag(table, i)
        if e is not None:
            return off, e
    return None


def relative_rule(c: Ctx, i: int) -> Hit | None:
    """Days relative to the anchor and the anchor's week/month/year, and "منذ/قبل/بعد" + a
    duration."""
    # "في وقت سابق من هذا الشهر": the phrase belongs to the period it names
    j = i
    e = c.flag(c.lex.earlier_in, i)
    if e is not None and c.is_(e, "من"):
        e += 1
    start = i
    if e is not None:
        j = e
    from marsad.extract.timex.periods import period_at

    weekend = period_at(c, start, j)
    if weekend is not None:
        return weekend
    now = c.flag(c.lex.now, j)
    if now is not None and j == i:
        return Hit(i, now, "time", "second", _now)
    d = c.lex.days.match(c.toks, j)
    if d is not None:
        offset, end, _ = d
        if offset == 0 and (c.ordinal_at(end, 1, 31) is not None):
            return None  # "اليوم الثالث من أكتوبر" is a date
        return Hit(start, end, "date", "day", _days(offset))
    tonight = c.flag(c.lex.tonight, j)
    if tonight is not None:
        return Hit(start, tonight, "time", "hour", _tonight)
    # "في وقت لاحق من ذلك الشهر", "في ذلك العام": the period the text last named
    # ("وذلك اليوم الأربعاء" is "that is, today": days are left out)
    that = c.flag(c.lex.that, j)
    if that is not None and c.word(j) not in ("نفس", "نفسه", "وذلك"):
        ut = c.unit_at(that)
        if ut is not None and ut[1] == "sg" and ut[3] and ut[0] in ("month", "year"):
            return Hit(start, ut[2], "anaphor", ut[0], lambda a, n, d: Resolved(""))
    # "هذا الأسبوع", "الأسبوع الماضي", "العام الجاري"
    this = c.flag(c.lex.this, j)
    k = this if this is not None else j
    u = c.unit_at(k)
    if u is not None and u[1] == "sg" and (u[3] or this is not None):
        unit, _, k2, _ = u
        if unit in ("week", "month", "year", "decade"):
            if this is not None:
                stated = _stated_year(c, k2) if unit == "year" else None
                if stated is not None:
                    return Hit(start, stated.end, "date", "year", stated.resolve)
                return Hit(start, k2, "date", unit, _unit(unit, 0))
            m = modifier(c, k2)
            if m is not None:
                stated = _stated_year(c, m[1]) if unit == "year" else None
                if stated is not None:  # "العام الماضي 2017": the year it names
                    return Hit(start, stated.end, "date", "year", stated.resolve)
                return Hit(start, m[1], "date", unit, _unit(unit, m[0]))
            if e is not None:
                return Hit(start, k2, "date", unit, _unit(unit, 0))
    # "الأسابيع الثلاثة القادمة", "الأيام الثلاثة الماضية"
    if u is not None and u[3] and u[1] in ("pl", "du") and this is None:
        unit, number, k2, _ = u
        n = (2, k2) if number == "du" else c.int_at(k2, 2, 1000)
        if n is None and c.word(k2) in c.lex.few_after:
            n = (c.lex.few_count, k2 + 1)
        if n is None and number == "pl" and c.word(k2) in c.lex.recent:
            # "في الأشهر الأخيرة": a few units up to the anchor
            gran = "week" if unit == "week" else _DATE_GRAN.get(unit, unit)
            return Hit(start, k2 + 1, "date", gran, _span(unit, -c.lex.few_count))
        if n is not None:
            m = modifier(c, n[1])
            if unit == "decade" and m is not None and m[0] != 0:
                return Hit(start, m[1], "date", "month", _decades(n[0] * m[0]))
            if m is not None and m[0] != 0:
                gran = "week" if unit == "week" else _DATE_GRAN.get(unit, unit)
                return Hit(start, m[1], "date", gran, _span(unit, n[0] * m[0]))
    # "الثلاثة عقود القادمة", "الخمس سنوات الماضية"
    if u is None and this is None and c.word(j).startswith("ال"):
        num = c.number(j)
        if num is not None and not num.ordinal and num.value.is_integer() and num.value >= 2:
            u2 = c.unit_at(num.end_tok)
            if u2 is not None and u2[1] == "pl" and not u2[3]:
                m = modifier(c, u2[2])
                if m is not None and m[0] != 0 and u2[0] == "decade":
                    return Hit(start, m[1], "date", "month", _decades(int(num.value) * m[0]))
                if m is not None and m[0] != 0:
                    unit = u2[0]
                    gran = "week" if unit == "week" else _DATE_GRAN.get(unit, unit)
                    return Hit(start, m[1], "date", gran, _span(unit, int(num.value) * m[0]))
    # "منذ ثلاثة أيام", "قبل أسبوع", "بعد يومين"
    if c.is_(j, "منذ", "قبل", "بعد") and j == i:
        dur = _amount(c, j + 1)
        if dur is not None:
            unit, amount, end = dur
            sign = 1 if c.is_(j, "بعد") else -1
            parts: list[tuple[str, float]] = [(unit, amount)]
            while c.is_(end, "و", ",", "،") or (
                c.word(end).startswith("و") and c.unit_at(end) is not None
            ):
                nxt = _amount(c, end + 1 if c.is_(end, "و", ",", "،") else end)
                if nxt is None:
                    break
                parts.append((nxt[0], nxt[1]))
                end = nxt[2]
            if end < len(c.toks) and c.toks[end].kind == "num" and len(parts) == 1:
                return None  # "منذ عام 2003": the year itself, read by the year rule
            if c.is_(end, "من"):
                now_end = c.flag(c.lex.now, end + 1)
                if now_end is None and c.is_(j, "بعد", "قبل") and _event_after(c, end + 1):
                    # "بعد يوم من رفض ...": counted from an event, not from the anchor
                    return Hit(j + 1, end, "duration", "duration", _dur_parts(parts))
                end = now_end or end
            return Hit(i, end, "date", "day", _ago(parts, sign))
    return None


def _stated_year(c: Ctx, i: int) -> Hit | None:
    """A four-digit year right after "العام الماضي" / "هذا العام", bare or in brackets."""
    j = i + 1 if c.is_(i, "(") else i
    if j >= len(c.toks) or c.toks[j].kind != "num" or not c.toks[j].text.isdigit():
        return None
    year = int(c.toks[j].text)
    if not 1900 <= year <= 2100 or len(c.toks[j].text) != 4:
        return None
    end = j + 2 if j > i and c.is_(j + 1, ")") else j + 1
    return Hit(i, end, "date", "year", lambda a, n, d: Resolved(f"{year:04d}"))


def _event_after(c: Ctx, i: int) -> bool:
    """True when token ``i`` starts no time expression: "بعد يوم من رفض الدولة" counts from an
    event, "بعد يومين من الآن" / "بعد أسبوع من 5 مايو" from a time."""
    if i >= len(c.toks) or c.toks[i].kind != "word":
        return False
    lex = c.lex
    for table in (lex.days, lex.weekdays, lex.months, lex.this, lex.holidays):
        if table.match(c.toks, i) is not None:
            return False
    return c.unit_at(i) is None


def _now(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
    if now is None:
        return Resolved(anchor.isoformat() if anchor else "")
    return Resolved(now.replace(tzinfo=None, microsecond=0).isoformat())


def _tonight(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
    if anchor is None:
        return Resolved("")
    return Resolved(f"{anchor.isoformat()}T18:00", f"{anchor.isoformat()}T23:00")


def _days(offset: int) -> Resolver:
    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        if anchor is None:
            return Resolved("")
        return Resolved((anchor + dt.timedelta(days=offset)).isoformat())

    return resolve


def _unit(unit: str, offset: int) -> Resolver:
    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        if anchor is None:
            return Resolved("")
        return Resolved(fmt(shift(anchor, unit, offset), unit))

    return resolve


def _span(unit: str, n: int) -> Resolver:
    """The ``|n|`` units before (n < 0) or after (n > 0) the anchor's unit."""

    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        if anchor is None:
            return Resolved("")
        gran = _DATE_GRAN.get(unit, "day")
        if n > 0:
            a, b = shift(anchor, unit, 1), shift(anchor, unit, n)
        else:
            a, b = shift(anchor, unit, n), shift(anchor, unit, -1)
        if unit == "week":
            gran = "week"
        return Resolved(fmt(a, gran), fmt(b, gran))

    return resolve


def _decades(n: int) -> Resolver:
    """The ``|n|`` calendar decades before (n < 0) or after (n > 0) the anchor's decade, as
    months: "العقدين الماضيين" in 2016 is 1990-01..2009-12."""

    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        if anchor is None:
            return Resolved("")
        base = anchor.year - anchor.year % 10
        lo, hi = (base + 10, base + 10 * n + 9) if n > 0 else (base + 10 * n, base - 1)
        return Resolved(f"{lo:04d}-01", f"{hi:04d}-12")

    return resolve


def _ago(parts: list[tuple[str, float]], sign: int) -> Resolver:
    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        if anchor is None:
            return Resolved("")
        if parts[0][0] in ("hour", "minute", "second"):
            if now is None:
                return Resolved(anchor.isoformat())
            delta = sum((dt.timedelta(**{u + "s": sign * n}) for u, n in parts), dt.timedelta())
            return Resolved((now.replace(tzinfo=None) + delta).isoformat(timespec="minutes"))
        d = anchor
        for unit, n in parts:
            if unit in ("hour", "minute", "second"):
                continue
            if not float(n).is_integer():
                days = {"week": 7, "month": 30, "year": 365}.get(unit, 1) * n
                d = d + dt.timedelta(days=sign * round(days))
            else:
                d = shift(d, unit, sign * int(n))
        return Resolved(d.isoformat())

    return resolve


def _amount(c: Ctx, i: int) -> tuple[str, float, int] | None:
    """ "ثلاثة أيام", "3 أسابيع", "يومين", "أسبوع", "نصف ساعة": (unit, count, end)."""
    u = c.unit_at(i)
    if u is not None and not u[3]:
        unit, number, j, _ = u
        if number == "du":
            if c.word(j) in ("ونصف", "ونص"):
                return unit, 2.5, j + 1
            return unit, 2.0, j
        if number == "sg":
            if c.is_(j, "و") or c.word(j) in ("ونصف", "ونص"):
                k = j + 1 if c.is_(j, "و") else j
                if c.word(k) in ("نصف", "نص", "ونصف", "ونص"):
                    return unit, 1.5, k + 1
            if c.word(j) in ("واحد", "واحده", "كامل", "كامله"):
                j += 1
            return unit, 1.0, j
        return None
    if c.stem_in(i, c.lex.few):
        u = c.unit_at(i + 1)
        if u is None or u[3] or u[1] != "pl":
            return None
        return u[0], 3.0, u[2]
    m = c.number(i)
    if m is None or m.ordinal or m.value <= 0:
        return None
    u = c.unit_at(m.end_tok)
    if u is None or (u[3] and (u[1] != "pl" or c.toks[i].kind != "num")):
        return None  # "3 الساعات" (colloquial) passes; "ثلاثة الأيام" does not
    unit, number, j, _ = u
    if number == "du":
        return None
    value = m.value
    if c.word(j) in ("ونصف", "ونص"):
        value, j = value + 0.5, j + 1
    return unit, value, j


def duration_rule(c: Ctx, i: int) -> Hit | None:
    """Durations: "3 أيام", "يومين", "لمدة شهر", "ما يقرب من ثلاث سنوات", "ساعة ونصف"."""
    j = i
    ap = c.flag(c.lex.approx, i)
    if ap is not None:
        j = ap
    within = c.flag(c.lex.within, j)
    k = within if within is not None else j
    if c.is_(k, "نصف", "نص"):
        u = c.unit_at(k + 1)
        if u is not None and u[1] == "sg":
            return Hit(i, u[2], "duration", "duration", _dur(u[0], 0.5))
    if within is not None:
        u = c.unit_at(k)
        if u is not None and u[3] and u[1] == "sg":
            if modifier(c, u[2]) is not None:
                return None  # "خلال العام الجاري" is this year, not a year's duration
            return Hit(i, u[2], "duration", "duration", _dur(u[0], 1.0))
        if c.is_(k, "اليوم"):
            return Hit(i, k + 1, "duration", "duration", _dur("day", 1.0))
    a = _amount(c, k)
    if a is None:
        return None
    unit, n, end = a
    if unit in ("decade", "century") and within is None:
        return None  # "300 عقد" is 300 contracts far more often than 3000 years
    u0 = c.unit_at(k)
    bare = n == 1.0 and within is None and u0 is not None and u0[1] == "sg" and end == k + 1
    if bare and unit not in ("week", "month", "hour", "minute", "second"):
        return None  # a bare "عام" (also "general") or "يوم" is too often not a duration
    parts = [(unit, n)]
    # "عام واحد و شهر و 21 يوما"
    while c.is_(end, "و") or (
        end < len(c.toks) and c.word(end).startswith("و") and c.toks[end].kind == "word"
    ):
        probe = end + 1 if c.is_(end, "و") else end
        nxt = _amount(c, probe) if probe != end else _amount_clitic(c, end)
        if nxt is None or nxt[0] == parts[-1][0]:
            break
        parts.append((nxt[0], nxt[1]))
        end = nxt[2]
    # "أسبوع واحد ثلاثة أيام": a smaller unit following without و
    order = list(_UNIT_CODE)
    while end < len(c.toks) and c.toks[end].kind in ("num", "word"):
        nxt = _amount(c, end)
        if nxt is None or order.index(nxt[0]) >= order.index(parts[-1][0]):
            break
        parts.append((nxt[0], nxt[1]))
        end = nxt[2]
    if c.is_(end, "من") and c.flag(c.lex.now, end + 1) is not None:
        # "2 سنة و1 شهر من الآن": a date, before or after the anchor by the tense
        return Hit(i, c.flag(c.lex.now, end + 1) or end, "date", "day", _from_now(parts))
    return Hit(i, end, "duration", "duration", _dur_parts(parts))


def _from_now(parts: list[tuple[str, float]]) -> Resolver:
    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        return _ago(parts, -1 if direction < 0 else 1)(anchor, now, direction)

    return resolve


def _amount_clitic(c: Ctx, i: int) -> tuple[str, float, int] | None:
    u = c.unit_at(i)
    if u is not None and c.word(i).startswith("و"):
        return _amount(c, i)
    return None


def _num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _dur(unit: str, n: float) -> Resolver:
    return _dur_parts([(unit, n)])


def _dur_parts(parts: list[tuple[str, float]]) -> Resolver:
    date_part, time_part = "", ""
    order = list(_UNIT_CODE)
    for unit, n in sorted(parts, key=lambda p: -order.index(p[0])):
        code = _UNIT_CODE[unit]
        val = n * _UNIT_SCALE.get(unit, 1)
        if unit in ("hour", "minute", "second"):
            time_part += _num(val) + code
        else:
            date_part += _num(val) + code
    value = "P" + date_part + ("T" + time_part if time_part else "")
    return lambda a, n, d: Resolved(value)


def weekday_rule(c: Ctx, i: int) -> Hit | None:
    """Weekdays: "الثلاثاء", "يوم الأحد الماضي", "الاثنين المقبل", "الأحد من الأسبوع الماضي",
    "اليوم الثلاثاء"."""
    j, day_offset = i, None
    d = c.lex.days.match(c.toks, j)
    if d is not None and d[1] == j + 1:
        day_offset, j = d[0], d[1]
    this = c.flag(c.lex.this, j)
    if this is not None:
        j = this
    week_before: int | None = None
    uw = c.unit_at(j)
    if uw is not None and uw[0] == "week" and uw[1] == "sg" and (uw[3] or this is not None):
        mw = modifier(c, uw[2]) if this is None else (0, uw[2])
        if mw is not None:
            week_before, j = mw
            if c.is_(j, "،", ","):
                j += 1
    if c.is_(j, "يوم"):
        j += 1
    w = c.lex.weekdays.match(c.toks, j)
    if w is None:
        return None
    weekday, k, plen = w
    stem = c.toks[j].text[plen:]
    bare = not stem.startswith("ال") and not c.is_(j - 1, "يوم")
    mode = 1 if this is not None else 0
    explicit = False
    m = modifier(c, k)
    if m is not None and m[0] != 0 and not c.is_(k, "هذا", "هذه"):
        mode, k, explicit = 2 * m[0], m[1], True
    week_off: int | None = week_before
    kk = k + 1 if c.is_(k, "من") else k
    this2 = c.flag(c.lex.this, kk)
    if this2 is not None:
        kk = this2
    u = c.unit_at(kk)
    if u is not None and u[0] == "week" and u[1] == "sg" and u[3] and week_off is None:
        m2 = modifier(c, u[2])
        if this2 is not None:
            week_off, k = 0, u[2]
        elif m2 is not None:
            week_off, k = m2[0], m2[1]
    if bare and week_off is None and not explicit:
        return None
    if day_offset is not None and day_offset != 0 and week_off is None and not explicit:
        pass

    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        if anchor is None:
            return Resolved(f"XXXX-WXX-{weekday + 1}")
        if day_offset is not None:
            base = anchor + dt.timedelta(days=day_offset)
            if base.weekday() == weekday:
                return Resolved(base.isoformat())
        if week_off is not None:
            monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=week_off)
            return Resolved((monday + dt.timedelta(days=weekday)).isoformat())
        md = mode if mode else direction
        return Resolved(weekday_date(anchor, weekday, md).isoformat())

    return Hit(i, k, "date", "day", resolve)
