"""The time word lists of ``resources/time`` as phrase tables, built once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.extract.timex.tokens import PhraseTable
from marsad.resources import load_json
from marsad.text.normalize import match_key

__all__ = ["TimeLexicon", "time_lexicon"]


@dataclass(frozen=True, slots=True)
class DayPart:
    name: str
    pm: bool
    start: int
    end: int
    code: str = ""  # TIMEX3 part of day (MO, AF, EV, NI) or a clock time (12:00)


@dataclass(frozen=True, slots=True)
class TimeLexicon:
    months: PhraseTable[int]
    ambiguous_months: frozenset[str]
    hijri_months: PhraseTable[int]
    ambiguous_hijri: frozenset[str]
    hijri_markers: frozenset[str]
    gregorian_markers: frozenset[str]
    weekdays: PhraseTable[int]
    seasons: PhraseTable[str]
    season_months: dict[str, tuple[int, int]]
    holidays: PhraseTable[tuple[str, int, int]]  # (calendar, month, day)
    days: PhraseTable[int]
    now: PhraseTable[bool]
    tonight: PhraseTable[bool]
    units: PhraseTable[tuple[str, str, bool]]  # (unit, sg/du/pl, with article)
    moment: PhraseTable[bool]
    past: PhraseTable[bool]
    future: PhraseTable[bool]
    current: PhraseTable[bool]
    this: PhraseTable[bool]
    ago: frozenset[str]
    within: PhraseTable[bool]
    approx: PhraseTable[bool]
    range_to: frozenset[str]
    earlier_in: PhraseTable[bool]
    early: PhraseTable[bool]
    mid: PhraseTable[bool]
    late: PhraseTable[bool]
    weekend: PhraseTable[bool]
    day_parts: PhraseTable[DayPart]
    part_modifiers: PhraseTable[bool]
    clock: PhraseTable[bool]
    clock_fractions: dict[str, int]
    clock_minus: frozenset[str]
    time_zones: dict[str, int]
    future_cues: PhraseTable[bool]
    past_cues: PhraseTable[bool]
    future_prefix_exceptions: frozenset[str]
    few: frozenset[str]
    last_ordinal: frozenset[str]
    few_after: frozenset[str]  # "الأيام القليلة الماضية"
    recent: frozenset[str]  # "الأشهر الأخيرة": a few units before the anchor
    few_count: int
    that: PhraseTable[bool]  # "ذلك الشهر": the period the text last named


def _flag(words: list[str]) -> PhraseTable[bool]:
    return PhraseTable((w, True) for w in words)


def _keys(words: list[str]) -> frozenset[str]:
    return frozenset(match_key(w) for w in words)


@lru_cache(maxsize=1)
def time_lexicon() -> TimeLexicon:
    """The time lexicon (``resources/time/calendar.json`` and ``words.json``)."""
    cal = load_json("time", "calendar.json")
    words = load_json("time", "words.json")

    def numbered(section: dict[str, list[str]]) -> PhraseTable[int]:
        return PhraseTable((name, int(k)) for k, names in section.items() for name in names)

    units: list[tuple[str, tuple[str, str, bool]]] = []
    for unit, forms in words["units"].items():
        for number, names in forms.items():
            units.extend((n, (unit, number, False)) for n in names)
            units.extend(("ال" + n, (unit, number, True)) for n in names)
    holidays: list[tuple[str, tuple[str, int, int]]] = []
    for spec in cal["holidays"].values():
        if "nth_weekday" in spec:  # (month, weekday, n): "the 4th Thursday of November"
            month, weekday, nth = spec["nth_weekday"]
            holidays.extend((n, ("nth", month, weekday * 10 + nth)) for n in spec["names"])
            continue
        calendar = "hijri" if "hijri" in spec else "easter" if spec.get("computus") else "gregorian"
        month, day = spec["hijri" if calendar == "hijri" else "gregorian"]
        holidays.extend((n, (calendar, month, day)) for n in spec["names"])
    parts = [
        (n, DayPart(name, bool(p["pm"]), int(p["start"]), int(p["end"]), str(p["code"])))
        for name, p in words["day_parts"].items()
        for n in p["names"]
    ]
    return TimeLexicon(
        months=numbered(cal["months"]),
        ambiguous_months=_keys(cal["ambiguous_months"]),
        hijri_months=numbered(cal["hijri_months"]),
        ambiguous_hijri=_keys(cal["ambiguous_hijri_months"]),
        hijri_markers=_keys(cal["hijri_markers"]),
        gregorian_markers=_keys(cal["gregorian_markers"]),
        weekdays=numbered(cal["weekdays"]),
        seasons=PhraseTable((n, k) for k, names in cal["seasons"].items() for n in names),
        season_months={k: (int(v[0]), int(v[1])) for k, v in cal["season_months"].items()},
        holidays=PhraseTable(holidays),
        days=numbered(words["days"]),
        now=_flag(words["now"]),
        tonight=_flag(words["tonight"]),
        units=PhraseTable(units),
        moment=_flag(words["moment"]),
        past=_flag(words["past"]),
        future=_flag(words["future"]),
        current=_flag(words["current"]),
        this=_flag(words["this"]),
        ago=_keys(words["ago"]),
        within=_flag(words["within"]),
        approx=_flag(words["approx"]),
        range_to=_keys(words["range_to"]),
        earlier_in=_flag(words["earlier_in"]),
        early=_flag(words["early"]),
        mid=_flag(words["mid"]),
        late=_flag(words["late"]),
        weekend=_flag(words["weekend"]),
        day_parts=PhraseTable(parts),
        part_modifiers=_flag(words["part_modifiers"]),
        clock=_flag(words["clock"]),
        clock_fractions={match_key(k): int(v) for k, v in words["clock_fractions"].items()},
        clock_minus=_keys(words["clock_minus"]),
        time_zones={match_key(k): int(v) for k, v in words["time_zones"].items()},
        future_cues=_flag(words["future_cues"]),
        past_cues=_flag(words["past_cues"]),
        future_prefix_exceptions=_keys(words["future_prefix_exceptions"]),
        few=_keys(words["few"]),
        last_ordinal=_keys(words["last_ordinal"]),
        few_after=_keys(words["few_after"]),
        recent=_keys(words["recent"]),
        few_count=int(words["few_count"]),
        that=_flag(words["that"]),
    )
