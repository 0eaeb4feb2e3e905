"""Quantities: numbers with their unit, currency or percent sign, bounds and equivalents.

"أكثر من 20 مليار دولار" is one money quantity (20e9 USD, lower bound 20e9); "نحو 7 في المائة"
an approximate percent; "7500 كيلومتر (4650 ميلًا)" one length with ``equivalent=(4650.0,
"mi")``; "من 10 إلى 20 دولارا" a range with lower and upper. Currency names map to ISO 4217
codes, units to SI/UCUM-like codes (``resources/quantity/units.json``). Numbers that are part of
a date ("11 نوفمبر 2025") are left to :mod:`marsad.extract.times`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from marsad.extract.numbers import NumberMatch, number_at, vague_number_at
from marsad.extract.timex.tokens import PhraseTable, Tok, View, view_of
from marsad.model import Quantity
from marsad.resources import load_json

__all__ = ["find_quantities"]

_CURRENCY_SYMBOLS = frozenset({"$", "€", "£", "¥", "USD", "EUR", "GBP", "US"})


@dataclass(frozen=True, slots=True)
class _Unit:
    kind: str  # money, percent, measure, subunit
    code: str | None
    factor: float = 1.0


@dataclass(frozen=True, slots=True)
class _Tables:
    units: PhraseTable[_Unit]
    approx: PhraseTable[bool]
    lower: PhraseTable[bool]
    upper: PhraseTable[bool]
    range_from: frozenset[str]
    range_to: frozenset[str]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    from marsad.text.normalize import match_key

    data = load_json("quantity", "units.json")
    entries: list[tuple[str, _Unit]] = []
    for code, names in data["currencies"].items():
        entries.extend((n, _Unit("money", code)) for n in names)
    for name, _code in data["generic_currency"].items():
        entries.append((name, _Unit("money", None)))
    for code, names in data["subunits"].items():
        entries.extend((n, _Unit("money", code, 0.01)) for n in names)
    for code, spec in data["units"].items():
        entries.extend((n, _Unit("measure", code)) for n in spec["names"])
    entries.extend((n, _Unit("percent", "percent")) for n in data["percent"])

    def flags(words: list[str]) -> PhraseTable[bool]:
        return PhraseTable((w, True) for w in words)

    return _Tables(
        units=PhraseTable(entries),
        approx=flags(data["approx"]),
        lower=flags(data["lower"]),
        upper=flags(data["upper"]),
        range_from=frozenset(match_key(w) for w in data["range_from"]),
        range_to=frozenset(match_key(w) for w in data["range_to"]),
    )


@dataclass(frozen=True, slots=True)
class _Found:
    start_tok: int
    end_tok: int
    prefix: int
    value: float
    unit: _Unit | None
    approx: bool
    lower: float | None
    upper: float | None
    ordinal: bool
    equivalent: tuple[float, str] | None = None


def find_quantities(text: str, dates: Sequence[tuple[int, int]] | None = None) -> list[Quantity]:
    """Numbers, amounts of money, percentages and measures in ``text``.

    A bare number inside a date or time expression ("27 نوفمبر 2024") is not a quantity.

    Args:
        text: the article text as is.
        dates: the spans of the text's time expressions when they are known already (the
            ``times`` layer); found here when ``None``.

    Returns:
        Quantities in text order; ``text[q.start:q.end] == q.text``.

    Example:
        >>> [(q.value, q.unit, q.lower) for q in find_quantities("أكثر من 20 مليار دولار")]
        [(20000000000.0, 'USD', 20000000000.0)]
    """
    from marsad.extract.times import find_times_unanchored

    view = view_of(text)
    if dates is None:
        dates = [(t.start, t.end) for t in find_times_unanchored(text)]
    out: list[Quantity] = []
    i = 0
    toks = view.toks
    while i < len(toks):
        f = _quantity_at(view, i)
        if f is None:
            i += 1
            continue
        start = toks[f.start_tok].start + f.prefix
        s, e = view.source_span(start, toks[f.end_tok - 1].end)
        if f.unit is None and any(ds <= s and e <= de for ds, de in dates):
            i = f.end_tok
            continue
        if f.unit is None and not f.ordinal and _weak_word(toks, f):
            i = f.end_tok
            continue
        unit = f.unit
        kind = "ordinal" if f.ordinal and unit is None else unit.kind if unit else "number"
        out.append(
            Quantity(
                s,
                e,
                text[s:e],
                f.value,
                unit.code if unit else None,
                f.approx,
                f.lower,
                f.upper,
                kind,
                f.equivalent,
            )
        )
        i = f.end_tok
    return out


def _weak_word(toks: tuple[Tok, ...], f: _Found) -> bool:
    # A lone "أحد" / "ست" is "one of" / "lady" far more often than a number.
    return f.end_tok - f.start_tok == 1 and toks[f.start_tok].text in ("احد", "ست", "ثان")


def _unit_at(toks: tuple[Tok, ...], i: int) -> tuple[_Unit, int] | None:
    m = _tables().units.match(toks, i)
    if m is None:
        return None
    return m[0], m[1]


def _quantity_at(view: View, i: int) -> _Found | None:
    toks = view.toks
    tb = _tables()
    j = i
    approx = False
    bound = 0  # -1 upper, +1 lower
    for table, effect in ((tb.approx, 0), (tb.lower, 1), (tb.upper, -1)):
        m = table.match(toks, j)
        if m is not None:
            if effect == 0:
                approx = True
            else:
                bound = effect
            j = m[1]
            break
    ranged = False
    if j < len(toks) and toks[j].text in tb.range_from:
        ranged, j = True, j + 1
    elif j + 1 < len(toks) and toks[j].text == "ما" and toks[j + 1].text == "بين":
        ranged, j = True, j + 2
    pre_unit: _Unit | None = None
    if j < len(toks) and toks[j].text in _CURRENCY_SYMBOLS:
        u = _unit_at(toks, j)
        if u is not None:
            pre_unit, j = u[0], u[1]
    num = number_at(toks, j, view.text)
    if not ranged and pre_unit is None:
        # "مئات" alone is hundreds, not 100: the indefinite reading wins when as long.
        vague = _vague_at(toks, i, j, bound)
        if vague is not None and (num is None or num.end_tok <= vague.end_tok):
            return vague
    if num is None:
        if j > i and not ranged:
            return None
        return _dual_unit(toks, i) if j == i else None
    k = num.end_tok
    value = num.value
    unit = pre_unit
    upper_v: float | None = None
    # "10-20 دولار", "من 10 الى 20", "من عشرة لعشرين", "10$-20$"
    if unit is None:
        u = _unit_at(toks, k)
        if (
            u is not None
            and u[0].code in ("USD", "EUR", "GBP")
            and toks[k].text in _CURRENCY_SYMBOLS
        ):
            unit, k = u
    r = _range_end(toks, k, ranged)
    if r is not None:
        upper_v, k = r[0].value, r[1]
    if unit is None or upper_v is not None:
        u = _unit_at(toks, k)
        if u is not None:
            unit, k = u
            value *= unit.factor
            if upper_v is not None:
                upper_v *= unit.factor
            if unit.factor != 1.0:
                unit = _Unit(unit.kind, unit.code)
    # "20 دولار و43 سنت"
    if unit is not None and unit.kind == "money" and k < len(toks):
        w = toks[k].text
        kk = k + 1 if w == "و" else k if w.startswith("و") else -1
        if kk >= 0:
            cents = number_at(toks, kk)
            if cents is not None and cents.value < 100:
                sub = _unit_at(toks, cents.end_tok)
                if sub is not None and sub[0].factor == 0.01:
                    value += cents.value * 0.01
                    k = sub[1]
    if unit is not None and unit.kind == "percent" and value != num.value:
        pass
    lower = value if bound > 0 else None
    upper = value if bound < 0 else None
    if upper_v is not None:
        lower, upper = value, upper_v
    # "3.42$ على الاقل", "تقريبا", "أو أقل"
    if k < len(toks):
        m = tb.lower.match(toks, k)
        if m is not None and toks[k].text.startswith("علي"):
            lower, k = value, m[1]
        elif tb.approx.match(toks, k) is not None and toks[k].text.startswith("تقريب"):
            approx, k = True, k + 1
    equivalent = None
    if unit is not None and k + 2 < len(toks) and toks[k].text == "(":
        equivalent, k = _equivalent(view, k)
    prefix = num.prefix if j == i else 0
    start = i if (j > i and (approx or bound or ranged or pre_unit)) else num.start_tok
    if start == num.start_tok:
        prefix = num.prefix
    return _Found(
        start,
        k,
        prefix,
        value,
        unit,
        approx,
        lower,
        upper,
        num.ordinal and unit is None,
        equivalent,
    )


def _vague_at(toks: tuple[Tok, ...], i: int, j: int, bound: int) -> _Found | None:
    """An indefinite count and its currency or unit: "بعشرات المليارات من الدولارات" is
    [1e10, 1e11) USD, approximate; "أكثر من عشرات الآلاف" keeps its lower bound."""
    m = vague_number_at(toks, j)
    if m is None:
        return None
    k = m.end_tok
    unit: _Unit | None = None
    # "مليارات الدولارات", "عشرات الآلاف من الدولارات"
    for at in (k, k + 1) if k < len(toks) and toks[k].text == "من" else (k,):
        u = _unit_at(toks, at) or _defined_unit_at(toks, at)
        if u is not None and u[0].kind in ("money", "measure") and u[0].factor == 1.0:
            unit, k = u
            break
    upper = m.upper if bound >= 0 else m.lower
    lower = m.lower if bound >= 0 else None
    return _Found(
        i if j > i else m.start_tok,
        k,
        m.prefix if j == i else 0,
        m.lower,
        unit,
        True,
        lower,
        upper,
        False,
    )


def _defined_unit_at(toks: tuple[Tok, ...], k: int) -> tuple[_Unit, int] | None:
    """A unit name with the article ("الدولارات", "الأطنان") after an indefinite count."""
    if k >= len(toks) or not toks[k].text.startswith("ال") or len(toks[k].text) < 4:
        return None
    t = toks[k]
    bare = (Tok(t.start + 2, t.end, t.text[2:], t.kind), *toks[k + 1 : k + 3])
    u = _unit_at(bare, 0)
    if u is None:
        return None
    return u[0], k + u[1]


def _range_end(toks: tuple[Tok, ...], k: int, ranged: bool) -> tuple[NumberMatch, int] | None:
    """The upper end of a range after its first number: "- 20", "الى 20", "لعشرين"."""
    tb = _tables()
    if k >= len(toks):
        return None
    w = toks[k].text
    nxt: NumberMatch | None = None
    if w == "-" or (ranged and w in tb.range_to):
        if k + 1 < len(toks) and toks[k + 1].text in _CURRENCY_SYMBOLS:
            k += 1
        nxt = number_at(toks, k + 1)
    elif ranged and toks[k].kind == "word" and w[0] in "لو" and len(w) > 2:
        nxt = number_at(toks, k)
    if nxt is None:
        return None
    return nxt, nxt.end_tok


def _equivalent(view: View, k: int) -> tuple[tuple[float, str] | None, int]:
    toks = view.toks
    j = k + 1
    m = _tables().approx.match(toks, j)
    if m is not None:
        j = m[1]
    num = number_at(toks, j, view.text)
    if num is None:
        return None, k
    u = _unit_at(toks, num.end_tok)
    if u is None or u[0].code is None:
        return None, k
    end = u[1]
    if end < len(toks) and toks[end].text == ")":
        return (num.value * u[0].factor, u[0].code), end + 1
    return None, k


def _dual_unit(toks: tuple[Tok, ...], i: int) -> _Found | None:
    """A dual unit alone: "لتران", "أونصتين" (2 of the unit)."""
    if i >= len(toks) or toks[i].kind != "word":
        return None
    w = toks[i].text
    if not (w.endswith("ان") or w.endswith("ين")) or len(w) < 5:
        return None
    u = _unit_at(toks, i)
    if u is None or u[0].kind != "measure" or u[1] != i + 1:
        return None
    return _Found(i, i + 1, 0, 2.0, u[0], False, None, None, False)
