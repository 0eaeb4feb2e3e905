"""Scoring time and quantity extraction on Duckling's and Recognizers-Text's Arabic corpora.

Both corpora are read where they lie (``<shared>/data/temporal``), never copied. Their expected
values are converted to marsad's value conventions (see :mod:`marsad.extract.timex.calendar`):

* Duckling ``datetime (2013, 2, 12, 0, 0, 0) Day`` -> ``2013-02-12`` (``Week`` -> ISO week,
  ``Hour`` -> ``2013-02-12T15:00``); intervals end-exclusive -> inclusive ``end``;
  ``simple Dollar 10`` -> ``(USD, 10)``; ``between``/``under``/``above`` -> bounds.
* Recognizers-Text TIMEX (``XXXX-10-02`` with its future and past resolutions, ``(a,b,P18D)``
  ranges, ``T08:40``, ``P3D``) -> the set of values any of its resolutions allows.

A case is correct when every expected value is produced by an expression overlapping its span
(for negatives: when nothing is found). Cases are split into a development part and a held-out
part (one in five, by a hash of the text) and both are reported. ``marsad eval times`` also runs
dateparser over the same date cases.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.errors import ConfigError

__all__ = [
    "Case",
    "Expected",
    "add_arguments",
    "duckling_cases",
    "recognizers_cases",
    "run",
]

logger = logging.getLogger(__name__)

DUCKLING_REF = dt.datetime(2013, 2, 12, 4, 30, tzinfo=dt.timezone(dt.timedelta(hours=-2)))
TIME_CATEGORIES = ("time", "duration")
_GRAN = {
    "Second": "second",
    "Minute": "minute",
    "Hour": "hour",
    "Day": "day",
    "Week": "week",
    "Month": "month",
    "Year": "year",
}
_CURRENCY = {
    "Dollar": "USD",
    "EUR": "EUR",
    "Pound": "EGP|GBP",
    "GBP": "GBP",
    "KWD": "KWD",
    "LBP": "LBP",
    "EGP": "EGP",
    "QAR": "QAR",
    "SAR": "SAR",
    "JOD": "JOD",
    "ILS": "ILS",
    "Cent": "USD",
}
_UNITS = {
    "Gram": "g",
    "Ounce": "oz",
    "Cup": "cup",
    "Millilitre": "ml",
    "Litre": "l",
    "Gallon": "gal",
    "Hectolitre": "hl",
    "Celsius": "Cel",
    "Fahrenheit": "degF",
    "Degree": "deg",
}
_DUR = {
    "Second": "S",
    "Minute": "M",
    "Hour": "H",
    "Day": "D",
    "Week": "W",
    "Month": "M",
    "Year": "Y",
}


@dataclass(frozen=True, slots=True)
class Expected:
    """One expected value: a time (``value``, ``end``) or a quantity (``number``, ``unit``,
    bounds). ``span`` is the expected character span when the corpus gives one."""

    values: frozenset[tuple[str, str | None]] = frozenset()
    number: float | None = None
    unit: str | None = None
    lower: float | None = None
    upper: float | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Case:
    dataset: str
    category: str  # time, duration, number, ordinal, money, percent, unit, range
    source: str  # file or dimension
    text: str
    ref: dt.datetime | None
    expected: tuple[Expected, ...]
    supported: bool = True
    negative: bool = False
    held_out: bool = field(default=False)


def _held_out(text: str) -> bool:
    return hashlib.sha1(text.encode("utf-8")).digest()[0] % 5 == 0


# -- Duckling -----------------------------------------------------------------------------------
_DT = re.compile(r"\((\d+), (\d+), (\d+), (\d+), (\d+), (\d+)\)")


def _fmt(parts: tuple[int, ...], gran: str, *, inclusive_end: bool = False) -> str:
    y, mo, d, h, mi, s = parts
    t = dt.datetime(y, mo, d, h, mi, s)
    if inclusive_end:
        step = {
            "second": dt.timedelta(seconds=1),
            "minute": dt.timedelta(minutes=1),
            "hour": dt.timedelta(hours=1),
            "day": dt.timedelta(days=1),
            "week": dt.timedelta(weeks=1),
        }.get(gran)
        if step is not None:
            t -= step
        elif gran == "month":
            t = (t.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        elif gran == "year":
            t = t.replace(year=t.year - 1)
    if gran == "year":
        return f"{t.year:04d}"
    if gran == "month":
        return f"{t.year:04d}-{t.month:02d}"
    if gran == "week":
        iy, iw, _ = t.date().isocalendar()
        return f"{iy:04d}-W{iw:02d}"
    if gran == "day":
        return t.date().isoformat()
    if gran == "second":
        return t.isoformat(timespec="seconds")
    return t.isoformat(timespec="minutes")


def convert_duckling(dimension: str, expected: str) -> tuple[str, Expected] | None:
    """``(category, Expected)`` for one Duckling expected-value string, ``None`` if unused."""
    dim = dimension.split("_")[0]
    words = expected.split()
    if dim == "Time":
        gran = _GRAN.get(words[-1]) or _GRAN.get(expected.split(")")[-1].split()[0], "day")
        stamps = [tuple(int(x) for x in m.groups()) for m in _DT.finditer(expected)]
        if not stamps:
            return None
        val: tuple[str, str | None]
        if expected.startswith(("datetimeInterval", "datetimeIntervalHoliday")):
            val = (_fmt(stamps[0], gran), _fmt(stamps[1], gran, inclusive_end=True))
        else:
            val = (_fmt(stamps[0], gran), None)
        return "time", Expected(values=frozenset({val}))
    if dim == "Numeral":
        return "number", Expected(number=float(expected.split(" ", 1)[1].strip("()")))
    if dim == "Ordinal":
        return "ordinal", Expected(number=float(words[1]))
    if dim == "Duration":
        n, unit = words[1], words[2]
        t = "T" if unit in ("Second", "Minute", "Hour") else ""
        return "duration", Expected(values=frozenset({(f"P{t}{n}{_DUR[unit]}", None)}))
    if dim == "AmountOfMoney":
        cur = _CURRENCY.get(words[1], words[1])
        scale = 0.01 if words[1] == "Cent" else 1.0
        nums = [
            float(x) * scale for x in re.findall(r"-?\d+(?:\.\d+)?(?:e\d+)?", " ".join(words[2:]))
        ]
        if words[0] == "between":
            return "money", Expected(unit=cur, lower=nums[0], upper=nums[1])
        if words[0] == "under":
            return "money", Expected(unit=cur, upper=nums[0])
        if words[0] == "above":
            return "money", Expected(unit=cur, lower=nums[0])
        return "money", Expected(number=nums[0], unit=cur)
    if dim in ("Quantity", "Volume", "Temperature"):
        unit = _UNITS.get(words[1], words[1])
        num = float(words[2].strip("()"))
        return "unit", Expected(number=num, unit=unit)
    return None


def duckling_cases(root: Path) -> list[Case]:
    """Cases of ``duckling-ar/duckling_ar_examples.jsonl`` (reference 2013-02-12T04:30-02:00)."""
    path = root / "duckling-ar" / "duckling_ar_examples.jsonl"
    if not path.is_file():
        raise ConfigError(f"Duckling corpus not found at {path}")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = row["text"]
        if "\\" in text:  # "\1638..." escapes: the Haskell source's own digits
            continue
        if row.get("negative"):
            cat = {"Time": "time", "Quantity": "unit"}.get(row["dimension"].split("_")[0], "number")
            out.append(
                Case(
                    "duckling",
                    cat,
                    row["dimension"],
                    text,
                    DUCKLING_REF,
                    (),
                    negative=True,
                    held_out=_held_out(text),
                )
            )
            continue
        conv = convert_duckling(row["dimension"], row["expected_haskell"])
        if conv is None:
            continue
        out.append(
            Case(
                "duckling",
                conv[0],
                row["dimension"],
                text,
                DUCKLING_REF,
                (conv[1],),
                held_out=_held_out(text),
            )
        )
    return out


# -- Recognizers-Text ---------------------------------------------------------------------------
def _timex_values(timex: str, resolutions: Iterable[dict[str, str]]) -> set[tuple[str, str | None]]:
    out: set[tuple[str, str | None]] = set()
    res = [r for r in resolutions if r]
    if timex.startswith("P") or timex.startswith("T"):
        return {(_norm_t(timex), None)}
    if re.fullmatch(r"[\dX]{4}-\d\d-W\d\d", timex):  # week of a month: its Monday's ISO week
        for r in res:
            if r.get("startDate"):
                y, w, _ = dt.date.fromisoformat(r["startDate"]).isocalendar()
                out.add((f"{y:04d}-W{w:02d}", None))
        return out
    if timex.startswith("("):
        a, b, _ = timex[1:-1].split(",")
        if "X" not in a + b:
            return {(_norm_t(a), _norm_t(b)), *_aligned(a, b)}
        for r in res:
            start = r.get("startDate") or r.get("startTime") or ""
            if start:
                ys = start[:4]
                out.add((_norm_t(a.replace("XXXX", ys)), _norm_t(b.replace("XXXX", ys))))
                if r.get("endDate"):
                    out |= _aligned(r["startDate"], r["endDate"])
        return out
    if "X" not in timex:
        return {(timex, None)}
    for r in res:
        d = r.get("date") or r.get("startDate") or ""
        if not d:
            continue
        if re.fullmatch(r"XXXX-\d\d(-\d\d)?", timex):
            out.add((d[:4] + timex[4:], None))
        else:
            out.add((d[:10], None))
    return out


def _aligned(a: str, b: str) -> set[tuple[str, str | None]]:
    """Calendar-aligned RT ranges in marsad's form: whole years (2014-01-01, 2018-01-01) ->
    (2014, 2018) and a decade -> its TIMEX decade; whole months -> (2016-07, 2016-09)."""
    out: set[tuple[str, str | None]] = set()
    m1 = re.fullmatch(r"(\d{4})-01-01", a)
    m2 = re.fullmatch(r"(\d{4})-01-01", b)
    if m1 and m2:
        y1, y2 = int(m1.group(1)), int(m2.group(1))
        out.add((f"{y1:04d}", f"{y2:04d}"))
        if y2 - y1 == 10 and y1 % 10 == 0:
            out.add((f"{y1 // 10:03d}", None))
        if y2 - y1 > 10 and y1 % 10 == 0 and (y2 - y1) % 10 == 0:
            out.add((f"{y1 // 10:03d}", f"{y2 // 10 - 1:03d}"))
    m1 = re.fullmatch(r"(\d{4})-(\d\d)-01", a)
    m2 = re.fullmatch(r"(\d{4})-(\d\d)-01", b)
    if m1 and m2:
        end = dt.date(int(m2.group(1)), int(m2.group(2)), 1) - dt.timedelta(days=1)
        out.add((f"{m1.group(1)}-{m1.group(2)}", f"{end.year:04d}-{end.month:02d}"))
    return out


def _norm_t(v: str) -> str:
    """ "T07" -> "T07:00" (times compared at minute precision or finer)."""
    m = re.fullmatch(r"(.*T)(\d\d)", v)
    return f"{m.group(1)}{m.group(2)}:00" if m else v


def _rt_expected(r: dict[str, Any], file: str) -> Expected | None:
    start = r.get("Start")
    length = r.get("Length")
    end = r.get("End")
    span = None
    if start is not None:
        span = (start, start + length) if length is not None else (start, (end or start) + 1)
    if "Value" in r:
        v = r["Value"] or {}
        timex = v.get("Timex")
        if not timex:
            return None
        vals = _timex_values(
            timex, [v.get("FutureResolution") or {}, v.get("PastResolution") or {}]
        )
        return Expected(values=frozenset(vals), span=span)
    res = r.get("Resolution")
    if isinstance(res, str):
        return None
    if res is None:
        return Expected(span=span)  # extractor: span only
    if "values" in res:
        model_vals: set[tuple[str, str | None]] = set()
        for item in res["values"]:
            if "value" in item:
                model_vals.add((_norm_t(item["value"]), None))
            if "start" in item and "end" in item:
                model_vals.add((item["start"], item["end"]))
        return Expected(values=frozenset(model_vals), span=span)
    value = str(res.get("value", ""))
    if file.startswith("NumberRange"):
        m = re.fullmatch(r"[\[(](-?[\d.]*),(-?[\d.]*)[\])]", value)
        if not m:
            return None
        lo, hi = (float(x) if x else None for x in m.groups())
        return Expected(lower=lo, upper=hi, span=span)
    if value.endswith("%"):
        return Expected(number=float(value[:-1]), unit="percent", span=span)
    try:
        return Expected(number=float(value), span=span)
    except ValueError:
        return None  # "end+0": relative ordinals are out of scope


_RT_CATEGORY = {
    "Number": "number",
    "Ordinal": "ordinal",
    "Percent": "percent",
    "NumberRange": "range",
}


def recognizers_cases(root: Path, *, extractors: bool = False) -> list[Case]:
    """Cases of ``recognizers-text-ar/Specs`` (DateTime and Number; Choice is not read).

    Parser and model files give resolved values; with ``extractors`` the span-only extractor
    files are read too. ``supported`` is False where the spec says NotSupported for dotnet (the
    only implementation with Arabic).
    """
    base = root / "recognizers-text-ar" / "Specs"
    if not base.is_dir():
        raise ConfigError(f"Recognizers-Text specs not found at {base}")
    out: list[Case] = []
    for path in sorted(base.glob("*/Arabic/*.json")):
        group, name = path.parts[-3], path.stem
        if group == "Choice" or (name.endswith("Extractor") and not extractors):
            continue
        rows = json.loads(path.read_text(encoding="utf-8-sig"))
        if group == "DateTime":
            category = "duration" if name.startswith("Duration") else "time"
        else:
            category = _RT_CATEGORY.get(
                name.replace("Model", "").replace("SuppressExtendedTypes", ""), "number"
            )
        for row in rows:
            ctx = row.get("Context") or {}
            ref = (
                dt.datetime.fromisoformat(ctx["ReferenceDateTime"])
                if "ReferenceDateTime" in ctx
                else None
            )
            if group == "DateTime" and ref is None:
                ref = dt.datetime(2016, 11, 7)
            exp = [_rt_expected(r, name) for r in row.get("Results", [])]
            if any(e is None for e in exp):
                continue
            supported = "dotnet" not in str(row.get("NotSupported", ""))
            out.append(
                Case(
                    "recognizers",
                    category,
                    name,
                    row["Input"],
                    ref,
                    tuple(e for e in exp if e is not None),
                    supported=supported,
                    negative=not exp,
                    held_out=_held_out(row["Input"]),
                )
            )
    return out


# -- scoring ------------------------------------------------------------------------------------


#: units compared after conversion to a base unit (Duckling states grams and litres)


# -- CLI ----------------------------------------------------------------------------------------
def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``marsad eval times``."""
    parser.add_argument(
        "--data",
        type=Path,
        default=Path("../shared/data/temporal"),
        help="folder holding duckling-ar/ and recognizers-text-ar/",
    )
    parser.add_argument("--no-dateparser", action="store_true", help="skip the dateparser run")
    parser.add_argument("--failures", type=int, default=0, help="print this many failures")
    parser.add_argument(
        "--corpora",
        type=Path,
        default=None,
        help="also score publication dates and undated-year estimates on ANT and SaudiNewsNet"
        " from this folder (e.g. ../shared/data/corpora)",
    )
    parser.add_argument(
        "--one-in", type=int, default=60, help="with --corpora: sample one article in this many"
    )


def run(args: argparse.Namespace) -> int:
    """Score times (and durations) and print a table; returns 0."""
    from marsad.eval.temporal_report import report

    return report(args, TIME_CATEGORIES)


QUANTITY_CATEGORIES = ("number", "ordinal", "money", "percent", "unit", "range")
