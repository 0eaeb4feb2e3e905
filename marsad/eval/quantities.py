"""``marsad eval quantities``: numbers, ordinals, money, percentages and units on Duckling's and
Recognizers-Text's Arabic corpora (readers and scorer in :mod:`marsad.eval.temporal`)."""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``marsad eval quantities``."""
    parser.add_argument(
        "--data",
        type=Path,
        default=Path("../shared/data/temporal"),
        help="folder holding duckling-ar/ and recognizers-text-ar/",
    )
    parser.add_argument("--failures", type=int, default=0, help="print this many failures")


def run(args: argparse.Namespace) -> int:
    """Score and print the table; returns 0."""
    from marsad.eval.temporal import QUANTITY_CATEGORIES
    from marsad.eval.temporal_report import report

    args.no_dateparser = True
    return report(args, QUANTITY_CATEGORIES)
