"""``marsad extract``: times and quantities of JSON Lines texts, as JSON Lines."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from marsad.errors import ConfigError

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    """Adds the ``extract`` subcommand."""
    p = sub.add_parser("extract", help="find times and quantities in JSON Lines texts")
    p.add_argument(
        "input", nargs="?", type=Path, help='JSON Lines of {"text": ...} (default: stdin)'
    )
    p.add_argument(
        "--ref",
        help="reference date or datetime (ISO) that relative times resolve to; "
        'default: each line\'s "published", else unresolved',
    )
    p.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    p.set_defaults(func=run)


def _ref(value: str | None) -> dt.datetime | dt.date | None:
    if not value:
        return None
    try:
        if len(value) <= 10:
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(f"--ref {value!r} is not an ISO date or datetime ({exc})") from exc


def extract_line(text: str, ref: dt.datetime | dt.date | None) -> dict[str, Any]:
    """The times and quantities of one text as a JSON-ready dict."""
    from marsad.extract.quantities import find_quantities
    from marsad.extract.times import find_times, find_times_unanchored

    times = find_times(text, ref) if ref is not None else find_times_unanchored(text)
    return {
        "times": [
            {
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "value": t.value,
                "end_value": t.end_value,
                "granularity": t.granularity,
                "kind": t.kind,
            }
            for t in times
        ],
        "quantities": [
            {
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "value": q.value,
                "unit": q.unit,
                "kind": q.kind,
                "approx": q.approx,
                "lower": q.lower,
                "upper": q.upper,
                "equivalent": list(q.equivalent) if q.equivalent else None,
            }
            for q in find_quantities(text)
        ],
    }


def _process(src: TextIO, out: TextIO, ref: dt.datetime | dt.date | None) -> int:
    status = 0
    for n, line in enumerate(src, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text = row["text"]
            if not isinstance(text, str):
                raise TypeError("text is not a string")
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            sys.stderr.write(f"line {n}: skipped ({exc})\n")
            status = 1
            continue
        line_ref = ref if ref is not None else _ref(row.get("published"))
        result = {
            "line": n,
            **({"id": row["id"]} if "id" in row else {}),
            **extract_line(text, line_ref),
        }
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return status


def run(args: argparse.Namespace) -> int:
    """Runs ``marsad extract``; 1 when a line was skipped, 2 on a bad argument."""
    try:
        ref = _ref(args.ref)
    except ConfigError as exc:
        sys.stderr.write(f"marsad extract: {exc}\n")
        return 2
    src: TextIO = args.input.open(encoding="utf-8") if args.input else sys.stdin
    out: TextIO = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    try:
        return _process(src, out, ref)
    finally:
        if args.input:
            src.close()
        if args.output:
            out.close()
