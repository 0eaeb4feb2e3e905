"""Times of day: "الساعة 3 صباحا", "3:18", "الثالثة وربع بعد الظهر", "الساعة 12 إلا ربعا",
"الساعة 8 بتوقيت غرينتش"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from marsad.extract.numbers import number_at
from marsad.extract.timex.base import Ctx, Hit, Resolved
from marsad.extract.timex.lexicon import DayPart

__all__ = ["clock_range_rule", "clock_rule", "daypart_rule"]


def _hour_minute(c: Ctx, i: int, clock: bool) -> tuple[int, int, int | None, int] | None:
    """``(hour, minute, second, end)`` at ``i``."""
    if i >= len(c.toks):
        return None
    t = c.toks[i]
    if t.kind == "num" and t.text.isdigit():
        h = int(t.text)
        if not 0 <= h <= 24 or len(t.text) > 2:
            return None
        j = i + 1
        if c.is_(j, ":") and c.adjacent(j) and j + 1 < len(c.toks) and c.adjacent(j + 1):
            mt = c.toks[j + 1]
            if mt.kind == "num" and mt.text.isdigit() and len(mt.text) == 2 and int(mt.text) < 60:
                minute, k, sec = int(mt.text), j + 2, None
                if c.is_(k, ":") and c.adjacent(k) and k + 1 < len(c.toks):
                    st = c.toks[k + 1]
                    if st.kind == "num" and st.text.isdigit() and len(st.text) == 2:
                        sec, k = int(st.text), k + 2
                return h, minute, sec, k
        return h, 0, None, j
    if t.kind != "word":
        return None
    m = c.number(i)
    end = m.end_tok if m is not None else i
    if m is not None and m.value > 12:
        # "الرابعة واربعون": the hour is the first word (or a teen: "الحادية عشرة")
        m = number_at(c.toks[i : i + 2], 0)
        if m is None or m.value > 12:
            m = number_at(c.toks[i : i + 1], 0)
        end = i + m.end_tok if m is not None else i
    if m is None or not m.value.is_integer() or not 1 <= m.value <= 12:
        return None
    if m.ordinal and not c.toks[i].text.endswith("ه"):
        return None  # hours are feminine ordinals: "الثالثة", not "الأول"
    return int(m.value), 0, None, end


def _minutes(c: Ctx, i: int) -> tuple[int, int] | None:
    """Minutes after an hour: "و18 دقيقة", "وربع", "والنصف", "إلا ربعا" (negative)."""
    w = c.word(i)
    lex = c.lex
    if c.stem_in(i, lex.clock_minus):
        frac = c.word(i + 1).removesuffix("ا")
        frac = frac[2:] if frac.startswith("ال") else frac
        if frac in lex.clock_fractions:
            return -lex.clock_fractions[frac], i + 2
        n = c.int_at(i + 1, 1, 59)
        if n is not None:
            return -n[0], n[1] + (1 if c.word(n[1]).startswith("دقيق") else 0)
        return None
    j = i
    if w == "و":
        j = i + 1
        w = c.word(j)
    elif w.startswith("و") and len(w) > 1:
        w = w[1:]
    else:
        return None
    base = w[2:] if w.startswith("ال") else w
    if base in lex.clock_fractions:
        return lex.clock_fractions[base], j + 1
    # "و18 دقيقة", "وثمانية عشر دقيقة", "وعشرين"
    if j >= len(c.toks):  # the text ends with "و"
        return None
    probe = c.toks[j]
    if probe.kind == "num":
        # "و20 دقيقة": a bare "و 6" is the other end of a range, not minutes
        if not probe.text.isdigit() or not 0 < int(probe.text) < 60:
            return None
        if not c.word(j + 1).startswith("دقيق"):
            return None
        return int(probe.text), j + 2
    m = c.number(j)
    if m is None or m.ordinal or not m.value.is_integer() or not 0 < m.value < 60:
        return None
    k = m.end_tok
    if c.word(k).startswith("دقيق"):
        k += 1
    return int(m.value), k


@dataclass(frozen=True, slots=True)
class _Clock:
    hour: int
    minute: int
    sec: int | None
    part: DayPart | None
    end: int
    explicit: bool  # a clock word, a colon or a part of the day says it is a time
    minutes_given: bool
    tz: int | None


def _clock_at(c: Ctx, i: int, *, bare: bool = False) -> _Clock | None:
    """A time of day at ``i``; ``bare`` accepts a lone hour ("5" in "من 5 إلى 6 مساء")."""
    j = i
    part_before = c.lex.day_parts.match(c.toks, j)
    if part_before is not None and part_before[0].code not in ("NI", "00:00"):
        j = part_before[1]
    clock = c.flag(c.lex.clock, j)
    if clock is not None:
        j = clock
    hm = _hour_minute(c, j, True)
    if hm is None:
        return None
    hour, minute, sec, k = hm
    mm = _minutes(c, k)
    if mm is not None:
        if mm[0] < 0:
            hour, minute = (hour - 1) % 24, 60 + mm[0]
        else:
            minute = mm[0]
        k = mm[1]
    part: DayPart | None = part_before[0] if part_before is not None else None
    kk = k + 1 if c.is_(k, "في") else k
    p = c.lex.day_parts.match(c.toks, kk)
    if p is not None:
        part, k = p[0], p[1]
    elif c.flag(c.lex.tonight, k) is not None:
        part = DayPart("night", True, 18, 24, "NI")
        k = c.flag(c.lex.tonight, k) or k
    colon = ":" in c.text[c.toks[j].start : c.toks[k - 1].end]
    word_hour = c.toks[j].kind == "word"
    ordinal_hour = word_hour and c.ordinal_at(j, 1, 12) is not None
    explicit = clock is not None or part is not None or colon or (ordinal_hour and mm is not None)
    if not explicit and not bare:
        return None
    if j > i and clock is None and part_before is None:
        return None
    tz: int | None = None
    if c.is_(k, "بتوقيت", "توقيت") and k + 1 < len(c.toks):
        zone = c.word(k + 1).lower()
        if zone in c.lex.time_zones:
            tz, k = c.lex.time_zones[zone], k + 2
    return _Clock(hour, minute, sec, part, k, explicit, bool(minute or mm or colon), tz)


def _apply_part(hour: int, part: DayPart | None) -> int:
    if part is None:
        return hour
    if hour == 12 and (part.code == "00:00" or part.name == "night"):
        return 0
    if part.pm and hour < 12 and not (part.name == "noon" and hour >= 11):
        return hour + 12
    return hour


def _fmt(day: dt.date | None, hour: int, minute: int, sec: int | None) -> str:
    t = f"T{hour:02d}:{minute:02d}" + (f":{sec:02d}" if sec is not None else "")
    return (day.isoformat() if day else "") + t


def clock_rule(c: Ctx, i: int) -> Hit | None:
    """A time of day, with its part of the day and time zone."""
    j = i + 1 if c.is_(i, "عند", "حوالي", "بحدود", "قرابه", "نحو") else i
    ck = _clock_at(c, j)
    if ck is None and c.is_(i, "في", "عند"):
        # "في السابعة", "عند الحادية عشرة": a feminine ordinal hour, not "في السابعة من عمره"
        ck = _clock_at(c, i + 1, bare=True)
        nxt = c.toks[i + 1 : i + 2]  # "في" may be the text's last token
        hour_word = number_at(c.toks[i + 1 : i + 3], 0) if nxt and nxt[0].kind == "word" else None
        if ck is not None and (hour_word is None or not hour_word.ordinal or c.is_(ck.end, "من")):
            ck = None
        if ck is not None:
            j = i + 1
            i = j
    if ck is None:
        return None
    hour = _apply_part(ck.hour, ck.part) % 24
    gran = "second" if ck.sec is not None else "minute" if ck.minutes_given else "hour"
    mi, s, zone = ck.minute, ck.sec, ck.tz

    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        day, hh = anchor, hour
        offset = now.utcoffset() if now is not None else None
        if zone is not None and offset is not None:
            hh = hour + int(offset.total_seconds() // 3600) - zone
            if day is not None:
                day = day + dt.timedelta(days=hh // 24)
            hh %= 24
        return Resolved(_fmt(day, hh, mi, s))

    return Hit(i, ck.end, "time", gran, resolve)


def clock_range_rule(c: Ctx, i: int) -> Hit | None:
    """ "من 5 إلى 6 مساءً", "بين الساعة 3 صباحا و5 مساء", "4 - 5 مساءً": one part of the day
    stated once serves both ends."""
    j = i + 1 if c.is_(i, "من", "بين") else i
    a = _clock_at(c, j, bare=True)
    if a is None or not c.is_(a.end, "الي", "حتي", "وحتي", "و", "-", "لغايه", "والي"):
        return None
    if j == i and not c.is_(a.end, "-") and not a.explicit:
        return None
    b = _clock_at(c, a.end + 1, bare=True)
    if b is None or not (a.explicit or b.explicit):
        return None
    pa, pb = a.part or b.part, b.part or a.part
    h1, h2 = _apply_part(a.hour, pa) % 24, _apply_part(b.hour, pb) % 24
    if a.part is not None and b.part is None and h2 < h1 and b.hour < 12:
        h2 = min(h2 + 12, 23)
    if b.part is not None and a.part is None and h1 > h2:
        h1 = a.hour
    gran = "minute" if a.minutes_given or b.minutes_given else "hour"

    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        return Resolved(_fmt(anchor, h1, a.minute, a.sec), _fmt(anchor, h2, b.minute, b.sec))

    return Hit(i, b.end, "time", gran, resolve)


def daypart_rule(c: Ctx, i: int) -> Hit | None:
    """A part of the day alone: "صباح" -> TMO, "بعد الظهر" -> TAF, "منتصف الليل" -> T00:00."""
    j = i
    e = c.flag(c.lex.part_modifiers, i)
    if e is not None:
        j = e
    p = c.lex.day_parts.match(c.toks, j)
    if p is None:
        return None
    part, k, _ = p
    e2 = c.flag(c.lex.part_modifiers, k)
    if e2 is not None:
        k = e2
    code = part.code

    def resolve(anchor: dt.date | None, now: dt.datetime | None, direction: int) -> Resolved:
        return Resolved((anchor.isoformat() if anchor else "") + "T" + code)

    return Hit(i, k, "time", "part", resolve)
