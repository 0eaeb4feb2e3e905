"""Scoring marsad's predictions against the converted expected values of
:mod:`marsad.eval.temporal`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from marsad.eval.temporal import DUCKLING_REF, TIME_CATEGORIES, Case, Expected

__all__ = ["Predicted", "case_correct", "failures", "predict", "score"]


@dataclass(frozen=True, slots=True)
class Predicted:
    start: int
    end: int
    value: str = ""
    end_value: str | None = None
    number: float | None = None
    unit: str | None = None
    lower: float | None = None
    upper: float | None = None
    kind: str = ""


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def _time_ok(p: Predicted, values: frozenset[tuple[str, str | None]]) -> bool:
    for v, e in values:
        pv, pe = p.value, p.end_value
        if v.startswith("T") and "T" in pv:
            pv = pv[pv.index("T") :]
            pe = pe[pe.index("T") :] if pe and "T" in pe else pe
        if pv == v and (e is None or pe == e):
            return True
    return False


_TO_BASE = {
    "kg": ("g", 1000.0),
    "mg": ("g", 0.001),
    "ml": ("l", 0.001),
    "hl": ("l", 100.0),
    "Cel": ("deg", 1.0),
}


def _base(value: float | None, unit: str | None) -> tuple[float | None, str | None]:
    if value is None or unit not in _TO_BASE:
        return value, unit
    code, factor = _TO_BASE[unit]
    return value * factor, code


def _quantity_ok(p: Predicted, e: Expected, category: str) -> bool:
    if category == "unit" and p.number is not None:
        number, unit = _base(p.number, p.unit)
        p = Predicted(p.start, p.end, number=number, unit=unit, kind=p.kind)
        enum, eunit = _base(e.number, e.unit)
        e = Expected(number=enum, unit=eunit, span=e.span)
    if e.lower is not None or e.upper is not None:
        if not (_close(p.lower, e.lower) and _close(p.upper, e.upper)):
            return False
        return e.unit is None or (p.unit or "") in e.unit.split("|")
    if not _close(p.number, e.number):
        return False
    if category == "ordinal":
        return p.kind == "ordinal"
    if e.unit is not None:
        return (p.unit or "") in e.unit.split("|")
    return True


def case_correct(case: Case, preds: list[Predicted]) -> bool:
    """Whether the predictions of one case give every expected value."""
    if case.negative:
        return not preds
    for e in case.expected:
        cands = preds
        if e.span is not None:
            cands = [p for p in preds if p.start < e.span[1] and e.span[0] < p.end] or preds
        if e.values:
            if not any(_time_ok(p, e.values) for p in cands):
                return False
        elif e.number is not None or e.lower is not None or e.upper is not None:
            if not any(_quantity_ok(p, e, case.category) for p in cands):
                return False
        elif (
            not any(p.start <= e.span[0] + 1 and abs(p.end - e.span[1]) <= 1 for p in cands)
            if e.span
            else False
        ):
            return False
    return True


def predict(case: Case) -> list[Predicted]:
    """marsad's predictions for a case (times or quantities, by category)."""
    if case.category in TIME_CATEGORIES:
        from marsad.extract.times import find_times

        ref = case.ref or DUCKLING_REF
        return [
            Predicted(t.start, t.end, t.value, t.end_value, kind=t.kind)
            for t in find_times(case.text, ref)
        ]
    from marsad.extract.quantities import find_quantities

    return [
        Predicted(
            q.start, q.end, number=q.value, unit=q.unit, lower=q.lower, upper=q.upper, kind=q.kind
        )
        for q in find_quantities(case.text)
    ]


def score(cases: Iterable[Case]) -> dict[str, tuple[int, int]]:
    """``{"dataset/category/part": (correct, total)}`` with ``part`` dev, held-out, unsupported."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in cases:
        ok = case_correct(case, predict(case))
        part = "unsupported" if not case.supported else "held-out" if case.held_out else "dev"
        for key in (
            f"{case.dataset}/{case.category}/{part}",
            f"{case.dataset}/{case.category}/all",
        ):
            table[key][0] += int(ok)
            table[key][1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(table.items())}


def failures(cases: Iterable[Case]) -> Iterator[tuple[Case, list[Predicted]]]:
    for case in cases:
        preds = predict(case)
        if not case_correct(case, preds):
            yield case, preds
