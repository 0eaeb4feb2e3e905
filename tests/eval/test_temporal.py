"""Converters from the corpora's expected-value formats, and the scorer."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.eval.temporal import Case, Expected, _timex_values, convert_duckling
from marsad.eval.temporal_score import Predicted, case_correct


@pytest.mark.parametrize(
    ("dimension", "expected", "category", "values"),
    [
        ("Time_AR", "datetime (2013, 2, 12, 0, 0, 0) Day", "time", {("2013-02-12", None)}),
        ("Time_AR", "datetime (2013, 2, 4, 0, 0, 0) Week", "time", {("2013-W06", None)}),
        ("Time_AR", "datetime (2013, 1, 1, 0, 0, 0) Month", "time", {("2013-01", None)}),
        ("Time_AR", "datetime (2013, 2, 12, 15, 0, 0) Hour", "time", {("2013-02-12T15:00", None)}),
        (
            "Time_AR",
            "datetimeInterval ((2013, 7, 13, 0, 0, 0), (2013, 7, 16, 0, 0, 0)) Day",
            "time",
            {("2013-07-13", "2013-07-15")},
        ),
        ("Duration_AR", "DurationData 2 Minute", "duration", {("PT2M", None)}),
    ],
)
def test_temporal_convert_duckling_times(
    dimension: str, expected: str, category: str, values: set[tuple[str, str | None]]
) -> None:
    conv = convert_duckling(dimension, expected)
    assert conv is not None
    assert conv[0] == category
    assert set(conv[1].values) == values


@pytest.mark.parametrize(
    ("expected", "number", "unit", "lower", "upper"),
    [
        ("simple Dollar 1e4", 10000.0, "USD", None, None),
        ("simple Cent 10", 0.1, "USD", None, None),
        ("between Dollar (10, 20)", None, "USD", 10.0, 20.0),
        ("under EUR 7", None, "EUR", None, 7.0),
        ("above Dollar 3.42", None, "USD", 3.42, None),
    ],
)
def test_temporal_convert_duckling_money(
    expected: str, number: float | None, unit: str, lower: float | None, upper: float | None
) -> None:
    conv = convert_duckling("AmountOfMoney_AR", expected)
    assert conv is not None and conv[0] == "money"
    e = conv[1]
    assert (e.number, e.unit, e.lower, e.upper) == (
        pytest.approx(number) if number is not None else None,
        unit,
        lower,
        upper,
    )


@pytest.mark.parametrize(
    ("timex", "resolutions", "values"),
    [
        (
            "XXXX-10-02",
            [{"date": "2017-10-02"}, {"date": "2016-10-02"}],
            {("2017-10-02", None), ("2016-10-02", None)},
        ),
        ("2016-W45", [], {("2016-W45", None)}),
        ("T07", [], {("T07:00", None)}),
        ("P3D", [], {("P3D", None)}),
        ("(2016-11-04,2016-11-22,P18D)", [], {("2016-11-04", "2016-11-22")}),
    ],
)
def test_temporal_timex_values_from_recognizers(
    timex: str, resolutions: list[dict[str, str]], values: set[tuple[str, str | None]]
) -> None:
    assert _timex_values(timex, resolutions) == values


def _case(expected: Expected, category: str = "time", negative: bool = False) -> Case:
    return Case(
        "t",
        category,
        "t",
        "نص",
        dt.datetime(2016, 11, 7),
        (expected,) if not negative else (),
        negative=negative,
    )


def test_temporal_case_correct_matches_time_part_and_span() -> None:
    e = Expected(values=frozenset({("T07:00", None)}), span=(6, 13))
    assert case_correct(_case(e), [Predicted(6, 13, "2016-11-07T07:00")])
    assert not case_correct(_case(e), [Predicted(6, 13, "2016-11-07T08:00")])


def test_temporal_case_correct_negative_and_quantity() -> None:
    assert case_correct(_case(Expected(), negative=True), [])
    assert not case_correct(_case(Expected(), negative=True), [Predicted(0, 2, "2016")])
    money = Expected(number=10.0, unit="USD")
    assert case_correct(_case(money, "money"), [Predicted(0, 5, number=10.0, unit="USD")])
    assert not case_correct(_case(money, "money"), [Predicted(0, 5, number=10.0, unit="EUR")])
