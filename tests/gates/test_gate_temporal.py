"""Gate: resolved-value accuracy of times and quantities on Duckling and Recognizers-Text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from marsad.eval.temporal import duckling_cases, recognizers_cases
from marsad.eval.temporal_score import score


def _acc(table: dict[str, tuple[int, int]], keys: list[str]) -> float:
    ok = sum(table.get(k, (0, 0))[0] for k in keys)
    n = sum(table.get(k, (0, 0))[1] for k in keys)
    return ok / n if n else 0.0


def test_gate_temporal_duckling_core(
    shared_data: Path, check_floor: Callable[[str, float], None]
) -> None:
    table = score(
        c
        for c in duckling_cases(shared_data / "temporal")
        if c.category in ("time", "number", "ordinal", "money")
    )
    keys = [f"duckling/{c}/all" for c in ("time", "number", "ordinal", "money")]
    check_floor("temporal_duckling_core_accuracy", _acc(table, keys))
    check_floor("temporal_duckling_time_accuracy", _acc(table, ["duckling/time/all"]))


def test_gate_temporal_recognizers_datetime(
    shared_data: Path, check_floor: Callable[[str, float], None]
) -> None:
    cases = [
        c
        for c in recognizers_cases(shared_data / "temporal")
        if c.category in ("time", "duration") and c.supported
    ]
    table = score(cases)
    keys = [f"recognizers/{c}/{p}" for c in ("time", "duration") for p in ("dev", "held-out")]
    check_floor("temporal_recognizers_datetime_accuracy", _acc(table, keys))


def test_gate_temporal_recognizers_numbers(
    shared_data: Path, check_floor: Callable[[str, float], None]
) -> None:
    cases = [
        c
        for c in recognizers_cases(shared_data / "temporal")
        if c.category in ("number", "ordinal", "percent") and c.supported
    ]
    table = score(cases)
    keys = [
        f"recognizers/{c}/{p}"
        for c in ("number", "ordinal", "percent")
        for p in ("dev", "held-out")
    ]
    check_floor("temporal_recognizers_numbers_accuracy", _acc(table, keys))
