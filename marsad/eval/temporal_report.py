"""The report of ``marsad eval times`` / ``marsad eval quantities``, and the dateparser run."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from marsad.eval.temporal import Case, duckling_cases, recognizers_cases
from marsad.eval.temporal_score import failures, score

__all__ = ["dateparser_score", "load_cases", "report"]

logger = logging.getLogger(__name__)

_DAYLIKE = re.compile(r"\d{4}(-\d\d){0,2}")


def load_cases(data: Path, categories: Iterable[str]) -> list[Case]:
    """Duckling and Recognizers-Text cases of the given categories."""
    cats = set(categories)
    cases = duckling_cases(data) + recognizers_cases(data)
    return [c for c in cases if c.category in cats]


def _as(value: dt.datetime, expected: str) -> str:
    return value.date().isoformat()[: len(expected)]


def dateparser_score(cases: Iterable[Case]) -> dict[str, tuple[int, int]]:
    """dateparser on the date cases (one expected day, month or year value): a case is correct
    when ``dateparser.parse`` of the text, or any date ``search_dates`` finds in it, equals it."""
    import dateparser  # type: ignore[import-untyped]
    from dateparser.search import search_dates  # type: ignore[import-untyped]

    table: dict[str, list[int]] = {}
    for case in cases:
        if case.negative or case.category != "time" or len(case.expected) != 1:
            continue
        values = case.expected[0].values
        if not values or any(e is not None or not _DAYLIKE.fullmatch(v) for v, e in values):
            continue
        ref = (case.ref or dt.datetime(2013, 2, 12, 4, 30)).replace(tzinfo=None)
        settings = {"RELATIVE_BASE": ref, "PREFER_DATES_FROM": "current_period"}
        found: list[dt.datetime] = []
        try:
            d = dateparser.parse(case.text, languages=["ar"], settings=settings)
            if d is not None:
                found.append(d)
            hits = search_dates(case.text, languages=["ar"], settings=settings)
            found.extend(h[1] for h in hits or [])
        except (ValueError, OverflowError, TypeError) as exc:
            logger.debug("dateparser failed on %r: %s", case.text, exc)
        ok = any(_as(f, v) == v for f in found for v, _ in values)
        part = "unsupported" if not case.supported else "held-out" if case.held_out else "dev"
        for key in (f"{case.dataset}/dates/{part}", f"{case.dataset}/dates/all"):
            row = table.setdefault(key, [0, 0])
            row[0] += int(ok)
            row[1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(table.items())}


def _print_table(title: str, table: dict[str, tuple[int, int]]) -> None:
    out = sys.stdout
    out.write(f"\n{title}\n")
    for key, (ok, n) in table.items():
        out.write(f"  {key:<40} {ok:>5}/{n:<5} {ok / n if n else 0.0:.3f}\n")


def report(args: argparse.Namespace, categories: Iterable[str]) -> int:
    """Score, print per dataset/category/part, optionally dateparser and failures."""
    cases = load_cases(args.data, categories)
    table = score(cases)
    _print_table("marsad: resolved-value accuracy (correct/total)", table)
    if getattr(args, "no_dateparser", True) is False:
        dp_cases = [c for c in cases if c.category == "time"]
        mine = score(c for c in dp_cases if _is_datelike(c))
        _print_table(
            "marsad on the date cases dateparser is scored on",
            {k.replace("/time/", "/dates/"): v for k, v in mine.items()},
        )
        _print_table("dateparser on the same date cases", dateparser_score(dp_cases))
    by_source: dict[str, tuple[int, int]] = {}
    for case in cases:
        if case.dataset == "recognizers" and case.supported:
            ok, n = score([case]).get(f"recognizers/{case.category}/all", (0, 0))
            row = by_source.get(f"recognizers/{case.source}", (0, 0))
            by_source[f"recognizers/{case.source}"] = (row[0] + ok, row[1] + n)
    _print_table("marsad per Recognizers-Text spec (supported)", dict(sorted(by_source.items())))
    corpora = getattr(args, "corpora", None)
    if corpora is not None:
        _print_estimates(corpora, int(getattr(args, "one_in", 60)))
    if args.failures:
        out = sys.stdout
        out.write("\nfailures:\n")
        for k, (case, preds) in enumerate(failures(c for c in cases if c.supported)):
            if k >= args.failures:
                break
            exp = [sorted(e.values) or (e.number, e.unit, e.lower, e.upper) for e in case.expected]
            got = [(p.value or p.number, p.end_value or p.unit, p.lower, p.upper) for p in preds]
            out.write(
                f"  [{case.source}] {case.text!r}\n      expected {exp}\n      got      {got}\n"
            )
    return 0


def _is_datelike(case: Case) -> bool:
    if case.negative or len(case.expected) != 1:
        return False
    values = case.expected[0].values
    return bool(values) and all(e is None and _DAYLIKE.fullmatch(v) for v, e in values)


def _print_estimates(corpora: Path, one_in: int) -> None:
    from marsad.eval.temporal_estimate import dated_articles, score_estimates, score_pubdates

    arts = dated_articles(corpora, one_in)
    pub = score_pubdates(arts)
    est = score_estimates(arts)
    out = sys.stdout
    out.write(f"\ndated articles sampled from {corpora}: {len(arts)}\n")
    out.write(
        f"  publication date read from the text: {pub.found} found,"
        f" {pub.exact} exact, {pub.within_day} within a day"
        f" (precision {pub.precision:.3f})\n"
    )
    out.write(
        f"  undated-year estimate (date hidden): {est.n - est.undated} estimated,"
        f" right year {est.right_year} ({est.year_accuracy:.3f}), wrong {est.wrong_year},"
        f" within 31 days {est.within_31_days}, left undated {est.undated}"
        f" ({est.undated_share:.3f})\n"
    )
